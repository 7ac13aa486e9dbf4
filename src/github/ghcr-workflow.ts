import { relative, sep } from 'path';
import { Component, FileBase, Project } from 'projen';
import { GhcrWorkflowSpec } from './ghcr-workflow-spec';
import { WORKFLOW_FIELDS, WORKFLOW_IMAGES, WORKFLOW_OPTIONS } from './option-shapes';
import { GhcrWorkflowSpecOptions, ImagePlatform } from './options';
import { projenActionResolver } from './projen-actions';
import { workflowProblems } from './workflow-checks';
import { Yaml, workflowYaml } from './workflow-model';
import { applyOverrides, WorkflowOverride, workflowOverride } from './workflow-overrides';
import { resolveWorkflowSettings, WORKFLOW_FILE } from './workflow-settings';
import { renderWorkflowData } from './workflow-yaml';
import { ApptainerDefinition } from '../apptainer/apptainer-definition';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { namingRefusals, RefusalNaming } from '../errors/refusal-naming';
import { enumOf } from '../util/enum-shape';
import { RenderedFile } from '../util/rendered-file';
import { keepRepositoryFiles } from '../util/repository-files';
import { builtChecked, checkShape, instance, listOf, recordOf, STRING, struct } from '../util/shape';
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

  /**
   * The tags of some images' Apptainer images in the Apptainer package, by the path of their Dockerfile from the
   * repository root, e.g. `{ 'Dockerfile.gpu': 'cuda12' }`.
   * @default - each image's id in the workflow (its environment)
   */
  readonly apptainerTags?: Record<string, string>;
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
  private readonly apptainerTags: Record<string, string>;
  private prepared?: GhcrWorkflowSpec;
  private readonly overrides: WorkflowOverride[] = [];
  /** The workflow's data with the overrides, once checked at synthesis. */
  private overridden?: Yaml;

  /**
   * @param project any project of the tree; the workflow goes to the root
   * @param options images and workflow options; invalid values throw here
   */
  public constructor(project: Project, options: GhcrWorkflowOptions = {}) {
    checkShape(OWNER, options, GHCR_WORKFLOW_OPTIONS);
    const { images, imagePlatforms, apptainerTags, ...given } = options;
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
    this.apptainerTags = apptainerTags ?? {};
    this.file = new RenderedFile(root, WORKFLOW_FILE, (marker) => renderWorkflowData(OWNER, this.workflowData(), { headerComment: marker }),
      { committed: true });
  }

  /**
   * Sets a value in the workflow's YAML at a key path, for what no option covers, e.g.
   * `addOverride('jobs.build-gpu.timeout-minutes', 360)`: keys as GitHub spells them, separated by `.` (`\.` for a dot
   * inside a key), a list item by its index (`jobs.build-gpu.steps.0.name`). The workflow with its overrides is
   * checked at synthesis (the workflow schema, actionlint, the trust rules); one that fails a check is not written.
   * @param path the key path
   * @param value YAML data: text, a number, true or false, null, a list or a plain object of them
   */
  public addOverride(path: string, value: any): void {
    this.overrides.push(workflowOverride(OWNER, 'addOverride', path, value, false));
  }

  /**
   * Removes the key (or list item) at a key path of the workflow's YAML, e.g. `addDeletionOverride('on.workflow_dispatch')`;
   * checked as {@link addOverride} is.
   * @param path the key path
   */
  public addDeletionOverride(path: string): void {
    this.overrides.push(workflowOverride(OWNER, 'addDeletionOverride', path, undefined, true));
  }

  /** The workflow's data: as generated, or with the overrides once they passed the checks. */
  private workflowData(): Yaml {
    if (this.overridden) return this.overridden;
    const generated = workflowYaml((this.prepared ?? this.spec())._render(projenActionResolver(this.project.root)));
    return this.overrides.length === 0 ? generated : this.checkedOverrides(generated);
  }

  /** The overrides applied and the workflow checked, so that an override cannot silently break it. */
  private checkedOverrides(generated: Yaml): Yaml {
    const overridden = applyOverrides(generated, this.overrides);
    const problems = workflowProblems(overridden, renderWorkflowData(OWNER, overridden, {}));
    if (problems.length > 0) {
      const [only] = this.overrides;
      throw this.overrides.length === 1
        ? invalidOption(OWNER, `${only.option}("${only.path}")`, only.value ?? null, `an override after which the workflow passes its checks: ${problems.join('; ')}`)
        : invalidOption(OWNER, 'overrides', this.overrides.map((override) => override.path),
          `overrides after which the workflow passes its checks: ${problems.join('; ')}`);
    }
    return overridden;
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
    for (const [option, values] of Object.entries({ imagePlatforms: this.imagePlatforms, apptainerTags: this.apptainerTags })) {
      for (const [dockerfile, value] of Object.entries<unknown>(values)) {
        if (!described.some((image) => image.dockerfile === dockerfile)) {
          throw invalidOption(OWNER, `${option}.${dockerfile}`, value,
            `the Dockerfile of an image, from the repository root: ${described.map((image) => image.dockerfile).join(', ')}`);
        }
      }
    }
    const withOwnSettings = described.map(({ dockerfile, ...image }) =>
      ({ ...image, platforms: this.imagePlatforms[dockerfile], apptainerTag: this.apptainerTags[dockerfile] }));
    return namingRefusals(byDockerfile(described.map((image) => image.dockerfile)),
      () => new GhcrWorkflowSpec(builtChecked(WORKFLOW_IMAGES, withOwnSettings), this.options));
  }

  /**
   * Checks the workflow once every image of the tree exists, before any file is written (the root's
   * components are prepared before its subprojects and files are synthesized).
   */
  public preSynthesize(): void {
    this.prepared = this.spec();
    if (this.overrides.length > 0) this.overridden = this.workflowData();
  }
}

/** The spec's options of one image, as the user wrote them here, by Dockerfile. */
const BY_DOCKERFILE: Record<string, string> = { platforms: 'imagePlatforms', apptainerTag: 'apptainerTags' };

/** The spec names an image's own settings `images[i].platforms`; here the user wrote `imagePlatforms.<Dockerfile>`. */
function byDockerfile(dockerfiles: readonly string[]): RefusalNaming {
  return (parts) => {
    const perImage = parts.construct === OWNER ? /^images\[(\d+)\]\.(platforms|apptainerTag)(.*)$/.exec(parts.option) : null;
    return perImage ? { ...parts, option: `${BY_DOCKERFILE[perImage[2]]}.${dockerfiles[Number(perImage[1])]}${perImage[3]}` } : parts;
  };
}

/** `GhcrWorkflowOptions`. */
export const GHCR_WORKFLOW_OPTIONS = struct<GhcrWorkflowOptions>('the options of GhcrWorkflowOptions', {
  ...WORKFLOW_FIELDS,
  images: listOf(instance('a PixiDockerImage', (value) => PixiDockerImage.isPixiDockerImage(value))),
  imagePlatforms: recordOf(listOf(enumOf('ImagePlatform', ImagePlatform))),
  apptainerTags: recordOf(STRING),
});

/** The image's build context: its project's directory, relative to the repository root. */
function contextOf(root: Project, image: PixiDockerImage): string {
  return relative(root.outdir, image.project.outdir).split(sep).join('/') || '.';
}
