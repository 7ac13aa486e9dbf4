/*
 * What every image of a PixiProject copies: the source directory (given, found, or a sample) and
 * the install inputs, each of which must exist, so that the first `docker build` works.
 */
import { existsSync } from 'fs';
import { join } from 'path';
import { Project, SampleDir } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { invalidOption } from '../util/validate';

/** The source directory a new project gets, with a sample file so that its images build. */
const SAMPLE_SOURCE_DIR = 'app';

const SAMPLE_SOURCE_README = [
  '# Sources',
  '',
  'This directory is copied to `/app/src` in every image (`sourceDir` in `.projenrc.js`). Put your code here.',
  '',
].join('\n');

/** The sources the images copy. */
export interface ProjectSources {
  readonly copySources: boolean;
  /** The directory given, or the one found; undefined means the images' default, `app`, or that `sources` says. */
  readonly sourceDir?: string;
  /** Whether `sourceDir` was found in the repository rather than given. */
  readonly found: boolean;
}

/**
 * The directory given, else `app/`, else the `src/` a repository has, else `app/` with a sample
 * (created now, before the images, so it is written before they check that their sources exist);
 * none of them when `sources` says what the images copy. Throws, naming the option, when a path given does not exist.
 */
export function chooseSources(project: Project, options: PixiProjectOptions, names: OptionNames): ProjectSources {
  const exists = (path: string) => existsSync(join(project.outdir, path));
  const copySources = options.copySources ?? true;
  let sourceDir = options.sourceDir;
  const lessonLayout = options.sources === undefined;
  if (lessonLayout && copySources && sourceDir === undefined && !exists(SAMPLE_SOURCE_DIR)) {
    if (exists('src')) sourceDir = 'src';
    else new SampleDir(project, SAMPLE_SOURCE_DIR, { files: { 'README.md': SAMPLE_SOURCE_README } });
  }
  const copied = [
    ['sourceDir', lessonLayout && copySources && sourceDir !== undefined ? [sourceDir] : []],
    ['sources', (options.sources ?? []).map((source) => source.from)],
    ['installInputs', options.installInputs ?? []],
  ] as const;
  // Checked now, not only at synthesis as the images check: projen new then refuses before it writes a file, naming the project's option.
  for (const [option, paths] of copied) {
    const missing = paths.find((path) => !exists(path));
    if (missing !== undefined) {
      throw invalidOption(names.owner, names.of(option), missing,
        `paths that exist in ${project.outdir}: every image copies them, so the first docker build would fail`);
    }
  }
  return { copySources, sourceDir, found: sourceDir !== undefined && options.sourceDir === undefined };
}

/**
 * `projen new`'s `--sources FROM` or `--sources FROM:TO` (repeatable) as the images' sources. projen hands a list of
 * structs over as the words given (one, or a list when repeated; a number where the word looks like one).
 */
export function sourcesOfSwitches(value: unknown): unknown {
  const words = Array.isArray(value) ? value : [value];
  if (!words.every((word) => typeof word === 'string' || typeof word === 'number')) return value;
  return words.map((word) => {
    const [from, ...to] = String(word).split(':');
    return to.length === 0 ? { from } : { from, to: to.join(':') };
  });
}
