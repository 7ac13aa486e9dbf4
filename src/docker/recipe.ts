/**
 * How a {@link PixiDockerImage} lays out its Dockerfile.
 */
export enum DockerRecipe {
  /**
   * The recipe of the Carpentries lesson "Deploying Pixi environments with Linux containers",
   * instruction for instruction: the whole build context is copied before `pixi install`, so any
   * edited file re-runs the install, and the entrypoint is assembled inline in the build stage.
   * Use it to match existing tutorials and images exactly.
   */
  TUTORIAL = 'tutorial',

  /**
   * The same image, built cache-correctly and lean: only the manifest and `pixi.lock` are copied
   * before `pixi install --locked` (with a BuildKit cache mount for the package cache), sources are
   * copied only into the final stage, and the entrypoint is a reviewed, committed script.
   */
  OPTIMIZED = 'optimized',
}

/**
 * What the final (runtime) image provides, which decides how the environment is activated.
 */
export enum FinalImageKind {
  /**
   * The final image has pixi and bash (e.g. `ghcr.io/prefix-dev/pixi:noble`): the manifest and lock
   * are kept so that `pixi run` and `pixi list` work in the container, and a bash entrypoint loads
   * the activation written at build time.
   */
  PIXI = 'pixi',

  /**
   * The final image has bash but no pixi (e.g. `ubuntu:24.04`): a bash entrypoint loads the
   * activation written at build time; the manifest and lock are not copied.
   */
  BASH = 'bash',

  /**
   * The final image has no shell (e.g. `gcr.io/distroless/base-debian12`): there is no entrypoint
   * script; `PATH` and `CONDA_PREFIX` are set with `ENV` and the command runs directly.
   * Activation scripts of packages (`etc/conda/activate.d`) and `[activation]` tables are not applied.
   */
  DISTROLESS = 'distroless',
}
