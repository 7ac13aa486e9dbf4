/*
 * How BuildKit reads the `KEY="value"` words of ENV and LABEL: its Dockerfile parser joins lines
 * continued with the escape character, and its shell lexer (moby/buildkit
 * frontend/dockerfile/shell/lex.go, processDoubleQuote) takes a double-quoted word literally except
 * that `\` before `"`, `$` or `\` stands for that character and `$` starts a variable. Written here
 * from that description, independently of the renderer's quoting, so that a round trip checks it.
 */

/**
 * Marks where BuildKit would expand a variable (an unescaped `$`): no option value holds a NUL, so a
 * value that came out with one was not kept literal.
 */
export const EXPANSION = '\u0000';

/** The key/value pairs of every instruction of the kind, in order, as BuildKit reads them. */
export function keyValuePairs(dockerfile: string, keyword: 'ENV' | 'LABEL'): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (const instruction of logicalLines(dockerfile)) {
    const match = new RegExp(`^${keyword}\\s+(.*)$`, 's').exec(instruction);
    if (match) pairs.push(...words(match[1]));
  }
  return pairs;
}

/** Instruction lines with continuations (a line ending in `\`) joined; comments dropped. */
function logicalLines(dockerfile: string): string[] {
  const result: string[] = [];
  let current = '';
  for (const line of dockerfile.split('\n')) {
    if (current === '' && line.trimStart().startsWith('#')) continue;
    if (line.endsWith('\\')) {
      current += line.slice(0, -1);
      continue;
    }
    result.push(current + line);
    current = '';
  }
  return result;
}

function words(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let i = 0;
  while (i < text.length) {
    while (text[i] === ' ' || text[i] === '\t') i++;
    if (i >= text.length) break;
    const equals = text.indexOf('=', i);
    if (equals < 0) throw new Error(`not a key=value word at ${JSON.stringify(text.slice(i))}`);
    const key = text.slice(i, equals);
    i = equals + 1;
    let value = '';
    while (i < text.length && text[i] !== ' ' && text[i] !== '\t') {
      if (text[i] !== '"') {
        // Unquoted: `\` takes the next character literally, `$` expands.
        if (text[i] === '$') value += EXPANSION;
        else if (text[i] === '\\') i++;
        value += text[i];
        i++;
        continue;
      }
      i++;
      for (;;) {
        if (i >= text.length) throw new Error(`unterminated quote in ${JSON.stringify(text)}`);
        const c = text[i];
        if (c === '"') {
          i++;
          break;
        }
        if (c === '$') value += EXPANSION;
        if (c === '\\' && ['"', '$', '\\'].includes(text[i + 1])) {
          value += text[i + 1];
          i += 2;
          continue;
        }
        value += c;
        i++;
      }
    }
    pairs.push([key, value]);
  }
  return pairs;
}
