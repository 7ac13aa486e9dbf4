import { resolveJob, ResolvedJob } from './job-of-image';
import { ContainerImageKind, requireCount, requireJobPath } from './job-values';
import { SLURM_JOB_SPEC_OPTIONS } from './option-shapes';
import { SlurmGpuRequest, SlurmJobSpecOptions, SlurmRuntime } from './options';
import { renderBatchScript } from './render-batch';
import type { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { RenderOptions } from '../util/render-options';
import { checkShape, headerCommentOf } from '../util/shape';
import { invalidOption, requireOneOf } from '../util/validate';

const OWNER = 'SlurmJob';

/** Slurm's time formats: minutes, M:S, H:M:S, D-H, D-H:M, D-H:M:S. */
const TIME = /^(?:[0-9]{1,6}|[0-9]{1,6}:[0-5]?[0-9]|[0-9]{1,4}:[0-5]?[0-9]:[0-5]?[0-9]|[0-9]{1,3}-(?:[01]?[0-9]|2[0-3])(?::[0-5]?[0-9](?::[0-5]?[0-9])?)?)$/;
/** A partition, account, QOS, GPU type or job name: one word sbatch reads as it is. */
const NAME = /^[A-Za-z0-9_][A-Za-z0-9_.+-]{0,63}$/;
/** A feature expression (`a100`, `a100|h100`, `gpu&ib`). */
const CONSTRAINT = /^[A-Za-z0-9_][A-Za-z0-9_.+\-&|,*]{0,127}$/;

/** A Slurm array over a file of inputs. */
export interface SlurmArray {
  /** The file of inputs. */
  readonly inputs: string;
  /** How many tasks. */
  readonly tasks: number;
}

/** A Slurm batch script for one image, resolved: every option checked once, naming it. */
export class SlurmJobSpec {
  /** What the job takes from the image, and its common options. */
  public readonly job: ResolvedJob;
  /** Wall time. */
  public readonly time: string;
  /** Site settings, written only when given. */
  public readonly partition?: string;
  /** The account charged. */
  public readonly account?: string;
  /** The QOS. */
  public readonly qos?: string;
  /** The node feature constraint. */
  public readonly constraint?: string;
  /** The GPU type. */
  public readonly gpuType?: string;
  /** How GPUs are asked for. */
  public readonly gpuRequest: SlurmGpuRequest;
  /** How the image starts. */
  public readonly runtime: SlurmRuntime;
  /** The job's name. */
  public readonly jobName: string;
  /** The array, if any. */
  public readonly array?: SlurmArray;

  /**
   * @param image the image the job runs
   * @param options the job's options; invalid values throw here
   */
  public constructor(image: PixiDockerImageSpec, options: SlurmJobSpecOptions) {
    checkShape(OWNER, options, SLURM_JOB_SPEC_OPTIONS);
    this.job = resolveJob(OWNER, image, options, (environment) => `slurm.${environment}.sh`);
    this.time = String(options.time ?? '1:00:00');
    if (!TIME.test(this.time)) {
      throw invalidOption(OWNER, 'time', options.time, 'a Slurm time: "30" (minutes), "30:00", "2:00:00", "1-12" or "1-12:00:00"');
    }
    this.partition = optionalName('partition', options.partition);
    this.account = optionalName('account', options.account);
    this.qos = optionalName('qos', options.qos);
    this.gpuType = optionalName('gpuType', options.gpuType);
    this.jobName = optionalName('jobName', options.jobName) ?? this.job.environment;
    if (options.constraint !== undefined && (typeof options.constraint !== 'string' || !CONSTRAINT.test(options.constraint))) {
      throw invalidOption(OWNER, 'constraint', options.constraint, 'node features such as "a100" or "a100|h100" (letters, digits, "_ . + -" and "& | , *")');
    }
    this.constraint = options.constraint;
    this.gpuRequest = requireOneOf(OWNER, 'gpuRequest', options.gpuRequest ?? SlurmGpuRequest.GRES, Object.values(SlurmGpuRequest));
    this.runtime = requireOneOf(OWNER, 'runtime', options.runtime ?? SlurmRuntime.APPTAINER, Object.values(SlurmRuntime));
    if (this.gpuType !== undefined && this.job.gpus === 0) throw invalidOption(OWNER, 'gpuType', this.gpuType, 'nothing without GPUs: set "gpus"');
    if (this.runtime === SlurmRuntime.PYXIS && this.job.containerImage.kind !== ContainerImageKind.DOCKER) {
      throw invalidOption(OWNER, 'containerImage', options.containerImage, 'a registry image for pyxis, which imports it with enroot (not a SIF, not oras://)');
    }
    if (this.job.containerImage.kind === ContainerImageKind.OSDF) {
      throw invalidOption(OWNER, 'containerImage', options.containerImage, 'an image Slurm nodes can read: a registry image, oras://, or a .sif path (osdf:// is HTCondor\'s)');
    }
    this.array = resolveArray(options.arrayInputs, options.arrayTasks);
  }

  /** The script's path, relative to the project. */
  public get file(): string {
    return this.job.file;
  }

  /**
   * Renders the batch script.
   * @param options where to put a header comment
   */
  public render(options: RenderOptions = {}): string {
    return renderBatchScript(this, headerCommentOf(OWNER, options));
  }
}

function optionalName(option: string, value: unknown): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !NAME.test(value)) {
    throw invalidOption(OWNER, option, value, 'one word of letters, digits and "_ . + -", not starting with "-" (up to 64 characters)');
  }
  return value;
}

function resolveArray(inputs: unknown, tasks: unknown): SlurmArray | undefined {
  if (inputs === undefined && tasks === undefined) return undefined;
  if (inputs === undefined) throw invalidOption(OWNER, 'arrayTasks', tasks, 'nothing without "arrayInputs", the file whose lines the tasks get');
  if (tasks === undefined) throw invalidOption(OWNER, 'arrayInputs', inputs, 'a file of inputs together with "arrayTasks", how many lines it has');
  return { inputs: requireJobPath(OWNER, 'arrayInputs', inputs), tasks: requireCount(OWNER, 'arrayTasks', tasks, 1) };
}
