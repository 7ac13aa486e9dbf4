import { imageActivation } from './activation-inputs';
import { imageEnvironmentOf } from './image-environment';
import { ImageReference, parseImageReference, isPixiImage, pixiVersionOfTag, formatImageReference } from './image-reference';
import { resolveSources, WHOLE_CONTEXT } from './image-sources';
import { imageUser } from './image-user';
import * as layout from './layout';
import { IMAGE_OPTIONS } from './option-shapes';
import { ImageHealthcheck, ImageSource, PixiDockerImageOptions } from './options';
import { checkPathDependencies, checkWorkspacePathsInImage } from './path-dependency-inputs';
import { DockerRecipe, FinalImageKind } from './recipe';
import { renderEntrypoint } from './render-entrypoint';
import { HEALTHCHECK_FLAGS, HealthcheckTiming } from './render-healthcheck';
import { renderOptimizedDockerfile } from './render-optimized';
import { renderTutorialDockerfile } from './render-tutorial';
import { buildStagePackages, validateSystemPackages } from './system-packages';
import { cudaOverrideFor } from '../pixi/cuda-override';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED } from '../pixi/environment-name';
import { PixiManifestFile } from '../pixi/manifest-file';
import { IPixiWorkspace, PixiEnvironmentView } from '../pixi/pixi-workspace-interface';
import { ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED } from '../util/env-variable';
import { besideDockerfile } from '../util/paths';
import { RenderOptions } from '../util/render-options';
import { checkShape, headerCommentOf } from '../util/shape';
import {
  invalidOption,
  requireMatch,
  requireOneOf,
  requireRelativePath,
  requireSingleLine,
} from '../util/validate';
import { satisfiesVersionSpec } from '../util/version-spec';
import { compareVersions } from '../util/versions';

const OWNER = 'PixiDockerImage';

/** The build stage's image when none is given: pixi's own, on Ubuntu 24.04. */
export const DEFAULT_BASE_IMAGE = 'ghcr.io/prefix-dev/pixi:noble';
const PIXI_VERSION = /^\d+\.\d+\.\d+$/;
const LABEL_KEY = /^[A-Za-z0-9](?:[A-Za-z0-9._/-]*[A-Za-z0-9])?$/;
/** `pixi shell-hook --as-is` (= `--frozen --no-install`) exists from this version on. */
const AS_IS_SINCE = '0.53.0';
/** Rich platforms, and `pixi install --platform` to choose one, exist from this version on. */
const RICH_PLATFORMS_SINCE = '0.71.0';
/** The label that records which workspace platform an image installed. */
const PLATFORM_LABEL = 'sh.pixi.platform';

/**
 * The validated description of one pixi container image, free of projen: it renders the
 * Dockerfile and the entrypoint as text, and tells which files of the build context they copy.
 *
 * `PixiDockerImage` wraps it for projen; use it directly inside your own generators.
 */
export class PixiDockerImageSpec {
  /** Directory of the pixi workspace inside the image. */
  public static readonly WORKDIR = layout.WORKDIR;
  /** Where `sourceDir` is copied in the final image. */
  public static readonly SOURCE_TARGET = layout.SOURCE_TARGET;
  /** The entrypoint script inside the image. */
  public static readonly ENTRYPOINT_PATH = layout.ENTRYPOINT_PATH;
  /** The activation written by `pixi shell-hook` at build time (OPTIMIZED recipe). */
  public static readonly ACTIVATION_PATH = layout.ACTIVATION_PATH;
  /** The lock file copied next to the manifest. */
  public static readonly LOCK_FILE = layout.LOCK_FILE;

