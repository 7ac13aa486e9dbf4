import { github } from 'projen';
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

/** A registry beside GHCR that receives every published image (OPTIMIZED): the same index, by the same digest. */
export interface RegistryTarget {
  /**
   * The image repository there, with its registry and without tag, e.g. `docker.io/my-lab/cuda-exercise`,
   * `quay.io/my-lab/cuda-exercise` or `registry.example.org/group/cuda-exercise`.
   */
  readonly image: string;
  /**
   * The repository secret holding the user name to log in with.
   * @default - the image's namespace (`my-lab` of `docker.io/my-lab/cuda-exercise`), the user name of a
   * Docker Hub or Quay personal account
   */
  readonly usernameSecret?: string;
  /** The repository secret holding the password or access token to log in with, e.g. `DOCKERHUB_TOKEN`. */
  readonly passwordSecret: string;
}

/** A registry the builds log in to before they pull, for a private base image (OPTIMIZED). */
export interface RegistryLogin {
  /** The registry host, with its port if it has one, e.g. `registry.example.org` or `docker.io`. */
  readonly registry: string;
  /** The repository secret holding the user name. */
  readonly usernameSecret: string;
  /** The repository secret holding the password or access token. */
  readonly passwordSecret: string;
}

/** Which git submodules the workflow's checkouts fetch. */
export enum CheckoutSubmodules {
  /** None. */
  NONE = 'none',
  /** The repository's own submodules. */
  TOP_LEVEL = 'top-level',
  /** Submodules and theirs, recursively. */
  RECURSIVE = 'recursive',
}

/** How the jobs that build check out the repository (OPTIMIZED). */
export interface WorkflowCheckoutOptions {
  /** Submodules to fetch. @default CheckoutSubmodules.NONE */
  readonly submodules?: CheckoutSubmodules;
  /** The whole history and every tag (`fetch-depth: 0`), for version tools such as setuptools-scm. @default false */
  readonly fullHistory?: boolean;
  /** Git LFS files (model weights, data the image bakes in). @default false */
  readonly lfs?: boolean;
}

/** A tag that OPTIMIZED workflows give every published image unless told otherwise. */
export enum DefaultImageTag {
  /** `latest`, for pushes to the default branch. */
  LATEST = 'latest',
  /** `sha-<7 hex>`, the commit: what job files name so that a job never runs a stale image. */
  SHA = 'sha',
  /** `1.2.3` and `1.2` for a pushed `v1.2.3` tag. */
  SEMVER = 'semver',
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
   * OPTIMIZED adds `defaultTags` and `rawTags` beside them (pull requests push nothing).
   * @default - none (TUTORIAL: `type=raw,value=latest` and `type=sha`)
   */
  readonly tags?: string[];
  /**
   * Which of OPTIMIZED's own tags the images get; `[]` for none (then `tags` or `rawTags` name them).
   * @default [DefaultImageTag.LATEST, DefaultImageTag.SHA, DefaultImageTag.SEMVER]
   */
  readonly defaultTags?: DefaultImageTag[];
  /** Fixed tags every published image gets (OPTIMIZED), e.g. `["noble-cuda-12.9"]`. @default - none */
  readonly rawTags?: string[];
  /**
   * Registries beside GHCR that receive every published image (OPTIMIZED): one build, the index GHCR gets copied
   * there by digest, so every name has the same digest. The publish jobs alone log in, with the named secrets.
   * @default - GHCR only
   */
  readonly extraRegistries?: RegistryTarget[];
  /**
   * Registries the jobs that build and push log in to before they pull (a private base image), with the named secrets.
   * Pull-request jobs hold no secret, so they pull without these: their check of an image whose base image only a
   * secret reads fails.
   * @default - none
   */
  readonly pullRegistries?: RegistryLogin[];
  /** How the jobs that build check out the repository (OPTIMIZED). @default - no submodules, the last commit only, no LFS */
  readonly checkout?: WorkflowCheckoutOptions;
  /**
   * Steps run before each build, in every job that builds (pull requests' included, with their job's read-only
   * token and no secret), after the checkout: generate a file, download what the image bakes in (OPTIMIZED).
   * Actions are pinned by full commit SHA; no step reads a secret or has an expression in `run:`.
   * @default - none
   */
  readonly preBuildSteps?: github.workflows.JobStep[];
  /**
   * Shell commands run in each built image, through its entrypoint (activated), after the smoke test, e.g.
   * `["pixi run --frozen test", "python -m pytest /app/src/tests"]` (OPTIMIZED). Pushes build the platform images
   * by digest, untagged: a failing command stops the tagging, so no tag and no other registry ever names the image.
   * @default - none
   */
  readonly testCommands?: string[];
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
  /**
   * The GHCR package the Apptainer images are pushed to (OPTIMIZED), e.g. `ghcr.io/my-lab/cuda-exercise-sif`.
   * @default - `<image name>/apptainer`
   */
  readonly apptainerPackage?: string;
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
  /**
   * The tag of its Apptainer image in the Apptainer package (and `<tag>-sha-<7 hex>` per commit).
   * @default - the image's id in the workflow (its environment)
   */
  readonly apptainerTag?: string;
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
