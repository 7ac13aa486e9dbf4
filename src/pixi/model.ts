/*
 * The part of a pixi workspace that other constructs query, the same whether the manifest was
 * written from TypeScript or read from an existing file. Internal: not part of the public API.
 */
import { FeatureActivation, resolveActivation, ResolvedActivation } from './activation';
import { GitDependencyModel } from './git-dependencies';
import { PixiManifestFile } from './manifest-file';
import { PathDependencyModel } from './path-dependencies';
import { selectorMatches } from './targets';
import { invalidOption } from '../util/validate';
import { compareVersions } from '../util/versions';

export interface PlatformModel {
  /** Name features and environments refer to (the subdir for plain platforms). */
  readonly name: string;
  /** Conda subdir, e.g. `linux-64`. */
  readonly subdir: string;
  /** CUDA version the platform guarantees, for rich platforms. */
  readonly cuda?: string;
}

export interface FeatureModel extends FeatureActivation {
  readonly platforms?: string[];
  readonly cuda?: string;
  readonly pathDependencies?: PathDependencyModel[];
  readonly gitDependencies?: GitDependencyModel[];
  /** Names of its tasks, those of its `[target.*]` tables included. */
  readonly tasks?: string[];
}

export interface EnvironmentModel {
  readonly features: string[];
  readonly noDefaultFeature: boolean;
  readonly solveGroup?: string;
  /** Feature content written in the environment's own table (`platforms`, `dependencies`, ...). */
  readonly inline?: FeatureModel;
}

export interface WorkspaceModel {
  readonly manifestFile: PixiManifestFile;
  readonly name?: string;
  readonly platforms: PlatformModel[];
  /** The top-level tables, which every environment gets unless `no-default-feature`. */
  readonly defaultFeature: FeatureModel;
  readonly features: Record<string, FeatureModel>;
  readonly environments: Record<string, EnvironmentModel>;
  /** Path inputs of `[workspace.pypi-options]`, which every environment gets. */
  readonly workspaceDependencies?: PathDependencyModel[];
  /** `requires-pixi`, a conda version spec. */
  readonly requiresPixi?: string;
  /** What pixi warns about when it reads the manifest (deprecated tables it still reads). */
  readonly warnings?: string[];
}

/** pixi's implicit environment and feature. */
export const DEFAULT = 'default';

/** The only platform an image is built for (multi-arch images are a later concern). */
export const IMAGE_SUBDIR = 'linux-64';

/** Environment names, `default` first and always present. */
export function environmentNames(model: WorkspaceModel): string[] {
  return [DEFAULT, ...Object.keys(model.environments).filter((name) => name !== DEFAULT)];
}

export function findEnvironment(model: WorkspaceModel, environment: string): EnvironmentModel | undefined {
  if (Object.prototype.hasOwnProperty.call(model.environments, environment)) return model.environments[environment];
  return environment === DEFAULT ? { features: [], noDefaultFeature: false } : undefined;
}

function requireEnvironment(model: WorkspaceModel, environment: string): EnvironmentModel {
  const found = findEnvironment(model, environment);
  if (!found) {
    throw invalidOption('PixiWorkspace', 'environment', environment, `an environment of the workspace: ${environmentNames(model).join(', ')}`);
  }
  return found;
}

/** The features an environment is made of, the default feature first unless left out. */
export function featuresOf(model: WorkspaceModel, environment: string): string[] {
  const env = requireEnvironment(model, environment);
  const features = env.features.filter((f) => f !== DEFAULT);
  return env.noDefaultFeature ? features : [DEFAULT, ...features];
}

/**
 * The environment's features in pixi's order (`Environment::features` in
 * `crates/pixi_core/src/workspace/environment.rs`): its own table's content, the listed features,
 * then the default feature.
 */
function featureModelsOf(model: WorkspaceModel, environment: string): FeatureModel[] {
  const env = requireEnvironment(model, environment);
  const listed = env.features.filter((f) => f !== DEFAULT).map((name) => model.features[name] ?? {});
  return [...(env.inline ? [env.inline] : []), ...listed, ...(env.noDefaultFeature ? [] : [model.defaultFeature])];
}

