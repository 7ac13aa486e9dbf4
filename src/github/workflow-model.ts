/*
 * Workflows are built as projen's workflow model (`github.workflows`: Job, JobStep, Triggers, ...), so that the
 * compiler checks every field a builder sets, and written here with GitHub's spelling of each key, in the order the
 * builder set them. projen's own writer is private to its GithubWorkflow component, so this is the one mapping.
 */
import { github } from 'projen';

type Job = github.workflows.Job;
type JobStep = github.workflows.JobStep;
type JobPermissions = github.workflows.JobPermissions;
type JobStrategy = github.workflows.JobStrategy;
type JobMatrix = github.workflows.JobMatrix;
type JobDefaults = github.workflows.JobDefaults;
type RunSettings = github.workflows.RunSettings;
type JobStepOutput = github.workflows.JobStepOutput;
type Triggers = github.workflows.Triggers;

/** A workflow, job or step as it appears in YAML (GitHub's own key spelling). */
export type Yaml = Record<string, any>;

/** A step's `with:` inputs, which an action names (no spelling of ours). */
export type StepInputs = Record<string, string | number | boolean>;

/** `concurrency:` of a workflow; projen's ConcurrencyOptions takes no expression for `cancel-in-progress`. */
export interface WorkflowConcurrency {
  readonly group: string;
  readonly cancelInProgress: boolean | string;
}

/** A whole workflow file (projen keeps these fields on its GithubWorkflow component, not in a model type). */
export interface Workflow {
  readonly name: string;
  readonly on: Triggers;
  readonly concurrency: WorkflowConcurrency;
  readonly permissions: JobPermissions;
  readonly jobs: Record<string, Job>;
}

/** How a field is written: its key, and how its value is when that is a model too (as it is otherwise). */
type Spelling = readonly [key: string, write?: (value: any) => unknown];
/**
 * Every field of a model, so that a field projen adds fails to compile here until it has a spelling; `undefined`
 * for a field projen turns into something else (`tools` into steps), which no workflow here sets.
 */
type Spellings<T> = { readonly [K in keyof Required<T>]: Spelling | undefined };

const PERMISSIONS: Spellings<JobPermissions> = {
  actions: ['actions'],
  attestations: ['attestations'],
  checks: ['checks'],
  contents: ['contents'],
  deployments: ['deployments'],
  discussions: ['discussions'],
  idToken: ['id-token'],
  issues: ['issues'],
  models: ['models'],
  packages: ['packages'],
  pages: ['pages'],
  pullRequests: ['pull-requests'],
  securityEvents: ['security-events'],
  statuses: ['statuses'],
};

const STEP: Spellings<JobStep> = {
  id: ['id'],
  if: ['if'],
  name: ['name'],
  uses: ['uses'],
  run: ['run'],
  with: ['with'],
  env: ['env'],
  workingDirectory: ['working-directory'],
  shell: ['shell'],
  continueOnError: ['continue-on-error'],
  timeoutMinutes: ['timeout-minutes'],
  background: ['background'],
  wait: ['wait'],
  waitAll: ['wait-all'],
  cancel: ['cancel'],
  parallel: ['parallel', (steps: JobStep[]) => steps.map(writeStep)],
};

const RUN_SETTINGS: Spellings<RunSettings> = { shell: ['shell'], workingDirectory: ['working-directory'] };
const DEFAULTS: Spellings<JobDefaults> = { run: ['run', (run: RunSettings) => written(run, RUN_SETTINGS)] };

const STRATEGY: Spellings<JobStrategy> = {
  matrix: ['matrix', writeMatrix], failFast: ['fail-fast'], maxParallel: ['max-parallel'],
};

const JOB: Spellings<Job> = {
  name: ['name'],
  if: ['if'],
  needs: ['needs'],
  // One runner label as people write it, a scalar; GitHub reads both.
  runsOn: ['runs-on', (labels: string[]) => labels.length === 1 ? labels[0] : [...labels]],
  runsOnGroup: ['runs-on'],
  permissions: ['permissions', (permissions: JobPermissions) => written(permissions, PERMISSIONS)],
  concurrency: ['concurrency'],
  environment: ['environment'],
  outputs: ['outputs', writeOutputs],
  env: ['env'],
  defaults: ['defaults', (defaults: JobDefaults) => written(defaults, DEFAULTS)],
  strategy: ['strategy', (strategy: JobStrategy) => written(strategy, STRATEGY)],
  timeoutMinutes: ['timeout-minutes'],
  continueOnError: ['continue-on-error'],
  container: ['container'],
  services: ['services'],
  steps: ['steps', (steps: JobStep[]) => steps.map(writeStep)],
  tools: undefined,
};

