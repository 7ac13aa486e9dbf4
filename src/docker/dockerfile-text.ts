/**
 * Quoting for the few places where free text enters a Dockerfile or a shell script. Everything
 * else (paths, image references, names) is validated to characters that need no quoting.
 */

/** A Dockerfile double-quoted word: `\`, `"` and `$` are escaped, so values stay literal. */
export function dockerQuote(value: string): string {
  return `"${value.replace(/[\\"$]/g, (c) => `\\${c}`)}"`;
}

/** Exec form (`CMD`, `ENTRYPOINT`): a JSON array of strings. */
export function execForm(args: string[]): string {
  return JSON.stringify(args);
}

/** `KEY="value"` pairs for `ENV` and `LABEL`, one per continued line. */
export function keyValueInstruction(keyword: 'ENV' | 'LABEL', pairs: Record<string, string>): string | undefined {
  const entries = Object.entries(pairs);
  if (entries.length === 0) return undefined;
  const lines = entries.map(([key, value]) => `${key}=${dockerQuote(value)}`);
  return `${keyword} ${lines.join(' \\\n    ')}`;
}

/**
 * A POSIX shell word in double quotes with `\`, `$`, backtick and `"` escaped: literal, and free of
 * shellcheck's "expressions don't expand in single quotes" note for values that contain `$`.
 */
export function shellQuote(value: string): string {
  return `"${value.replace(/[\\$`"]/g, (c) => `\\${c}`)}"`;
}
