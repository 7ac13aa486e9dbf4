import { DockerRecipe, FinalImageKind } from './recipe';
import { PixiManifestFile } from '../pixi/manifest-file';
import { IPixiWorkspace } from '../pixi/pixi-workspace-interface';

/**
 * What goes into an image of any environment and how it runs: its build and final images, the
 * files it copies, its command, ports, user, variables and labels. {@link PixiDockerImageOptions} adds what is one
 * image's own (environment, platform, file names); `PixiProjectOptions` takes these for all its images.
 */
export interface PixiImageContentOptions {
  /**
   * Image of the build stage; it must contain pixi. `projen new` writes it into `.projenrc.js` when
   * `renovate` is on, so that Renovate pins it by digest and updates it there and in the Dockerfiles together.
   *
   * @default "ghcr.io/prefix-dev/pixi:noble"
   */
  readonly baseImage?: string;

  /**
   * Image of the final (runtime) stage. The environment keeps its absolute prefix
   * (`/app/.pixi/envs/<environment>`), so the image needs a libc compatible with the build stage.
   *
   * @default - the `baseImage`, so that `pixi run` works in the container
   */
  readonly finalImage?: string;

  /**
   * The files and directories of the build context the final image holds, each at its own path: a package keeps
   * its name (`{ from: "my_project" }` is `/app/my_project`, so `python -m my_project` imports it), a file lands
   * as a file (`{ from: "main.py" }`), and `{ from: "." }` brings the whole build context to `/app`, filtered by
   * `.dockerignore` (which must keep `.pixi/` and `.env` out). Copied after the environment, so that editing
   * them never re-runs the install. To `projen new`, repeat `--sources FROM` or `--sources FROM:TO`.
   *
   * Replaces `sourceDir` and `copySources`, the lesson's layout (one directory at `/app/src`); give one way or the
   * other. `[]` copies nothing.
   *
   * @default - the lesson's layout: `sourceDir` at `/app/src`
   */
  readonly sources?: ImageSource[];

  /**
   * Directory of the build context copied to `/app/src` in the final image (the lesson's layout; see `sources`
   * for a package that keeps its name, single files or the whole repository). A relative path inside
   * the project, e.g. `app` or `src/my_package`; it must exist and be a directory.
   *
   * @default "app" - in a PixiProject: `app`, or `src` when only that exists; a new project gets `app/` with a sample script
   */
  readonly sourceDir?: string;

  /**
   * Files or directories the install itself needs, copied into the build stage next to the manifest
   * before `pixi install` (OPTIMIZED recipe): e.g. the package of an editable PyPI path dependency
   * (`path = "."`, as `pixi init --format pyproject` writes it, needs `src/my_package` and `README.md`),
   * or activation scripts. Editing them re-runs the install, so list only what the install reads. Each must exist.
   *
   * Required when the environment has `path` dependencies: at least one entry must hold, or lie
   * inside, each of their paths, else construction fails. The entries that make up an editable
   * dependency are also copied into the final stage at the same path, which the install links to.
   *
   * @default - only the manifest and `pixi.lock`
   */
  readonly installInputs?: string[];

  /**
   * Whether to copy `sourceDir` into the image. Set to `false` for an image holding only the environment.
   *
   * @default true
   */
  readonly copySources?: boolean;

  /**
   * Shell commands run in the build stage after the install (OPTIMIZED), each its own `RUN` with bash, in the
   * activated environment and from `/app`, with `sources` present at their paths: e.g. `["pip install --no-deps
   * --no-build-isolation ."]` to install the package into the environment, or a pixi task (`["pixi run --frozen
   * build-wheel"]`). What they change in the environment reaches the final image; files they write elsewhere stay
   * in the build stage. Editing a source re-runs them, never `pixi install`. One line each; quotes and `$` are
   * the shell's.
   *
   * @default - none
   */
  readonly buildCommands?: string[];

  /**
   * BuildKit secrets the install and the build commands read (OPTIMIZED): each id is mounted for them alone
   * (`RUN --mount=type=secret,id=<id>`, at `/run/secrets/<id>`) and exported under its own name, its contents, or
   * for an id ending in `_FILE` its path (`RATTLER_AUTH_FILE`, the file of pixi's credentials); pixi's own
   * `install` then finds a private channel's or index's credentials. No secret reaches a layer, the image
   * configuration or its history. Give them to the build: `docker build --secret id=<id>,src=<file>` (buildah and
   * podman: the same); `GhcrWorkflow` passes the repository secret of the same name to the builds that push, never
   * to a pull request's. A secret not given is left unset. Ids are names GitHub allows for secrets (letters,
   * digits and `_`, not starting with a digit or `GITHUB_`).
   *
   * @default - none
   */
  readonly buildSecrets?: string[];

