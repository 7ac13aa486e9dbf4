/*
 * smol-toml runs as CommonJS (it ships index.cjs) but publishes ESM-only type declarations, which
 * a node16 CommonJS build cannot import directly: load the CommonJS build, typed from the ESM types.
 */
import type * as SmolToml from 'smol-toml' with { 'resolution-mode': 'import' };

// eslint-disable-next-line @typescript-eslint/no-require-imports
const toml: typeof SmolToml = require('smol-toml');

export const parseToml = toml.parse;
export const stringifyToml = toml.stringify;
export const TomlError = toml.TomlError;

/** A TOML table as parsed: keys to values of any TOML type. */
export type TomlTable = Record<string, any>;

export function isTable(value: unknown): value is TomlTable {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The sub-table at `key`, or an empty one when it is absent or not a table. */
export function tableAt(table: TomlTable, key: string): TomlTable {
  return isTable(table[key]) ? table[key] : {};
}
