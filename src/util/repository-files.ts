/*
 * The repository's own .gitignore and .gitattributes in any projen project: projen replaces both
 * with what the project holds, so a file the user wrote loses every line the project lacks. Every
 * construct of this library keeps them: synthesis that would drop a line leaves the file as it was
 * and fails, naming the lines and how to keep them.
 */
import { chmodSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Component, Project } from 'projen';
import { isUsersFile, releaseFromProjen } from './user-files';
import { invalidOption } from './validate';

/** The ignore files projen writes and the option of PixiProject that carries each one's own lines. */
export const REPOSITORY_FILES = [
  { file: '.gitignore', option: 'gitignore' },
  { file: '.gitattributes', option: 'gitattributes' },
] as const;

/** The lines of a file the user wrote (not projen), without blank and comment lines; undefined otherwise. */
export function usersLines(outdir: string, file: string): string[] | undefined {
  const path = join(outdir, file);
  if (!isUsersFile(path)) return undefined;
  return readFileSync(path, 'utf8').split(/\r?\n/).filter((line) => line.trim() !== '' && !line.trimStart().startsWith('#'));
}

/** The lines of a file that say something, trimmed, for comparing what was with what is written. */
function meaningfulLines(text: string): string[] {
  return text.split(/\r?\n/).map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

/** Projects already guarded, shared by every copy of this library in the process. */
const GUARDED: WeakSet<Project> = ((globalThis as any)[Symbol.for('projen-pixi.repository-files')] ??= new WeakSet());

/**
 * Makes the project keep the lines of a `.gitignore` and `.gitattributes` the user wrote: called by
 * every construct of this library, once per project.
 * @param project the project whose directory holds the files
 * @param owner the construct that asks, named in the error
 */
export function keepRepositoryFiles(project: Project, owner: string): void {
  if (GUARDED.has(project)) return;
  GUARDED.add(project);
  new RepositoryFilesGuard(project, owner);
}

/** What the user's file held before synthesis, to put back. */
interface Original {
  readonly file: string;
  readonly text: string;
  readonly mode: number;
}

/**
 * Compares the files projen wrote with the user's: projen has no public way to read what an ignore
 * file will hold, so the check reads what it wrote (this component synthesizes after the project's
 * own files, which the project creates first) and puts the user's file back when a line is missing.
 */
class RepositoryFilesGuard extends Component {
  private originals: Original[] = [];

  constructor(project: Project, private readonly owner: string) {
    super(project, 'projen-pixi.RepositoryFilesGuard');
  }

  public preSynthesize(): void {
    this.originals = REPOSITORY_FILES.map(({ file }) => file)
      .filter((file) => isUsersFile(join(this.project.outdir, file)))
      .map((file) => {
        const path = join(this.project.outdir, file);
        return { file, text: readFileSync(path, 'utf8'), mode: statSync(path).mode };
      });
  }

  public synthesize(): void {
    const outdir = this.project.outdir;
    // Every file is put back before the first error is thrown: projen has written both by now.
    const errors = this.originals.map((original) => this.restoreIfShort(outdir, original)).filter((e) => e !== undefined);
    if (errors.length > 0) throw errors[0];
  }

  /** Puts the user's file back when what projen wrote lacks a line of it; returns the error to throw. */
  private restoreIfShort(outdir: string, original: Original): Error | undefined {
    const path = join(outdir, original.file);
    let written: string;
    try {
      written = readFileSync(path, 'utf8');
    } catch {
      return undefined; // projen wrote none: the user's file was not touched either
    }
    const missing = missingLines(original.file, meaningfulLines(original.text), meaningfulLines(written));
    if (missing.length === 0) return undefined;
    chmodSync(path, 0o644);
    writeFileSync(path, original.text);
    chmodSync(path, original.mode);
    releaseFromProjen(outdir, original.file);
    const keep = original.file === '.gitignore'
      ? `project.gitignore.addPatterns(${missing.map((line) => JSON.stringify(line)).join(', ')})`
      : missing.map((line) => `project.gitattributes.addAttributes(${line.split(/\s+/).map((word) => JSON.stringify(word)).join(', ')})`).join('; ');
    return invalidOption(this.owner, original.file, path,
      `a ${original.file} whose every line the project keeps: ${original.file} in ${outdir} was not written by projen, `
      + `and projen would replace it without the lines ${JSON.stringify(missing)}; keep them with ${keep} in the projenrc `
      + `(projen then writes ${original.file} with them), or remove ${original.file}. It was left as it was`);
  }
}

/** The user's lines that the written file lacks; `.gitattributes` lines compared by pattern and attributes, as projen merges them. */
function missingLines(file: string, users: string[], written: string[]): string[] {
  if (file !== '.gitattributes') return users.filter((line) => !written.includes(line));
  const attributes = new Map<string, Set<string>>();
  for (const line of written) {
    const [pattern, ...rest] = line.split(/\s+/);
    attributes.set(pattern, new Set([...attributes.get(pattern) ?? [], ...rest]));
  }
  return users.filter((line) => {
    const [pattern, ...rest] = line.split(/\s+/);
    const has = attributes.get(pattern);
    return has === undefined || rest.some((attribute) => !has.has(attribute));
  });
}
