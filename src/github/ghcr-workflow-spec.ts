import { pinnedRef } from './actions';
import { optimizedWorkflow } from './optimized-workflow';
import { WORKFLOW_IMAGES, WORKFLOW_OPTIONS } from './option-shapes';
import { GhcrWorkflowImage, GhcrWorkflowSpecOptions, ImagePlatform, WorkflowRecipe } from './options';
import { Yaml } from './triggers';
import { TUTORIAL_DEFAULT_TAGS, tutorialWorkflow } from './tutorial-workflow';
import { WorkflowImage, workflowImages } from './workflow-images';
import { checkBranches, checkWorkflowName } from './workflow-text';
import { renderWorkflowYaml } from './workflow-yaml';
import { PATH_COMPONENT } from '../docker/image-reference';
import { RenderOptions } from '../util/render-options';
import { checkShape } from '../util/shape';
import { hasControlCharacter, invalidOption, requireOneOf } from '../util/validate';

const OWNER = 'GhcrWorkflow';
/** Where the workflow lives, relative to the repository root. */
export const WORKFLOW_FILE = '.github/workflows/docker.yaml';
const IMAGE_NAME = new RegExp(`^ghcr\\.io(?:/${PATH_COMPONENT}){2,}$`);
const TAG_TYPES = ['raw', 'sha', 'ref', 'semver', 'pep440', 'match', 'schedule', 'edge'];
const TAG_EXPRESSION = new RegExp(`^type=(${TAG_TYPES.join('|')})(,[a-z-]+=[^,]*)*$`);
const ACTION_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.\/-]+@[A-Za-z0-9_.\/-]+$/;
/** Subdirs a platform needs in the pixi workspace. */
const PLATFORM_SUBDIRS: Record<ImagePlatform, string> = {
  [ImagePlatform.LINUX_AMD64]: 'linux-64',
  [ImagePlatform.LINUX_ARM64]: 'linux-aarch64',
};

/**
 * The GitHub Actions workflow that builds, tests and publishes pixi images to GHCR, free of
 * projen: rendered from the same image descriptions as the Dockerfiles, so it cannot drift.
 */
export class GhcrWorkflowSpec {
  /** The workflow layout. */
  public readonly recipe: WorkflowRecipe;
  /** The platforms built (OPTIMIZED). */
  public readonly platforms: ImagePlatform[];
  private readonly images: WorkflowImage[];
  private readonly options: GhcrWorkflowSpecOptions;

  /**
   * @param images the images to build; at least one
   * @param options workflow options; invalid values throw here
   */
  public constructor(images: GhcrWorkflowImage[], options: GhcrWorkflowSpecOptions = {}) {
    checkShape(OWNER, images, WORKFLOW_IMAGES, (path) => `images${path}`);
    if (images.length === 0) throw invalidOption(OWNER, 'images', [], 'at least one PixiDockerImage');
    const checked = checkWorkflowOptions(options);
    const perImage = images.findIndex((image) => image.platforms !== undefined);
    if (perImage >= 0 && checked.recipe === WorkflowRecipe.TUTORIAL) {
      throw invalidOption(OWNER, `images[${perImage}].platforms`, images[perImage].platforms, 'nothing with WorkflowRecipe.TUTORIAL, which builds amd64 only');
    }
    this.images = workflowImages(images, (image, i) => image.platforms === undefined ? checked.platforms
      : validatePlatforms(image.platforms, `images[${i}].platforms`));
    this.options = options;
    this.recipe = checked.recipe;
    this.platforms = checked.platforms;
    this.images.forEach((image, i) => checkWorkspacePlatforms(image, images[i].platforms === undefined ? 'platforms' : `images[${i}].platforms`));
  }

  /** The workflow as data, keys spelled as in the YAML file. */
  public toWorkflow(): any {
    return this.render((ref) => ref);
  }

  /**
   * Renders the YAML file, with `# vX.Y.Z` comments after pinned actions.
   * @param options where to put a header comment
   */
  public renderYaml(options: RenderOptions = {}): string {
    return renderWorkflowYaml(OWNER, this.toWorkflow(), options);
  }

  /** @internal renders with a custom action resolver (projen's GitHub action overrides). */
  public _render(resolve: (uses: string) => string): Yaml {
    return this.render(resolve);
  }

  private render(resolve: (uses: string) => string): Yaml {
    const options = this.options;
    const name = options.workflowName ?? 'Docker Images';
    const branches = options.branches ?? ['main'];
    if (this.recipe === WorkflowRecipe.TUTORIAL) {
      return tutorialWorkflow(name, branches, this.images, options.tags ?? TUTORIAL_DEFAULT_TAGS, resolve);
    }
    const overrides = options.actionOverrides ?? {};
    return optimizedWorkflow(this.images, {
      name,
      branches,
      imageName: options.imageName,
      tags: options.tags ?? [],
      qemu: options.qemu ?? false,
      smokeTest: options.smokeTest,
      attest: options.attest ?? true,
      freeDiskSpace: options.freeDiskSpace,
      buildCache: options.buildCache,
      workflowFile: WORKFLOW_FILE,
      uses: (action) => overrides[action.name] ?? resolve(pinnedRef(action)),
    });
  }
}

