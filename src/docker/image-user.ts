import { DockerRecipe } from './recipe';
import { invalidOption } from '../util/validate';

/** What the container runs as, by default: not root, and in group 0 like OpenShift's arbitrary UIDs. */
export const DEFAULT_USER = '1000:0';
/** The run-time user's HOME: the one directory it may write besides /tmp. */
export const HOME_DIR = '/home/pixi';
/** Where the build stage makes HOME (with its path below it), for the final stage to copy with its mode. */
export const HOME_STAGING = '/opt/pixi-home';

const NUMERIC_USER = /^(\d{1,10})(?::(\d{1,10}))?$/;
const MAX_ID = 2 ** 31 - 1;
const ALLOWED = '"UID:GID" or "UID" in numbers (e.g. "1000:0"; numeric, so that Kubernetes\' runAsNonRoot can check it), or "root"';

/**
 * The `USER` of an OPTIMIZED final image, or undefined to run as root. The lesson's recipe (TUTORIAL)
 * runs as root and takes no user.
 */
export function imageUser(owner: string, value: string | undefined, recipe: DockerRecipe): string | undefined {
  if (recipe === DockerRecipe.TUTORIAL) {
    if (value !== undefined) throw invalidOption(owner, 'user', value, 'nothing with DockerRecipe.TUTORIAL, the lesson\'s recipe, which runs as root');
    return undefined;
  }
  const user = value ?? DEFAULT_USER;
  if (user === 'root') return undefined;
  const match = NUMERIC_USER.exec(user);
  if (!match || match.slice(1).some((id) => id !== undefined && Number(id) > MAX_ID)) throw invalidOption(owner, 'user', value, ALLOWED);
  if (Number(match[1]) !== 0) return user;
  // UID 0 is root, whatever the group: say so plainly rather than half-drop the group.
  if (match[2] !== undefined && Number(match[2]) !== 0) throw invalidOption(owner, 'user', value, `${ALLOWED}; UID 0 is root: write "root"`);
  return undefined;
}
