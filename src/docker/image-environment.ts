import { IMAGE_SUBDIR } from '../pixi/model';
import { IPixiWorkspace, PixiEnvironmentView } from '../pixi/pixi-workspace-interface';
import { PLATFORM_NAME } from '../pixi/platforms';
import { invalidOption } from '../util/validate';

const OWNER = 'PixiDockerImage';

/** The environment an image installs, on the platform it installs, as the workspace describes it. */
export interface ImageEnvironment {
  /** The workspace's view of the environment on the chosen platform (`view.platform` is set). */
  readonly view: PixiEnvironmentView;
  /** The chosen platform's name. */
  readonly platform: string;
  /**
   * True when the environment has several linux-64 platforms (a CUDA variant and a plain one):
   * pixi would pick the first one the builder satisfies, so the build names its choice instead.
   */
  readonly namesPlatform: boolean;
}

/**
 * Asks the workspace once for the image's environment on its platform, and refuses what pixi would:
 * an environment the workspace lacks, one with no linux-64 platform (pixi fails such an install with
 * `UnsupportedPlatformError`), or a `platform` that is none of its linux-64 platforms.
 * @param environment the `environment` option
 * @param requested the `platform` option
 */
export function imageEnvironmentOf(workspace: IPixiWorkspace, environment: string, requested: string | undefined): ImageEnvironment {
  const view = workspace.environmentView(environment, requested);
  if (view === undefined) {
    throw invalidOption(OWNER, 'environment', environment, `an environment of the workspace: ${workspace.environmentNames.join(', ')}`);
  }
  if (view.imagePlatforms.length === 0) {
    const reason = view.platforms.length > 0
      ? `this one has ${view.platforms.join(', ')}; add "${IMAGE_SUBDIR}" to its platforms`
      : 'this one has no platform at all: the workspace\'s platforms are empty, or its features\' platforms have none in common';
    throw invalidOption(OWNER, 'environment', environment, `an environment the workspace solves for ${IMAGE_SUBDIR} (${reason})`);
  }
  if (view.platform === undefined) {
    throw invalidOption(OWNER, 'platform', requested, `a ${IMAGE_SUBDIR} platform of environment "${environment}": ${view.imagePlatforms.join(', ')}`);
  }
  const namesPlatform = view.imagePlatforms.length > 1;
  // The name goes into the RUN line and a label: only a name pixi itself accepts (platform.rs).
  if (namesPlatform && !PLATFORM_NAME.test(view.platform)) {
    throw invalidOption(OWNER, 'platform', view.platform, 'a platform name pixi accepts: letters, digits and "-", starting with a letter');
  }
  return { view, platform: view.platform, namesPlatform };
}
