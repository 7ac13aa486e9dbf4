import { Project, Testing } from 'projen';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { HtcondorJob, HtcondorJobSpecOptions, PixiDockerImage, PixiDockerImageOptions, PixiWorkspace, SlurmJob, SlurmJobSpecOptions } from '../../src';
import { tempRepository } from '../helpers/project';

/** The tag the workflow pushes for one commit of the lesson's gpu image. */
export const GPU_IMAGE = 'ghcr.io/my-lab/cuda-exercise:sha-abc1234-gpu';

/** The lesson's project with one image and the job files asked for; returns the synthesized files. */
export function lessonJobs(
  jobs: { htcondor?: Partial<HtcondorJobSpecOptions>; slurm?: Partial<SlurmJobSpecOptions> },
  image: PixiDockerImageOptions = {},
) {
  const project = new Project({ name: 'cuda-exercise', outdir: tempRepository() });
  new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);
  const built = new PixiDockerImage(project, { environment: 'gpu', dockerfile: 'Dockerfile.gpu', command: ['python', 'src/main.py'], ...image });
  const htcondor = jobs.htcondor && new HtcondorJob(project, { image: built, containerImage: GPU_IMAGE, ...jobs.htcondor });
  const slurm = jobs.slurm && new SlurmJob(project, { image: built, containerImage: GPU_IMAGE, ...jobs.slurm });
  return { project, image: built, htcondor, slurm, files: Testing.synth(project) };
}
