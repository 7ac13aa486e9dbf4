import { IgnoreFile, IResolver, Project } from 'projen';
import { DEFAULT_DOCKERIGNORE_PATTERNS, findAdmittedPaths, findExcludedPaths, patternsOf, unreadablePattern } from './dockerignore-rules';
import { copiesWholeContext } from './image-sources';
import { PixiDockerImage } from './pixi-docker-image';
import { projenMarker } from '../util/projenrc-marker';
import { keepRepositoryFiles } from '../util/repository-files';
import { BOOLEAN, checkShape, STRINGS, struct } from '../util/shape';
import { refuseToOverwrite } from '../util/user-files';
import { hasControlCharacter, invalidOption } from '../util/validate';

/**
 * Options for {@link DockerIgnore}.
 */
export interface DockerIgnoreOptions {
  /**
   * Start from the pixi-aware defaults (`.pixi/` and `.env` at any depth, `.git`, Python and
   * tool caches, `node_modules/`, build and test output, Apptainer `.sif` images); see `DockerIgnore.DEFAULT_PATTERNS`.
   *
   * @default true
   */
  readonly defaults?: boolean;

  /**
   * More patterns to exclude from the build context (Docker's `.dockerignore` syntax; `!` re-includes).
   *
   * @default - none
   */
  readonly patterns?: string[];
}

/** The construct's options. */
const DOCKER_IGNORE_OPTIONS = struct<DockerIgnoreOptions>('defaults and patterns', { defaults: BOOLEAN, patterns: STRINGS });

/**
 * The project's `.dockerignore`. Keeps the local pixi environments and other clutter out of
 * the build context; at synthesis it fails if a pattern would exclude a file that one of the
 * project's `PixiDockerImage`s copies (manifest, lock, entrypoint, source directory).
 */
export class DockerIgnore extends IgnoreFile {
  /** The default patterns (frozen: the defaults are the library's, not a setting to change). */
  public static readonly DEFAULT_PATTERNS: string[] = Object.freeze([...DEFAULT_DOCKERIGNORE_PATTERNS]) as string[];

  /**
   * @param project the project whose directory is the build context
   * @param options defaults and extra patterns
   */
  public constructor(project: Project, options: DockerIgnoreOptions = {}) {
    checkShape('DockerIgnore', options, DOCKER_IGNORE_OPTIONS);
    refuseToOverwrite('DockerIgnore', project.outdir, '.dockerignore',
      'move it away to have it generated, and add the patterns you need with the "patterns" option');
    super(project, '.dockerignore');
    keepRepositoryFiles(project, 'DockerIgnore');
    if (options.defaults ?? true) this.exclude(...DEFAULT_DOCKERIGNORE_PATTERNS);
    this.exclude(...(options.patterns ?? []));
  }

  /**
   * Adds patterns, each of them one line of `.dockerignore`.
   * @param patterns `.dockerignore` patterns
   */
  public addPatterns(...patterns: string[]): void {
    patterns.forEach((pattern, i) => {
      if (typeof pattern !== 'string' || hasControlCharacter(pattern)) {
        throw invalidOption('DockerIgnore', `patterns[${i}]`, pattern, 'one .dockerignore pattern per string, without newlines');
      }
    });
    const unreadable = unreadablePattern(patterns);
    if (unreadable >= 0) {
      throw invalidOption('DockerIgnore', `patterns[${unreadable}]`, patterns[unreadable],
        'a pattern Docker can read: a "[" opens a character class that "]" must close (write "\\[" for a literal one)');
    }
    super.addPatterns(...patterns);
  }

  /** projen's marker, naming the projenrc the user edits (the root's, in a subproject). */
  public get marker(): string | undefined {
    return super.marker === undefined ? undefined : projenMarker(this.project);
  }

  protected synthesizeContent(resolver: IResolver): string | undefined {
    const content = super.synthesizeContent(resolver);
    this.checkImagesKeepTheirFiles(content ?? '');
    return content;
  }

  private checkImagesKeepTheirFiles(content: string): void {
    const patterns = patternsOf(content);
    const required = PixiDockerImage.ofProject(this.project).flatMap((image) =>
      image.spec.contextPaths.map((path) => ({ path, neededBy: image.spec.dockerfile })));
    const excluded = findExcludedPaths(patterns, required);
    if (excluded.length > 0) {
      const list = excluded.map((e) => `"${e.path}" (copied by ${e.neededBy})`).join(', ');
      throw invalidOption('DockerIgnore', 'patterns', patterns, `patterns that keep what the images copy: .dockerignore excludes ${list}; `
        + `remove the pattern or re-include the path with include("${excluded[0].path}")`);
    }
    const whole = PixiDockerImage.ofProject(this.project).find((image) => copiesWholeContext(image.spec.sources));
    const admitted = whole ? findAdmittedPaths(patterns) : [];
    if (admitted.length > 0) {
      throw invalidOption('DockerIgnore', 'patterns', patterns, `patterns that keep ${admitted.join(' and ')} out of the build context: `
        + `${whole!.spec.dockerfile} copies all of it (sources "."), and a local .pixi would replace the image's environment, a .env leak secrets`);
    }
  }
}
