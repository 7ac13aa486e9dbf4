/*
 * The projen components: each writes one job file for one image, from the image's own description, and keeps the
 * job's logs out of git.
 */
import { Component, FileBase, Project } from 'projen';
import { HtcondorJobSpec } from './htcondor-job-spec';
import { JOB_FIELDS, HTCONDOR_JOB_SPEC_OPTIONS, SLURM_JOB_SPEC_OPTIONS } from './option-shapes';
import { HtcondorJobSpecOptions, SlurmJobSpecOptions } from './options';
import { SlurmJobSpec } from './slurm-job-spec';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { RenderedFile } from '../util/rendered-file';
import { builtChecked, checkShape, instance, struct } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';

const IMAGE = instance('a PixiDockerImage', (value) => PixiDockerImage.isPixiDockerImage(value));

/** Options for {@link HtcondorJob}. */
export interface HtcondorJobOptions extends HtcondorJobSpecOptions {
  /** The image the job runs: its environment, CUDA, entrypoint and command. */
  readonly image: PixiDockerImage;
}

/** Options for {@link SlurmJob}. */
export interface SlurmJobOptions extends SlurmJobSpecOptions {
  /** The image the job runs: its environment, CUDA, entrypoint and command. */
  readonly image: PixiDockerImage;
}

const HTCONDOR_JOB_OPTIONS = struct<HtcondorJobOptions>('image and the HTCondor job\'s options', { ...JOB_FIELDS.htcondor, image: IMAGE }, ['image', 'containerImage']);
const SLURM_JOB_OPTIONS = struct<SlurmJobOptions>('image and the Slurm job\'s options', { ...JOB_FIELDS.slurm, image: IMAGE }, ['image', 'containerImage']);

/** The spec's options: the component's without `image`, checked already. */
function specOptions<T extends object>(shape: Parameters<typeof builtChecked>[0], options: T & { image?: unknown }): T {
  const { image: _image, ...rest } = options;
  return builtChecked(shape, rest as T);
}

/**
 * An HTCondor submit description file that runs a published image in the container universe: its environment
 * activated by the image's entrypoint, GPUs whose driver supports the environment's CUDA, one `requirements`,
 * units on every amount, logs per job.
 */
export class HtcondorJob extends Component {
  /** The resolved job. */
  public readonly spec: HtcondorJobSpec;
  /** The submit file. */
  public readonly file: FileBase;

  /**
   * @param project the project that holds the file
   * @param options the image, the published reference and what the job needs; invalid values throw here
   */
  public constructor(project: Project, options: HtcondorJobOptions) {
    checkShape('HtcondorJob', options, HTCONDOR_JOB_OPTIONS);
    const spec = new HtcondorJobSpec(options.image.spec, specOptions(HTCONDOR_JOB_SPEC_OPTIONS, options));
    refuseTakenPaths('HtcondorJob', project, [{ option: 'file', path: spec.file }]);
    super(project, `HtcondorJob#${spec.file}`);
    this.spec = spec;
    this.file = new RenderedFile(this, spec.file, (marker) => spec.render({ headerComment: marker }));
    const stem = spec.file.replace(/\.sub$/, '');
    project.gitignore.exclude(`/${stem}.*.log`, `/${stem}.*.out`, `/${stem}.*.err`);
  }
}

/**
 * A Slurm batch script that runs a published image with Apptainer or pyxis: every `#SBATCH` line first, GPUs as
 * `--gres`, site settings only where given, the environment activated by the image's entrypoint.
 */
export class SlurmJob extends Component {
  /** The resolved job. */
  public readonly spec: SlurmJobSpec;
  /** The batch script. */
  public readonly file: FileBase;

  /**
   * @param project the project that holds the file
   * @param options the image, the published reference and what the job needs; invalid values throw here
   */
  public constructor(project: Project, options: SlurmJobOptions) {
    checkShape('SlurmJob', options, SLURM_JOB_OPTIONS);
    const spec = new SlurmJobSpec(options.image.spec, specOptions(SLURM_JOB_SPEC_OPTIONS, options));
    refuseTakenPaths('SlurmJob', project, [{ option: 'file', path: spec.file }]);
    super(project, `SlurmJob#${spec.file}`);
    this.spec = spec;
    this.file = new RenderedFile(this, spec.file, (marker) => spec.render({ headerComment: marker }), { executable: true });
    project.gitignore.exclude(`/${spec.file.replace(/\.sh$/, '')}.*.out`);
  }
}
