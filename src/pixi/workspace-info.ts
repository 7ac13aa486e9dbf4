import { PixiManifestFile } from './manifest-file';

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
}
