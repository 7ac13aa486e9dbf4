/*
 * pixi's manifest schemas compiled into validation code once, when `npx projen` runs here, instead of
 * in every process that adopts a manifest (ajv compiling them cost ~0.5 s there). The code is ajv's
 * own standalone output (`ajv/dist/standalone`), minified; src/pixi/manifest-schema.ts loads it.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import Ajv from 'ajv';
import standaloneCode from 'ajv/dist/standalone';
import { transformSync } from 'esbuild';

/**
 * One file per manifest kind, beside the schemas and shipped with the package: a process loads only the kind it
 * adopts (each is half the code of both), and only when it adopts one.
 */
export const PIXI_SCHEMA_VALIDATORS = [
  { file: 'schemas/pixi-toml-validator.js', schema: 'pixi-manifest.schema.json' },
  { file: 'schemas/pyproject-toml-validator.js', schema: 'pixi-pyproject.schema.json' },
] as const;

/**
 * The schema's one known gap: pixi takes `env-markers` on a PyPI requirement
 * (`env_markers` of `PixiPypiSpec`, crates/pixi_pypi_spec/src/lib.rs), its schema does not.
 */
const PYPI_REQUIREMENT = /^PyPI(Version|PathRequirement|UrlRequirement|Git\w+Requirement)$/;

/**
 * Where pixi's parser reads more than its schema allows, the parser is the authority (README "What is read from your
 * manifest"): `[activation.env]` is a plain map of strings, `""` included (crates/pixi_manifest/src/activation.rs), and
 * the legacy `[package.target.<platform>]` tables are still read, with a deprecation warning
 * (crates/pixi_manifest/src/toml/package.rs; the fields of `TomlPackageTarget` in toml/package_target.rs).
 */
function followParser(defs: Record<string, any>): void {
  const env = defs.Activation?.properties?.env;
  if (env?.additionalProperties) delete env.additionalProperties.minLength;
  const pkg = defs.Package?.properties;
  if (pkg) {
    const fields = ['run-dependencies', 'run-constraints', 'host-dependencies', 'build-dependencies', 'extra-dependencies'];
    pkg.target = {
      type: 'object',
      additionalProperties: { type: 'object', additionalProperties: false, properties: Object.fromEntries(fields.map((field) => [field, pkg[field]])) },
    };
  }
}

/** Keywords that only annotate: the code embeds each schema it refers to, and these are a fifth of their text. */
const ANNOTATIONS = ['title', 'description', 'examples', 'default', '$comment'];
/** Where a schema holds subschemas: by name, one, or a list. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions'];
const SCHEMA_ONE = ['additionalProperties', 'items', 'not', 'if', 'then', 'else', 'propertyNames', 'contains', 'additionalItems'];
const SCHEMA_LISTS = ['anyOf', 'allOf', 'oneOf', 'items'];

/** Drops the annotations of a schema and of its subschemas (a property named `description` stays). */
function withoutAnnotations(schema: any): void {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return;
  for (const keyword of ANNOTATIONS) delete schema[keyword];
  for (const keyword of SCHEMA_MAPS) Object.values(schema[keyword] ?? {}).forEach(withoutAnnotations);
  for (const keyword of SCHEMA_ONE) withoutAnnotations(schema[keyword]);
  for (const keyword of SCHEMA_LISTS) if (Array.isArray(schema[keyword])) schema[keyword].forEach(withoutAnnotations);
}

/** The CommonJS module whose `validate` checks a manifest against one of pixi's vendored schemas. */
export function pixiSchemaValidatorCode(root: string, schemaFile: string): string {
  // verbose: an unknown key's error carries the schema that lists the known ones. The schemas are pixi's,
  // trusted: no meta-validation; formats (uri) are not pixi's checks.
  // inlineRefs: false: a definition used in many places is one function, not copied into each (a third smaller).
  const ajv = new Ajv({ verbose: true, strict: false, validateSchema: false, validateFormats: false, inlineRefs: false, code: { source: true } });
  const schema = JSON.parse(readFileSync(join(root, 'schemas', schemaFile), 'utf8'));
  for (const [definition, body] of Object.entries<any>(schema.$defs ?? {})) {
    if (PYPI_REQUIREMENT.test(definition) && body.properties) body.properties['env-markers'] = { type: 'string' };
  }
  followParser(schema.$defs ?? {});
  return compiledValidator(ajv, schema);
}

/**
 * The CommonJS module whose `validate` checks a workflow against the vendored SchemaStore workflow schema: what
 * `GhcrWorkflow` checks a workflow with its overrides against at synthesis (src/github/workflow-checks.ts).
 */
export const WORKFLOW_SCHEMA_VALIDATOR = { file: 'schemas/github-workflow-validator.js', schema: 'github-workflow.schema.json' } as const;

export function workflowSchemaValidatorCode(root: string): string {
  // As the tests compile it (test/helpers/workflow-validators.ts): the SchemaStore schema compiles only with strict off.
  const ajv = new Ajv({ strict: false, validateSchema: false, validateFormats: false, inlineRefs: false, code: { source: true } });
  return compiledValidator(ajv, JSON.parse(readFileSync(join(root, WORKFLOW_SCHEMA_VALIDATOR.file.replace(/[^/]+$/, WORKFLOW_SCHEMA_VALIDATOR.schema)), 'utf8')));
}

function compiledValidator(ajv: Ajv, schema: any): string {
  delete schema.$id;
  withoutAnnotations(schema);
  ajv.addSchema(schema, 'validate');
  // Minified, a third less text for every adopting process to read, hash and load (esbuild's output is ASCII).
  return transformSync(standaloneCode(ajv, { validate: 'validate' }), { minify: true, format: 'cjs', platform: 'node' }).code;
}
