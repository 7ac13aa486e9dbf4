import { shellQuote } from '../docker/dockerfile-text';
import { environmentArgument, installCommand } from '../docker/install-command';
import { ACTIVATION_PATH, ENTRYPOINT_PATH, IMAGE_FILES_DIR, LOCK_FILE, WORKDIR } from '../docker/layout';
import type { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { FinalImageKind } from '../docker/recipe';
import { aptInstallLines } from '../docker/system-packages';

/** Indents a section body the way Apptainer definitions are written. */
function section(name: string, lines: string[]): string[] {
  return [`%${name}`, ...lines.map((line) => (line === '' ? '' : `    ${line}`)), ''];
}

/**
 * A two-stage Apptainer definition of the same image as the Dockerfile: the same base images,
 * the same install, the environment at the same prefix, the same activation, entrypoint and sources.
 */
export function renderDefinition(spec: PixiDockerImageSpec, title: string, header?: string): string {
  const prefix = spec.environmentPrefix;
  const keepsPixi = spec.finalImageKind === FinalImageKind.PIXI;
  const lines: string[] = [];
  if (header) lines.push(`# ${header}`, '');

  lines.push('Bootstrap: docker', `From: ${spec.baseImage}`, 'Stage: build', '');
  const buildFiles = [spec.manifestFile, LOCK_FILE, ...spec.installInputs, ...spec.activationScripts].map((path) => `${path} ${WORKDIR}/${path}`);
  // The build commands run with the sources where the final image holds them.
  if (spec.buildCommands.length > 0) buildFiles.push(...spec.sources.map((source) => `${source.from} ${source.to}`));
  lines.push(...section('files', buildFiles));
  lines.push(...section('post', [
    '# Stop at the first failing command, whatever shell options Apptainer uses.',
    'set -e',
    ...(spec.cudaVersion ? ['# Lets a builder without a GPU solve and install the CUDA environment.', `export CONDA_OVERRIDE_CUDA=${spec.cudaVersion}`] : []),
    ...(spec.buildStagePackages.length > 0 ? ['# git, which pixi fetches the git dependencies with.', ...aptInstallLines(spec.buildStagePackages)] : []),
    `cd ${WORKDIR} || exit 1`,
    installCommand(spec),
    `test -d ${prefix}/conda-meta`,
    `mkdir -p ${IMAGE_FILES_DIR}`,
    `pixi shell-hook ${spec.shellHookLockFlag} ${environmentArgument(spec.environment)} --shell bash > ${ACTIVATION_PATH}`,
    // As in the Dockerfile: bash reads each command after the activation (%post itself runs under /bin/sh).
    ...spec.buildCommands.map((command) => `bash -c ${shellQuote(`. ${ACTIVATION_PATH} && ${command}`)}`),
  ]));

  lines.push('Bootstrap: docker', `From: ${spec.finalImage}`, 'Stage: final', '');
  const fromBuild = [prefix, ACTIVATION_PATH, ...[...spec.runtimeInputs, ...spec.activationScripts].map((path) => `${WORKDIR}/${path}`)];
  if (keepsPixi) {
    fromBuild.push(`${WORKDIR}/${spec.manifestFile}`, `${WORKDIR}/${LOCK_FILE}`, `${WORKDIR}/.pixi/.gitignore`, `${WORKDIR}/.pixi/.condapackageignore`);
  }
  lines.push(...section('files from build', fromBuild.map((path) => `${path} ${path}`)));
  const fromContext = [`${spec.entrypointFile} ${ENTRYPOINT_PATH}`];
  for (const source of spec.sources) fromContext.push(`${source.from} ${source.to}`);
  lines.push(...section('files', fromContext));
  lines.push(...section('post', [
    ...(spec.systemPackages.length > 0 ? ['set -e', ...aptInstallLines(spec.systemPackages)] : []),
    `chmod 0755 ${ENTRYPOINT_PATH}`,
  ]));

  const environment = [
    '# The activation pixi wrote at build time, for `apptainer exec` and `apptainer shell`.',
    '# shellcheck source=/dev/null',
    `. ${ACTIVATION_PATH}`,
    ...(keepsPixi ? ['export PIXI_FROZEN=true'] : []),
    ...Object.entries(spec.env).map(([key, value]) => `export ${key}=${shellQuote(value)}`),
  ];
  lines.push(...section('environment', environment));
  // `|| exit`: these scripts run without `set -e`, and must not go on in the host's directory.
  const start = ['# Like Docker\'s WORKDIR: Apptainer would start in the host\'s current directory.', `cd ${WORKDIR} || exit 1`, `exec ${ENTRYPOINT_PATH} "$@"`];
  lines.push(...section('runscript', start));
  lines.push(...section('startscript', start));
  lines.push(...section('test', [
    '# shellcheck source=/dev/null',
    `. ${ACTIVATION_PATH}`,
    `test "$CONDA_PREFIX" = ${prefix}`,
    'test -d "$CONDA_PREFIX/conda-meta"',
  ]));
  const labels = { 'org.opencontainers.image.title': title, 'sh.pixi.environment': spec.environment, ...spec.labels };
  lines.push(...section('labels', Object.entries(labels).map(([key, value]) => `${key} ${value}`)));
  lines.push(...section('help', [
    `The pixi environment "${spec.environment}" of ${title}, at ${prefix}.`,
    '',
    'Run the default command:         apptainer run --nv IMAGE.sif',
    'Run a command in the environment: apptainer exec --nv IMAGE.sif python --version',
    'Check the image:                  apptainer test IMAGE.sif',
    '(--nv makes the host\'s NVIDIA driver visible to CUDA environments.)',
    `(run and instance start work in ${WORKDIR}, like docker run; exec and shell stay in the`,
    ` current directory: add --pwd ${WORKDIR} to work among the image's files.)`,
  ]));
  return lines.join('\n').replace(/\n+$/, '\n');
}
