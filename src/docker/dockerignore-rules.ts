import ignore from '@balena/dockerignore';

/**
 * What a pixi project keeps out of its build context by default: local environments (they would
 * overwrite the image's), secrets in `.env` files, version control, caches and build or test output.
 * Docker anchors patterns at the context root, so anything that can appear at any depth says `**`.
 */
export const DEFAULT_DOCKERIGNORE_PATTERNS: readonly string[] = [
  '**/.pixi/',
  '**/.env',
  '.git',
  '**/__pycache__/',
  '**/*.pyc',
  '**/node_modules/',
  '**/.pytest_cache/',
  '**/.mypy_cache/',
  '**/.ruff_cache/',
  '**/.ipynb_checkpoints/',
  'build/',
  'dist/',
  '*.egg-info/',
  'coverage/',
  '.coverage',
  'test-reports/',
  // Apptainer images built beside their definition (`apptainer build gpu.sif ...`): gigabytes no image copies.
  '**/*.sif',
];

/** The patterns of a `.dockerignore` file's text: one per line, without blank lines and comments (Docker's reader). */
export function patternsOf(text: string): string[] {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '' && !line.startsWith('#'));
}

/**
 * The index of the first pattern Docker's matcher cannot read (`[` opens a class it never closes), or -1. Docker's
 * builder refuses such a `.dockerignore` (filepath.Match's ErrBadPattern); @balena/dockerignore, its port, throws.
 */
export function unreadablePattern(patterns: readonly string[]): number {
  // One matcher for all first: every synthesis reads the default patterns, which are all readable.
  if (readable(patterns)) return -1;
  return patterns.findIndex((pattern) => !readable([pattern]));
}

function readable(patterns: readonly string[]): boolean {
  try {
    // Docker reads every pattern for every path (the last match wins): one probe compiles them all.
    ignore().add([...patterns]).ignores('probe');
    return true;
  } catch {
    return false;
  }
}

/** A file or directory of the build context that an image needs, and who needs it. */
export interface RequiredContextPath {
  readonly path: string;
  readonly neededBy: string;
}

/**
 * Returns the required paths that the patterns would keep out of the build context, using
 * Docker's own matching rules (`@balena/dockerignore`). A directory counts as excluded when
 * the directory itself or the files in it are.
 */
export function findExcludedPaths(patterns: string[], required: RequiredContextPath[]): RequiredContextPath[] {
  const matcher = ignore().add(patterns);
  // A file name nobody uses, standing for "any file in this directory".
  const probe = '__any_file__';
  return required.filter(({ path }) => matcher.ignores(path) || matcher.ignores(`${path}/${probe}`));
}

/**
 * What an image that copies the whole build context (`sources: [{ from: "." }]`) needs kept out of it: the local
 * environments, which would replace the image's own at the same prefix, and secrets.
 */
export const KEPT_OUT_OF_WHOLE_CONTEXT: readonly string[] = ['.pixi', '.env'];

/** Of the paths that must stay out of a whole-context copy, those the patterns let in (Docker's matching rules). */
export function findAdmittedPaths(patterns: string[]): string[] {
  const matcher = ignore().add(patterns);
  return KEPT_OUT_OF_WHOLE_CONTEXT.filter((path) => !matcher.ignores(path));
}
