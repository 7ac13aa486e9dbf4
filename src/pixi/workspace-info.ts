import { PixiManifestFile } from './manifest-file';

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
}

/**
 * What the image, workflow and Apptainer constructs need to know about a pixi workspace.
 * Implemented by `PixiManifest` (pure) and `PixiWorkspace` (projen).
 */
export interface IPixiWorkspace {
  /** The manifest file at the workspace root. */
  readonly manifestFile: PixiManifestFile;

  /** Environment names; always includes `default`. */
  readonly environmentNames: string[];

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
   * The CUDA version the environment is solved for, from the `system-requirements` of its features
   * and from its CUDA rich platforms; undefined for an environment without CUDA.
   * @param environment an environment name; throws if the workspace has none of that name
   */
  cudaVersionFor(environment: string): string | undefined;

  /**
   * The dependencies the environment installs from local paths on Linux, whose files `pixi install`
   * needs (and, for editable ones, the environment keeps needing at run time).
   * @param environment an environment name; throws if the workspace has none of that name
   */
  pathDependenciesOf(environment: string): PixiPathDependency[];
}
