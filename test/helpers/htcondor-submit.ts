/*
 * An independent checker of HTCondor submit description files, written from the manual (htcondor-jdl.rst and the
 * ClassAd language reference) because no condor_submit can be installed here. It knows nothing of our renderer:
 * it reads the text as condor_submit would, and reports what the manual says would be ignored, misread or refused.
 */
import { readFileSync } from 'fs';
import { join } from 'path';

/** One statement of a submit file, as condor_submit reads it. */
export interface SubmitStatement {
  readonly line: number;
  readonly kind: 'command' | 'attribute' | 'queue';
  /** The command or attribute name as written (`+Name` without `+`). */
  readonly name: string;
  readonly value: string;
}

const COMMANDS = readFileSync(join(__dirname, '..', 'fixtures', 'htcondor', 'submit-commands.txt'), 'utf8')
  .split('\n').filter((line) => line !== '' && !line.startsWith('#'));
/** `request_<name>` stands for any name. */
const COMMAND_PATTERNS = COMMANDS.map((command) => new RegExp(`^${command.replace(/<[^>]+>/g, '[A-Za-z0-9_]+')}$`, 'i'));

/** Set by condor_submit itself (the manual's "condor_submit variables"), and its literal-dollar macros. */
const AUTOMATIC_VARIABLES = ['ClusterId', 'Cluster', 'ProcId', 'Process', 'JobId', 'JobListId', 'Node', 'Step', 'ItemIndex', 'Row', 'Item', 'DOLLAR', 'DOLLARDOLLAR'];

/** Amounts the manual reads in KiB or MiB when they have no unit. */
const AMOUNTS = ['request_memory', 'request_disk', 'gpus_minimum_memory'];
const UNIT = /^[0-9]+(?:\.[0-9]+)?\s*(?:K|KB|M|MB|G|GB|T|TB)$/i;

/** ClassAd expressions: machine constraints, GPU constraints, and every `+attribute`. */
const EXPRESSIONS = ['requirements', 'require_gpus', 'rank'];

/** Splits a submit file into statements (comments and blank lines dropped; `#` starts a comment only at a line's start). */
export function parseSubmitFile(text: string): SubmitStatement[] {
  const statements: SubmitStatement[] = [];
  text.split('\n').forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const queue = /^queue(?:\s+(.*))?$/i.exec(line);
    if (queue) {
      statements.push({ line: i + 1, kind: 'queue', name: 'queue', value: queue[1] ?? '' });
      return;
    }
    const assignment = /^(\+|MY\.)?([A-Za-z_][A-Za-z0-9_.]*)\s*=\s*(.*)$/.exec(line);
    if (!assignment) {
      statements.push({ line: i + 1, kind: 'command', name: '', value: line });
      return;
    }
    statements.push({ line: i + 1, kind: assignment[1] ? 'attribute' : 'command', name: assignment[2], value: assignment[3] });
  });
  return statements;
}

/** The variables a `queue` statement sets for each item (`Item` when it names none). */
export function queueVariables(value: string): string[] {
  const form = /^(?:[0-9]+\s+)?(.*?)\s*\b(in|from|matching)\b/i.exec(value);
  if (!form) return [];
  const names = form[1].split(/[\s,]+/).filter((name) => name !== '');
  return names.length > 0 ? names : ['Item'];
}

/** What the manual says is wrong with the file: one finding per problem, empty when it is sound. */
export function submitFileFindings(text: string): string[] {
  const findings: string[] = [];
  const statements = parseSubmitFile(text);
  const seen = new Map<string, number>();
  const queues = statements.filter((s) => s.kind === 'queue');
  const defined = new Set([
    ...AUTOMATIC_VARIABLES,
    ...statements.filter((s) => s.kind === 'command').map((s) => s.name),
    ...queues.flatMap((q) => queueVariables(q.value)),
  ].map((name) => name.toLowerCase()));
  for (const statement of statements) {
    const where = `line ${statement.line}`;
    if (statement.kind === 'command' && statement.name === '') {
      findings.push(`${where}: not a command: ${statement.value}`);
      continue;
    }
    if (statement.kind === 'command' && !COMMAND_PATTERNS.some((pattern) => pattern.test(statement.name))) {
      findings.push(`${where}: unknown command ${statement.name}`);
    }
    if (statement.kind !== 'queue') {
      const key = `${statement.kind === 'attribute' ? '+' : ''}${statement.name.toLowerCase()}`;
      if (seen.has(key)) findings.push(`${where}: ${statement.name} given twice (line ${seen.get(key)}): only the last counts`);
      seen.set(key, statement.line);
    }
    for (const macro of statement.value.matchAll(/(?<!\$)\$\(([^)]*)\)/g)) {
      const name = macro[1].split(':')[0];
      if (!macro[1].includes(':') && !defined.has(name.toLowerCase())) findings.push(`${where}: macro $(${name}) is not defined`);
    }
    if (statement.kind === 'command' && AMOUNTS.includes(statement.name.toLowerCase()) && !UNIT.test(statement.value)) {
      findings.push(`${where}: ${statement.name} = ${statement.value} has no unit`);
    }
    const expression = statement.kind === 'attribute' || EXPRESSIONS.includes(statement.name.toLowerCase());
    if (expression) {
      try {
        parseClassAdExpression(statement.value.replace(/\$\(DOLLAR\)/g, '$'));
      } catch (e) {
        findings.push(`${where}: ${statement.name} is not a ClassAd expression: ${(e as Error).message}`);
      }
    }
    if (statement.kind === 'command' && statement.name.toLowerCase() === 'arguments' && statement.value.startsWith('"')) {
      try {
        splitNewArguments(statement.value);
      } catch (e) {
        findings.push(`${where}: arguments: ${(e as Error).message}`);
      }
    }
  }
  if (queues.length !== 1) findings.push(`${queues.length} queue statements: a file of one job needs one`);
  if (statements.length > 0 && statements[statements.length - 1].kind !== 'queue') {
    findings.push(`line ${statements[statements.length - 1].line}: after the last queue, a command that no job gets`);
  }
  return findings;
}

