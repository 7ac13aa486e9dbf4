/*
 * What a job file takes from the image it runs: the environment (its name, its CUDA), the wrapper that activates it
 * and the default command. Shared by the HTCondor and Slurm specs, so both resolve the common options once.
 */
import { ContainerImage, parseContainerImage, parseQuantity, Quantity, requireCommand, requireCount } from './job-values';
import { HpcJobSpecOptions } from './options';
import { ENTRYPOINT_PATH, TUTORIAL_ENTRYPOINT_PATH } from '../docker/layout';
import type { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { DockerRecipe, FinalImageKind } from '../docker/recipe';
import { invalidOption, requireRelativePath } from '../util/validate';

/** The common part of a job, resolved. */
export interface ResolvedJob {
  /** The image's environment. */
  readonly environment: string;
  /** The CUDA version its system-requirements ask for. */
  readonly cudaVersion?: string;
  /** Where the environment is in the image. */
  readonly environmentPrefix: string;
  /** The published image. */
  readonly containerImage: ContainerImage;
  /** The image's entrypoint, which activates the environment once and `exec`s its arguments; none in a DISTROLESS image. */
  readonly wrapper?: string;
  /** The command, run through the wrapper. */
  readonly command: string[];
  /** CPUs. */
  readonly cpus: number;
  /** Memory. */
  readonly memory: Quantity;
  /** GPUs. */
  readonly gpus: number;
  /** The file written. */
  readonly file: string;
}

/** Resolves the options every job file has, against the image it runs. */
export function resolveJob(
  owner: string, image: PixiDockerImageSpec, options: HpcJobSpecOptions, fileOf: (environment: string) => string,
): ResolvedJob {
  if (options.containerImage === undefined) {
    throw invalidOption(owner, 'containerImage', undefined,
      'the published image the job runs, pinned, such as "ghcr.io/my-lab/my-repo:sha-abc1234" (the workflow pushes a tag per commit)');
  }
  const command = options.command ?? image.command;
  if (command === undefined) {
    throw invalidOption(owner, 'command', undefined, 'the command the job runs, such as ["python", "train.py"] (the image has no command to default to)');
  }
  return {
    environment: image.environment,
    cudaVersion: image.cudaVersion,
    environmentPrefix: image.environmentPrefix,
    containerImage: parseContainerImage(owner, 'containerImage', options.containerImage),
    wrapper: wrapperOf(image),
    command: requireCommand(owner, 'command', command),
    cpus: requireCount(owner, 'cpus', options.cpus ?? 1, 1),
    memory: parseQuantity(owner, 'memory', options.memory ?? '4GB'),
    gpus: requireCount(owner, 'gpus', options.gpus ?? (image.cudaVersion === undefined ? 0 : 1), 0),
    file: requireRelativePath(owner, 'file', options.file ?? fileOf(image.environment)),
  };
}

/** The command line a job runs: the wrapper first, so that the manifest's activation scripts run too. */
export function jobArguments(job: ResolvedJob): string[] {
  return job.wrapper === undefined ? job.command : [job.wrapper, ...job.command];
}

function wrapperOf(image: PixiDockerImageSpec): string | undefined {
  if (image.recipe === DockerRecipe.TUTORIAL) return TUTORIAL_ENTRYPOINT_PATH;
  return image.finalImageKind === FinalImageKind.DISTROLESS ? undefined : ENTRYPOINT_PATH;
}
