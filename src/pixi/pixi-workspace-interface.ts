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
 * One environment of a workspace as the image, workflow and Apptainer constructs see it: what it is
 * made of, where it installs, and what it needs on the `linux-64` platform an image installs.
 */
export interface PixiEnvironmentView {
  /** The environment's name. */
  readonly name: string;

  /** The features it is made of: `default` first unless the environment leaves it out. */
  readonly features: string[];

  /** Names of the platforms it can be installed on, in the workspace's order. */
  readonly platforms: string[];

  /** Conda subdirs (`linux-64`, `osx-arm64`, ...) of those platforms, each once. */
  readonly subdirs: string[];

  /**
   * Names of its `linux-64` platforms, in the workspace's order: the platforms an image can
   * install. More than one when the workspace has variants, e.g. `cuda-linux-64` and `linux-64`.
   */
  readonly imagePlatforms: string[];

  /**
   * The `linux-64` platform the rest of the view describes: the one asked for, else the first of
   * `imagePlatforms` (the one pixi picks). Undefined when there is none, or the one asked for is not
   * among them; then the activation is empty and only untargeted path dependencies are listed.
   * @default - none
   */
  readonly platform?: string;

  /**
   * The CUDA version it is solved for on `platform`: the highest of its features'
   * `system-requirements` and the platform's `cuda`. Undefined for an environment without CUDA.
   * @default - none
   */
  readonly cudaVersion?: string;

  /**
   * What it installs from local paths on `platform`, whose files `pixi install` needs (and, for
   * editable ones, the environment keeps needing at run time).
   */
  readonly pathDependencies: PixiPathDependency[];

  /**
   * Where the manifest declares what it installs from git on `platform` (`pypi-dependencies.flask`), which pixi
   * fetches with the `git` program.
   * @default - none
   */
  readonly gitDependencies?: string[];

  /**
   * What `pixi shell-hook` does on `platform`: the activation scripts it sources (paths relative to
   * the workspace root, in order) and the variables it exports after them (the first feature and the
   * most specific target win).
   */
  readonly activation: PixiActivation;

  /**
   * Names of the tasks `pixi run --environment <name>` finds: those of its features, their
   * `[target.*]` tables included. A name that is none of them would run as a shell command instead.
   */
  readonly tasks: string[];
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
   * One environment, described on one of its `linux-64` platforms; undefined when the workspace has
   * no environment of that name.
   * @param environment an environment name
   * @param platform one of its `linux-64` platforms; defaults to the first
   */
  environmentView(environment: string, platform?: string): PixiEnvironmentView | undefined;
}