  /** The pixi environment installed into the image. */
  public readonly environment: string;
  /** `CONDA_OVERRIDE_CUDA` of the build stage, if any. */
  public readonly cudaVersion?: string;
  /** Image of the build stage. */
  public readonly baseImage: string;
  /** Image of the final stage. */
  public readonly finalImage: string;
  /** What the final image provides. */
  public readonly finalImageKind: FinalImageKind;
  /** Version of pixi in the base image, when known. */
  public readonly pixiVersion?: string;
  /** The manifest file at the root of the build context. */
  public readonly manifestFile: PixiManifestFile;
  /** What the final image holds of the build context: each source with its absolute path in the image, in order. */
  public readonly sources: ImageSource[];
  /** The lesson's layout: the directory copied to `/app/src`, when `sourceDir` (not `sources`) decided what is copied. */
  public readonly sourceDir?: string;
  /** Files the install needs besides the manifest and lock, copied before `pixi install`. */
  public readonly installInputs: string[];
  /**
   * Install inputs the final image holds too, at the same path: those making up an editable path
   * dependency, which the environment links to instead of holding a copy.
   */
  public readonly runtimeInputs: string[];
  /** Shell commands run in the build stage after the install, in the activated environment, from `/app`. */
  public readonly buildCommands: string[];
  /** BuildKit secret ids the install and the build commands read. */
  public readonly buildSecrets: string[];
  /** apt packages the build stage installs before the install: git, for the environment's git dependencies. */
  public readonly buildStagePackages: string[];
  /** apt packages installed into the final image. */
  public readonly systemPackages: string[];
  /** Exposed ports. */
  public readonly ports: number[];
  /** Command run when the container gets no arguments, if any. */
  public readonly command?: string[];
  /** The container's health check, if any. */
  public readonly healthcheck?: ImageHealthcheck;
  /** Extra environment variables of the final image. */
  public readonly env: Record<string, string>;
  /** Labels of the final image. */
  public readonly labels: Record<string, string>;
  /** The final image's `USER` when it is not root; undefined: root. */
  public readonly user?: string;
  /** Path of the Dockerfile, relative to the project. */
  public readonly dockerfile: string;
  /** Path of the entrypoint script relative to the project, when the recipe writes one. */
  public readonly entrypointFile?: string;
  /** How the Dockerfile is laid out. */
  public readonly recipe: DockerRecipe;
  /** The workspace the image packages, when known. */
  public readonly workspace?: IPixiWorkspace;
  /** The workspace's view of the environment on the platform the image installs, when the workspace is known. */
  public readonly environmentView?: PixiEnvironmentView;
  /** The workspace platform the image installs, when the workspace is known. */
  public readonly platform?: string;
  /**
   * Whether the install names the platform (`--platform`): the environment has several `linux-64`
   * platforms, and the image must not depend on which one the builder satisfies.
   */
  public readonly namesPlatform: boolean;
  /**
   * The workspace's activation scripts the image holds, relative to the workspace root: copied into
   * the build stage before `pixi shell-hook`, and into the final image at the same path.
   */
  public readonly activationScripts: string[];
  /** Activation scripts the manifest names but the build context lacks; pixi leaves them out, and so does the image. */
  public readonly missingActivationScripts: string[];
  /**
   * Absolute activation scripts of the manifest: not copied (no build context holds them); pixi sources each only
   * where it exists when the activation is written, in the build stage.
   */
  public readonly absoluteActivationScripts: string[];
  /** The workspace's `[activation.env]` for the environment, as pixi exports it. */
  public readonly activationEnv: Record<string, string>;

