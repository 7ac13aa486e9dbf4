import { relative, sep } from 'path';
import { Component, FileBase, Project } from 'projen';
import { GhcrWorkflowSpec } from './ghcr-workflow-spec';
import { WORKFLOW_FIELDS, WORKFLOW_IMAGES, WORKFLOW_OPTIONS } from './option-shapes';
import { GhcrWorkflowSpecOptions, ImagePlatform } from './options';
import { projenActionResolver } from './projen-actions';
import { resolveWorkflowSettings, WORKFLOW_FILE } from './workflow-settings';
import { renderWorkflowYaml } from './workflow-yaml';
import { ApptainerDefinition } from '../apptainer/apptainer-definition';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { namingRefusals, RefusalNaming } from '../errors/refusal-naming';
import { enumOf } from '../util/enum-shape';
import { RenderedFile } from '../util/rendered-file';
import { keepRepositoryFiles } from '../util/repository-files';
import { builtChecked, checkShape, instance, listOf, recordOf, struct } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';
import { refuseToOverwrite } from '../util/user-files';
import { invalidOption } from '../util/validate';

const OWNER = 'GhcrWorkflow';

/** Options for {@link GhcrWorkflow}. */
export interface GhcrWorkflowOptions extends GhcrWorkflowSpecOptions {
  /**
   * The images to build and publish.
   * @default - every PixiDockerImage in the project tree, found at synthesis
   */
  readonly images?: PixiDockerImage[];

  /**
   * The platforms of some images, instead of `platforms`, by the path of their Dockerfile from the
   * repository root, e.g. `{ 'Dockerfile.gpu': [ImagePlatform.LINUX_AMD64] }` for a CUDA image beside
   * multi-arch CPU images.
   * @default - every image is built for `platforms`
   */
  readonly imagePlatforms?: Record<string, ImagePlatform[]>;
}

/**
 * `.github/workflows/docker.yaml` at the repository root: builds, smoke-tests and publishes the
 * project's pixi images to GHCR, and the `.sif` of every `ApptainerDefinition` of those images. When the
 * root project has projen's GitHub component, its action overrides (`project.github.actions.set(...)`)
 * apply to the workflow's actions, as they do to projen's own workflows.
 */
export class GhcrWorkflow extends Component {
  /** The generated workflow file. */
  public readonly file: FileBase;
  private readonly options: GhcrWorkflowSpecOptions;
  private readonly images?: PixiDockerImage[];
  private readonly imagePlatforms: Record<string, ImagePlatform[]>;
  private prepared?: GhcrWorkflowSpec;

  /**
   * @param project any project of the tree; the workflow goes to the root
   * @param options images and workflow options; invalid values throw here
   */
  public constructor(project: Project, options: GhcrWorkflowOptions = {}) {
    checkShape(OWNER, options, GHCR_WORKFLOW_OPTIONS);
    const { images, imagePlatforms, ...given } = options;
    const specOptions = builtChecked(WORKFLOW_OPTIONS, given);
    // Refused now, whether the images are given or found at synthesis.
    resolveWorkflowSettings(specOptions);
    const root = project.root;
    // Each in its build context: two subprojects may both have a Dockerfile.
    if (images) {
      const placed = images.map((image) => ({ spec: image.spec, context: contextOf(root, image) }));
      new GhcrWorkflowSpec(builtChecked(WORKFLOW_IMAGES, placed), specOptions);
    }
    refuseToOverwrite(OWNER, root.outdir, WORKFLOW_FILE, 'move it away to have the workflow generated');
    refuseTakenPaths(OWNER, root, [{ option: 'file', path: WORKFLOW_FILE }]);
    super(project, OWNER);
    keepRepositoryFiles(project, OWNER);
    this.images = images;
    this.options = specOptions;
    this.imagePlatforms = imagePlatforms ?? {};
    this.file = new RenderedFile(root, WORKFLOW_FILE, (marker) =>
      renderWorkflowYaml(OWNER, this.checkedSpec()._render(projenActionResolver(root)), { headerComment: marker }), { committed: true });
  }

  private checkedSpec(): GhcrWorkflowSpec {
    return this.prepared ?? this.spec();
  }

  /** The workflow description, with the images known now. */
  public spec(): GhcrWorkflowSpec {
    const root = this.project.root;
    const constructs = root.node.findAll();
    const images = this.images ?? constructs.filter(PixiDockerImage.isPixiDockerImage);
    const definitions = constructs.filter(ApptainerDefinition.isApptainerDefinition);
    const described = images.map((image) => {
      const context = contextOf(root, image);
      return {
        spec: image.spec,
        context,
        apptainer: definitions.find((definition) => definition.spec.image === image.spec)?.spec,
        dockerfile: context === '.' ? image.spec.dockerfile : `${context}/${image.spec.dockerfile}`,
      };
    });
    for (const [dockerfile, platforms] of Object.entries(this.imagePlatforms)) {
      if (!described.some((image) => image.dockerfile === dockerfile)) {
        throw invalidOption(OWNER, `imagePlatforms.${dockerfile}`, platforms,
          `the Dockerfile of an image, from the repository root: ${described.map((image) => image.dockerfile).join(', ')}`);
      }
    }
    const withPlatforms = described.map(({ dockerfile, ...image }) => ({ ...image, platforms: this.imagePlatforms[dockerfile] }));
    return namingRefusals(platformsByDockerfile(described.map((image) => image.dockerfile)),
      () => new GhcrWorkflowSpec(builtChecked(WORKFLOW_IMAGES, withPlatforms), this.options));
  }

  /**
   * Checks the workflow once every image of the tree exists, before any file is written (the root's
   * components are prepared before its subprojects and files are synthesized).
   */
  public preSynthesize(): void {
    this.prepared = this.spec();
  }
}

/** The spec names an image's platforms `images[i].platforms`; here the user wrote `imagePlatforms.<Dockerfile>`. */
function platformsByDockerfile(dockerfiles: readonly string[]): RefusalNaming {
  return (parts) => {
    const perImage = parts.construct === OWNER ? /^images\[(\d+)\]\.platforms(.*)$/.exec(parts.option) : null;
    return perImage ? { ...parts, option: `imagePlatforms.${dockerfiles[Number(perImage[1])]}${perImage[2]}` } : parts;
  };
}

/** `GhcrWorkflowOptions`. */
export const GHCR_WORKFLOW_OPTIONS = struct<GhcrWorkflowOptions>('the options of GhcrWorkflowOptions', {
  ...WORKFLOW_FIELDS,
  images: listOf(instance('a PixiDockerImage', (value) => PixiDockerImage.isPixiDockerImage(value))),
  imagePlatforms: recordOf(listOf(enumOf('ImagePlatform', ImagePlatform))),
});

/** The image's build context: its project's directory, relative to the repository root. */
function contextOf(root: Project, image: PixiDockerImage): string {
  return relative(root.outdir, image.project.outdir).split(sep).join('/') || '.';
}
