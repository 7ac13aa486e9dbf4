/*
 * The part of a pixi workspace that other constructs query, the same whether the manifest was
 * written from TypeScript or read from an existing file. Internal: not part of the public API.
 */
import { PixiManifestFile } from './manifest-file';
import { PathDependencyModel } from './path-dependencies';
import { compareVersions } from '../util/versions';

export interface PlatformModel {
  /** Name features and environments refer to (the subdir for plain platforms). */
  readonly name: string;
  /** Conda subdir, e.g. `linux-64`. */
  readonly subdir: string;
  /** CUDA version the platform guarantees, for rich platforms. */
  readonly cuda?: string;
}

export interface FeatureModel {
  readonly platforms?: string[];
  readonly cuda?: string;
  readonly pathDependencies?: PathDependencyModel[];
}

export interface EnvironmentModel {
  readonly features: string[];
  readonly noDefaultFeature: boolean;
  readonly solveGroup?: string;
  readonly platforms?: string[];
}

export interface WorkspaceModel {
  readonly manifestFile: PixiManifestFile;
  readonly name?: string;
  readonly platforms: PlatformModel[];
  /** The top-level tables, which every environment gets unless `no-default-feature`. */
  readonly defaultFeature: FeatureModel;
  readonly features: Record<string, FeatureModel>;
  readonly environments: Record<string, EnvironmentModel>;
}

/** pixi's implicit environment and feature. */
export const DEFAULT = 'default';

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
    throw new Error(`pixi workspace: no environment "${environment}"; the workspace has: ${environmentNames(model).join(', ')}.`);
  }
  return found;
}

/** The features an environment is made of, the default feature first unless left out. */
export function featuresOf(model: WorkspaceModel, environment: string): string[] {
  const env = requireEnvironment(model, environment);
  const features = env.features.filter((f) => f !== DEFAULT);
  return env.noDefaultFeature ? features : [DEFAULT, ...features];
}

function feature(model: WorkspaceModel, name: string): FeatureModel {
  return name === DEFAULT ? model.defaultFeature : model.features[name] ?? {};
}

/**
 * Platforms an environment can be installed on: the workspace's platforms, narrowed to those
 * every feature (and the environment itself) that lists platforms supports.
 */
export function platformsOf(model: WorkspaceModel, environment: string): PlatformModel[] {
  const env = requireEnvironment(model, environment);
  const restrictions = featuresOf(model, environment)
    .map((name) => feature(model, name).platforms)
    .concat([env.platforms])
    .filter((list): list is string[] => list !== undefined);
  return model.platforms.filter((platform) => restrictions.every((list) => list.includes(platform.name)));
}

/**
 * The CUDA version an environment is solved for: the highest of its features'
 * `system-requirements.cuda`, and of its rich platforms when every one of its linux platforms
 * declares CUDA (an environment that also has a plain `linux-64` is not CUDA-only).
 */
export function cudaVersionFor(model: WorkspaceModel, environment: string): string | undefined {
  const fromFeatures = featuresOf(model, environment).map((name) => feature(model, name).cuda);
  const linux = platformsOf(model, environment).filter((p) => p.subdir.startsWith('linux-'));
  const fromPlatforms = linux.length > 0 && linux.every((p) => p.cuda !== undefined) ? linux.map((p) => p.cuda) : [];
  return [...fromFeatures, ...fromPlatforms]
    .filter((v): v is string => v !== undefined)
    .sort(compareVersions)
    .pop();
}

/** Target selectors that apply to every Linux platform, besides the platform names themselves. */
const LINUX_SELECTORS = ['unix', 'linux'];

/**
 * The path dependencies an environment installs on Linux (the only platform of an image): those of
 * its features, and of their `[target.*]` tables that select one of its Linux platforms.
 */
export function pathDependenciesOf(model: WorkspaceModel, environment: string): PathDependencyModel[] {
  const linux = platformsOf(model, environment).filter((p) => p.subdir.startsWith('linux-'));
  const selectors = new Set([...LINUX_SELECTORS, ...linux.flatMap((p) => [p.name, p.subdir])]);
  return featuresOf(model, environment)
    .flatMap((name) => feature(model, name).pathDependencies ?? [])
    .filter((dep) => dep.target === undefined || selectors.has(dep.target));
}