  /**
   * @param options the image description; throws on any invalid value
   */
  public constructor(options: PixiDockerImageOptions = {}) {
    checkShape(OWNER, options, IMAGE_OPTIONS);
    // 1. Each option on its own, in the order of the struct.
    this.environment = requireMatch(OWNER, 'environment', options.environment ?? 'default', ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED);
    const base = parseImageReference(OWNER, 'baseImage', options.baseImage ?? DEFAULT_BASE_IMAGE);
    const final = options.finalImage === undefined ? base : parseImageReference(OWNER, 'finalImage', options.finalImage);
    this.baseImage = formatImageReference(base);
    this.finalImage = formatImageReference(final);
    this.finalImageKind = options.finalImageKind ?? inferFinalImageKind(final, this.finalImage === this.baseImage);
    this.systemPackages = validateSystemPackages(options.systemPackages ?? [], final, this.finalImageKind, this.finalImage);
    this.pixiVersion = options.pixiVersion === undefined ? pixiVersionOfTag(base)
      : requireMatch(OWNER, 'pixiVersion', options.pixiVersion, PIXI_VERSION, 'a pixi version such as "0.77.0"');
    this.recipe = validateRecipe(options.recipe);
    const copied = resolveSources(options, this.recipe);
    this.sources = copied.sources;
    this.sourceDir = copied.sourceDir;
    this.installInputs = (options.installInputs ?? []).map((path, i) => requireRelativePath(OWNER, `installInputs[${i}]`, path));
    if (options.contextDirectory !== undefined && typeof options.contextDirectory !== 'string') {
      throw invalidOption(OWNER, 'contextDirectory', options.contextDirectory, 'the path of the build context directory');
    }
    this.buildCommands = (options.buildCommands ?? []).map((command, i) => validateBuildCommand(`buildCommands[${i}]`, command));
    this.buildSecrets = validateBuildSecrets(options.buildSecrets ?? []);
    this.ports = validatePorts(options.ports ?? []);
    this.command = options.command === undefined ? undefined : validateCommand('command', options.command);
    this.healthcheck = options.healthcheck === undefined ? undefined : validateHealthcheck(options.healthcheck);
    this.env = validateRecord('env', options.env ?? {}, ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED);
    const labels = validateRecord('labels', options.labels ?? {}, LABEL_KEY,
      'a label key of letters, digits and ". _ - /", e.g. "org.opencontainers.image.source"');
    this.dockerfile = requireRelativePath(OWNER, 'dockerfile', options.dockerfile ?? 'Dockerfile');

    // 2. Options against each other.
    if (this.recipe === DockerRecipe.TUTORIAL && this.finalImageKind === FinalImageKind.DISTROLESS) {
      throw invalidOption(OWNER, 'recipe', 'TUTORIAL', 'OPTIMIZED with a DISTROLESS final image (the tutorial entrypoint needs bash)');
    }
    if (this.installInputs.length > 0 && this.recipe === DockerRecipe.TUTORIAL) {
      throw invalidOption(OWNER, 'installInputs', options.installInputs, 'nothing with DockerRecipe.TUTORIAL, which copies the whole context');
    }
    for (const option of ['buildCommands', 'buildSecrets', 'systemPackages'] as const) {
      if (this[option].length > 0 && this.recipe === DockerRecipe.TUTORIAL) {
        throw invalidOption(OWNER, option, options[option], 'nothing with DockerRecipe.TUTORIAL, the lesson\'s recipe as it is (DockerRecipe.OPTIMIZED takes them)');
      }
    }
    this.user = imageUser(OWNER, options.user, this.recipe);
    this.entrypointFile = this.resolveEntrypointFile(options.entrypointFile);
    const workspace = options.workspace;
    if (options.platform !== undefined && workspace === undefined) {
      throw invalidOption(OWNER, 'platform', options.platform, 'a platform of the workspace, which needs the "workspace" option');
    }

    // 3. Against the workspace: one view of the environment on the platform the image installs.
    const installed = workspace ? imageEnvironmentOf(workspace, this.environment, options.platform) : undefined;
    this.workspace = workspace;
    this.environmentView = installed?.view;
    this.platform = installed?.platform;
    this.namesPlatform = installed?.namesPlatform ?? false;
    this.cudaVersion = cudaOverrideFor(OWNER, installed?.view.cudaVersion, options.cudaVersion);
    if (workspace) checkPixiVersion(options.pixiVersion === undefined ? 'baseImage' : 'pixiVersion', this.pixiVersion, workspace.requiresPixi, this.namesPlatform);
    this.manifestFile = validateManifestFile(options.manifestFile, workspace);
    this.buildStagePackages = buildStagePackages(installed?.view.gitDependencies ?? [], base, this.baseImage, this.recipe === DockerRecipe.TUTORIAL);
    this.runtimeInputs = installed
      ? checkPathDependencies(this.environment, installed.view.pathDependencies, this.recipe, this.installInputs)
      : [];
    const activation = imageActivation(this.environment, installed?.view.activation ?? {}, this.finalImageKind, options.contextDirectory);
    this.activationScripts = activation.scripts;
    this.missingActivationScripts = activation.missing;
    this.absoluteActivationScripts = activation.absolute;
    this.activationEnv = activation.env;
    checkWorkspacePathsInImage([
      ...this.runtimeInputs.map((path) => ({ path, origin: 'installInputs' })),
      ...this.activationScripts.map((path) => ({ path, origin: `activation script of environment "${this.environment}"` })),
    ], this.recipe, this.sources, this.sourceDir !== undefined);
    if (this.namesPlatform && labels[PLATFORM_LABEL] !== undefined && labels[PLATFORM_LABEL] !== this.platform) {
      throw invalidOption(OWNER, `labels.${PLATFORM_LABEL}`, labels[PLATFORM_LABEL], `the platform the image installs, "${this.platform}" (or leave it unset)`);
    }
    this.labels = this.namesPlatform ? { [PLATFORM_LABEL]: this.platform!, ...labels } : labels;
  }

