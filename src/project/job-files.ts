/*
 * The job files of a PixiProject: an HTCondor submit file and a Slurm batch script per image, each running the
 * published image of its environment.
 */
import { Project } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { PixiDockerImage } from '../docker/pixi-docker-image';
import { HtcondorJob, SlurmJob } from '../hpc/hpc-jobs';
import { ContainerImageKind, parseContainerImage } from '../hpc/job-values';
import { invalidOption } from '../util/validate';

/** Writes the job files asked for; refuses, naming the project's options, what the jobs could not run. */
export function addJobFiles(project: Project, images: PixiDockerImage[], options: PixiProjectOptions, names: OptionNames): void {
  const wanted = (['htcondor', 'slurm'] as const).filter((option) => options[option]);
  if (wanted.length === 0) return;
  if (options.jobImage === undefined) {
    throw invalidOption(names.owner, names.of('jobImage'), undefined,
      `the published image the ${wanted.map((option) => names.of(option)).join(' and ')} job files run, pinned, such as "ghcr.io/my-lab/my-repo:sha-abc1234" (the tag the workflow pushes for a commit)`);
  }
  const published = parseContainerImage(names.owner, names.of('jobImage'), options.jobImage);
  const several = images.length > 1;
  const tagged = published.kind === ContainerImageKind.DOCKER || published.kind === ContainerImageKind.ORAS;
  if (several && (!tagged || published.reference.includes('@'))) {
    throw invalidOption(names.owner, names.of('jobImage'), options.jobImage,
      'a tagged reference with several environments (each job gets its image\'s tag, the environment appended): not a digest, .sif or osdf:// URL');
  }
  for (const image of images) {
    if (image.spec.command === undefined) {
      throw invalidOption(names.owner, names.of('command'), undefined, `the command the job files run in the image (${names.of(wanted[0])} is on), such as ["python", "src/main.py"]`);
    }
    // The workflow's tag suffix: `-<environment>` when the project has several images.
    const containerImage = several ? `${options.jobImage}-${image.spec.environment}` : options.jobImage;
    if (options.htcondor) new HtcondorJob(project, { image, containerImage });
    if (options.slurm) new SlurmJob(project, { image, containerImage });
  }
}
