/** Where things live inside the image; shared by every renderer so that no path is said twice. */
export const WORKDIR = '/app';
export const SOURCE_TARGET = `${WORKDIR}/src`;
export const ENTRYPOINT_PATH = `${WORKDIR}/entrypoint.sh`;
export const ACTIVATION_PATH = `${WORKDIR}/activate.sh`;
export const LOCK_FILE = 'pixi.lock';

/** Absolute prefix of an environment; conda prefixes cannot move, so both stages use it. */
export function environmentPrefix(environment: string): string {
  return `${WORKDIR}/.pixi/envs/${environment}`;
}
