import { shellQuote } from './dockerfile-text';
import { ACTIVATION_PATH } from './layout';
import type { PixiDockerImageSpec } from './pixi-docker-image-spec';

/** Set once the activation ran, to the environment's prefix. */
const ACTIVATED_MARKER = 'PIXI_IMAGE_ACTIVATED';

/** Used when the image has no `command` and the container gets no arguments. */
const FALLBACK_COMMAND = ['/bin/bash'];

/**
 * The entrypoint of the OPTIMIZED recipe: a short bash script, committed next to its Dockerfile,
 * that loads the activation written at build time and then `exec`s the command.
 */
export function renderEntrypoint(spec: PixiDockerImageSpec, header?: string): string {
  const command = (spec.command ?? FALLBACK_COMMAND).map(shellQuote).join(' ');
  const lines = ['#!/bin/bash'];
  if (header) lines.push(`# ${header}`);
  lines.push(
    `# Activates the pixi environment "${spec.environment}" and runs the container's command in it.`,
    '',
    '# The activation was written by `pixi shell-hook` when the image was built,',
    '# so pixi is not needed (and not run) when the container starts. Sourced once: a job that starts',
    '# this script as its command where the entrypoint ran already (HTCondor\'s docker universe) is not activated twice.',
    `if [ "\${${ACTIVATED_MARKER}:-}" != ${shellQuote(spec.environmentPrefix)} ]; then`,
    '  # shellcheck source=/dev/null',
    `  . ${ACTIVATION_PATH}`,
    `  export ${ACTIVATED_MARKER}=${shellQuote(spec.environmentPrefix)}`,
    'fi',
    '',
    '# Without arguments, run the image\'s default command.',
    'if [ "$#" -eq 0 ]; then',
    `  set -- ${command}`,
    'fi',
    '',
    '# exec replaces this shell: the command becomes PID 1, receives signals, and its exit code is the container\'s.',
    'exec "$@"',
  );
  return lines.join('\n') + '\n';
}
