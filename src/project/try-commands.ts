import { FinalImageKind } from '../docker/recipe';

/** What the commands need to know of an image. */
export interface ImageToTry {
  readonly dockerfile: string;
  readonly environment: string;
  readonly command?: string[];
  readonly cudaVersion?: string;
  readonly finalImageKind: FinalImageKind;
}

/** A project name as a Docker repository name: lowercase, `-` for what Docker refuses (`Lab_Tools` → `lab_tools`). */
export function dockerRepositoryName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+|[^a-z0-9]+$/g, '') || 'image';
}

/**
 * The `docker build` and `docker run` lines that try the images as written: each Dockerfile named
 * (`docker build .` reads only `Dockerfile`), `-it` for the default interactive shell (without a
 * terminal it exits at once), `--gpus all` for a CUDA image.
 */
export function tryCommands(images: ReadonlyArray<ImageToTry>, name: string): { builds: string[]; runs: string[] } {
  const repository = dockerRepositoryName(name);
  const tag = (image: ImageToTry) => `${repository}:${image.environment}`;
  const builds = images.map((image) => `docker build -f ${image.dockerfile} -t ${tag(image)} .`);
  const runs = images.map((image) => {
    const interactive = image.command === undefined && image.finalImageKind !== FinalImageKind.DISTROLESS;
    return ['docker run --rm', ...(interactive ? ['-it'] : []), ...(image.cudaVersion ? ['--gpus all'] : []), tag(image)].join(' ');
  });
  return { builds, runs };
}
