/*
 * The one home of the GHCR workflow's defaults and checks: options in, settings out, each given or
 * defaulted once. Renderers take these settings and the resolved images, never the options.
 */
import { github } from 'projen';
import { checkoutInputs, checkPreBuildSteps } from './build-steps';
import { BuildCache, DefaultImageTag, GhcrWorkflowImage, GhcrWorkflowSpecOptions, ImagePlatform, WorkflowRecipe } from './options';
import { RegistryCredentials, RegistryPush, resolveExtraRegistries, resolvePullRegistries } from './registries';
import { TUTORIAL_DEFAULT_TAGS } from './tutorial-workflow';
import { StepInputs } from './workflow-model';
import { checkBranches, checkWorkflowName } from './workflow-text';
import { NAME_MAX, NAME_MAX_ALLOWED, PATH_COMPONENT, TAG } from '../docker/image-reference';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { FinalImageKind } from '../docker/recipe';
import { hasControlCharacter, invalidOption, requireOneOf } from '../util/validate';

const OWNER = 'GhcrWorkflow';
/** Where the workflow lives, relative to the repository root. */
export const WORKFLOW_FILE = '.github/workflows/docker.yaml';
const IMAGE_NAME = new RegExp(`^ghcr\\.io(?:/${PATH_COMPONENT}){2,}$`);
const TAG_TYPES = ['raw', 'sha', 'ref', 'semver', 'pep440', 'match', 'schedule', 'edge'];
const TAG_EXPRESSION = new RegExp(`^type=(${TAG_TYPES.join('|')})(,[a-z-]+=[^,]*)*$`);
const ACTION_REF = /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.\/-]+@[A-Za-z0-9_.\/-]+$/;
const RAW_TAG = new RegExp(`^${TAG}$`);
/** Subdirs a platform needs in the pixi workspace. */
const PLATFORM_SUBDIRS: Record<ImagePlatform, string> = {
  [ImagePlatform.LINUX_AMD64]: 'linux-64',
  [ImagePlatform.LINUX_ARM64]: 'linux-aarch64',
};
/** What TUTORIAL refuses: it reproduces the lesson's workflow, which has none of them. */
const OPTIMIZED_ONLY = [
  'imageName', 'platforms', 'qemu', 'smokeTest', 'attest', 'actionOverrides', 'freeDiskSpace', 'buildCache', 'defaultTags', 'rawTags',
  'extraRegistries', 'pullRegistries', 'checkout', 'preBuildSteps', 'testCommands', 'apptainerPackage',
] as const;

/** The workflow's settings, resolved: each given or defaulted, and checked. */
export interface WorkflowSettings {
  readonly recipe: WorkflowRecipe;
  /** The name shown in the Actions tab. */
  readonly name: string;
  /** Branches whose pushes publish. */
  readonly branches: string[];
  /** The image repository; undefined: the repository's own, lower-cased, found by the workflow. */
  readonly imageName?: string;
  /** OPTIMIZED: tag expressions beside its own; TUTORIAL: every tag. */
  readonly tags: string[];
  /** The platforms of an image that names none. */
  readonly platforms: ImagePlatform[];
  readonly qemu: boolean;
  /** The smoke test's command; undefined: the activation check. */
  readonly smokeTest?: string[];
  readonly attest: boolean;
  /** `uses:` references by action name, in place of the pinned ones. */
  readonly actionOverrides: Readonly<Record<string, string>>;
  /** OPTIMIZED's own tags that the images get. */
  readonly defaultTags: DefaultImageTag[];
  /** Fixed tags. */
  readonly rawTags: string[];
  /** Registries beside GHCR that receive the published index. */
  readonly extraRegistries: RegistryPush[];
  /** Logins the jobs that push make before they build. */
  readonly pullRegistries: RegistryCredentials[];
  /** The checkout step's inputs beside `persist-credentials`. */
  readonly checkout: StepInputs;
  /** The user's steps before each build. */
  readonly preBuildSteps: github.workflows.JobStep[];
  /** Shell commands run in each built image. */
  readonly testCommands: string[];
  /** The GHCR package of the Apptainer images; undefined: `<image name>/apptainer`. */
  readonly apptainerPackage?: string;
}

