import { Component, FileBase, Project } from 'projen';
import { ApptainerDefinitionSpec } from './apptainer-definition-spec';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { RenderedFile } from '../util/rendered-file';

const IS_APPTAINER_DEFINITION = Symbol.for('projen-pixi.ApptainerDefinition');

/** Options for {@link ApptainerDefinition}. */
export interface ApptainerDefinitionOptions {
  /** The image whose environment, activation, entrypoint and sources the definition packages. */
  readonly image: PixiDockerImage;
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

  /**
   * @param project the project of the image (the build runs in its directory)
   * @param options the image and file name; invalid values throw here
   */
  public constructor(project: Project, options: ApptainerDefinitionOptions) {
    const spec = new ApptainerDefinitionSpec(options.image.spec, {
      file: options.file,
      title: options.title ?? PixiWorkspace.of(options.image.project)?.manifest.name,
    });
    super(project, `ApptainerDefinition#${spec.file}`);
    Object.defineProperty(this, IS_APPTAINER_DEFINITION, { value: true });
    this.spec = spec;
    this.file = new RenderedFile(this, spec.file, (marker) => spec.render({ headerComment: marker }));
  }
}
