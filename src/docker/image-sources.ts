/*
 * Where an image's code goes: the files and directories of the build context it copies, each to its path in the
 * image. One resolution for every output (both Dockerfile recipes, the Apptainer definition, the workflow's paths).
 */
import { posix } from 'path';
import { ENTRYPOINT_PATH, IMAGE_FILES_DIR, SOURCE_TARGET, TUTORIAL_ENTRYPOINT_PATH, WORKDIR } from './layout';
import type { ImageSource } from './options';
import { DockerRecipe } from './recipe';
import { isWithin } from '../util/paths';
import { invalidOption, requireRelativePath } from '../util/validate';

const OWNER = 'PixiDockerImage';
/** The `from` of the whole build context. */
export const WHOLE_CONTEXT = '.';
/** The lesson's layout: one directory at `/app/src`. */
const LESSON_SOURCE_DIR = 'app';
/** Letters, digits and "_ . @ + -" between slashes: usable unquoted in COPY, `%files` and a shell word. */
const IMAGE_PATH = /^\/(?:[A-Za-z0-9_.@+-]+\/)*[A-Za-z0-9_.@+-]*$/;
const TO_ALLOWED = 'a path in the image, relative to /app or absolute, made of letters, digits and "_ . @ + -" separated by "/", without ".." segments';

/** The options that say what an image copies, as given. */
export interface SourceOptions {
  readonly sources?: ImageSource[];
  readonly sourceDir?: string;
  readonly copySources?: boolean;
}

/** What an image copies: each source with its absolute target, and whether the lesson's `sourceDir` said so. */
export interface ResolvedSources {
  readonly sources: ImageSource[];
  /** The lesson's layout: the directory copied to `/app/src`, when `sourceDir`/`copySources` decided. */
  readonly sourceDir?: string;
}

/**
 * Resolves `sources`, or the lesson's `sourceDir` and `copySources` when it is not given (both ways at once is an
 * error): each `from` a relative path of the build context or `.`, each `to` absolute, defaulting to `/app/<from>`.
 */
export function resolveSources(options: SourceOptions, recipe: DockerRecipe): ResolvedSources {
  if (options.sources === undefined) {
    const sourceDir = requireRelativePath(OWNER, 'sourceDir', options.sourceDir ?? LESSON_SOURCE_DIR);
    if (options.copySources === false) return { sources: [] };
    return { sources: [{ from: sourceDir, to: SOURCE_TARGET }], sourceDir };
  }
  for (const option of ['sourceDir', 'copySources'] as const) {
    if (options[option] !== undefined) {
      throw invalidOption(OWNER, option, options[option],
        'no value next to "sources", which says every path the image copies (sources: [] for none; { from: "app", to: "/app/src" } is the lesson\'s layout)');
    }
  }
  const sources = options.sources.map((source, i) => resolveSource(source, `sources[${i}]`, recipe));
  sources.forEach((source, i) => {
    const earlier = sources.findIndex((other) => other.to === source.to);
    if (earlier < i) {
      throw invalidOption(OWNER, `sources[${i}].to`, source.to, `a path no other source is copied to: sources[${earlier}] is copied there already`);
    }
  });
  return { sources };
}

function resolveSource(source: ImageSource, option: string, recipe: DockerRecipe): ImageSource {
  const from = source.from === WHOLE_CONTEXT || source.from === './' ? WHOLE_CONTEXT : requireRelativePath(OWNER, `${option}.from`, source.from);
  const to = source.to === undefined ? inWorkdir(from) : targetPath(`${option}.to`, source.to);
  const reserved = reservedTargets(recipe).find((path) => isWithin(to, path));
  if (reserved !== undefined || to === '/') {
    throw invalidOption(OWNER, `${option}.to`, source.to ?? to,
      `${TO_ALLOWED}, below / and outside what the image holds itself (${reservedTargets(recipe).join(', ')})`);
  }
  return { from, to };
}

/** What the final image holds of its own, where no source may land. */
function reservedTargets(recipe: DockerRecipe): string[] {
  return [`${WORKDIR}/.pixi`, IMAGE_FILES_DIR, ENTRYPOINT_PATH, ...(recipe === DockerRecipe.TUTORIAL ? [TUTORIAL_ENTRYPOINT_PATH] : [])];
}

function targetPath(option: string, value: string): string {
  if (typeof value !== 'string' || value === '') throw invalidOption(OWNER, option, value, TO_ALLOWED);
  const absolute = value.startsWith('/') ? value : `${WORKDIR}/${value}`;
  const segments = absolute.split('/');
  if (!IMAGE_PATH.test(absolute) || segments.slice(1).some((segment) => segment === '..')) throw invalidOption(OWNER, option, value, TO_ALLOWED);
  return posix.normalize(absolute).replace(/(.)\/+$/, '$1');
}

function inWorkdir(from: string): string {
  return from === WHOLE_CONTEXT ? WORKDIR : `${WORKDIR}/${from}`;
}

/** Whether a source keeps the workspace path it has in the build context (`my_project` at `/app/my_project`). */
export function keepsWorkspacePath(source: ImageSource): boolean {
  return source.to === inWorkdir(source.from);
}

/** Whether the image copies the whole build context. */
export function copiesWholeContext(sources: readonly ImageSource[]): boolean {
  return sources.some((source) => source.from === WHOLE_CONTEXT);
}