  /**
   * Packages of the final image's own package manager, apt (Debian and Ubuntu final images, pixi's among them),
   * installed as root before everything else of the final stage, without recommended packages and with the package
   * lists removed: e.g. `["libgl1"]` for OpenCV, `["locales"]`. A program your code runs (`curl`, `git`, `ffmpeg`) is
   * often better a conda-forge package in the workspace (`pixi add curl`): locked, and the same on every platform. A
   * `DISTROLESS` final image has no package manager, and an Alpine or Red Hat one not apt: both are refused.
   * Needs the network at build time. Each a Debian package name, optionally `name=version` (OPTIMIZED only).
   *
   * @default - none
   */
  readonly systemPackages?: string[];

  /**
   * Ports the container listens on (`EXPOSE`), each from 1 to 65535.
   *
   * @default - none
   */
  readonly ports?: number[];

  /**
   * Command run when the container gets no arguments (`CMD`, exec form), one word per entry, e.g.
   * `["python", "src/main.py"]`, in the activated environment. Arguments given to the container replace
   * it. To `projen new`, repeat the switch per word (`--command python --command src/main.py`).
   *
   * @default - an interactive `bash` in the activated environment (no command for `DISTROLESS`)
   */
  readonly command?: string[];

  /**
   * How Docker checks that a running container works (`HEALTHCHECK`), e.g.
   * `{ command: ["curl", "-fsS", "http://localhost:8000/health"], intervalSeconds: 10 }` for a web service. The
   * command runs in the activated environment, so a program of the environment (curl from conda-forge, python)
   * needs no system package. Docker and BuildKit keep it in the image; buildah and podman only with
   * `--format docker` (an OCI image configuration has no health check); Apptainer, Slurm and Kubernetes do not
   * run it (Kubernetes has probes of its own).
   *
   * @default - none: the image has no health check
   */
  readonly healthcheck?: ImageHealthcheck;

  /**
   * The user the container runs as (`USER`; OPTIMIZED only, the lesson's TUTORIAL recipe runs as root):
   * `"UID:GID"` or `"UID"` in numbers, so that Kubernetes' `runAsNonRoot` can check it, or `"root"`.
   * A non-root user gets `HOME=/home/pixi`, writable by it and by group 0, so that the image also runs
   * under an arbitrary UID in group 0 (OpenShift). Everything else it needs (environment, activation,
   * sources) is readable and nothing under `/app` is writable: a container cannot change its own code.
   *
   * @default "1000:0"
   */
  readonly user?: string;

  /**
   * Extra environment variables of the final image (`ENV`). Values are literal: `$` is not expanded.
   *
   * @default - none
   */
  readonly env?: Record<string, string>;

  /**
   * Labels of the final image (`LABEL`), e.g. `org.opencontainers.image.source`. Values are literal.
   *
   * @default - none
   */
  readonly labels?: Record<string, string>;
}

/** A file or directory of the build context, and where the final image holds it. */
export interface ImageSource {
  /**
   * A file or directory of the build context, relative to it (`my_project`, `main.py`, `config`), or `.` for the
   * whole build context as `.dockerignore` filters it.
   */
  readonly from: string;

  /**
   * Its path in the image: relative to `/app` (the work directory) or absolute (`/etc/my_app`). A directory's
   * contents land in it, a file lands as it.
   *
   * @default - `from` under `/app`, so that a package keeps its name (`.`: `/app` itself)
   */
  readonly to?: string;
}

/** A container health check: a command, and Docker's timings for it (each left to Docker when not given). */
export interface ImageHealthcheck {
  /**
   * The check, one word per entry (exec form), run in the activated environment; exit status 0 means healthy,
   * anything else a failed check. E.g. `["python", "-c", "import urllib.request as u; u.urlopen('http://localhost:8000/health')"]`.
   */
  readonly command: string[];

  /**
   * Seconds between checks, from 1.
   *
   * @default - Docker's: 30
   */
  readonly intervalSeconds?: number;

  /**
   * Seconds a check may take before it counts as failed, from 1.
   *
   * @default - Docker's: 30
   */
  readonly timeoutSeconds?: number;