/**
 * Checks the options that do not depend on the images, so that a construct can refuse them before
 * its images are known.
 */
export function checkWorkflowOptions(options: GhcrWorkflowSpecOptions): { recipe: WorkflowRecipe; platforms: ImagePlatform[] } {
  checkShape(OWNER, options, WORKFLOW_OPTIONS);
  const recipe = validateRecipe(options.recipe);
  const platforms = validatePlatforms(options.platforms ?? [ImagePlatform.LINUX_AMD64], 'platforms');
  validateOptions(options, recipe);
  return { recipe, platforms };
}

function validateRecipe(recipe: WorkflowRecipe | undefined): WorkflowRecipe {
  if (recipe === undefined) return WorkflowRecipe.OPTIMIZED;
  return requireOneOf(OWNER, 'recipe', recipe, Object.values(WorkflowRecipe), 'WorkflowRecipe.TUTORIAL or WorkflowRecipe.OPTIMIZED');
}

function validatePlatforms(platforms: ImagePlatform[], option: string): ImagePlatform[] {
  const allowed = Object.values(ImagePlatform) as string[];
  if (platforms.length === 0) throw invalidOption(OWNER, option, platforms, `at least one of ${allowed.join(', ')}`);
  platforms.forEach((platform, i) => requireOneOf(OWNER, `${option}[${i}]`, platform, Object.values(ImagePlatform)));
  if (new Set(platforms).size !== platforms.length) throw invalidOption(OWNER, option, platforms, 'each platform once');
  return [...platforms];
}

function validateOptions(options: GhcrWorkflowSpecOptions, recipe: WorkflowRecipe): void {
  checkWorkflowName(OWNER, options.workflowName);
  checkBranches(OWNER, options.branches);
  if (options.imageName !== undefined && !IMAGE_NAME.test(options.imageName)) {
    throw invalidOption(OWNER, 'imageName', options.imageName, 'a lower-case GHCR repository such as "ghcr.io/my-lab/cuda-exercise", without tag');
  }
  (options.tags ?? []).forEach((tag, i) => {
    if (!TAG_EXPRESSION.test(tag) || tag.includes('${{') || hasControlCharacter(tag)) {
      throw invalidOption(OWNER, `tags[${i}]`, tag, `a docker/metadata-action tag expression: type=${TAG_TYPES.join('|')} with ",key=value" attributes`);
    }
  });
  if (options.smokeTest !== undefined) {
    if (options.smokeTest.length === 0 || options.smokeTest[0] === '') {
      throw invalidOption(OWNER, 'smokeTest', options.smokeTest, 'a non-empty command, e.g. ["python", "--version"]');
    }
    options.smokeTest.forEach((arg, i) => {
      // `${{` would be expanded by GitHub before the shell sees it.
      if (hasControlCharacter(arg) || arg.includes('${{')) {
        throw invalidOption(OWNER, `smokeTest[${i}]`, arg, 'an argument without newlines, control characters or "${{"');
      }
    });
  }
  for (const [name, ref] of Object.entries(options.actionOverrides ?? {})) {
    if (!ACTION_REF.test(ref) || !ref.startsWith(`${name}@`)) {
      throw invalidOption(OWNER, `actionOverrides.${name}`, ref, `"${name}@<sha or tag>"`);
    }
  }
  if (recipe === WorkflowRecipe.TUTORIAL) {
    const unsupported = (['imageName', 'platforms', 'qemu', 'smokeTest', 'attest', 'actionOverrides', 'freeDiskSpace', 'buildCache'] as const)
      .filter((key) => options[key] !== undefined);
    if (unsupported.length > 0) {
      throw invalidOption(OWNER, unsupported[0], options[unsupported[0]], 'nothing with WorkflowRecipe.TUTORIAL, which reproduces the lesson as it is');
    }
  }
}

/** Building for a platform the workspace does not solve for would fail in `pixi install`. */
function checkWorkspacePlatforms(image: WorkflowImage, option: string): void {
  const workspace = image.spec.workspace;
  if (!workspace) return;
  const subdirs = workspace.subdirsOf(image.spec.environment);
  for (const platform of image.platforms) {
    if (subdirs.length > 0 && !subdirs.includes(PLATFORM_SUBDIRS[platform])) {
      throw invalidOption(OWNER, option, platform,
        `platforms the environment "${image.spec.environment}" of ${image.spec.dockerfile} is solved for (${subdirs.join(', ')}); `
        + `add "${PLATFORM_SUBDIRS[platform]}" to the workspace platforms to build ${platform}`);
    }
  }
}