  /** Absolute path of the environment in both stages; conda prefixes cannot move. */
  public get environmentPrefix(): string {
    return layout.environmentPrefix(this.environment);
  }

  /** The `pixi shell-hook` flag that forbids re-solving and touching the lock after the install. */
  public get shellHookLockFlag(): string {
    return this.pixiVersion !== undefined && compareVersions(this.pixiVersion, AS_IS_SINCE) >= 0 ? '--as-is' : '--frozen';
  }

  /**
   * Files and directories of the build context that the Dockerfile copies, relative to the
   * project. A `.dockerignore` must not exclude any of them.
   */
  public get contextPaths(): string[] {
    const paths: string[] = [this.manifestFile, PixiDockerImageSpec.LOCK_FILE, ...this.installInputs, ...this.activationScripts];
    if (this.entrypointFile) paths.push(this.entrypointFile);
    // The whole context is what `.dockerignore` filters: DockerIgnore checks that it keeps `.pixi/` out.
    for (const source of this.sources) if (source.from !== WHOLE_CONTEXT) paths.push(source.from);
    return paths;
  }

  /**
   * Renders the Dockerfile.
   * @param options where to put a header comment
   */
  public renderDockerfile(options: RenderOptions = {}): string {
    const header = headerCommentOf('PixiDockerImageSpec', options);
    return this.recipe === DockerRecipe.TUTORIAL ? renderTutorialDockerfile(this, header) : renderOptimizedDockerfile(this, header);
  }

  /**
   * Renders the entrypoint script, or returns undefined when the recipe writes none
   * (`TUTORIAL` assembles it inline; a `DISTROLESS` image has no shell).
   * @param options where to put a header comment
   */
  public renderEntrypoint(options: RenderOptions = {}): string | undefined {
    return this.entrypointFile ? renderEntrypoint(this, headerCommentOf('PixiDockerImageSpec', options)) : undefined;
  }

  private resolveEntrypointFile(requested: string | undefined): string | undefined {
    const writesEntrypoint = this.recipe === DockerRecipe.OPTIMIZED && this.finalImageKind !== FinalImageKind.DISTROLESS;
    if (!writesEntrypoint) {
      if (requested !== undefined) {
        throw invalidOption(OWNER, 'entrypointFile', requested,
          'no value here: only the OPTIMIZED recipe with a final image that has a shell writes an entrypoint file');
      }
      return undefined;
    }
    const file = requested === undefined ? besideDockerfile(this.dockerfile, 'entrypoint', 'sh')
      : requireRelativePath(OWNER, 'entrypointFile', requested);
    if (file === this.dockerfile) {
      throw invalidOption(OWNER, 'entrypointFile', requested, 'a path other than the Dockerfile\'s');
    }
    return file;
  }
}

function inferFinalImageKind(final: ImageReference, sameAsBase: boolean): FinalImageKind {
  if (sameAsBase || isPixiImage(final)) return FinalImageKind.PIXI;
  if (final.name.includes('distroless')) return FinalImageKind.DISTROLESS;
  return FinalImageKind.BASH;
}

function validateManifestFile(value: PixiManifestFile | undefined, workspace: IPixiWorkspace | undefined): PixiManifestFile {
  if (value === undefined) return workspace?.manifestFile ?? PixiManifestFile.PIXI_TOML;
  requireOneOf(OWNER, 'manifestFile', value, Object.values(PixiManifestFile));
  if (workspace && workspace.manifestFile !== value) {
    throw invalidOption(OWNER, 'manifestFile', value, `the workspace's manifest, ${workspace.manifestFile} (or leave it unset)`);
  }
  return value;
}

