import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { github, javascript } from 'projen';
import { ApptainerDefinition } from './apptainer/apptainer-definition';
import { DockerIgnore } from './docker/docker-ignore';
import { PixiDockerImage } from './docker/pixi-docker-image';
import { GhcrWorkflow } from './github/ghcr-workflow';
import { PixiWorkspace } from './pixi/pixi-workspace';

/** Options for {@link PixiProject}: flat, so that `projen new` can take them as command-line switches. */
export interface PixiProjectOptions extends github.GitHubProjectOptions {
  /**
   * pixi environments to ship, one image each. A new workspace gets a feature per environment.
   * @default ["default"]
   * @featured true
   */
  readonly environments?: string[];
  /**
   * CUDA version of the environments' `system-requirements` (new workspaces), e.g. `12`.
   * @default - no CUDA
   * @featured true
   */
  readonly cudaVersion?: string;
  /**
   * Environments that get `cudaVersion` (new workspaces).
   * @default - the environments named `gpu` or `cuda`, or all of them when none is
   */
  readonly cudaEnvironments?: string[];
  /**
   * Platforms of a new workspace.
   * @default ["linux-64"]
   */
  readonly platforms?: string[];
  /**
   * Final image of every image.
   * @default - the pixi base image
   */
  readonly finalImage?: string;
  /**
   * Ports the images expose.
   * @default - none
   */
  readonly ports?: number[];
  /**
   * Directory copied to `/app/src` in every image.
   * @default "app"
   */
  readonly sourceDir?: string;
  /**
   * Whether to copy `sourceDir` into the images.
   * @default true
   */
  readonly copySources?: boolean;
  /**
   * Files the install reads besides the manifest and the lock, copied before `pixi install`: needed
   * for `path` dependencies, e.g. the package directory when the workspace installs itself
   * (`path = "."`, as `pixi init --format pyproject` writes it).
   * @default - only the manifest and `pixi.lock`
   */
  readonly installInputs?: string[];
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
}

/**
 * A repository that ships a pixi workspace as container images: `pixi.toml` (written, or the
 * project's own `pixi.toml`/`pyproject.toml` adopted when one exists), one image per environment,
 * `.dockerignore`, the GHCR workflow and optionally Apptainer definitions.
 *
 * @pjid pixi
 */
export class PixiProject extends github.GitHubProject {
  /** The workspace. */
  public readonly workspace: PixiWorkspace;
  /** One image per environment. */
  public readonly images: PixiDockerImage[];

  /**
   * @param options project options
   */
  public constructor(options: PixiProjectOptions) {
    super(options);
    // `.projenrc.js`, written by `projen new` with the options given; `npx projen` runs it.
    new javascript.Projenrc(this);
    this.gitignore.exclude('node_modules/');
    const environments = (options.environments ?? ['default']).map(String);
    // `projen new --cuda-version 12` hands over the number 12.
    const cudaVersion = options.cudaVersion === undefined ? undefined : String(options.cudaVersion);
    const cudaEnvironments = options.cudaEnvironments?.map(String)
      ?? (environments.some(isGpuName) ? environments.filter(isGpuName) : environments);
    const existing = ['pixi.toml', 'pyproject.toml'].find((file) => isUsersManifest(join(this.outdir, file)));
    this.workspace = existing ? PixiWorkspace.fromManifest(this, existing) : new PixiWorkspace(this, {
      platforms: options.platforms,
      features: Object.fromEntries(environments.filter((e) => e !== 'default').map((e) => [e, {
        systemRequirements: cudaVersion && cudaEnvironments.includes(e) ? { cuda: cudaVersion } : undefined,
      }])),
      systemRequirements: cudaVersion && cudaEnvironments.includes('default') ? { cuda: cudaVersion } : undefined,
      environments: Object.fromEntries(environments.filter((e) => e !== 'default').map((e) => [e, { features: [e] }])),
    });
    this.images = environments.map((environment) => new PixiDockerImage(this, {
      environment,
      dockerfile: environments.length === 1 ? 'Dockerfile' : `Dockerfile.${environment}`,
      finalImage: options.finalImage,
      ports: options.ports,
      sourceDir: options.sourceDir,
      copySources: options.copySources,
      installInputs: options.installInputs?.map(String),
      platform: options.imagePlatform,
    }));
    new DockerIgnore(this);
    if (options.apptainer) for (const image of this.images) new ApptainerDefinition(this, { image });
    new GhcrWorkflow(this);
  }
}

/** A manifest the user owns: present, and not one this project generated earlier. */
function isUsersManifest(path: string): boolean {
  return existsSync(path) && !readFileSync(path, 'utf8').includes('~~ Generated by projen');
}

function isGpuName(environment: string): boolean {
  return environment === 'gpu' || environment === 'cuda';
}
