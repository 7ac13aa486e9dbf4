import { posix } from 'path';
import { secretExports, secretMounts } from './build-secrets';
import { execForm, keyValueInstruction } from './dockerfile-text';
import { HOME_DIR, HOME_STAGING } from './image-user';
import { environmentArgument, installCommand } from './install-command';
import { ACTIVATION_PATH, ENTRYPOINT_PATH, IMAGE_FILES_DIR, LOCK_FILE, WORKDIR } from './layout';
import type { PixiDockerImageSpec } from './pixi-docker-image-spec';
import { FinalImageKind } from './recipe';
import { healthcheckInstruction } from './render-healthcheck';
import { aptInstallLines } from './system-packages';

/** BuildKit cache of downloaded packages; it stays out of every layer. */
const RATTLER_CACHE = '/root/.cache/rattler/cache';

/**
 * The cache-correct recipe (see DockerRecipe.OPTIMIZED). Layers are ordered from the least to the
 * most often changed input: lock → environment → sources, so a source edit never re-runs the install.
 */
export function renderOptimizedDockerfile(spec: PixiDockerImageSpec, header?: string): string {
  // No `# syntax=` directive: it would make every build pull an unpinned frontend image from Docker Hub.
  // The builder's own frontend reads everything used here (README: Docker Engine 23+, buildx, buildah).
  const lines: string[] = header ? [`# ${header}`, ''] : [];
  lines.push(...buildStage(spec), '', ...finalStage(spec));
  return lines.join('\n') + '\n';
}

function buildStage(spec: PixiDockerImageSpec): string[] {
  const env = spec.environment;
  const lines = [
    '# Build stage: install the locked environment. Only the manifest and the lock are copied',
    '# first, so that editing sources never invalidates the install layer.',
    `FROM ${spec.baseImage} AS build`,
    `WORKDIR ${WORKDIR}`,
    ...aptInstall('# git, which pixi fetches the git dependencies with (pixi\'s images have none).', spec.buildStagePackages),
  ];
  if (spec.cudaVersion) {
    lines.push('# Lets a builder without a GPU solve and install the CUDA environment.');
    lines.push(`ENV CONDA_OVERRIDE_CUDA=${spec.cudaVersion}`);
  }
  lines.push(`COPY ${spec.manifestFile} ${LOCK_FILE} ./`);
  // What the install reads besides the manifest (e.g. an editable path dependency), at the same relative path.
  for (const input of spec.installInputs) lines.push(`COPY ${input} ./${input}`);
  const install = [
    `RUN --mount=type=cache,target=${RATTLER_CACHE} \\`,
    ...secretMounts(spec.buildSecrets).map((mount) => `    ${mount} \\`),
    ...secretExports(spec.buildSecrets).map((line) => `    ${line} && \\`),
    `    ${installCommand(spec)} && \\`,
    // A failed or empty install must fail the build, not ship an empty image.
    `    test -d ${spec.environmentPrefix}/conda-meta`,
  ];
  // A DISTROLESS image has no shell to activate at run time; its build commands still run activated.
  if (spec.finalImageKind === FinalImageKind.DISTROLESS && spec.buildCommands.length === 0) return [...lines, ...install, ...homeDirectory(spec)];
  // Activation is written once, at build time, so pixi is not needed when the container starts.
  const shellHook = `mkdir -p ${IMAGE_FILES_DIR} && pixi shell-hook ${spec.shellHookLockFlag} ${environmentArgument(env)} --shell bash > ${ACTIVATION_PATH}`;
  if (spec.activationScripts.length === 0) {
    install[install.length - 1] += ' && \\';
    // The activation written after the install holds no secret: they are unset first.
    const unset = spec.buildSecrets.length > 0 ? `unset ${spec.buildSecrets.join(' ')} && ` : '';
    return [...lines, ...install, `    ${unset}${shellHook}`, ...buildCommands(spec), ...homeDirectory(spec)];
  }
  return [
    ...lines,
    ...install,
    '# The workspace\'s activation scripts, which the hook sources from their workspace path (after',
    '# the install, so that editing them never invalidates the install layer).',
    ...spec.activationScripts.map((script) => `COPY ${script} ./${script}`),
    `RUN ${shellHook}`,
    ...buildCommands(spec),
    ...homeDirectory(spec),
  ];
}

/**
 * The build commands, after the install (a source edit re-runs them, never the install), each a `RUN` of its own in
 * exec form: bash reads the command as the user wrote it, after the activation pixi wrote.
 */
function buildCommands(spec: PixiDockerImageSpec): string[] {
  if (spec.buildCommands.length === 0) return [];
  return [
    '# The sources, where the final image holds them, for the build commands.',
    ...spec.sources.map((source) => `COPY ${source.from} ${source.to}`),
    '# The build commands, each in the activated environment, from the work directory.',
    ...spec.buildCommands.map((command) => {
      const script = [...secretExports(spec.buildSecrets), `. ${ACTIVATION_PATH}`, command].join(' && ');
      return `RUN ${secretMounts(spec.buildSecrets).map((mount) => `${mount} `).join('')}${execForm(['/bin/bash', '-c', script])}`;
    }),
  ];
}

/**
 * The run-time user's HOME, made here because the final image may have no shell, inside a folder of its own:
 * COPY gives the directories it creates 0755, but keeps the mode of those it copies (group 0 must write).
 */
function homeDirectory(spec: PixiDockerImageSpec): string[] {
  return spec.user ? [`RUN mkdir -p ${HOME_STAGING} && mkdir -m 0775 ${HOME_STAGING}/${posix.basename(HOME_DIR)}`] : [];
}

