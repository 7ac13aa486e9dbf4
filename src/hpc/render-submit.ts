import type { HtcondorJobSpec } from './htcondor-job-spec';
import { jobArguments } from './job-of-image';
import { ContainerImageKind, Quantity } from './job-values';

/** The variable each queued job's item is in (`queue 1 input from inputs.txt`). */
export const QUEUE_VARIABLE = 'input';

/**
 * A submit file expands `$(…)` in every value before it reads it; `$(DOLLAR)` is HTCondor's own macro for a
 * literal `$`, so a word of the user's stays the word it was.
 */
export function literal(text: string): string {
  return text.replace(/\$/g, '$(DOLLAR)');
}

/**
 * The new argument syntax (words already made literal): the whole list in double quotes (a `"` doubled), each word in single quotes (a `'`
 * doubled), so that any word arrives as one argument, spaces and quotes included.
 */
export function submitArguments(words: readonly string[]): string {
  const quoted = words.map((word) => `'${word.replace(/'/g, "''")}'`).join(' ');
  return `"${quoted.replace(/"/g, '""')}"`;
}

function quantity(q: Quantity): string {
  return `${q.amount}${q.unit}B`;
}

function containerImage(spec: HtcondorJobSpec): string {
  const { kind, reference } = spec.job.containerImage;
  switch (kind) {
    case ContainerImageKind.DOCKER: return `docker://${reference}`;
    case ContainerImageKind.ORAS: return `oras://${reference}`;
    case ContainerImageKind.OSDF: return `osdf://${reference}`;
    case ContainerImageKind.SIF_FILE: return reference;
  }
}

/**
 * Renders a submit description file: each command once (HTCondor keeps only the last of two), every amount with
 * its unit, the logs named per job, and `queue` last.
 */
export function renderSubmitFile(spec: HtcondorJobSpec, header?: string): string {
  const { job } = spec;
  const [executable, ...args] = jobArguments(job);
  const items = spec.queue.fromFile !== undefined || spec.queue.matching !== undefined;
  const stem = job.file.replace(/\.sub$/, '');
  const lines: string[] = [];
  if (header) lines.push(`# ${header}`);
  lines.push(
    `# Runs the pixi environment "${job.environment}" of the published image on HTCondor: condor_submit ${job.file}`,
    'universe = container',
    `container_image = ${containerImage(spec)}`,
    job.wrapper === undefined
      ? '# The program lives in the image, which sets the environment on PATH (no shell to activate in it).'
      : '# The image\'s entrypoint activates the environment (the container universe does not run it), then runs the command.',
    `executable = ${literal(job.wrapper ?? absoluteProgram(executable, job.environmentPrefix))}`,
    'transfer_executable = false',
  );
  // Each job's item arrives as the last argument: the one macro among the words.
  const words = [...args.map(literal), ...(items ? [`$(${QUEUE_VARIABLE})`] : [])];
  if (words.length > 0) lines.push(`arguments = ${submitArguments(words)}`);
  lines.push(
    `request_cpus = ${job.cpus}`,
    `request_memory = ${quantity(job.memory)}`,
    `request_disk = ${quantity(spec.disk)}`,
  );
  if (job.gpus > 0) {
    lines.push(`request_gpus = ${job.gpus}`);
    if (spec.gpuMinimumRuntime !== undefined) {
      lines.push(
        `# The environment asks for CUDA ${job.cudaVersion} (system-requirements): only GPUs whose driver supports it.`,
        `gpus_minimum_runtime = ${spec.gpuMinimumRuntime}`,
      );
    }
    if (spec.gpuMinimumCapability !== undefined) lines.push(`gpus_minimum_capability = ${spec.gpuMinimumCapability}`);
    if (spec.gpuMinimumMemory !== undefined) lines.push(`gpus_minimum_memory = ${quantity(spec.gpuMinimumMemory)}`);
  }
  if (spec.requirements !== undefined) lines.push(`requirements = (${spec.requirements})`);
  lines.push('should_transfer_files = YES', 'when_to_transfer_output = ON_EXIT');
  if (spec.inputFiles.length > 0) lines.push(`transfer_input_files = ${spec.inputFiles.join(', ')}`);
  if (spec.outputFiles.length > 0) lines.push(`transfer_output_files = ${spec.outputFiles.join(', ')}`);
  for (const attribute of spec.siteAttributes) lines.push(`+${attribute.name} = ${literal(attribute.value)}`);
  lines.push(
    '# One log per cluster, one output per job: runs never overwrite each other.',
    `log = ${stem}.$(Cluster).log`,
    `output = ${stem}.$(Cluster).$(Process).out`,
    `error = ${stem}.$(Cluster).$(Process).err`,
    queueLine(spec),
  );
  return lines.join('\n') + '\n';
}

function queueLine(spec: HtcondorJobSpec): string {
  const { count, fromFile, matching } = spec.queue;
  if (fromFile !== undefined) return `queue ${count} ${QUEUE_VARIABLE} from ${fromFile}`;
  if (matching !== undefined) return `queue ${count} ${QUEUE_VARIABLE} matching files ${matching}`;
  return `queue ${count}`;
}

/** Without a wrapper, a program named by its name is the environment's. */
function absoluteProgram(program: string, prefix: string): string {
  return program.startsWith('/') ? program : `${prefix}/bin/${program}`;
}
