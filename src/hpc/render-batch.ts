import { jobArguments } from './job-of-image';
import { ContainerImageKind } from './job-values';
import { SlurmGpuRequest, SlurmRuntime } from './options';
import type { SlurmJobSpec } from './slurm-job-spec';
import { shellQuote } from '../docker/dockerfile-text';

/**
 * Renders a batch script: every `#SBATCH` line before the first command (sbatch ignores later ones without a
 * word), site settings only where given, then the image started with the wrapper that activates it.
 */
export function renderBatchScript(spec: SlurmJobSpec, header?: string): string {
  const { job } = spec;
  const lines = ['#!/bin/bash'];
  if (header) lines.push(`# ${header}`);
  lines.push(
    `# Runs the pixi environment "${job.environment}" of the published image on Slurm: sbatch ${job.file}`,
    `#SBATCH --job-name=${spec.jobName}`,
    '#SBATCH --ntasks=1',
    `#SBATCH --cpus-per-task=${job.cpus}`,
    `#SBATCH --mem=${job.memory.amount}${job.memory.unit}`,
    `#SBATCH --time=${spec.time}`,
  );
  if (job.gpus > 0) lines.push(gpuDirective(spec));
  for (const [flag, value] of [['partition', spec.partition], ['account', spec.account], ['qos', spec.qos], ['constraint', spec.constraint]]) {
    if (value !== undefined) lines.push(`#SBATCH --${flag}=${value}`);
  }
  const stem = job.file.replace(/\.sh$/, '');
  if (spec.array) {
    lines.push(`#SBATCH --array=1-${spec.array.tasks}`, `#SBATCH --output=${stem}.%A_%a.out`);
  } else {
    lines.push(`#SBATCH --output=${stem}.%j.out`);
  }
  lines.push('set -euo pipefail', '');
  const words = jobArguments(job).map(shellQuote);
  if (spec.array) {
    lines.push(
      `# Array task N gets line N of ${spec.array.inputs} as the command's last argument.`,
      `input=$(sed -n "\${SLURM_ARRAY_TASK_ID}p" ${shellQuote(spec.array.inputs)})`,
    );
    words.push('"$input"');
  }
  lines.push(...start(spec), `  ${words.join(' ')}`);
  return lines.join('\n') + '\n';
}

function gpuDirective(spec: SlurmJobSpec): string {
  const { gpus } = spec.job;
  if (spec.gpuRequest === SlurmGpuRequest.GPUS) return `#SBATCH --gpus=${spec.gpuType ? `${spec.gpuType}:` : ''}${gpus}`;
  return `#SBATCH --gres=gpu:${spec.gpuType ? `${spec.gpuType}:` : ''}${gpus}`;
}

/** The runtime's command, up to the image; the wrapper and the command follow on the next line. */
function start(spec: SlurmJobSpec): string[] {
  const { kind, reference } = spec.job.containerImage;
  if (spec.runtime === SlurmRuntime.PYXIS) {
    return [
      '# pyxis imports the image with enroot and skips its entrypoint: the wrapper activates the environment.',
      `exec srun --container-image=${shellQuote(enrootReference(reference))} \\`,
    ];
  }
  const image = kind === ContainerImageKind.SIF_FILE ? reference : `${kind === ContainerImageKind.ORAS ? 'oras' : 'docker'}://${reference}`;
  return [
    '# apptainer exec skips the image\'s entrypoint: the wrapper activates the environment.',
    spec.job.gpus > 0
      ? '# --nv binds the node\'s NVIDIA driver; the job\'s GPUs arrive as CUDA_VISIBLE_DEVICES.'
      : '# No GPUs asked for.',
    `exec apptainer exec${spec.job.gpus > 0 ? ' --nv' : ''} ${shellQuote(image)} \\`,
  ];
}

/**
 * enroot's reference: `REGISTRY#IMAGE[:TAG]` or `…@DIGEST`. Its parser takes a tag or a digest, not both
 * (NVIDIA/enroot docker.sh `_parse_uri`): the digest is what pins the image.
 */
export function enrootReference(reference: string): string {
  const [name, digest] = reference.split('@');
  const ref = digest === undefined ? name : `${name.replace(/:[^/:]+$/, '')}@${digest}`;
  const [first, ...rest] = ref.split('/');
  const registry = rest.length > 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  return registry ? `${first}#${rest.join('/')}` : ref;
}
