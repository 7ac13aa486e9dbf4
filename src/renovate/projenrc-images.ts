/*
 * Image references in `.projenrc`: the Renovate custom manager that finds them, and the same search here,
 * so that the configuration knows which images Renovate can update at their source.
 */

/** The `.projenrc` files of projen's TypeScript, JavaScript and Python projects. */
export const PROJENRC_FILES = ['.projenrc.ts', '.projenrc.js', '.projenrc.mjs', '.projenrc.py'];

/** An image name as the distribution grammar writes it: lower case but for the registry, an optional registry port. */
const IMAGE_NAME = '[a-zA-Z0-9][a-zA-Z0-9._-]*(?::[0-9]+/[a-z0-9._-]+)?(?:/[a-z0-9._-]+)*';

/**
 * Renovate's `recursive` strategy: each expression searches the previous one's match, and the last match is
 * what Renovate replaces. RE2 (which Renovate uses) has no look-around, hence three steps: the option with its
 * quoted value (`baseImage: '…'`, `"finalImage": "…"`, `base_image='…'`), the quoted value after `:` or `=`,
 * and the reference in it.
 */
export const PROJENRC_IMAGE_MATCH_STRINGS = [
  '(?:baseImage|finalImage|base_image|final_image)["\']?\\s*[:=]\\s*["\'][^"\'\\s]+["\']',
  '[:=]\\s*["\'][^"\'\\s]+["\']',
  `(?<depName>${IMAGE_NAME})(?::(?<currentValue>[\\w][\\w.-]*))?(?:@(?<currentDigest>sha256:[a-f0-9]{64}))?`,
];

/** Whether a string is an image name (no tag, no digest). */
export function isImageName(name: string): boolean {
  return new RegExp(`^${IMAGE_NAME}$`).test(name);
}

/** The image names a `.projenrc` holds where Renovate's custom manager finds them, in order, once each. */
export function imagesInProjenrc(text: string): string[] {
  let matches = [text];
  for (const expression of PROJENRC_IMAGE_MATCH_STRINGS) {
    matches = matches.flatMap((content) => [...content.matchAll(new RegExp(expression, 'g'))].map((match) => match[0]));
  }
  const names = matches.map((match) => new RegExp(PROJENRC_IMAGE_MATCH_STRINGS[2]).exec(match)?.groups?.depName);
  return [...new Set(names.filter((name): name is string => name !== undefined))];
}
