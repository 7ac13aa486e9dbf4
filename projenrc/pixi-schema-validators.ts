/*
 * pixi's manifest schemas compiled into validation code once, when `npx projen` runs here, instead of
 * in every process that adopts a manifest (ajv compiling them cost ~0.5 s there). The code is ajv's
 * own standalone output (`ajv/dist/standalone`); src/pixi/manifest-schema.ts loads it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';

/** Where the code goes: beside the schemas, shipped with the package, loaded only when a manifest is adopted. */
export const PIXI_SCHEMA_VALIDATORS = 'schemas/pixi-schema-validators.js';

/** The export of each schema, as manifest-schema.ts names them. */
const SCHEMAS = { pixiToml: 'pixi-manifest.schema.json', pyprojectToml: 'pixi-pyproject.schema.json' };

/**
 * The schema's one known gap: pixi takes `env-markers` on a PyPI requirement
 * (`env_markers` of `PixiPypiSpec`, crates/pixi_pypi_spec/src/lib.rs), its schema does not.
 */
const PYPI_REQUIREMENT = /^PyPI(Version|PathRequirement|UrlRequirement|Git\w+Requirement)$/;

/** The CommonJS module that exports one validate function per schema. */
export function pixiSchemaValidatorsCode(root: string): string {
  // verbose: an unknown key's error carries the schema that lists the known ones. The schemas are pixi's,
  // trusted: no meta-validation; formats (uri) are not pixi's checks.
  // inlineRefs: false: a definition used in many places is one function, not copied into each (a third smaller).
  const ajv = new Ajv({ verbose: true, strict: false, validateSchema: false, validateFormats: false, inlineRefs: false, code: { source: true } });
  for (const [name, file] of Object.entries(SCHEMAS)) {
    const schema = JSON.parse(readFileSync(join(root, 'schemas', file), 'utf8'));
    for (const [definition, body] of Object.entries<any>(schema.$defs ?? {})) {
      if (PYPI_REQUIREMENT.test(definition) && body.properties) body.properties['env-markers'] = { type: 'string' };
    }
    delete schema.$id;
    ajv.addSchema(schema, name);
  }
  return standaloneCode(ajv, Object.fromEntries(Object.keys(SCHEMAS).map((name) => [name, name])));
}
