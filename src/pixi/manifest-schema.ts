/*
 * Adopted manifests are checked against pixi's own JSON Schema (vendored in schemas/, see its
 * README, and compiled into code there), so that a manifest pixi would refuse is refused here,
 * naming the key path, instead of crashing a reader or producing an image whose `pixi install` fails.
 */
import { join } from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PixiManifestFile } from './manifest-file';
import { requireThroughCodeCache } from '../util/code-cache';
import { packageRoot } from '../util/package-root';
import { closestName } from '../util/suggest';
import { isTable, TomlTable } from '../util/toml';
import { invalidOption } from '../util/validate';

/**
 * pixi's schemas as validation code, compiled when `npx projen` runs in projen-pixi's repository
 * (projenrc/pixi-schema-validators.ts; the schema's `env-markers` gap is filled there), one file per manifest kind.
 */
const VALIDATOR_OF: Record<PixiManifestFile, string> = {
  [PixiManifestFile.PIXI_TOML]: 'pixi-toml-validator',
  [PixiManifestFile.PYPROJECT_TOML]: 'pyproject-toml-validator',
};

/** Each loaded when the first manifest of its kind is adopted (about 5 ms with the code cache; compiling the schema took about 0.5 s), never for a generated one. */
const validators = new Map<PixiManifestFile, ValidateFunction>();

function validatorOf(manifestFile: PixiManifestFile): ValidateFunction {
  const loaded = validators.get(manifestFile);
  if (loaded) return loaded;
  // Not part of the bundle every `npx projen` parses, and compiled through a code cache like it.
  const root = packageRoot();
  const name = VALIDATOR_OF[manifestFile];
  const file = join(root, 'schemas', `${name}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { validate } = (requireThroughCodeCache(file, root, name) ?? require(file)) as { validate: ValidateFunction };
  validators.set(manifestFile, validate);
  return validate;
}

/** Throws naming the deepest key path that pixi's schema refuses, its value and what the schema says. */
export function checkAgainstPixiSchema(document: TomlTable, manifestFile: PixiManifestFile, fileName: string): void {
  const validate = validatorOf(manifestFile);
  if (validate(document)) return;
  const error = deepest(validate.errors ?? []);
  const keys = error.instancePath.split('/').slice(1).map((key) => key.replace(/~1/g, '/').replace(/~0/g, '~'));
  let value: unknown = document;
  let path = '';
  for (const key of keys) {
    path += Array.isArray(value) ? `[${key}]` : `${path === '' ? '' : '.'}${key}`;
    value = (value as Record<string, unknown>)[key];
  }
  if (error.keyword === 'additionalProperties') throw unknownKey(error, keys, value, fileName);
  throw invalidOption('PixiWorkspace', `${fileName} ${path || '(root)'}`, value, `what pixi's manifest schema allows there: ${error.message}`);
}

/**
 * A key the schema does not know, as the user wrote it in TOML (`[task]`, or `colour` of
 * `[workspace]`) with the closest one it knows, not the whole table that holds it.
 */
function unknownKey(error: ErrorObject, keys: string[], table: unknown, fileName: string): Error {
  const key: string = error.params.additionalProperty;
  const known = Object.keys(error.parentSchema?.properties ?? {});
  const isSubtable = isTable((table as Record<string, unknown>)[key]);
  const shown = (name: string) => isSubtable ? `[${[...keys, name].join('.')}]` : name;
  // The file first, as in every other refusal of a manifest; a key by its path, as TOML's dotted keys write it.
  const where = isSubtable ? shown(key) : [...keys, key].join('.');
  const suggestion = closestName(key, known);
  return invalidOption('PixiWorkspace', `${fileName} ${where}`, key,
    known.length > 0 ? `what pixi reads there: ${known.join(', ')}` : `what pixi's manifest schema allows there (${error.message})`,
    isSubtable ? 'unknown table' : 'unknown key', suggestion === undefined ? undefined : shown(suggestion));
}

/** The error furthest into the document tells the most: an `anyOf` at a table is explained by its member's error. */
function deepest(errors: ErrorObject[]): ErrorObject {
  return errors.reduce((best, e) => depth(e) > depth(best) ? e : best, errors[0]);
}

function depth(error: ErrorObject): number {
  return error.instancePath.split('/').length + (error.keyword === 'additionalProperties' ? 1 : 0);
}
