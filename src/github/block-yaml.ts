/*
 * A fast path for writing workflow YAML. `yaml` builds a node tree and tests every scalar against every tag
 * of its schema: about 2 ms per image's jobs, most of a large project's synthesis. Workflows are plain maps,
 * lists, printable strings, integers and booleans, which this writes directly, in `yaml`'s own style; it gives up
 * (returns undefined) on anything else, and `yaml` writes that document. Tests hold both to the same text.
 */

/** Text YAML 1.2's core schema reads as something else: null, a boolean, or a number (octal, hex, decimal, inf, nan). */
const CORE_NON_STRING = new RegExp([
  /^(?:~|[Nn]ull|NULL)?$/, /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/, /^0o[0-7]+$/, /^0x[0-9a-fA-F]+$/,
  /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/, /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/,
].map((re) => re.source).join('|'));

/** A one-line string that cannot be a plain scalar: a leading indicator, `: `, ` #`, or a trailing space or colon. */
const NOT_PLAIN = /^[ ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-] |: | #|[ :]$/;
/**
 * A character both writers leave as it is: printable ASCII, and printable Unicode other than NEL, the line and
 * paragraph separators and the byte-order mark (yaml escapes or reads those specially). No tab, no control.
 */
const CHAR = '(?:[\\x21-\\x7e\\xa0-\\u2027\\u202a-\\ud7ff\\ue000-\\ufefe\\uff00-\\ufffd]|[\\ud800-\\udbff][\\udc00-\\udfff])';
const PRINTABLE_LINE = new RegExp(`^(?:${CHAR}| )*$`);
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/;

/** A multi-line string a `|` or `|-` block keeps as it is: printable lines, no leading space, no blank end. */
const BLOCK_TEXT = new RegExp(`^${CHAR}(?:${CHAR}| |\\n)*${CHAR}\\n?$`);

/**
 * The YAML text of `value` as `yaml.stringify(value, { lineWidth: 0, aliasDuplicateObjects: false })` writes
 * it, or undefined when `value` holds anything beyond plain maps, lists, printable strings, safe integers,
 * booleans and null.
 */
export function writeBlockYaml(value: unknown): string | undefined {
  if (!isPlainMap(value) || !Object.values(value).some((v) => v !== undefined)) return undefined;
  const lines: string[] = [];
  return writeMap(value, '', lines) ? `${lines.join('\n')}\n` : undefined;
}

function writeMap(map: Record<string, unknown>, indent: string, lines: string[]): boolean {
  for (const key of Object.keys(map)) {
    const value = map[key];
    if (value === undefined) continue; // yaml leaves such keys out
    // yaml writes an empty key, or one over 1024 characters, as an explicit `? key`.
    const keyText = key !== '' && key.length <= 1000 ? lineScalar(key) : undefined;
    if (keyText === undefined) return false;
    if (!writeEntry(value, `${indent}${keyText}:`, `${indent}  `, lines)) return false;
  }
  return true;
}

function writeList(list: unknown[], indent: string, lines: string[]): boolean {
  for (let i = 0; i < list.length; i++) {
    const item = list[i];
    if (item === undefined) return false;
    if (isCollection(item) && !isEmpty(item)) {
      // The item's first line goes after the dash: "- name: x", then the rest at the item's indent.
      const itemLines: string[] = [];
      if (!writeCollection(item, `${indent}  `, itemLines)) return false;
      lines.push(`${indent}- ${itemLines[0].slice(indent.length + 2)}`);
      for (let j = 1; j < itemLines.length; j++) lines.push(itemLines[j]);
      continue;
    }
    if (!writeEntry(item, `${indent}-`, `${indent}  `, lines)) return false;
  }
  return true;
}

/** Writes `head` (a key and colon, or a dash) followed by `value`, whose nested lines go at `indent`. */
function writeEntry(value: unknown, head: string, indent: string, lines: string[]): boolean {
  if (isCollection(value)) {
    if (isEmpty(value)) {
      lines.push(`${head} ${Array.isArray(value) ? '[]' : '{}'}`);
      return true;
    }
    lines.push(head);
    return writeCollection(value, indent, lines);
  }
  if (typeof value === 'string' && value.includes('\n')) return writeBlockText(value, head, indent, lines);
  const text = scalar(value);
  if (text === undefined) return false;
  lines.push(`${head} ${text}`);
  return true;
}

function writeCollection(value: unknown[] | Record<string, unknown>, indent: string, lines: string[]): boolean {
  return Array.isArray(value) ? writeList(value, indent, lines) : writeMap(value, indent, lines);
}

/** A literal block: `|` keeps one final newline, `|-` none; empty lines stay empty. */
function writeBlockText(text: string, head: string, indent: string, lines: string[]): boolean {
  if (!BLOCK_TEXT.test(text)) return false;
  const body = text.endsWith('\n') ? text.slice(0, -1) : text;
  lines.push(`${head} |${text.endsWith('\n') ? '' : '-'}`);
  for (const line of body.split('\n')) lines.push(line === '' ? '' : `${indent}${line}`);
  return true;
}

function scalar(value: unknown): string | undefined {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) && !Object.is(value, -0) ? String(value) : undefined;
  return typeof value === 'string' ? lineScalar(value) : undefined;
}

/** A one-line string: plain when YAML reads it back as that string, else quoted as `yaml` quotes it. */
function lineScalar(text: string): string | undefined {
  // yaml quotes a top-level key that starts like a document marker: left to it.
  if (!PRINTABLE_LINE.test(text) || DOCUMENT_MARKER.test(text)) return undefined;
  if (!NOT_PLAIN.test(text) && !CORE_NON_STRING.test(text)) return text;
  // yaml prefers double quotes, and single ones for text with a double quote and no single one.
  return text.includes('"') && !text.includes("'") ? `'${text}'` : JSON.stringify(text);
}

function isCollection(value: unknown): value is unknown[] | Record<string, unknown> {
  return isPlainList(value) || isPlainMap(value);
}

function isEmpty(value: unknown[] | Record<string, unknown>): boolean {
  return Array.isArray(value) ? value.length === 0 : !Object.values(value).some((v) => v !== undefined);
}

function isPlainList(value: unknown): value is unknown[] {
  return Array.isArray(value) && Object.getPrototypeOf(value) === Array.prototype;
}

function isPlainMap(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
