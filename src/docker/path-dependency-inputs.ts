import { keepsWorkspacePath } from './image-sources';
import { SOURCE_TARGET, TUTORIAL_ENTRYPOINT_PATH, WORKDIR } from './layout';
import type { ImageSource } from './options';
import { DockerRecipe } from './recipe';
import { PixiPathDependency } from '../pixi/pixi-workspace-interface';
import { isOutside, isWithin } from '../util/paths';
import { invalidOption } from '../util/validate';

const OWNER = 'PixiDockerImage';

/**
 * Checks that the image can build the environment's path dependencies, and returns the install
 * inputs the final stage needs as well.
 *
 * `pixi install` builds a path dependency from its files (pixi#1439), so the OPTIMIZED recipe,
 * which copies only the manifest and the lock, must also copy them: some `installInputs` entry
 * must hold the dependency or lie inside it. An editable dependency stays a link to those files,
 * so the inputs that make it up are returned for the final stage too, at the same path.
 *
 * @param environment the environment the image installs
 * @param dependencies its path dependencies
 * @param recipe the Dockerfile recipe (TUTORIAL copies the whole context)
 * @param installInputs the validated, normalized `installInputs`
 */
export function checkPathDependencies(
  environment: string, dependencies: PixiPathDependency[], recipe: DockerRecipe, installInputs: string[],
): string[] {
  const runtimeInputs = new Set<string>();
  for (const dependency of dependencies) {
    const origin = `${dependency.table}.${dependency.name}, path "${dependency.path}", environment "${environment}"`;
    if (isOutside(dependency.path)) {
      // pixi keeps an absolute path and expands ~/ on the installing machine (crates/pixi_spec/src/path.rs).
      const absolute = dependency.path.startsWith('..') ? ''
        : `; pixi reads "${dependency.path}" on the machine that installs, which in an image build is the build stage, where no such path exists: move the package into the workspace and give its relative path`;
      throw invalidOption(OWNER, `path dependency (${origin})`, dependency.path,
        `a path inside the workspace directory, the build context: a Dockerfile cannot copy files from outside it${absolute}`);
    }
    if (recipe === DockerRecipe.TUTORIAL) continue;
    for (const needed of dependency.inputs ?? [dependency.path]) {
      const via = needed === dependency.path ? '' : `, which builds from "${needed}"`;
      if (isOutside(needed)) {
        throw invalidOption(OWNER, `path dependency (${origin}${via})`, needed,
          'a path inside the workspace directory, the build context: a Dockerfile cannot copy files from outside it');
      }
      const inputs = installInputs.filter((input) => isWithin(input, needed) || isWithin(needed, input));
      if (inputs.length === 0) {
        const example = needed === '.' ? '["src"] or the package directory' : `["${needed}"]`;
        // Everything it takes, in one message: an editable src lands on /app/src, where the sources go.
        const editable = needed === '.' && dependency.editable ? '; an editable "src" also needs copySources: false, as it is kept at /app/src' : '';
        throw invalidOption(OWNER, 'installInputs', installInputs,
          `entries holding the files pixi install reads for "${dependency.name}" (${origin}${via}), e.g. ${example}, plus any other file its build reads (a readme or license file its [project] names)${editable}`);
      }
      if (dependency.editable) inputs.forEach((input) => runtimeInputs.add(input));
    }
  }
  return [...runtimeInputs];
}

/** A workspace file or directory the final image holds at `/app/<path>`, and the option or table that puts it there. */
export interface WorkspacePathInImage {
  readonly path: string;
  readonly origin: string;
}

/** What the final stage puts in the work directory itself: the environments and the TUTORIAL entrypoint. */
function reservedPaths(recipe: DockerRecipe): string[] {
  return [`${WORKDIR}/.pixi`, ...(recipe === DockerRecipe.TUTORIAL ? [TUTORIAL_ENTRYPOINT_PATH] : [])];
}

/**
 * Refuses workspace files the final image holds at their own path (editable install inputs,
 * activation scripts) when they would land on what the final stage puts in the work directory
 * itself (the environments, the TUTORIAL entrypoint) or on a source copied elsewhere than its own
 * workspace path (the lesson's `app` at `/app/src`), where one copy would silently merge with or replace
 * the other. A source kept at its workspace path holds the same files: no clash.
 */
export function checkWorkspacePathsInImage(
  paths: WorkspacePathInImage[], recipe: DockerRecipe, sources: readonly ImageSource[], lessonLayout: boolean,
): void {
  const moved = sources.filter((source) => !keepsWorkspacePath(source)).map((source) => source.to!);
  for (const { path, origin } of paths) {
    const target = `${WORKDIR}/${path}`;
    const clash = [...reservedPaths(recipe), ...moved].find((reserved) => isWithin(target, reserved) || isWithin(reserved, target));
    if (clash === undefined) continue;
    const fix = lessonLayout && clash === SOURCE_TARGET
      ? 'set copySources: false (the workspace file is in the image already) or keep it elsewhere'
      : moved.includes(clash)
        ? `a source kept at its own path (to left out), or one that does not cover ${target}`
        : `a path other than ${clash}, which the image uses itself`;
    throw invalidOption(OWNER, origin, path,
      `a path the final image can hold at ${target}: it would overlap ${clash}; ${fix}`);
  }
}