  /**
   * Seconds after the container starts in which failed checks do not count (a service that loads a model, say), from 1.
   *
   * @default - Docker's: 0
   */
  readonly startPeriodSeconds?: number;

  /**
   * Failed checks in a row that make the container unhealthy, from 1.
   *
   * @default - Docker's: 3
   */
  readonly retries?: number;
}

/**
 * Describes one container image of a pixi environment, free of projen: the options of a
 * {@link PixiDockerImageSpec}. The same description feeds the Dockerfile, its entrypoint, the
 * files that must stay in the build context, the workflow and the Apptainer definition.
 *
 * Every value is validated when the image is constructed; a value that could break out of its
 * Dockerfile line, shell word or JSON array is rejected.
 */
export interface PixiDockerImageOptions extends PixiImageContentOptions {
  /**
   * The pixi environment installed into the image. Must match pixi's `^[a-z\d-]+$`.
   *
   * @default "default"
   */
  readonly environment?: string;

  /**
   * CUDA version the environment is solved for, set as `CONDA_OVERRIDE_CUDA` in the build stage so
   * that a builder without a GPU can install a CUDA environment. Of the form `12`, `12.9` or `12.9.1`.
   *
   * @default - the workspace's CUDA version for the environment, if any; otherwise no override
   */
  readonly cudaVersion?: string;

  /**
   * What the final image provides, which decides how the environment is activated.
   *
   * @default - `PIXI` when the final image is the base image or a `prefix-dev/pixi` image,
   * `DISTROLESS` when its name contains `distroless`, otherwise `BASH`
   */
  readonly finalImageKind?: FinalImageKind;

  /**
   * Version of pixi in the base image, e.g. `0.77.0`. From version 0.53.0 on, `pixi shell-hook`
   * is called with `--as-is`; for older or unknown versions with `--frozen`.
   *
   * @default - read from a `prefix-dev/pixi` tag such as `0.77.0-noble`, otherwise unknown
   */
  readonly pixiVersion?: string;

  /**
   * The pixi workspace the image packages (a `PixiWorkspace` or a `PixiWorkspaceSpec`). The
   * `environment` must exist in it and be solvable for `linux-64`; the manifest file and, unless
   * `cudaVersion` is given, the CUDA version come from it.
   *
   * @default - `PixiDockerImage`: the project's `PixiWorkspace`, if it has one; otherwise none
   */
  readonly workspace?: IPixiWorkspace;

  /**
   * The workspace platform the image installs, by name, for an environment with several `linux-64`
   * platforms, e.g. a CUDA rich platform `cuda-linux-64` and a plain `linux-64`. pixi would install
   * the first one the builder satisfies, so that the same Dockerfile made a CPU image on a runner
   * without a GPU and a CUDA image elsewhere; the Dockerfile instead passes `--platform` to
   * `pixi install` and records the choice in the label `sh.pixi.platform`. Needs a `workspace`.
   *
   * @default - the environment's first `linux-64` platform in the workspace's order: the one pixi
   * picks on a machine that satisfies all of them
   */
  readonly platform?: string;

  /**
   * The build context on disk, when known: activation scripts the manifest names but the
   * directory lacks are left out of the image, as pixi leaves them out (with a warning) when it
   * activates. `PixiDockerImage` sets it to the project directory.
   *
   * @default - unknown: every activation script the manifest names is copied
   */
  readonly contextDirectory?: string;

  /**
   * The pixi manifest at the root of the build context.
   *
   * @default - the workspace's manifest file, else PixiManifestFile.PIXI_TOML
   */
  readonly manifestFile?: PixiManifestFile;

  /**
   * Path of the Dockerfile, relative to the project. Several images in one project need distinct
   * paths, e.g. `Dockerfile.cpu` and `Dockerfile.gpu`.
   *
   * @default "Dockerfile"
   */
  readonly dockerfile?: string;

  /**
   * Path of the entrypoint script, relative to the project (`OPTIMIZED` recipe with a shell in the
   * final image only).
   *
   * @default - `entrypoint.sh` beside `Dockerfile`, `entrypoint.gpu.sh` beside `Dockerfile.gpu`,
   * `gpu.entrypoint.sh` beside `gpu.Dockerfile`
   */
  readonly entrypointFile?: string;

  /**
   * How the Dockerfile is laid out.
   *
   * @default DockerRecipe.OPTIMIZED
   */
  readonly recipe?: DockerRecipe;
}
