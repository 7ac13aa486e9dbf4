import { invalidOption, requireMatch } from '../util/validate';

// The grammar of github.com/distribution/reference, written out so each part can be read.
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
/** A bracketed IPv6 address, as the grammar allows a host (`[::1]`, `[fd00::5]`). */
const IPV6_HOST = '\\[[a-fA-F0-9:]*:[a-fA-F0-9:.]*\\]';
/** A registry host, with its port: a name, an IPv4 address or a bracketed IPv6 address. */
export const DOMAIN = `(?:(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|${IPV6_HOST})(?::[0-9]+)?)`;
export const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** An image name without tag or digest (no look-around: Renovate's RE2 reads it too). */
export const IMAGE_NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
/** An image tag. */
export const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${IMAGE_NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The longest name a registry takes (distribution/reference: `NameTotalLengthMax`). */
export const NAME_MAX = 255;
export const NAME_MAX_ALLOWED = `an image name of at most ${NAME_MAX} characters, registry included (the distribution reference grammar's limit)`;

/** An image reference split into its parts. */
export interface ImageReference {
  readonly name: string;
  readonly tag?: string;
  readonly digest?: string;
}

/** Validates an image reference such as `ghcr.io/prefix-dev/pixi:0.77.0-noble@sha256:...`. */
export function parseImageReference(owner: string, option: string, value: unknown): ImageReference {
  const text = requireMatch(
    owner,
    option,
    value,
    REFERENCE,
    'an image reference such as "ghcr.io/prefix-dev/pixi:noble" or "ubuntu:24.04@sha256:<digest>" (no spaces, no variables)',
  );
  const [, name, tag, digest] = REFERENCE.exec(text)!;
  if (name.length > NAME_MAX) throw invalidOption(owner, option, value, NAME_MAX_ALLOWED);
  return { name, tag, digest };
}

/** True for the official pixi images (`ghcr.io/prefix-dev/pixi` and mirrors of it). */
export function isPixiImage(reference: ImageReference): boolean {
  return /(^|\/)prefix-dev\/pixi$/.test(reference.name);
}

/** The pixi version pinned by an official pixi image tag: `0.77.0-noble` gives `0.77.0`. */
export function pixiVersionOfTag(reference: ImageReference): string | undefined {
  if (!isPixiImage(reference) || !reference.tag) return undefined;
  return /^(\d+\.\d+\.\d+)(?:-|$)/.exec(reference.tag)?.[1];
}

/** The text of a reference, as written in `FROM`. */
export function formatImageReference(reference: ImageReference): string {
  return `${reference.name}${reference.tag ? `:${reference.tag}` : ''}${reference.digest ? `@${reference.digest}` : ''}`;
}
