import { ApptainerDefinitionSpec } from '../apptainer/apptainer-definition-spec';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { IPixiWorkspace } from '../pixi/pixi-workspace-interface';

/** How `GhcrWorkflow` lays out `.github/workflows/docker.yaml`. */
export enum WorkflowRecipe {
  /**
   * The lesson's workflow, key for key: one job that builds the image twice (a test build, then
   * the deploying one), floating action tags, amd64 only, no build cache.
   */
  TUTORIAL = 'tutorial',
  /**
   * One build per image and platform with a layer cache, a smoke test, native arm64 runners, push by
   * digest with SBOM and provenance, and a tagged multi-arch index, SHA-pinned actions, a signed provenance
   * attestation, and least privilege: pull requests run jobs of their own that hold no write permission
   * and no secret, and push and cache nothing.
   */
  OPTIMIZED = 'optimized',
}

/** A platform an image is built for. */
export enum ImagePlatform {
  /** `linux/amd64`, built on `ubuntu-24.04`; the workspace must list `linux-64`. */
  LINUX_AMD64 = 'linux/amd64',
  /** `linux/arm64`, built on the native `ubuntu-24.04-arm` runner; the workspace must list `linux-aarch64`. */
  LINUX_ARM64 = 'linux/arm64',
}

/**
 * Where an OPTIMIZED workflow keeps BuildKit's layer cache between runs (`mode=max`: the build stage's
 * `pixi install` layer too, which is the one worth caching).
 */
export enum BuildCache {
  /**
   * GitHub's Actions cache (`type=gha`), one scope per image and platform. Fast and private, but a repository
   * has 10 GB and GitHub evicts the least recently used entries beyond that: one multi-GB CUDA install layer
   * per platform evicts every other cache on each build.
   */
  GITHUB_ACTIONS = 'gha',
  /**
   * A cache image in GHCR beside the image (`<image>/buildcache:<id>-<platform>`), written by pushes and read
   * by pull requests (with their job's read-only token). No size budget to evict from; it counts towards the owner's package storage when the
   * package is private, and each push uploads changed cache layers.
   */
  REGISTRY = 'registry',
  /** No cache between runs: every build installs the environment again. */
  NONE = 'none',
}

/** Options shared by {@link GhcrWorkflowSpec} and {@link GhcrWorkflow}. */
export interface GhcrWorkflowSpecOptions {
  /** Workflow layout. @default WorkflowRecipe.OPTIMIZED */
  readonly recipe?: WorkflowRecipe;
  /** Name shown in the Actions tab. @default "Docker Images" */
  readonly workflowName?: string;
  /** Branches whose pushes publish images. @default ["main"] */
  readonly branches?: string[];
  /**
   * Image repository, lower case, e.g. `ghcr.io/my-lab/cuda-exercise`.
   * @default - `ghcr.io/<owner>/<repo>` of the repository, lower-cased
   */
  readonly imageName?: string;
  /**
   * Extra `docker/metadata-action` tag expressions, e.g. `type=raw,value=noble-cuda-12.9`.
   * OPTIMIZED always adds `latest` (default branch only), `sha` and semver tags on `v*` tags (pull requests push nothing).
   * @default - none (TUTORIAL: `type=raw,value=latest` and `type=sha`)
   */
  readonly tags?: string[];
  /** Platforms to build (OPTIMIZED). @default [ImagePlatform.LINUX_AMD64] */
  readonly platforms?: ImagePlatform[];
  /** Emulate other platforms with QEMU on amd64 runners instead of native arm64 runners. @default false */
  readonly qemu?: boolean;
  /**
   * Command run through each image's entrypoint after its build, e.g. `["python", "-c", "import torch"]`.
   * @default - a check that the environment activates (`CONDA_PREFIX` is the environment's prefix)
   */
  readonly smokeTest?: string[];
  /** Attest the provenance of pushed images with `actions/attest` (OPTIMIZED). @default true */
  readonly attest?: boolean;
  /**
   * Replacement `uses:` references by action name, e.g.
   * `{ 'docker/build-push-action': 'docker/build-push-action@<sha>' }`. In a project with projen's
   * GitHub component, `project.github.actions.set(...)` works as well.
   * @default - the pinned versions of this library
   */
  readonly actionOverrides?: Record<string, string>;
  /**
   * Free the runner's disk (remove preinstalled toolchains, about 30 GB) before building an image and its
   * Apptainer `.sif` (OPTIMIZED). Big CUDA environments do not fit the 14 GB a hosted runner has free.
   * @default - on for images with a CUDA version, off for others
   */
  readonly freeDiskSpace?: boolean;
  /**
   * Where the layer cache lives between runs (OPTIMIZED). See {@link BuildCache} for the trade-off.
   * @default - BuildCache.REGISTRY for images with a CUDA version (their install layers would overflow
   * GitHub's 10 GB Actions cache), BuildCache.GITHUB_ACTIONS for others
   */
  readonly buildCache?: BuildCache;
}

/** One image built by the workflow. */
export interface GhcrWorkflowImage {
  /** The image. */
  readonly spec: PixiDockerImageSpec;
  /** Build context, relative to the repository root (`.` for the root). @default "." */
  readonly context?: string;
  /**
   * An Apptainer definition of the image: OPTIMIZED workflows also build its `.sif`, run its
   * `%test`, and push it to GHCR as `oras://ghcr.io/<owner>/<repo>/apptainer:<environment>`, a package of its
   * own beside the image's (several images: `:<image id>`).
   * @default - no Apptainer image
   */
  readonly apptainer?: ApptainerDefinitionSpec;
  /**
   * The platforms of this image, instead of the workflow's `platforms` (OPTIMIZED), e.g. only
   * `LINUX_AMD64` for a CUDA image beside a multi-arch CPU image.
   * @default - the workflow's platforms
   */
  readonly platforms?: ImagePlatform[];
}

/**
 * Options of a {@link PixiTestWorkflowSpec}: the workflow that installs the locked environments and
 * runs the workspace's tasks on pull requests and pushes.
 */
export interface PixiTestWorkflowOptions {
  /**
   * The workflow's name.
   * @default "Pixi"
   */
  readonly workflowName?: string;

  /**
   * Branches whose pushes run the workflow (pull requests always do). GitHub filter patterns are allowed.
   * @default ["main"]
   */
  readonly branches?: string[];

  /**
   * The environments installed and tested, one job each. Checked against the workspace when it is known.
   * @default ["default"]
   */
  readonly environments?: string[];

  /**
   * pixi tasks run in each environment, in order (`pixi run --locked --environment=<env> <task>`).
   * With a workspace, each must be a task of every environment, its features' `[target.*]` tables
   * included: pixi would run any other name as a shell command, failing only in CI.
   * Without tasks, the job still installs each environment with `--locked`, so a stale `pixi.lock` fails.
   * @default - none
   */
  readonly tasks?: string[];

  /**
   * GitHub runners the jobs run on, one job per runner and environment (e.g. `ubuntu-24.04`, `macos-15`).
   * @default ["ubuntu-24.04"]
   */
  readonly runners?: string[];

  /**
   * The pixi version setup-pixi installs, e.g. `v0.77.0`.
   * @default - setup-pixi's default (the latest release)
   */
  readonly pixiVersion?: string;

  /**
   * The workspace, to check that the environments exist.
   * @default - not checked
   */
  readonly workspace?: IPixiWorkspace;

  /**
   * The directory of the workspace, relative to the repository root.
   * @default "."
   */
  readonly workingDirectory?: string;
}
