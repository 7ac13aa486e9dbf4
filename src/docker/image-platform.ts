import { IMAGE_SUBDIR } from '../pixi/model';
import { IPixiWorkspace } from '../pixi/pixi-workspace-interface';
import { PLATFORM_NAME } from '../pixi/platforms';
import { invalidOption } from '../util/validate';

const OWNER = 'PixiDockerImage';

/** Which workspace platform an image installs, and whether the Dockerfile must name it. */
export interface ImagePlatformChoice {
  /** The platform's name. */
  readonly name: string;
  /**
   * True when the environment has several linux-64 platforms (a CUDA variant and a plain one):
   * pixi would pick the first one the builder satisfies, so the build names its choice instead.
   */
  readonly explicit: boolean;
}

/**
 * Chooses the platform of the image among the environment's linux-64 platforms, or refuses an
 * environment that has none, saying why (pixi fails such an install with `UnsupportedPlatformError`).
 * @param requested the `platform` option
 */
export function chooseImagePlatform(environment: string, workspace: IPixiWorkspace, requested: string | undefined): ImagePlatformChoice {
  const candidates = workspace.imagePlatformsOf(environment);
  if (candidates.length === 0) {
    const platforms = workspace.platformsOf(environment);
    const reason = platforms.length > 0
      ? `this one has ${platforms.join(', ')}; add "${IMAGE_SUBDIR}" to its platforms`
      : 'this one has no platform at all: the workspace\'s platforms are empty, or its features\' platforms have none in common';
    throw invalidOption(OWNER, 'environment', environment, `an environment the workspace solves for ${IMAGE_SUBDIR} (${reason})`);
  }
  if (requested !== undefined && !candidates.includes(requested)) {
    throw invalidOption(OWNER, 'platform', requested, `a ${IMAGE_SUBDIR} platform of environment "${environment}": ${candidates.join(', ')}`);
  }
  const name = requested ?? candidates[0];
  const explicit = candidates.length > 1;
  // The name goes into the RUN line and a label: only a name pixi itself accepts (platform.rs).
  if (explicit && !PLATFORM_NAME.test(name)) {
    throw invalidOption(OWNER, 'platform', name, 'a platform name pixi accepts: letters, digits and "-", starting with a letter');
  }
  return { name, explicit };
}
