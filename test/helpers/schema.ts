import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv, { ValidateFunction } from 'ajv';

const SCHEMAS = join(__dirname, '..', '..', 'schemas');
const validators = new Map<string, ValidateFunction>();

function validator(file: string): ValidateFunction {
  let validate = validators.get(file);
  if (!validate) {
    // The upstream schemas use formats and keywords ajv's strict mode does not know.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    validate = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
    validators.set(file, validate);
  }
  return validate;
}

function errorsOf(file: string, data: unknown): string[] {
  const validate = validator(file);
  return validate(data) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

/** Errors of a pixi.toml (as data) against pixi's manifest schema (vendored, pixi 0.77). */
export function pixiManifestErrors(data: unknown): string[] {
  return errorsOf('pixi-manifest.schema.json', data);
}

/** Errors of a pyproject.toml (as data) against pixi's pyproject schema. */
export function pyprojectErrors(data: unknown): string[] {
  return errorsOf('pixi-pyproject.schema.json', data);
}