/**
 * Platforms an environment can be installed on, in the workspace's order (pixi
 * `crates/pixi_manifest/src/features_ext.rs`, `FeaturesExt::platforms`): every feature that lists
 * platforms must name the platform or its bare subdir; where a feature names a platform exactly,
 * the other platforms of that subdir drop out.
 */
export function platformsOf(model: WorkspaceModel, environment: string): PlatformModel[] {
  const lists = featureModelsOf(model, environment)
    .map((f) => f.platforms)
    .filter((list): list is string[] => list !== undefined);
  const exactNames = new Set(lists.flat());
  const exactSubdirs = new Set(model.platforms.filter((p) => exactNames.has(p.name)).map((p) => p.subdir));
  return model.platforms
    .filter((p) => lists.every((list) => list.some((ref) => ref === p.name || ref === p.subdir)))
    .filter((p) => exactNames.has(p.name) || !exactSubdirs.has(p.subdir));
}

/** The environment's platforms an image can install: those of subdir linux-64, in the workspace's order. */
export function imagePlatformsOf(model: WorkspaceModel, environment: string): PlatformModel[] {
  return platformsOf(model, environment).filter((p) => p.subdir === IMAGE_SUBDIR);
}

/**
 * The platform an image installs: the named one, else the first linux-64 platform the environment
 * has, which is the one pixi picks on a machine that satisfies all of them (pixi
 * `Environment::best_declared_platform`: the first declared candidate wins).
 */
export function imagePlatform(model: WorkspaceModel, environment: string, name?: string): PlatformModel | undefined {
  const candidates = imagePlatformsOf(model, environment);
  return name === undefined ? candidates[0] : candidates.find((p) => p.name === name);
}

/**
 * The CUDA version an environment is solved for on a platform: the highest of its features'
 * `system-requirements.cuda` and the platform's own CUDA.
 */
export function cudaVersionFor(model: WorkspaceModel, environment: string, platform = imagePlatform(model, environment)): string | undefined {
  return [...featureModelsOf(model, environment).map((f) => f.cuda), platform?.cuda]
    .filter((v): v is string => v !== undefined)
    .sort(compareVersions)
    .pop();
}

/**
 * The path dependencies an environment installs on a platform: those of its features and of their
 * `[target.*]` tables that select the platform, and the workspace's find-links.
 */
export function pathDependenciesOf(model: WorkspaceModel, environment: string, platform = imagePlatform(model, environment)): PathDependencyModel[] {
  const fromFeatures = featureModelsOf(model, environment)
    .flatMap((f) => f.pathDependencies ?? [])
    .filter((dep) => dep.target === undefined || (platform !== undefined && selectorMatches(dep.target, platform)));
  return [...fromFeatures, ...(model.workspaceDependencies ?? [])];
}

/** The git dependencies an environment installs on a platform: those of its features and of their `[target.*]` tables that select it. */
export function gitDependenciesOf(model: WorkspaceModel, environment: string, platform = imagePlatform(model, environment)): GitDependencyModel[] {
  return featureModelsOf(model, environment)
    .flatMap((f) => f.gitDependencies ?? [])
    .filter((dep) => dep.target === undefined || (platform !== undefined && selectorMatches(dep.target, platform)));
}

/**
 * The tasks `pixi run --environment` finds in the environment on some platform: those of its
 * features and of their `[target.*]` tables (pixi `crates/pixi_core/src/workspace/environment.rs`,
 * `Environment::tasks`; `crates/pixi_task/src/task_environment.rs`, `find_task`, looks only there
 * when an environment is named). A name found nowhere would run as a shell command instead.
 */
export function tasksOf(model: WorkspaceModel, environment: string): string[] {
  return [...new Set(featureModelsOf(model, environment).flatMap((f) => f.tasks ?? []))];
}

/** What `pixi shell-hook` sources and exports for the environment on a platform. */
export function activationOf(model: WorkspaceModel, environment: string, platform = imagePlatform(model, environment)): ResolvedActivation {
  const features = featureModelsOf(model, environment);
  return platform ? resolveActivation(features, platform) : { scripts: [], env: [] };
}