/** Checks the options that do not depend on the images, and gives each its value. */
export function resolveWorkflowSettings(options: GhcrWorkflowSpecOptions): WorkflowSettings {
  const recipe = options.recipe === undefined ? WorkflowRecipe.OPTIMIZED
    : requireOneOf(OWNER, 'recipe', options.recipe, Object.values(WorkflowRecipe), 'WorkflowRecipe.TUTORIAL or WorkflowRecipe.OPTIMIZED');
  const platforms = checkPlatforms(options.platforms ?? [ImagePlatform.LINUX_AMD64], 'platforms');
  checkWorkflowName(OWNER, options.workflowName);
  checkBranches(OWNER, options.branches);
  if (options.imageName !== undefined && options.imageName.length > NAME_MAX) throw invalidOption(OWNER, 'imageName', options.imageName, NAME_MAX_ALLOWED);
  if (options.imageName !== undefined && !IMAGE_NAME.test(options.imageName)) {
    throw invalidOption(OWNER, 'imageName', options.imageName, 'a lower-case GHCR repository such as "ghcr.io/my-lab/cuda-exercise", without tag');
  }
  (options.tags ?? []).forEach((tag, i) => {
    if (!TAG_EXPRESSION.test(tag) || tag.includes('${{') || hasControlCharacter(tag)) {
      throw invalidOption(OWNER, `tags[${i}]`, tag, `a docker/metadata-action tag expression: type=${TAG_TYPES.join('|')} with ",key=value" attributes`);
    }
  });
  checkSmokeTest(options.smokeTest);
  const testCommands = checkTestCommands(options.testCommands);
  const defaultTags = checkDefaultTags(options.defaultTags);
  const rawTags = options.rawTags ?? [];
  rawTags.forEach((tag, i) => {
    if (!RAW_TAG.test(tag)) throw invalidOption(OWNER, `rawTags[${i}]`, tag, 'an image tag: letters, digits, "_", "." and "-", at most 128, not starting with "." or "-"');
  });
  if (recipe === WorkflowRecipe.OPTIMIZED && defaultTags.length === 0 && rawTags.length === 0 && !(options.tags ?? []).some((tag) => !/\bevent=pr\b/.test(tag))) {
    throw invalidOption(OWNER, 'defaultTags', defaultTags, 'at least one tag for a published image: a default tag, a raw tag or a tag expression');
  }
  if (options.apptainerPackage !== undefined && (!IMAGE_NAME.test(options.apptainerPackage) || options.apptainerPackage.length > NAME_MAX)) {
    throw invalidOption(OWNER, 'apptainerPackage', options.apptainerPackage, 'a lower-case GHCR repository such as "ghcr.io/my-lab/cuda-exercise-sif", without tag');
  }
  for (const [name, ref] of Object.entries(options.actionOverrides ?? {})) {
    if (!ACTION_REF.test(ref) || !ref.startsWith(`${name}@`)) {
      throw invalidOption(OWNER, `actionOverrides.${name}`, ref, `"${name}@<sha or tag>"`);
    }
  }
  const unsupported = recipe === WorkflowRecipe.TUTORIAL ? OPTIMIZED_ONLY.find((key) => options[key] !== undefined) : undefined;
  if (unsupported !== undefined) {
    throw invalidOption(OWNER, unsupported, options[unsupported], 'nothing with WorkflowRecipe.TUTORIAL, which reproduces the lesson as it is');
  }
  return {
    recipe,
    name: options.workflowName ?? 'Docker Images',
    branches: options.branches ?? ['main'],
    imageName: options.imageName,
    tags: options.tags ?? (recipe === WorkflowRecipe.TUTORIAL ? TUTORIAL_DEFAULT_TAGS : []),
    platforms,
    qemu: options.qemu ?? false,
    smokeTest: options.smokeTest,
    attest: options.attest ?? true,
    actionOverrides: options.actionOverrides ?? {},
    defaultTags,
    rawTags,
    extraRegistries: resolveExtraRegistries(options.extraRegistries),
    pullRegistries: resolvePullRegistries(options.pullRegistries),
    checkout: checkoutInputs(options.checkout),
    preBuildSteps: checkPreBuildSteps(options.preBuildSteps),
    testCommands,
    apptainerPackage: options.apptainerPackage,
  };
}

/** What the jobs of one image do, resolved: where they build, where they cache, whether they free the disk first. */
export interface ImageJobSettings {
  /** The platforms built. */
  readonly platforms: ImagePlatform[];
  /** Where the layer cache lives. */
  readonly buildCache: BuildCache;
  /** Whether the image's jobs free the runner's disk first. */
  readonly freesDiskSpace: boolean;
}

