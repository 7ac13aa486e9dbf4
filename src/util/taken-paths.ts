import { Project } from 'projen';
import { invalidOption } from './validate';

/** A file a construct is about to write, and the option that chose its path. */
export interface PathOfOption {
  readonly option: string;
  readonly path: string | undefined;
}

/**
 * Refuses, before anything is written, a path that another file of the project (another image's
 * Dockerfile, a definition, a projen file) already takes: projen would fail without naming the option.
 */
export function refuseTakenPaths(owner: string, project: Project, paths: PathOfOption[]): void {
  const seen = new Set<string>();
  for (const { option, path } of paths) {
    if (path === undefined) continue;
    if (seen.has(path) || project.tryFindFile(path) !== undefined) {
      throw invalidOption(owner, option, path, 'a path no other file of the project is written to (e.g. "Dockerfile.gpu" for a second image)');
    }
    seen.add(path);
  }
}
