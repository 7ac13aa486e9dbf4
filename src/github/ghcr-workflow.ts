import { relative, sep } from 'path';
import { Component, FileBase, github, IResolver, Project } from 'projen';
import { commentPinnedActions } from './actions';
import { checkWorkflowOptions, GhcrWorkflowSpec, WORKFLOW_FILE } from './ghcr-workflow-spec';
import { WORKFLOW_FIELDS } from './option-shapes';
import { GhcrWorkflowSpecOptions, ImagePlatform } from './options';
import { toProjenJob, toProjenTriggers } from './projen-workflow';
import { ApptainerDefinition } from '../apptainer/apptainer-definition';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { PixiValidationError } from '../errors/pixi-validation-error';
import { enumOf } from '../util/enum-shape';
import { RenderedFile } from '../util/rendered-file';
import { checkShape, instance, listOf, recordOf, struct } from '../util/shape';
import { refuseToOverwrite } from '../util/user-files';
import { invalidOption } from '../util/validate';

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
 * project's pixi images to GHCR, and the `.sif` of every `ApptainerDefinition` of those images. With projen's GitHub component on the root project it is a
 * projen `GithubWorkflow` (so `project.github.actions.set(...)` overrides its actions);
 * otherwise (a bare project, or images in subprojects of one) it writes the same file itself.
 */
export class GhcrWorkflow extends Component {
  /** The projen workflow, when the root project has projen's GitHub component. */
  public readonly workflow?: github.GithubWorkflow;
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
    checkShape('GhcrWorkflow', options, GHCR_WORKFLOW_OPTIONS);
    const { images, imagePlatforms, ...specOptions } = options;
    // Checked now, whether the images are given or found at synthesis.
    checkWorkflowOptions(specOptions);
    if (images) new GhcrWorkflowSpec(images.map((image) => ({ spec: image.spec })), specOptions);
    refuseToOverwrite('GhcrWorkflow', project.root.outdir, WORKFLOW_FILE, 'move it away to have the workflow generated');
    super(project, 'GhcrWorkflow');
    this.images = images;
    this.options = specOptions;
    this.imagePlatforms = imagePlatforms ?? {};
    const root = project.root;
    const gh = github.GitHub.of(root);
    if (gh?.workflowsEnabled) {
      const workflow = new github.GithubWorkflow(gh, options.workflowName ?? 'Docker Images', { fileName: 'docker.yaml' });
      this.workflow = workflow;
      this.file = workflow.file!;
      // projen renders YAML from data, which has no comments: add the `# vX.Y.Z` pins afterwards.
      const file = this.file as unknown as { synthesizeContent(resolver: IResolver): string | undefined };
      const render = file.synthesizeContent.bind(file);
      file.synthesizeContent = (resolver) => {
        const text = render(resolver);
        return text === undefined ? undefined : commentPinnedActions(text);
      };
    } else {
      this.file = new RenderedFile(root, WORKFLOW_FILE, (marker) => this.checkedSpec().renderYaml({ headerComment: marker }), { committed: true });
    }
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
      const context = relative(root.outdir, image.project.outdir).split(sep).join('/') || '.';
      return {
        spec: image.spec,
        context,
        apptainer: definitions.find((definition) => definition.spec.image === image.spec)?.spec,
        dockerfile: context === '.' ? image.spec.dockerfile : `${context}/${image.spec.dockerfile}`,
      };
    });
    for (const [dockerfile, platforms] of Object.entries(this.imagePlatforms)) {
      if (!described.some((image) => image.dockerfile === dockerfile)) {
        throw invalidOption('GhcrWorkflow', `imagePlatforms.${dockerfile}`, platforms,
          `the Dockerfile of an image, from the repository root: ${described.map((image) => image.dockerfile).join(', ')}`);
      }
    }
    try {
      const withPlatforms = described.map(({ dockerfile, ...image }) => ({ ...image, platforms: this.imagePlatforms[dockerfile] }));
      return new GhcrWorkflowSpec(withPlatforms, this.options);
    } catch (error) {
      // The spec names `images[i].platforms`; here the user wrote `imagePlatforms.<Dockerfile>`.
      const perImage = error instanceof PixiValidationError ? /^images\[(\d+)\]\.platforms(.*)$/.exec(error.option) : null;
      if (!perImage) throw error;
      const refusal = error as PixiValidationError;
      throw invalidOption('GhcrWorkflow', `imagePlatforms.${described[Number(perImage[1])].dockerfile}${perImage[2]}`, refusal.value, refusal.allowed);
    }
  }

  /**
   * Checks the workflow once every image of the tree exists, before any file is written (the root's
   * components are prepared before its subprojects and files are synthesized), and fills the projen workflow.
   */
  public preSynthesize(): void {
    this.prepared = this.spec();
    if (!this.workflow) return;
    const document = this.prepared._render((uses) => uses);
    this.workflow.on(toProjenTriggers(document.on));
    this.workflow.addJobs(Object.fromEntries(Object.entries(document.jobs).map(([id, job]) => [id, toProjenJob(job as any)])));
    // GithubWorkflow has no workflow-level permissions, and its overrides drop an empty `{}`:
    // put `permissions: {}` and the concurrency rule into the data it renders, after `on:`.
    const workflow = this.workflow as unknown as { renderWorkflow(): Record<string, unknown> };
    const render = workflow.renderWorkflow.bind(workflow);
    workflow.renderWorkflow = () => {
      const { name, on, concurrency: _none, ...rest } = render();
      return { name, on, concurrency: document.concurrency, permissions: document.permissions, ...rest };
    };
  }
}

/** `GhcrWorkflowOptions`. */
const GHCR_WORKFLOW_OPTIONS = struct<GhcrWorkflowOptions>('the options of GhcrWorkflowOptions', {
  ...WORKFLOW_FIELDS,
  images: listOf(instance('a PixiDockerImage', (value) => PixiDockerImage.isPixiDockerImage(value))),
  imagePlatforms: recordOf(listOf(enumOf('ImagePlatform', ImagePlatform))),
});
