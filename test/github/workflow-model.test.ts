/*
 * The one mapping from projen's workflow model to GitHub's keys (src/github/workflow-model.ts), held to two
 * sources nobody here wrote: projen's jsii manifest (every field of each model type has a spelling) and
 * SchemaStore's workflow schema (every spelling is a key GitHub reads at that place).
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { github } from 'projen';
import { SPELLINGS, workflowYaml } from '../../src/github/workflow-model';

const ROOT = join(__dirname, '..', '..');
const SCHEMA = JSON.parse(readFileSync(join(ROOT, 'schemas', 'github-workflow.schema.json'), 'utf8'));
const JSII = JSON.parse(readFileSync(join(ROOT, 'node_modules', 'projen', '.jsii'), 'utf8'));

/** The properties of a jsii struct of projen's, with those of the interfaces it extends. */
function jsiiFields(fqn: string): string[] {
  const type = JSII.types[fqn];
  if (!type) throw new Error(`projen's jsii manifest has no ${fqn}`);
  return [...(type.properties ?? []).map((p: { name: string }) => p.name), ...(type.interfaces ?? []).flatMap(jsiiFields)];
}

const definitions = SCHEMA.definitions;
const eventsObject = SCHEMA.properties.on.oneOf.find((form: { type?: string }) => form.type === 'object');

/** Each table of spellings: the model type it spells (projen's, or ours where projen has none) and the schema's keys there. */
const TABLES: Array<[keyof typeof SPELLINGS, string | undefined, Record<string, unknown>]> = [
  ['WORKFLOW', undefined, SCHEMA.properties],
  ['CONCURRENCY', undefined, definitions.concurrency.properties],
  ['TRIGGERS', 'projen.github.workflows.Triggers', eventsObject.properties],
  ['JOB', 'projen.github.workflows.Job', definitions.normalJob.properties],
  ['PERMISSIONS', 'projen.github.workflows.JobPermissions', definitions['permissions-event'].properties],
  ['STRATEGY', 'projen.github.workflows.JobStrategy', definitions.normalJob.properties.strategy.properties],
  ['DEFAULTS', 'projen.github.workflows.JobDefaults', definitions.defaults.properties],
  ['RUN_SETTINGS', 'projen.github.workflows.RunSettings', definitions.defaults.properties.run.properties],
  ['STEP', 'projen.github.workflows.JobStep', definitions.step.properties],
];

/** What is wrong with a table: fields of the model it lacks, and spellings the schema does not know there. */
function problems(table: Record<string, readonly [string, unknown?] | undefined>, fqn: string | undefined, keys: Record<string, unknown>): string[] {
  const found: string[] = [];
  if (fqn) {
    for (const field of jsiiFields(fqn)) if (!(field in table)) found.push(`${field} of ${fqn} has no spelling`);
  }
  for (const [field, spelling] of Object.entries(table)) {
    if (spelling && !(spelling[0] in keys)) found.push(`${field} is spelled "${spelling[0]}", which the schema does not have there`);
  }
  return found;
}

test.each(TABLES)('%s spells every field of its model as the workflow schema spells it there', (name, fqn, keys) => {
  expect(problems(SPELLINGS[name], fqn, keys)).toEqual([]);
});

test('the check can fail: a camelCase spelling, and a field projen added that has none', () => {
  const { timeoutMinutes, ...withoutTimeout } = SPELLINGS.STEP;
  expect(timeoutMinutes).toEqual(['timeout-minutes']);
  expect(problems({ ...withoutTimeout, continueOnError: ['continueOnError'] }, 'projen.github.workflows.JobStep', definitions.step.properties)).toEqual([
    'timeoutMinutes of projen.github.workflows.JobStep has no spelling',
    'continueOnError is spelled "continueOnError", which the schema does not have there',
  ]);
});

test('a workflow is written with GitHub\'s keys, in the order its model holds them', () => {
  const yaml = workflowYaml({
    name: 'w',
    on: { pullRequest: { paths: ['a'] }, workflowDispatch: {} },
    concurrency: { group: 'g', cancelInProgress: true },
    permissions: {},
    jobs: {
      j: {
        runsOn: ['ubuntu-24.04'],
        permissions: { idToken: github.workflows.JobPermission.WRITE },
        strategy: { failFast: false, matrix: { domain: { os: ['a', 'b'] }, include: [{ os: 'a', x: '1' }] } },
        defaults: { run: { workingDirectory: 'sub' } },
        outputs: { digest: { stepId: 'build', outputName: 'digest' } },
        steps: [{ name: 's', timeoutMinutes: 5, with: { 'fetch-depth': 0 } }],
      },
    },
  });
  expect(yaml).toEqual({
    name: 'w',
    on: { pull_request: { paths: ['a'] }, workflow_dispatch: null },
    concurrency: { 'group': 'g', 'cancel-in-progress': true },
    permissions: {},
    jobs: {
      j: {
        'runs-on': 'ubuntu-24.04',
        'permissions': { 'id-token': 'write' },
        'strategy': { 'fail-fast': false, 'matrix': { os: ['a', 'b'], include: [{ os: 'a', x: '1' }] } },
        'defaults': { run: { 'working-directory': 'sub' } },
        'outputs': { digest: '${{ steps.build.outputs.digest }}' },
        // An action's inputs are its own names: left as they are.
        'steps': [{ 'name': 's', 'timeout-minutes': 5, 'with': { 'fetch-depth': 0 } }],
      },
    },
  });
  expect(Object.keys(yaml.jobs.j)).toEqual(['runs-on', 'permissions', 'strategy', 'defaults', 'outputs', 'steps']);
});

test('a field that has no spelling (projen\'s `tools`, which it turns into steps) is a builder\'s mistake, not written', () => {
  const job = { runsOn: ['x'], permissions: {}, steps: [], tools: { node: { version: '22' } } };
  expect(() => workflowYaml({ name: 'w', on: {}, concurrency: { group: 'g', cancelInProgress: false }, permissions: {}, jobs: { j: job } }))
    .toThrow('a workflow model field without a YAML spelling: tools');
});
