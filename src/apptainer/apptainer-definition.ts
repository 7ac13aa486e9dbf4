import { Component, FileBase, Project } from 'projen';
import { ApptainerDefinitionSpec, ApptainerDefinitionSpecOptions, DEFINITION_OPTIONS } from './apptainer-definition-spec';
import { SIF_IMAGES } from './sif-images';
import { refuseMissingInputs } from '../docker/image-inputs-exist';
import { IMAGE_OPTIONS } from '../docker/option-shapes';
import { PixiDockerImageOptions } from '../docker/options';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { asOptionOf, namingRefusals } from '../errors/refusal-naming';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { RenderedFile } from '../util/rendered-file';
import { keepRepositoryFiles } from '../util/repository-files';
import { builtChecked, checkShape, instance, STRING, struct } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';
import { invalidOption, requireRelativePath } from '../util/validate';

const OWNER = 'ApptainerDefinition';

const IS_APPTAINER_DEFINITION = Symbol.for('projen-pixi.ApptainerDefinition');

/** Options for {@link ApptainerDefinition}: the definition's own, and the image it packages. */
export interface ApptainerDefinitionOptions extends ApptainerDefinitionSpecOptions {
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
  /** Whether the definition describes its image itself (no PixiDockerImage checks what it copies). */
  private readonly standalone: boolean;

  /**
   * @param project the project of the image (the build runs in its directory)
   * @param options the image and file name; invalid values throw here
   */
  public constructor(project: Project, options: ApptainerDefinitionOptions = {}) {
    checkShape(OWNER, options, APPTAINER_DEFINITION_OPTIONS);
    if (options.image && options.imageOptions) {
      throw invalidOption(OWNER, 'imageOptions', options.imageOptions, 'nothing when "image" is given (the image is described already)');
    }
    if (options.imageOptions?.dockerfile !== undefined) {
      throw invalidOption(OWNER, 'imageOptions.dockerfile', options.imageOptions.dockerfile,
        'nothing: a definition of its own writes no Dockerfile; name the definition with "file"');
    }
    const environment = options.imageOptions?.environment ?? 'default';
    // Validated here, so that a bad path is blamed on "file".
    const standaloneFile = options.image ? undefined : requireRelativePath(OWNER, 'file', options.file ?? `apptainer.${environment}.def`);
    const image = options.image?.spec ?? namingRefusals(asOptionOf(OWNER, 'imageOptions'), () => standaloneImage(project, options.imageOptions ?? {}, standaloneFile!));
    const spec = new ApptainerDefinitionSpec(image, builtChecked(DEFINITION_OPTIONS, {
      file: options.file ?? standaloneFile,
      title: options.title ?? PixiWorkspace.of(options.image?.project ?? project)?.spec.name,
    }));
    refuseTakenPaths(OWNER, project, [
      { option: 'file', path: spec.file },
      { option: 'imageOptions.entrypointFile', path: options.image ? undefined : image.entrypointFile },
    ]);
    super(project, `ApptainerDefinition#${spec.file}`);
    keepRepositoryFiles(project, 'ApptainerDefinition');
    Object.defineProperty(this, IS_APPTAINER_DEFINITION, { value: true });
    this.spec = spec;
    this.file = new RenderedFile(this, spec.file, (marker) => spec.render({ headerComment: marker }));
    // `apptainer build <env>.sif <definition>` writes gigabytes next to the definition: never commit them.
    project.gitignore.exclude(SIF_IMAGES);
    this.standalone = options.image === undefined;
    if (!options.image) {
      // Without a PixiDockerImage, nobody else writes the entrypoint the definition copies.
      const render = (marker: string | undefined) => image.renderEntrypoint({ headerComment: marker })!;
      this.entrypoint = new RenderedFile(this, image.entrypointFile!, render, { executable: true });
    }
  }

  /**
   * Refuses a definition of its own whose `%files` would name what the build context lacks (`apptainer build` would
   * fail on it), by the rule a PixiDockerImage follows for the same description.
   */
  public synthesize(): void {
    if (this.standalone) refuseMissingInputs(this.project, this.spec.image, OWNER, 'imageOptions.');
  }
}

/**
 * An image description of the definition's own: no Dockerfile is written for it, and its entrypoint is
 * named after the definition (`apptainer.gpu.entrypoint.sh` beside `apptainer.gpu.def`).
 */
function standaloneImage(project: Project, options: PixiDockerImageOptions, definition: string): PixiDockerImageSpec {
  return new PixiDockerImageSpec(builtChecked(IMAGE_OPTIONS, {
    entrypointFile: definition.replace(/\.def$/, '.entrypoint.sh'),
    contextDirectory: project.outdir,
    ...options,
    workspace: options.workspace ?? PixiWorkspace.of(project),
  }));
}

/** `ApptainerDefinitionOptions`. */
export const APPTAINER_DEFINITION_OPTIONS = struct<ApptainerDefinitionOptions>('image, imageOptions, file and title', {
  image: instance('a PixiDockerImage', (value) => PixiDockerImage.isPixiDockerImage(value)),
  imageOptions: IMAGE_OPTIONS,
  file: STRING,
  title: STRING,
});
