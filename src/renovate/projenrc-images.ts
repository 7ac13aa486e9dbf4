/*
 * Image references in `.projenrc`: the Renovate custom manager that finds them, and the same search here,
 * so that the configuration knows which images Renovate can update at their source.
 */
import { IMAGE_NAME } from '../docker/image-reference';

/** The `.projenrc` files of projen's TypeScript, JavaScript and Python projects. */
export const PROJENRC_FILES = ['.projenrc.ts', '.projenrc.js', '.projenrc.mjs', '.projenrc.py'];


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
  let found: RegExpMatchArray[] = [];
  let contents = [text];
  for (const expression of PROJENRC_IMAGE_MATCH_STRINGS) {
    found = contents.flatMap((content) => [...content.matchAll(new RegExp(expression, 'g'))]);
    contents = found.map((match) => match[0]);
  }
  return [...new Set(found.map((match) => match.groups!.depName))];
}
