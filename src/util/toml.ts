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
