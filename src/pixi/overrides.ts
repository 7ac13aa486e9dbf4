/*
 * The escape hatch of a generated manifest: keys the typed options do not cover (`pypi-options`,
 * `host-dependencies`, `workspace.exclude-newer`, ...), set by dotted TOML path before the manifest is
 * read back, so that every query (platforms, path dependencies, activation) sees them too.
 */
import { PixiManifestFile } from './manifest-file';
import { checkAgainstPixiSchema } from './manifest-schema';
import { namingRefusals } from '../errors/refusal-naming';
import { setOwn } from '../util/own-key';
import { isPlainObject } from '../util/shape';
import { isTable, TomlTable } from '../util/toml';
import { hasLoneSurrogate, invalidOption } from '../util/validate';

const OWNER = 'PixiWorkspace';
const PATH_ALLOWED = 'a dotted TOML path of non-empty keys, e.g. "pypi-options.index-url" ("\\\\." for a dot inside a key)';

/** The keys of a dotted path: `.` separates, `\.` is a dot inside a key. */
export function splitOverridePath(path: string): string[] | undefined {
  const keys: string[] = [];
  let key = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '.') {
      key += '.';
      i++;
    } else if (path[i] === '.') {
      keys.push(key);
      key = '';
    } else {
      key += path[i];
    }
  }
  keys.push(key);
  return keys.every((k) => k.trim() !== '') ? keys : undefined;
}

/**
 * Adds each override to the generated document, then checks the whole manifest against pixi's schema.
 * An override only adds: a key the options wrote is theirs to change.
 */
export function applyOverrides(document: TomlTable, overrides: Record<string, unknown>): void {
  for (const [path, value] of Object.entries(overrides)) {
    const option = `overrides[${JSON.stringify(path)}]`;
    const keys = splitOverridePath(path);
    if (!keys) throw invalidOption(OWNER, option, path, PATH_ALLOWED);
    checkTomlValue(option, value);
    let table = document;
    for (const [depth, key] of keys.entries()) {
      const last = depth === keys.length - 1;
      const here = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
      if (last) {
        if (here !== undefined) {
          throw invalidOption(OWNER, option, value, `a key the options do not write: ${keys.slice(0, depth + 1).join('.')} comes from the options, so change it there`);
        }
        setOwn(table, key, value);
      } else if (here === undefined) {
        const created: TomlTable = {};
        setOwn(table, key, created);
        table = created;
      } else if (isTable(here)) {
        table = here;
      } else {
        throw invalidOption(OWNER, option, value, `a path through tables: ${keys.slice(0, depth + 1).join('.')} is not a table`);
      }
    }
  }
  // The schema names a key of the manifest; the user wrote it through `overrides`.
  namingRefusals((parts) => ({
    ...parts,
    option: `overrides: ${parts.option}`,
    suggestion: parts.suggestion?.replace(/^pixi\.toml /, ''),
  }), () => checkAgainstPixiSchema(document, PixiManifestFile.PIXI_TOML, 'pixi.toml'));
}

/** What TOML can hold: text, finite numbers, booleans, and arrays and tables of them. */
function checkTomlValue(option: string, value: unknown): void {
  const ok = (v: unknown): boolean => {
    if (typeof v === 'string') return !hasLoneSurrogate(v);
    if (typeof v === 'number') return Number.isFinite(v);
    if (typeof v === 'boolean') return true;
    if (Array.isArray(v)) return v.every(ok);
    if (isPlainObject(v)) return Object.values(v).every(ok);
    return false;
  };
  if (!ok(value)) throw invalidOption(OWNER, option, value, 'a TOML value: text, a finite number, a boolean, or a list or table of them');
}
