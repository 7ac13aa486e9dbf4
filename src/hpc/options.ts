/** What every job file of an image says: which image, which command, and what it needs. */
export interface HpcJobSpecOptions {
  /**
   * The published image the job runs, pinned so that a job never runs a stale one: `ghcr.io/lab/repo@sha256:…`,
   * the per-commit tag the workflow pushes (`ghcr.io/lab/repo:sha-abc1234-gpu`) or a release tag; the Apptainer
   * SIF the workflow pushes (`oras://ghcr.io/lab/repo/apptainer:gpu-sha-abc1234`); a `.sif` file; or (HTCondor)
   * an `osdf:///….sif` URL.
   */
  readonly containerImage: string;
  /**
   * The command the job runs in the activated environment (through the image's entrypoint, which activates it).
   * @default - the image's `command`
   */
  readonly command?: string[];
  /**
   * CPUs.
   * @default 1
   */
  readonly cpus?: number;
  /**
   * Memory, with its unit: `"4GB"`, `"512MB"`.
   * @default "4GB"
   */
  readonly memory?: string;
  /**
   * GPUs.
   * @default - 1 when the image's environment asks for CUDA (`system-requirements`), else 0
   */
  readonly gpus?: number;
  /**
   * The file to write, relative to the project.
   * @default - `htcondor.<environment>.sub` or `slurm.<environment>.sh`
   */
  readonly file?: string;
}

/** How many jobs an HTCondor submit file queues: each job gets its item as the command's last argument. */
export interface HtcondorQueue {
  /**
   * Jobs per item (or in all, without items).
   * @default 1
   */
  readonly count?: number;
  /**
   * A file of items, one per line (`queue … from`).
   * @default - no file
   */
  readonly fromFile?: string;
  /**
   * A glob of files, each one item (`queue … matching files`).
   * @default - no glob
   */
  readonly matching?: string;
}

/** An HTCondor submit description file. */
export interface HtcondorJobSpecOptions extends HpcJobSpecOptions {
  /**
   * Scratch disk, with its unit.
   * @default "10GB"
   */
  readonly disk?: string;
  /**
   * The lowest compute capability a GPU may have (`gpus_minimum_capability`), such as `"8.0"`.
   * @default - any
   */
  readonly gpuMinimumCapability?: string;
  /**
   * The least memory a GPU may have, with its unit (`gpus_minimum_memory`).
   * @default - any
   */
  readonly gpuMinimumMemory?: string;
  /**
   * Files and directories sent to the job's scratch directory (a directory with a trailing `/` sends its content).
   * @default - none
   */
  readonly inputFiles?: string[];
  /**
   * Files and directories the job writes, sent back.
   * @default - whatever the job creates in its scratch directory
   */
  readonly outputFiles?: string[];
  /**
   * How many jobs, and over which items.
   * @default - one job
   */
  readonly queue?: HtcondorQueue;
  /**
   * A ClassAd constraint on the machine, ANDed with the rest into the one `requirements` the file writes.
   * @default - none
   */
  readonly requirements?: string;
  /**
   * Attributes of your pool (`+WantGPULab = true`, `+ProjectName = "my-lab"`): `true`, `false` and numbers are
   * written as they are, any other value as a ClassAd string.
   * @default - none
   */
  readonly siteAttributes?: { [name: string]: string };
}

/** How a Slurm job asks for GPUs. */
export enum SlurmGpuRequest {
  /** `--gres=gpu[:type]:N`: every select plugin. */
  GRES = 'gres',
  /** `--gpus=[type:]N`: only `select/cons_tres`. */
  GPUS = 'gpus',
}

/** How a Slurm job starts the image. */
export enum SlurmRuntime {
  /** `apptainer exec` (`--nv` with GPUs) of the image. */
  APPTAINER = 'apptainer',
  /** NVIDIA pyxis: `srun --container-image`. */
  PYXIS = 'pyxis',
}

/** A Slurm batch script. */
export interface SlurmJobSpecOptions extends HpcJobSpecOptions {
  /**
   * Wall time: `"30"` (minutes), `"2:00:00"`, `"1-12:00:00"`.
   * @default "1:00:00"
   */
  readonly time?: string;
  /** The partition. @default - the cluster's default */
  readonly partition?: string;
  /** The account charged. @default - yours */
  readonly account?: string;
  /** The quality of service. @default - the cluster's default */
  readonly qos?: string;
  /** A node feature constraint (`--constraint`), such as `"a100"`. @default - none */
  readonly constraint?: string;
  /** The GPU type in the request (`gpu:<type>:N`). @default - any */
  readonly gpuType?: string;
  /** How GPUs are asked for. @default SlurmGpuRequest.GRES */
  readonly gpuRequest?: SlurmGpuRequest;
  /** How the image is started. @default SlurmRuntime.APPTAINER */
  readonly runtime?: SlurmRuntime;
  /** The job's name. @default - the environment's name */
  readonly jobName?: string;
  /**
   * A file of inputs, one per line: the script runs as an array, and each task gets its line as the command's
   * last argument. Needs `arrayTasks`.
   * @default - no array
   */
  readonly arrayInputs?: string;
  /** How many array tasks (lines of `arrayInputs`). @default - no array */
  readonly arrayTasks?: number;
}
