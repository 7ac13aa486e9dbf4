/*
 * The registries a workflow talks to beside GHCR: those that receive the published images, and those the builds
 * log in to before they pull. Checked once; the renderers take the resolved logins.
 */
import { RegistryLogin, RegistryTarget } from './options';
import { DOMAIN, NAME_MAX, NAME_MAX_ALLOWED, PATH_COMPONENT } from '../docker/image-reference';
import { invalidOption } from '../util/validate';

const OWNER = 'GhcrWorkflow';
const HOST = new RegExp(`^${DOMAIN}$`);
/** A name with an explicit registry: the first part has a dot or a port, or is localhost (distribution/reference's rule). */
const REPOSITORY = new RegExp(`^(${DOMAIN})/(${PATH_COMPONENT})((?:/${PATH_COMPONENT})*)$`);
/** GitHub's rule for secret names: letters, digits and `_`, not starting with a digit, and not `GITHUB_`. */
const SECRET = /^(?!GITHUB_)[A-Za-z_][A-Za-z0-9_]*$/i;
const SECRET_ALLOWED = 'a repository secret name: letters, digits and "_", not starting with a digit or "GITHUB_"';
const GHCR = 'ghcr.io';

/** A registry login, resolved: its host, and where the user name and the password come from. */
export interface RegistryCredentials {
  readonly registry: string;
  /** A plain user name, or a secret's name (`usernameSecret`). */
  readonly username: { readonly secret: string } | { readonly name: string };
  readonly passwordSecret: string;
}

/** A registry that receives the images, with its login. */
export interface RegistryPush extends RegistryCredentials {
  /** The image repository there, without tag. */
  readonly image: string;
}

function checkSecret(option: string, value: string): string {
  if (!SECRET.test(value)) throw invalidOption(OWNER, option, value, SECRET_ALLOWED);
  return value;
}

/** Whether the first part of a name is a registry host rather than a path component (distribution/reference). */
function isHost(part: string): boolean {
  return part.includes('.') || part.includes(':') || part === 'localhost';
}

/** Each registry once (a runner's Docker keeps one login per host), and not GHCR, whose login is the job's token. */
function refuseTakenHosts(option: string, hosts: string[], allowed: string): void {
  hosts.forEach((host, i) => {
    if (host === GHCR) throw invalidOption(OWNER, `${option}[${i}]`, host, allowed);
    if (hosts.indexOf(host) !== i) throw invalidOption(OWNER, `${option}[${i}]`, host, 'each registry once (a runner\'s Docker keeps one login per registry)');
  });
}

/** `extraRegistries`, checked: each an image repository with its registry, on a host of its own. */
export function resolveExtraRegistries(targets: RegistryTarget[] | undefined): RegistryPush[] {
  const pushes = (targets ?? []).map((target, i) => {
    const option = `extraRegistries[${i}]`;
    const match = REPOSITORY.exec(target.image);
    if (!match || !isHost(match[1]) || target.image.length > NAME_MAX) {
      throw invalidOption(OWNER, `${option}.image`, target.image,
        `an image repository with its registry and without tag, lower case, such as "docker.io/my-lab/cuda-exercise" or "quay.io/my-lab/cuda-exercise" (${NAME_MAX_ALLOWED})`);
    }
    const username = target.usernameSecret === undefined ? { name: match[2] } : { secret: checkSecret(`${option}.usernameSecret`, target.usernameSecret) };
    return { image: target.image, registry: match[1], username, passwordSecret: checkSecret(`${option}.passwordSecret`, target.passwordSecret) };
  });
  refuseTakenHosts('extraRegistries', pushes.map((push) => push.registry),
    'a registry other than ghcr.io: the images are published there already, as imageName');
  return pushes;
}

/** `pullRegistries`, checked. */
export function resolvePullRegistries(logins: RegistryLogin[] | undefined): RegistryCredentials[] {
  const resolved = (logins ?? []).map((login, i) => {
    const option = `pullRegistries[${i}]`;
    if (!HOST.test(login.registry)) {
      throw invalidOption(OWNER, `${option}.registry`, login.registry, 'a registry host, with its port if it has one, such as "registry.example.org" or "docker.io"');
    }
    return {
      registry: login.registry,
      username: { secret: checkSecret(`${option}.usernameSecret`, login.usernameSecret) },
      passwordSecret: checkSecret(`${option}.passwordSecret`, login.passwordSecret),
    };
  });
  refuseTakenHosts('pullRegistries', resolved.map((login) => login.registry),
    'a registry other than ghcr.io: the jobs read GHCR with their own token (give the repository access to a private package in its settings)');
  return resolved;
}
