import { renderDefinition } from './render';
import { WHOLE_CONTEXT } from '../docker/image-sources';
import { IMAGE_FILES_DIR, WORKDIR } from '../docker/layout';
import type { ImageSource } from '../docker/options';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { FinalImageKind } from '../docker/recipe';
import { besideDockerfile } from '../util/paths';
import { RenderOptions } from '../util/render-options';
import { checkShape, headerCommentOf, STRING, struct } from '../util/shape';
import { hasControlCharacter, invalidOption, requireRelativePath } from '../util/validate';

const OWNER = 'ApptainerDefinition';

/** The definition's options. */
export const DEFINITION_OPTIONS = struct<ApptainerDefinitionSpecOptions>('file and title', { file: STRING, title: STRING });

/** Options of an {@link ApptainerDefinitionSpec}. */
export interface ApptainerDefinitionSpecOptions {
  /** Path of the definition file, relative to the project. @default - `apptainer.def` beside `Dockerfile`, `apptainer.gpu.def` beside `Dockerfile.gpu` */
  readonly file?: string;
  /** Title in `%labels` and `%help`, e.g. the workspace name. @default - the environment name */
  readonly title?: string;
}

/**
 * The Apptainer definition of a pixi image, free of projen: rendered from the same
 * `PixiDockerImageSpec` as the Dockerfile, so both images hold the same environment, activation and sources.
 */
export class ApptainerDefinitionSpec {
  /** The image described. */
  public readonly image: PixiDockerImageSpec;
  /** Path of the definition file, relative to the project. */
  public readonly file: string;
  /** Title in `%labels` and `%help`. */
  public readonly title: string;

  /**
   * @param image the image; it needs an entrypoint (OPTIMIZED recipe, a final image with a shell)
   * @param options file name and title; invalid values throw here
   */
  public constructor(image: PixiDockerImageSpec, options: ApptainerDefinitionSpecOptions = {}) {
    if (!(image instanceof PixiDockerImageSpec)) throw invalidOption(OWNER, 'image', image, 'a PixiDockerImageSpec');
    checkShape(OWNER, options, DEFINITION_OPTIONS);
    if (image.finalImageKind === FinalImageKind.DISTROLESS || !image.entrypointFile) {
      throw invalidOption(OWNER, 'image', image.dockerfile,
        'an image with an entrypoint script: DockerRecipe.OPTIMIZED and a final image with a shell (Apptainer runs its scripts with /bin/sh)');
    }
    refuseSourcesApptainerCannotCopy(image.sources);
    if (image.buildSecrets.length > 0) {
      throw invalidOption(OWNER, 'image buildSecrets', image.buildSecrets,
        'none: an Apptainer build has no secret mounts, and a secret in %files or %post would stay in the image; build the SIF from the Docker image instead (apptainer build x.sif docker-daemon://...)');
    }
    this.image = image;
    this.file = requireRelativePath(OWNER, 'file', options.file ?? besideDockerfile(image.dockerfile, 'apptainer', 'def'));
    if (!this.file.endsWith('.def')) throw invalidOption(OWNER, 'file', options.file, 'a path ending in ".def"');
    const title = options.title ?? image.environment;
    // `%labels` holds `KEY VALUE` lines, which Apptainer reads trimmed (`GetLabels` of its
    // pkg/build/types/parser/deffile.go): a value must be one line, and trimmed already.
    const labelValue = 'one line of text without leading or trailing whitespace (an Apptainer %labels line)';
    if (title.trim() !== title || title === '' || hasControlCharacter(title)) throw invalidOption(OWNER, 'title', title, labelValue);
    for (const [key, value] of Object.entries(image.labels)) {
      if (value.trim() !== value) throw invalidOption(OWNER, `image labels.${key}`, value, labelValue);
    }
    this.title = title;
  }

  /** The name of the image built from it, e.g. `gpu.sif`. */
  public get sifFile(): string {
    return `${this.image.environment}.sif`;
  }

  /**
   * Renders the definition.
   * @param options where to put a header comment
   */
  public render(options: RenderOptions = {}): string {
    return renderDefinition(this.image, this.title, headerCommentOf(OWNER, options));
  }
}

/**
 * Apptainer copies `%files` with `cp -fLr` (`CopyFromHost` in its internal/pkg/build/files/copy.go): it reads no
 * `.dockerignore`, and puts a directory inside a directory that exists (`/app/app`) where Docker's COPY merges the
 * two. So the whole context, and a target the final stage holds already, would not give the Docker image's layout.
 */
function refuseSourcesApptainerCannotCopy(sources: readonly ImageSource[]): void {
  const existing = ['/', WORKDIR, IMAGE_FILES_DIR.slice(0, IMAGE_FILES_DIR.lastIndexOf('/'))];
  sources.forEach((source, i) => {
    if (source.from === WHOLE_CONTEXT) {
      throw invalidOption(OWNER, `image sources[${i}].from`, source.from,
        'the files and directories to copy, named one by one: Apptainer\'s %files reads no .dockerignore, so "." would copy .pixi/, .env and .git too');
    }
    if (existing.includes(source.to!)) {
      throw invalidOption(OWNER, `image sources[${i}].to`, source.to,
        `a path the final stage does not hold yet (${existing.join(', ')} exist): Apptainer's %files copies a directory into an existing one (cp -r), where Docker's COPY merges them`);
    }
  });
}
