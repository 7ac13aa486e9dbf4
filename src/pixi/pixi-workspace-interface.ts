import { PixiManifestFile } from './manifest-file';
import { PixiActivation } from './options';

/**
 * Something the workspace installs from a local path: a PyPI `path` dependency, a pixi-build
 * source, or a local `find-links` wheel directory (named `find-links[<index>]`).
 */
export interface PixiPathDependency {
  /** The package name. */
  readonly name: string;
  /** Its path relative to the workspace root, normalized: `.` for the root, `pkg` for `./pkg/`. */
  readonly path: string;
  /** Installed in editable mode: the environment points at this source tree instead of holding a copy. */
  readonly editable: boolean;
  /** The manifest table that declares it, e.g. `feature.dev.pypi-dependencies`. */
  readonly table: string;
  /**
   * Every path the install reads for it, relative to the workspace root: its own `path`, or, for a
   * pixi-build package, its manifest and `[package.build] source`, followed through the path
   * dependencies and `[tool.uv.sources]` of its own manifest (when the manifest was read from disk).
   */
  readonly inputs: string[];
}

/**
 * What the image, workflow and Apptainer constructs need to know about a pixi workspace.
 * Implemented by `PixiWorkspaceSpec` (pure) and `PixiWorkspace` (projen).
 */
export interface IPixiWorkspace {
  /** The manifest file at the workspace root. */
  readonly manifestFile: PixiManifestFile;

  /** Environment names; always includes `default`. */
  readonly environmentNames: string[];

  /** The workspace's `requires-pixi` (a conda version spec such as `>=0.40`), if it sets one. */
  readonly requiresPixi?: string;

  /**
   * Whether the workspace has the environment.
   * @param environment an environment name
   */
  hasEnvironment(environment: string): boolean;

  /**
   * The features an environment is made of: `default` first unless the environment leaves it out.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  featuresOf(environment: string): string[];

  /**
   * Names of the platforms the environment can be installed on.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  platformsOf(environment: string): string[];

  /**
   * Conda subdirs (`linux-64`, `osx-arm64`, ...) of the environment's platforms.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  subdirsOf(environment: string): string[];

  /**
   * Names of the environment's `linux-64` platforms, in the workspace's order: the platforms an
   * image can install. More than one when the workspace has variants, e.g. `cuda-linux-64` and `linux-64`.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  imagePlatformsOf(environment: string): string[];

  /**
   * The CUDA version the environment is solved for on a platform, from the `system-requirements`
   * of its features and from the platform's `cuda`; undefined for an environment without CUDA.
   * @param environment an environment name; throws if the workspace has none of that name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  cudaVersionFor(environment: string, platform?: string): string | undefined;

  /**
   * The dependencies the environment installs from local paths on a `linux-64` platform, whose
   * files `pixi install` needs (and, for editable ones, the environment keeps needing at run time).
   * @param environment an environment name; throws if the workspace has none of that name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  pathDependenciesOf(environment: string, platform?: string): PixiPathDependency[];

  /**
   * What `pixi shell-hook` does for the environment on a `linux-64` platform: the activation
   * scripts it sources (paths relative to the workspace root, in order) and the variables it
   * exports after them (the first feature and the most specific target win).
   * @param environment an environment name; throws if the workspace has none of that name
   * @param platform one of `imagePlatformsOf(environment)`; defaults to the first
   */
  activationOf(environment: string, platform?: string): PixiActivation;

  /**
   * Names of the tasks `pixi run --environment <environment>` finds: those of its features, their
   * `[target.*]` tables included (on the platforms they select). A name that is none of them would
   * run as a shell command instead.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  tasksOf(environment: string): string[];
}