/**
 * Not root: Kubernetes' runAsNonRoot accepts the numeric user, and a writable HOME owned by group 0 lets an
 * arbitrary UID in group 0 (OpenShift) run the image too. Everything else stays root's: readable, not writable.
 */
function runtimeUser(spec: PixiDockerImageSpec): string[] {
  if (!spec.user) return [];
  const [uid, gid = '0'] = spec.user.split(':');
  return [
    '# Run as a non-root user. Its HOME (group 0, for an arbitrary UID in group 0) is the only place it may',
    '# write besides /tmp: the environment, the activation and /app are root\'s, readable, not writable.',
    `COPY --from=build --chown=${uid}:${gid} ${HOME_STAGING}/ ${posix.dirname(HOME_DIR)}/`,
    `ENV HOME=${HOME_DIR}`,
    `USER ${spec.user}`,
  ];
}

function finalStage(spec: PixiDockerImageSpec): string[] {
  const prefix = spec.environmentPrefix;
  const lines = [
    '# Final stage: the environment at its original prefix (conda prefixes cannot move),',
    '# its activation, the entrypoint and the sources; no package cache, no build context.',
    `FROM ${spec.finalImage} AS final`,
    `WORKDIR ${WORKDIR}`,
    ...aptInstall('# System packages of the final image (apt): no recommended ones, and no package lists left in the layer.', spec.systemPackages),
    `COPY --from=build ${prefix} ${prefix}`,
  ];
  if (spec.runtimeInputs.length > 0) {
    lines.push('# Editable path dependencies link to their sources: the same files, at the same path.');
    for (const input of spec.runtimeInputs) lines.push(`COPY --from=build ${WORKDIR}/${input} ${WORKDIR}/${input}`);
  }
  if (spec.activationScripts.length > 0) {
    lines.push('# The activation sources the workspace\'s activation scripts from their workspace path.');
    for (const script of spec.activationScripts) lines.push(`COPY --from=build ${WORKDIR}/${script} ${WORKDIR}/${script}`);
  }
  switch (spec.finalImageKind) {
    case FinalImageKind.PIXI:
      lines.push(
        '# The manifest, the lock and the ignore files let `pixi run` and `pixi list` work in the container.',
        `COPY --from=build ${WORKDIR}/${spec.manifestFile} ${WORKDIR}/${LOCK_FILE} ${WORKDIR}/`,
        `COPY --from=build ${WORKDIR}/.pixi/.gitignore ${WORKDIR}/.pixi/.condapackageignore ${WORKDIR}/.pixi/`,
        '# Never re-solve or rewrite the lock at run time.',
        'ENV PIXI_FROZEN=true',
      );
      lines.push(...entrypointCopy(spec));
      break;
    case FinalImageKind.BASH:
      lines.push(...entrypointCopy(spec));
      break;
    // DISTROLESS has no shell for an entrypoint: the ENV below is its whole activation.
  }
  lines.push(
    spec.finalImageKind === FinalImageKind.DISTROLESS
      ? '# No shell to run activation scripts: set the variables the activation would set.'
      : '# What the activation sets that is known now, for a command started without the entrypoint (apptainer exec,\n'
        + '# HTCondor\'s container universe, pyxis, a Kubernetes command:): the environment\'s programs and prefix.',
    `ENV PATH="${prefix}/bin:\${PATH}" \\`,
    `    CONDA_PREFIX="${prefix}"`,
  );
  // Before the sources: a source edit then rebuilds only their layer (COPY ignores USER; files stay root's).
  lines.push(...runtimeUser(spec));
  const activationEnv = spec.finalImageKind === FinalImageKind.DISTROLESS ? keyValueInstruction('ENV', spec.activationEnv) : undefined;
  if (activationEnv) lines.push('# The workspace\'s [activation.env], as the activation would export it.', activationEnv);
  for (const instruction of [keyValueInstruction('ENV', spec.env), keyValueInstruction('LABEL', spec.labels)]) {
    if (instruction) lines.push(instruction);
  }
  for (const source of spec.sources) lines.push(`COPY ${source.from} ${source.to}`);
  if (spec.ports.length > 0) lines.push(`EXPOSE ${spec.ports.join(' ')}`);
  const activates = spec.finalImageKind === FinalImageKind.DISTROLESS ? undefined : ENTRYPOINT_PATH;
  if (spec.healthcheck) lines.push(healthcheckInstruction(spec.healthcheck, activates));
  if (spec.finalImageKind === FinalImageKind.DISTROLESS) {
    lines.push('ENTRYPOINT []');
  } else {
    lines.push(`ENTRYPOINT ${execForm([ENTRYPOINT_PATH])}`);
  }
  if (spec.command) lines.push(`CMD ${execForm(spec.command)}`);
  return lines;
}

/** One RUN of apt, first in its stage, as root: the layer changes only with the image and the package list. */
function aptInstall(comment: string, packages: readonly string[]): string[] {
  if (packages.length === 0) return [];
  const [first, ...rest] = aptInstallLines(packages);
  return [comment, `RUN ${first} && \\`, ...rest.map((line, i) => `    ${line}${i < rest.length - 1 ? ' && \\' : ''}`)];
}

function entrypointCopy(spec: PixiDockerImageSpec): string[] {
  return [
    `COPY --from=build ${ACTIVATION_PATH} ${ACTIVATION_PATH}`,
    `COPY --chmod=0755 ${spec.entrypointFile} ${ENTRYPOINT_PATH}`,
  ];
}

