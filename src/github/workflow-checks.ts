/*
 * The whole check of a workflow whose YAML the user changed (overrides): GitHub's workflow schema (SchemaStore's,
 * compiled into schemas/github-workflow-validator.js when `npx projen` runs here), actionlint, and the trust rules.
 */
import { join } from 'path';
import type { ValidateFunction } from 'ajv';
import { actionlintFindings } from './actionlint';
import { trustRuleFindings } from './trust-rules';
import { Yaml } from './workflow-model';
import { requireThroughCodeCache } from '../util/code-cache';
import { packageRoot } from '../util/package-root';

const VALIDATOR = 'github-workflow-validator';
let validator: ValidateFunction | undefined;

function workflowSchema(): ValidateFunction {
  if (validator) return validator;
  const root = packageRoot();
  const file = join(root, 'schemas', `${VALIDATOR}.js`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  validator = ((requireThroughCodeCache(file, root, VALIDATOR) ?? require(file)) as { validate: ValidateFunction }).validate;
  return validator;
}

/** Where the workflow breaks the schema, actionlint or the trust rules, one line each, naming the checker; empty when it passes. */
export function workflowProblems(workflow: Yaml, text: string): string[] {
  const validate = workflowSchema();
  const schema = validate(workflow) ? [] : (validate.errors ?? []).slice(0, 3).map((e) => `the workflow schema: ${e.instancePath || '/'} ${e.message}`);
  return [
    ...schema,
    ...actionlintFindings(text).map((finding) => `actionlint: ${finding}`),
    ...trustRuleFindings(workflow).map((finding) => `the trust rules: ${finding}`),
  ];
}