/**
 * Fails where pixi in the base image would: a workspace whose `requires-pixi` that version does not
 * satisfy (pixi `crates/pixi_manifest/src/discovery.rs`, `check_requires_pixi_early`), or a platform
 * choice that version cannot make. An unknown version (a tag such as `noble`) is not checked.
 */
function checkPixiVersion(option: string, pixiVersion: string | undefined, requiresPixi: string | undefined, namesPlatform: boolean): void {
  if (pixiVersion === undefined) return;
  if (requiresPixi !== undefined && satisfiesVersionSpec(pixiVersion, requiresPixi) === false) {
    throw invalidOption(OWNER, `${option} (pixi ${pixiVersion})`, pixiVersion,
      `a pixi version that satisfies the workspace's requires-pixi "${requiresPixi}": the base image has pixi ${pixiVersion}`);
  }
  if (namesPlatform && compareVersions(pixiVersion, RICH_PLATFORMS_SINCE) < 0) {
    throw invalidOption(OWNER, `${option} (pixi ${pixiVersion})`, pixiVersion,
      `a base image with pixi ${RICH_PLATFORMS_SINCE} or newer, which chooses among rich platforms (pixi install --platform); it has pixi ${pixiVersion}`);
  }
}

function validateRecipe(value: DockerRecipe | undefined): DockerRecipe {
  if (value === undefined) return DockerRecipe.OPTIMIZED;
  return requireOneOf(OWNER, 'recipe', value, Object.values(DockerRecipe), 'DockerRecipe.TUTORIAL or DockerRecipe.OPTIMIZED');
}

function validatePorts(ports: number[]): number[] {
  const seen = new Set<number>();
  for (const [i, port] of ports.entries()) {
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      throw invalidOption(OWNER, `ports[${i}]`, port, 'whole numbers from 1 to 65535');
    }
    if (seen.has(port)) throw invalidOption(OWNER, `ports[${i}]`, port, 'each port once');
    seen.add(port);
  }
  return [...ports];
}

function validateCommand(option: string, command: string[]): string[] {
  if (!Array.isArray(command) || command.length === 0 || command[0] === '') {
    throw invalidOption(OWNER, option, command, 'a non-empty array whose first element names the program');
  }
  command.forEach((arg, i) => requireSingleLine(OWNER, `${option}[${i}]`, arg));
  return [...command];
}

/** A name GitHub allows for a repository secret, which is also an environment variable's. */
const SECRET_ID = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;

function validateBuildSecrets(ids: readonly unknown[]): string[] {
  return ids.map((id, i) => {
    const name = requireMatch(OWNER, `buildSecrets[${i}]`, id, SECRET_ID,
      'a secret id GitHub allows and a shell can export: letters, digits and "_", not starting with a digit or "GITHUB_"');
    if (ids.indexOf(id) < i) throw invalidOption(OWNER, `buildSecrets[${i}]`, id, 'each secret once');
    return name;
  });
}

function validateBuildCommand(option: string, command: unknown): string {
  const line = requireSingleLine(OWNER, option, command);
  if (line.trim() === '') throw invalidOption(OWNER, option, command, 'a shell command: one line that is not blank');
  return line;
}

/** Each timing is at least 1: a second between and for its runs, and a try (Docker reads 0 as its default). */
function validateHealthcheck(healthcheck: ImageHealthcheck): ImageHealthcheck {
  const timings = Object.fromEntries((Object.keys(HEALTHCHECK_FLAGS) as HealthcheckTiming[]).flatMap((timing) => {
    const value = healthcheck[timing];
    if (value === undefined) return [];
    if (value < 1) throw invalidOption(OWNER, `healthcheck.${timing}`, value, 'a whole number from 1 (leave it out for Docker\'s default)');
    return [[timing, value]];
  }));
  return { command: validateCommand('healthcheck.command', healthcheck.command), ...timings };
}

function validateRecord(option: string, record: Record<string, string>, keyPattern: RegExp, keyAllowed: string): Record<string, string> {
  // fromEntries defines each key, so that `__proto__` stays a variable instead of setting a prototype.
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [
    requireMatch(OWNER, `${option} key`, key, keyPattern, keyAllowed),
    requireSingleLine(OWNER, `${option}.${key}`, value),
  ]));
}
