/*
 * Adopted manifests are checked against pixi's own JSON Schema (vendored in schemas/, see its
 * README), so that a manifest pixi would refuse is refused here, naming the key path, instead of
 * crashing a reader or producing an image whose `pixi install` fails.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import type { ErrorObject, ValidateFunction } from 'ajv';
import { PixiManifestFile } from './manifest-file';
import { packageRoot } from '../util/package-root';
import { closestName } from '../util/suggest';
import { isTable, TomlTable } from '../util/toml';
import { invalidOption } from '../util/validate';

const SCHEMA_FILES: Record<PixiManifestFile, string> = {
  [PixiManifestFile.PIXI_TOML]: 'pixi-manifest.schema.json',
  [PixiManifestFile.PYPROJECT_TOML]: 'pixi-pyproject.schema.json',
};

/**
 * The schema's one known gap: pixi takes `env-markers` on a PyPI requirement
 * (`env_markers` of `PixiPypiSpec`, crates/pixi_pypi_spec/src/lib.rs), its schema does not.
 */
const PYPI_REQUIREMENT = /^PyPI(Version|PathRequirement|UrlRequirement|Git\w+Requirement)$/;

/** Compiled once per process, when the first manifest of the kind is adopted (about 0.3 s each). */
const validators = new Map<PixiManifestFile, ValidateFunction>();

function validatorOf(manifestFile: PixiManifestFile): ValidateFunction {
  let validate = validators.get(manifestFile);
  if (!validate) {
    const schema = JSON.parse(readFileSync(join(packageRoot(), 'schemas', SCHEMA_FILES[manifestFile]), 'utf8'));
    for (const [name, definition] of Object.entries<any>(schema.$defs ?? {})) {
      if (PYPI_REQUIREMENT.test(name) && definition.properties) definition.properties['env-markers'] = { type: 'string' };
    }
    // The schema is pixi's, trusted: no meta-validation; formats (uri) are not pixi's checks.
    // Loaded here, not at import: a generated manifest never needs ajv, and loading it costs every synthesis ~30 ms.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const Ajv: typeof import('ajv').default = require('ajv').default;
    // verbose: an unknown key's error carries the schema that lists the known ones.
    const ajv = new Ajv({ verbose: true, strict: false, validateSchema: false, validateFormats: false, code: { optimize: false } });
    validate = ajv.compile(schema);
    validators.set(manifestFile, validate);
  }
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
