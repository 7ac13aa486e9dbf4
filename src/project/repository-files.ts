/*
 * The repository's own .gitignore and .gitattributes: projen writes both files, so the lines the
 * user had, and the ones `pixi init` writes, must reach them through the options.
 */
import { Project } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { SIF_IMAGES } from '../apptainer/sif-images';
import { PIXI_GITATTRIBUTES, PIXI_GITIGNORE } from '../pixi/repository-lines';
import { REPOSITORY_FILES, usersLines } from '../util/repository-files';
import { hasControlCharacter, invalidOption } from '../util/validate';

/**
 * Refuses to replace a `.gitignore` or `.gitattributes` the user wrote when a line of it is missing
 * from the option that would carry it: synthesis would drop the line, and `git add` then stage what
 * the user had ignored.
 */
export function refuseToLoseLines(outdir: string, file: string, option: string, given: readonly string[], names: OptionNames): void {
  const lines = usersLines(outdir, file);
  const missing = (lines ?? []).filter((line) => !given.includes(line));
  if (missing.length === 0) return;
  throw invalidOption(names.owner, names.of(option), given,
    `every line of ${file} in ${outdir}, which projen did not write and would replace: add the missing lines ${JSON.stringify(missing)} `
    + `(projen then writes ${file} with them), or remove ${file}`);
}

/** Adds pixi's lines and the user's to the project's `.gitignore` and `.gitattributes`. */
export function addRepositoryLines(project: Project, gitignore: readonly string[], gitattributes: readonly string[], names: OptionNames): void {
  for (const [option, lines] of [['gitignore', gitignore], ['gitattributes', gitattributes]] as const) {
    const bad = lines.find((line) => hasControlCharacter(line) || line.trim() === '');
    if (bad !== undefined) {
      throw invalidOption(names.owner, names.of(option), bad, 'one non-empty line each');
    }
  }
  project.gitignore.addPatterns(...PIXI_GITIGNORE, SIF_IMAGES, ...gitignore);
  for (const line of [PIXI_GITATTRIBUTES, ...gitattributes]) {
    const [pattern, ...attributes] = line.trim().split(/\s+/);
    if (attributes.length === 0) {
      throw invalidOption(names.owner, names.of('gitattributes'), line, '"<pattern> <attribute>..." lines');
    }
    project.gitattributes.addAttributes(pattern, ...attributes);
  }
}

/**
 * The lines of `.gitignore` and `.gitattributes` beside projen's: the options' and, while
 * `projen new` runs, those of the files the repository had (which `.projenrc.js` then carries);
 * added to the project with pixi's own.
 */
export function repositoryLines(project: Project, options: PixiProjectOptions, names: OptionNames, creating: boolean): Record<'gitignore' | 'gitattributes', string[]> {
  const lines = Object.fromEntries(REPOSITORY_FILES.map(({ file, option }) => {
    const given = options[option] ?? [];
    if (!creating) refuseToLoseLines(project.outdir, file, option, given, names);
    const found = creating ? (usersLines(project.outdir, file) ?? []).filter((line) => !given.includes(line)) : [];
    return [option, [...given, ...found]];
  })) as Record<'gitignore' | 'gitattributes', string[]>;
  addRepositoryLines(project, lines.gitignore, lines.gitattributes, names);
  return lines;
}
