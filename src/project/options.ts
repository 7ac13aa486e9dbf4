import { github } from 'projen';
import { PixiImageContentOptions } from '../docker/options';
import { GhcrWorkflowSpecOptions } from '../github/options';

/**
 * Options for {@link PixiProject}: flat, so that `projen new` takes each as a command-line switch
 * (`cudaVersion` is `--cuda-version`; repeat a switch for a list). What every image gets
 * (`baseImage`, `command`, `sourceDir`, ...) is the images' own struct, `PixiImageContentOptions`.
 */
export interface PixiProjectOptions extends github.GitHubProjectOptions, PixiImageContentOptions {
  /**
   * pixi environments to ship, one image each. A new workspace gets a feature per environment.
   * @default ["default"]
   * @featured true
   */
  readonly environments?: string[];
  /**
   * Dependencies of a new workspace, as `pixi add` takes them: `python=3.12.*`, `numpy>=2`, `pandas`.
   * They go into the `pixi.toml` written for a project that has none; with an existing manifest,
   * each must already be one of its dependencies (add them with `pixi add`).
   * @default - none
   * @featured true
   */
  readonly dependencies?: string[];
  /**
   * CUDA version of a new workspace's GPU environments (`system-requirements`), e.g. `12`. With an
   * existing manifest it must be the version the manifest asks for.
   * @default - no CUDA
   * @featured true
   */
  readonly cudaVersion?: string;
  /**
   * Environments that get `cudaVersion`; each must be one of `environments`.
   * @default - the environments named `gpu` or `cuda`, or all of them when none is
   */
  readonly cudaEnvironments?: string[];
  /**
   * Platforms of a new workspace. With an existing manifest each must be one of its platforms.
   * @default ["linux-64"]
   */
  readonly platforms?: string[];
  /**
   * Keep `pixi.toml` generated from these options: read-only, rewritten by every `npx projen`, so
   * `pixi add` cannot change it. By default a project without a manifest gets one written once, as
   * `pixi init` writes it, which is yours from then on (`pixi add`, `pixi upgrade`).
   * @default false
   */
  readonly generateManifest?: boolean;
  /**
   * The workspace platform every image installs, for an adopted workspace whose environments have
   * several `linux-64` platforms (e.g. `cuda-linux-64` and `linux-64`); see `PixiDockerImageOptions.platform`.
   * @default - each environment's first `linux-64` platform
   */
  readonly imagePlatform?: string;
  /**
   * Also write an Apptainer definition per image (and build it in the workflow).
   * @default false
   * @featured true
   */
  readonly apptainer?: boolean;
  /**
   * Also write an HTCondor submit file per image (`htcondor.<environment>.sub`, see `HtcondorJob`) that runs
   * `jobImage` in the container universe. Needs `jobImage` and a `command`.
   * @default false
   */
  readonly htcondor?: boolean;
  /**
   * Also write a Slurm batch script per image (`slurm.<environment>.sh`, see `SlurmJob`) that runs `jobImage` with
   * `apptainer exec`. Needs `jobImage` and a `command`.
   * @default false
   */
  readonly slurm?: boolean;
  /**
   * The published image the job files run, pinned: `ghcr.io/my-lab/my-repo:sha-abc1234` (the tag the workflow
   * pushes for a commit) or a release tag. With several environments each job runs its image's tag, the
   * environment appended as the workflow appends it (`:sha-abc1234-gpu`).
   * @default - none: required by `htcondor` and `slurm`
   */
  readonly jobImage?: string;
  /**
   * Also write `.github/workflows/pixi.yaml`, which installs every environment with `--locked` on pull
   * requests and pushes (a stale `pixi.lock` fails) and runs `testTasks` in it.
   * @default true
   */
  readonly testWorkflow?: boolean;
  /**
   * Also write `renovate.json5`: `pixi.lock` refreshed weekly, pixi's dependencies in one pull request, base
   * images pinned by digest and updated, and no pull request against a file projen writes (see `RenovateConfig`).
   * @default true
   */
  readonly renovate?: boolean;
  /**
   * pixi tasks the test workflow runs in every environment, e.g. `test`. Each must be a task of every
   * environment (`pixi task add`): pixi would run any other name as a shell command.
   * @default - none: the workflow installs the environments only
   */
  readonly testTasks?: string[];
  /**
   * Lines of `.gitignore` besides projen's and pixi's own (`.pixi/*`, `!.pixi/config.toml`).
   * `projen new` copies here the lines of the `.gitignore` a repository already has.
   * @default - none
   */
  readonly gitignore?: string[];
  /**
   * Lines of `.gitattributes` (`<pattern> <attribute>...`) besides projen's and pixi's own
   * (`pixi.lock merge=binary linguist-language=YAML linguist-generated=true -diff`).
   * `projen new` copies here the lines of the `.gitattributes` a repository already has.
   * @default - none
   */
  readonly gitattributes?: string[];
  /**
   * Options of the GHCR workflow (`.github/workflows/docker.yaml`), which builds every image of the project:
   * other registries, checkout, pre-build steps, test commands, tags (README "Publishing elsewhere").
   * Its overrides go through `project.dockerWorkflow.addOverride(...)`.
   * @default - the workflow's defaults
   */
  readonly dockerWorkflow?: GhcrWorkflowSpecOptions;
}