/** Event names are snake_case; their filters (branches, paths, tags, types, inputs, cron, ...) are single words. */
const TRIGGERS: Spellings<Triggers> = {
  branchProtectionRule: ['branch_protection_rule'],
  checkRun: ['check_run'],
  checkSuite: ['check_suite'],
  create: ['create'],
  delete: ['delete'],
  deployment: ['deployment'],
  deploymentStatus: ['deployment_status'],
  discussion: ['discussion'],
  discussionComment: ['discussion_comment'],
  fork: ['fork'],
  gollum: ['gollum'],
  issueComment: ['issue_comment'],
  issues: ['issues'],
  label: ['label'],
  mergeGroup: ['merge_group'],
  milestone: ['milestone'],
  pageBuild: ['page_build'],
  project: ['project'],
  projectCard: ['project_card'],
  projectColumn: ['project_column'],
  public: ['public'],
  pullRequest: ['pull_request'],
  pullRequestReview: ['pull_request_review'],
  pullRequestReviewComment: ['pull_request_review_comment'],
  pullRequestTarget: ['pull_request_target'],
  push: ['push'],
  registryPackage: ['registry_package'],
  release: ['release'],
  repositoryDispatch: ['repository_dispatch'],
  schedule: ['schedule'],
  status: ['status'],
  watch: ['watch'],
  workflowCall: ['workflow_call'],
  // `workflow_dispatch:` with no value, as people write it, when it takes no inputs.
  workflowDispatch: ['workflow_dispatch', (options: object) => Object.keys(options).length === 0 ? null : options],
  workflowRun: ['workflow_run'],
};

const CONCURRENCY: Spellings<WorkflowConcurrency> = { group: ['group'], cancelInProgress: ['cancel-in-progress'] };

const WORKFLOW: Spellings<Workflow> = {
  name: ['name'],
  on: ['on', (on: Triggers) => written(on, TRIGGERS)],
  concurrency: ['concurrency', (concurrency: WorkflowConcurrency) => written(concurrency, CONCURRENCY)],
  permissions: ['permissions', (permissions: JobPermissions) => written(permissions, PERMISSIONS)],
  jobs: ['jobs', (jobs: Record<string, Job>) => Object.fromEntries(Object.entries(jobs).map(([id, job]) => [id, written(job, JOB)]))],
};

/** The workflow as YAML data: GitHub's keys, in the order the model holds its fields. */
export function workflowYaml(workflow: Workflow): Yaml {
  return written(workflow, WORKFLOW);
}

/** The spellings of each model type, for the test that holds them to the workflow schema. */
export const SPELLINGS = { WORKFLOW, JOB, STEP, PERMISSIONS, STRATEGY, DEFAULTS, RUN_SETTINGS, TRIGGERS, CONCURRENCY };

function written<T extends object>(model: T, spellings: Spellings<T>): Yaml {
  const yaml: Yaml = {};
  // for...in, not Object.entries: a workflow of 100 images writes some 20,000 fields. Models are plain objects.
  for (const field in model) {
    const value = model[field];
    if (value === undefined) continue;
    const spelling = spellings[field as keyof T];
    // Not a refusal of an option: a builder's mistake the compiler cannot see (a field of a spread object).
    if (spelling === undefined) throw new Error(`a workflow model field without a YAML spelling: ${field}`);
    const [key, write] = spelling;
    yaml[key] = write ? write(value) : value;
  }
  return yaml;
}

function writeStep(step: JobStep): Yaml {
  return written(step, STEP);
}

/** The matrix's own variables (projen's `domain`) at its top level, beside `include` and `exclude`. */
function writeMatrix(matrix: JobMatrix): Yaml {
  const { domain, ...lists } = matrix;
  return { ...domain, ...lists };
}

function writeOutputs(outputs: Record<string, JobStepOutput>): Yaml {
  return Object.fromEntries(Object.entries(outputs).map(([name, { stepId, outputName }]) => [name, `\${{ steps.${stepId}.outputs.${outputName} }}`]));
}