/**
 * An image's job settings: its own platforms or the workflow's; the cache and the disk as given, or by
 * whether the image has a CUDA version (gigabytes of install layers overflow GitHub's 10 GB Actions cache
 * and a hosted runner's 14 GB of free disk).
 */
export function resolveImageSettings(
  image: GhcrWorkflowImage, i: number, options: GhcrWorkflowSpecOptions, settings: WorkflowSettings,
): ImageJobSettings {
  const option = image.platforms === undefined ? 'platforms' : `images[${i}].platforms`;
  if (image.platforms !== undefined && settings.recipe === WorkflowRecipe.TUTORIAL) {
    throw invalidOption(OWNER, option, image.platforms, 'nothing with WorkflowRecipe.TUTORIAL, which builds amd64 only');
  }
  const platforms = image.platforms === undefined ? settings.platforms : checkPlatforms(image.platforms, option);
  checkWorkspacePlatforms(image.spec, platforms, option);
  if (settings.testCommands.length > 0 && image.spec.finalImageKind === FinalImageKind.DISTROLESS) {
    throw invalidOption(OWNER, 'testCommands', settings.testCommands,
      `nothing for ${image.spec.dockerfile}, a distroless image without a shell to run them (its smokeTest runs a command without one)`);
  }
  const cuda = image.spec.cudaVersion !== undefined;
  return {
    platforms,
    buildCache: options.buildCache ?? (cuda ? BuildCache.REGISTRY : BuildCache.GITHUB_ACTIONS),
    freesDiskSpace: options.freeDiskSpace ?? cuda,
  };
}

/** Building for a platform the workspace does not solve for would fail in `pixi install`. */
function checkWorkspacePlatforms(spec: PixiDockerImageSpec, platforms: ImagePlatform[], option: string): void {
  const subdirs = spec.environmentView?.subdirs ?? [];
  for (const platform of platforms) {
    if (subdirs.length > 0 && !subdirs.includes(PLATFORM_SUBDIRS[platform])) {
      throw invalidOption(OWNER, option, platform,
        `platforms the environment "${spec.environment}" of ${spec.dockerfile} is solved for (${subdirs.join(', ')}); `
        + `add "${PLATFORM_SUBDIRS[platform]}" to the workspace platforms to build ${platform}`);
    }
  }
}

/** Platforms, each once: the workflow's, or an image's own. */
export function checkPlatforms(platforms: ImagePlatform[], option: string): ImagePlatform[] {
  const allowed = Object.values(ImagePlatform) as string[];
  if (platforms.length === 0) throw invalidOption(OWNER, option, platforms, `at least one of ${allowed.join(', ')}`);
  platforms.forEach((platform, i) => requireOneOf(OWNER, `${option}[${i}]`, platform, Object.values(ImagePlatform)));
  if (new Set(platforms).size !== platforms.length) throw invalidOption(OWNER, option, platforms, 'each platform once');
  return [...platforms];
}

function checkDefaultTags(tags: DefaultImageTag[] | undefined): DefaultImageTag[] {
  if (tags === undefined) return Object.values(DefaultImageTag);
  tags.forEach((tag, i) => requireOneOf(OWNER, `defaultTags[${i}]`, tag, Object.values(DefaultImageTag)));
  if (new Set(tags).size !== tags.length) throw invalidOption(OWNER, 'defaultTags', tags, 'each tag once');
  return [...tags];
}

function checkTestCommands(commands: string[] | undefined): string[] {
  (commands ?? []).forEach((command, i) => {
    // `${{` would be expanded by GitHub before the shell sees it.
    if (command.trim() === '' || hasControlCharacter(command) || command.includes('${{')) {
      throw invalidOption(OWNER, `testCommands[${i}]`, command, 'a one-line shell command without "${{", e.g. "pixi run --frozen test"');
    }
  });
  return [...(commands ?? [])];
}

function checkSmokeTest(smokeTest: string[] | undefined): void {
  if (smokeTest === undefined) return;
  if (smokeTest.length === 0 || smokeTest[0] === '') {
    throw invalidOption(OWNER, 'smokeTest', smokeTest, 'a non-empty command, e.g. ["python", "--version"]');
  }
  smokeTest.forEach((arg, i) => {
    // `${{` would be expanded by GitHub before the shell sees it.
    if (hasControlCharacter(arg) || arg.includes('${{')) {
      throw invalidOption(OWNER, `smokeTest[${i}]`, arg, 'an argument without newlines, control characters or "${{"');
    }
  });
}
