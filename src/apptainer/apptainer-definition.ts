import { Component, FileBase, Project } from 'projen';
import { ApptainerDefinitionSpec } from './apptainer-definition-spec';
import { PixiDockerImageOptions } from '../docker/options';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { PixiImageSpec } from '../docker/pixi-image-spec';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { KeyList, requireKnownKeys } from '../util/known-keys';
import { RenderedFile } from '../util/rendered-file';
import { invalidOption } from '../util/validate';

/** The construct's options; the compiler keeps the list complete. */
const OPTION_KEYS: KeyList<ApptainerDefinitionOptions> = { image: true, imageOptions: true, file: true, title: true };

const IS_APPTAINER_DEFINITION = Symbol.for('projen-pixi.ApptainerDefinition');

/** Options for {@link ApptainerDefinition}. */
export interface ApptainerDefinitionOptions {
  /**
   * The image whose environment, activation, entrypoint and sources the definition packages.
   * @default - an image described by `imageOptions`, whose entrypoint the definition writes itself
   */
  readonly image?: PixiDockerImage;
  /**
   * The image description when there is no `PixiDockerImage` (no Dockerfile wanted): environment,
   * workspace, CUDA version, images, sources and command, as for `PixiDockerImage`.
   * @default - the project's workspace and its `default` environment
   */
  readonly imageOptions?: PixiDockerImageOptions;
  /** Path of the definition file. @default - `apptainer.gpu.def` beside `Dockerfile.gpu` (`apptainer.def` beside `Dockerfile`) */
  readonly file?: string;
  /** Title in `%labels` and `%help`. @default - the workspace name, else the environment */
  readonly title?: string;
}

/**
 * An Apptainer definition (`.def`) for HPC and HTC clusters that allow Apptainer but not Docker,
 * generated from a `PixiDockerImage`: two stages like the Dockerfile, `%environment` activating
 * the environment for `apptainer exec`/`shell`, `%runscript`/`%startscript` running the same
 * entrypoint, and a `%test` that checks the activation.
 */
export class ApptainerDefinition extends Component {
  /**
   * Whether the construct is an ApptainerDefinition.
   * @param x any construct
   */
  public static isApptainerDefinition(x: any): x is ApptainerDefinition {
    return x !== null && typeof x === 'object' && IS_APPTAINER_DEFINITION in x;
  }

  /** The rendered description. */
  public readonly spec: ApptainerDefinitionSpec;
  /** The definition file. */
  public readonly file: FileBase;
  /** The entrypoint script, when the definition writes its own (no `image` given). */
  public readonly entrypoint?: FileBase;

  /**
   * @param project the project of the image (the build runs in its directory)
   * @param options the image and file name; invalid values throw here
   */
  public constructor(project: Project, options: ApptainerDefinitionOptions = {}) {
    requireKnownKeys('ApptainerDefinition', options, Object.keys(OPTION_KEYS));
    if (options.image && options.imageOptions) {
      throw invalidOption('ApptainerDefinition', 'imageOptions', options.imageOptions, 'nothing when "image" is given (the image is described already)');
    }
    const image = options.image?.spec ?? standaloneImage(project, options.imageOptions ?? {});
    const spec = new ApptainerDefinitionSpec(image, {
      // A standalone description is named after the definition (see standaloneImage).
      file: options.file ?? (options.image ? undefined : image.dockerfile),
      title: options.title ?? PixiWorkspace.of(options.image?.project ?? project)?.manifest.name,
    });
    super(project, `ApptainerDefinition#${spec.file}`);
    Object.defineProperty(this, IS_APPTAINER_DEFINITION, { value: true });
    this.spec = spec;
    this.file = new RenderedFile(this, spec.file, (marker) => spec.render({ headerComment: marker }));
    if (!options.image) {
      // Without a PixiDockerImage, nobody else writes the entrypoint the definition copies.
      const render = (marker: string | undefined) => image.renderEntrypoint({ headerComment: marker })!;
      this.entrypoint = new RenderedFile(this, image.entrypointFile!, render, { executable: true });
    }
  }
}

/** An image description of the definition's own, named so its files sit beside the definition. */
function standaloneImage(project: Project, options: PixiDockerImageOptions): PixiImageSpec {
  const environment = options.environment ?? 'default';
  return new PixiImageSpec({
    entrypointFile: `apptainer.${environment}.entrypoint.sh`,
    dockerfile: `apptainer.${environment}.def`,
    contextDirectory: project.outdir,
    ...options,
    workspace: options.workspace ?? PixiWorkspace.of(project),
  });
}