/**
 * The new argument syntax (the manual's rules): the list in double quotes with `""` for a `"`; words split on
 * spaces and tabs; single quotes group a word, `''` inside them is a `'`.
 */
export function splitNewArguments(value: string): string[] {
  if (!value.startsWith('"') || !value.endsWith('"') || value.length < 2) throw new Error('the new syntax is one double-quoted string');
  const inner = value.slice(1, -1);
  if (inner.replace(/""/g, '').includes('"')) throw new Error('a lone " inside the list');
  const text = inner.replace(/""/g, '"');
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "'") {
      word = word ?? '';
      const end = (() => {
        for (let j = i + 1; j < text.length; j++) {
          if (text[j] === "'") {
            if (text[j + 1] === "'") { word += "'"; j++; continue; }
            return j;
          }
          word += text[j];
        }
        throw new Error('an unclosed single quote');
      })();
      i = end;
    } else if (c === ' ' || c === '\t') {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else {
      word = (word ?? '') + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** Expands `$(name)` with the values given (as condor_submit does before it reads a value). */
export function expandMacros(value: string, values: Record<string, string>): string {
  return value.replace(/\$\(([^)]*)\)/g, (whole, name: string) => {
    if (name === 'DOLLAR') return '$';
    if (!(name in values)) throw new Error(`no value for ${whole}`);
    return values[name];
  });
}

/**
 * Parses a ClassAd expression (the language reference's grammar: literals, attribute references with MY./TARGET.,
 * function calls, lists, unary, binary and ternary operators); throws on anything else.
 */
export function parseClassAdExpression(text: string): void {
  const tokens = tokenize(text);
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at];
    if (token === undefined || (expected !== undefined && token !== expected)) throw new Error(`expected ${expected ?? 'more'} at token ${at} (${token ?? 'end'})`);
    at++;
    return token;
  };
  const binary: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!=', '=?=', '=!=', 'is', 'isnt'], ['<', '<=', '>', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*', '/', '%']];
  const expression = (): void => {
    level(0);
    if (peek() === '?') {
      take('?');
      expression();
      take(':');
      expression();
    }
  };
  const level = (n: number): void => {
    if (n === binary.length) return unary();
    level(n + 1);
    while (peek() !== undefined && binary[n].includes(peek()!.toLowerCase())) {
      take();
      level(n + 1);
    }
  };
  const unary = (): void => {
    if (['!', '-', '+', '~'].includes(peek() ?? '')) {
      take();
      return unary();
    }
    primary();
  };
  const primary = (): void => {
    const token = take();
    if (token === '(') {
      expression();
      take(')');
    } else if (token === '{') {
      if (peek() !== '}') {
        expression();
        while (peek() === ',') { take(','); expression(); }
      }
      take('}');
    } else if (/^[A-Za-z_]/.test(token)) {
      if (peek() === '(') {
        take('(');
        if (peek() !== ')') {
          expression();
          while (peek() === ',') { take(','); expression(); }
        }
        take(')');
      }
    } else if (!/^(?:[0-9]|")/.test(token)) {
      throw new Error(`unexpected ${token}`);
    }
  };
  expression();
  if (at !== tokens.length) throw new Error(`unexpected ${tokens[at]} after the expression`);
}

function tokenize(text: string): string[] {
  const tokens: string[] = [];
  const pattern = /\s+|("(?:[^"\\]|\\.)*")|([0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?)|([A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*)|(=\?=|=!=|>>>|<<|>>|<=|>=|==|!=|&&|\|\||[-+*/%<>!~&|^?:(){},])/y;
  let at = 0;
  while (at < text.length) {
    pattern.lastIndex = at;
    const match = pattern.exec(text);
    if (!match) throw new Error(`cannot read ${JSON.stringify(text.slice(at, at + 10))}`);
    at = pattern.lastIndex;
    const token = match[1] ?? match[2] ?? match[3] ?? match[4];
    if (token !== undefined) tokens.push(token);
  }
  if (tokens.length === 0) throw new Error('an empty expression');
  return tokens;
}
