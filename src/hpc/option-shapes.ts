import { HtcondorJobSpecOptions, HtcondorQueue, SlurmJobSpecOptions } from './options';
import { INTEGER, recordOf, STRING, STRINGS, struct } from '../util/shape';

const COMMON = { containerImage: STRING, command: STRINGS, cpus: INTEGER, memory: STRING, gpus: INTEGER, file: STRING } as const;

/** `HtcondorQueue`. */
export const HTCONDOR_QUEUE = struct<HtcondorQueue>('count, fromFile or matching', { count: INTEGER, fromFile: STRING, matching: STRING });

const HTCONDOR_FIELDS = {
  ...COMMON,
  disk: STRING,
  gpuMinimumCapability: STRING,
  gpuMinimumMemory: STRING,
  inputFiles: STRINGS,
  outputFiles: STRINGS,
  queue: HTCONDOR_QUEUE,
  requirements: STRING,
  siteAttributes: recordOf(STRING),
} as const;

/** `HtcondorJobSpecOptions`. */
export const HTCONDOR_JOB_SPEC_OPTIONS = struct<HtcondorJobSpecOptions>('the HTCondor job\'s options', HTCONDOR_FIELDS, ['containerImage']);

const SLURM_FIELDS = {
  ...COMMON,
  time: STRING,
  partition: STRING,
  account: STRING,
  qos: STRING,
  constraint: STRING,
  gpuType: STRING,
  gpuRequest: STRING,
  runtime: STRING,
  jobName: STRING,
  arrayInputs: STRING,
  arrayTasks: INTEGER,
} as const;

/** `SlurmJobSpecOptions`. */
export const SLURM_JOB_SPEC_OPTIONS = struct<SlurmJobSpecOptions>('the Slurm job\'s options', SLURM_FIELDS, ['containerImage']);

/** The fields of each spec's options, for the components' own shapes (which add `image`). */
export const JOB_FIELDS = { htcondor: HTCONDOR_FIELDS, slurm: SLURM_FIELDS };
