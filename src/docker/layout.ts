/** Where things live inside the image; shared by every renderer so that no path is said twice. */
export const WORKDIR = '/app';
export const SOURCE_TARGET = `${WORKDIR}/src`;
/**
 * The files the library itself writes live outside the work directory, so that no workspace file
 * (an activation script named `activate.sh`, pixi's own examples/pypi) can collide with them.
 */
export const IMAGE_FILES_DIR = '/opt/pixi-image';
export const ENTRYPOINT_PATH = `${IMAGE_FILES_DIR}/entrypoint.sh`;
export const ACTIVATION_PATH = `${IMAGE_FILES_DIR}/activate.sh`;
/** The lesson's recipe (TUTORIAL) writes its entrypoint into the work directory. */
export const TUTORIAL_ENTRYPOINT_PATH = `${WORKDIR}/entrypoint.sh`;
export { LOCK_FILE } from '../pixi/manifest-file';

/** Absolute prefix of an environment; conda prefixes cannot move, so both stages use it. */
export function environmentPrefix(environment: string): string {
  return `${WORKDIR}/.pixi/envs/${environment}`;
}
