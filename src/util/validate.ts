/**
 * Validation helpers shared by every construct. Each failure names the option, shows the
 * offending value (JSON-quoted, so hidden newlines are visible) and says what is allowed.
 */

import { PixiValidationError } from '../errors/pixi-validation-error';

/** Builds the error thrown for one bad option value. */
export function invalidOption(
  owner: string, option: string, value: unknown, allowed: string, problem?: string, suggestion?: string,
): PixiValidationError {
  return new PixiValidationError(owner, option, value, allowed, problem, suggestion);
}

/**
 * Control characters end or split a line somewhere: C0 (newline, carriage return, NUL, tab, ...),
 * DEL, C1 (U+0085 NEXT LINE is a YAML line break) and the Unicode line and paragraph separators.
 */
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
/** A surrogate without its other half is not text: no UTF-8 file can hold it. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when the text holds a character that could end a Dockerfile line, a YAML scalar or a shell word, or is not text. */
export function hasControlCharacter(text: string): boolean {
  return CONTROL_CHARACTER.test(text) || LONE_SURROGATE.test(text);
}

/** True when the text is not text: it holds a lone surrogate. */
export function hasLoneSurrogate(text: string): boolean {
  return LONE_SURROGATE.test(text);
}

/** Checks a value against a pattern; throws naming the option otherwise. */
export function requireMatch(owner: string, option: string, value: unknown, pattern: RegExp, allowed: string): string {
  if (typeof value !== 'string' || !pattern.test(value)) {
    throw invalidOption(owner, option, value, allowed);
  }
  return value;
}

/** Checks free text (a label value, an argument): any characters but control characters. */
export function requireSingleLine(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string' || hasControlCharacter(value)) {
    throw invalidOption(owner, option, value, 'a string without newlines or other control characters');
  }
  return value;
}

/** Characters allowed in a path segment; keeps paths usable unquoted in COPY and shell words. */
const PATH_PATTERN = /^[A-Za-z0-9_.@+-]+(\/[A-Za-z0-9_.@+-]+)*$/;
const PATH_ALLOWED =
  'a relative path inside the project, made of letters, digits and "_ . @ + -" separated by "/", without ".." segments';

/**
 * Validates and normalizes a project-relative path: strips a leading `./` and trailing `/`,
 * rejects absolute paths, `..` segments and characters that would need quoting.
 */
export function requireRelativePath(owner: string, option: string, value: unknown): string {
  if (typeof value !== 'string') throw invalidOption(owner, option, value, PATH_ALLOWED);
  const normalized = value.replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const segments = normalized.split('/');
  if (!PATH_PATTERN.test(normalized) || segments.some((s) => s === '..' || s === '.')) {
    throw invalidOption(owner, option, value, PATH_ALLOWED);
  }
  return normalized;
}

/**
 * Checks a value against an enum's values: TypeScript's types keep most mistakes out, but casts and
 * callers in other jsii languages can still pass anything.
 */
export function requireOneOf<T extends string>(owner: string, option: string, value: unknown, values: readonly T[], allowed = values.join(' or ')): T {
  if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) throw invalidOption(owner, option, value, allowed);
  return value as T;
}

/**
 * BuildKit reads a leading `# key=value` comment as a parser directive (`escape=`, `check=skip=all`,
 * `syntax=`); other parsers (dockerfile-ast) take any first word before `=`. Refuse both readings.
 */
const PARSER_DIRECTIVE = /^\s*[^\s=]*\s*=/;

/**
 * Checks the header comment of a rendered file: one line of text that no reader takes for more
 * than a comment (a new line, YAML key, or Dockerfile parser directive).
 */
export function checkHeaderComment(owner: string, header: unknown): string | undefined {
  if (header === undefined) return undefined;
  if (typeof header !== 'string' || hasControlCharacter(header) || PARSER_DIRECTIVE.test(header)) {
    throw invalidOption(owner, 'headerComment', header,
      'one line of text without control characters, not of the form "key=value" (a Dockerfile parser directive)');
  }
  return header;
}
