/*
 * Renovate itself, pinned, run on the repositories the tests synthesize: its configuration validator, its
 * extraction (the local platform, no network) and its package-rule engine. scripts/install-renovate.sh puts
 * it outside the project's dependencies; the first call installs it (about 40 s), later calls find it.
 */
import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

let installed: string | undefined;

/** The directory holding renovate and node, installed on first use; throws (never skips) when it cannot be. */
function renovateDir(): string {
  if (installed) return installed;
  const result = spawnSync('bash', [join(ROOT, 'scripts', 'install-renovate.sh')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`scripts/install-renovate.sh failed; Renovate is needed by this test:\n${result.stdout}\n${result.stderr}`);
  installed = result.stdout.trim().split('\n').pop()!;
  return installed;
}

/** Runs a script of Renovate's package with its Node.js, in `cwd`. */
function node(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}) {
  const dir = renovateDir();
  return spawnSync(join(dir, 'node_modules', '.bin', 'node'), args, {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, RENOVATE_BASE_DIR: join(cwd, '..', '.renovate-base'), ...env },
  });
}

function renovateScript(script: string): string {
  return join(renovateDir(), 'node_modules', 'renovate', 'dist', script);
}

/** `renovate-config-validator --strict` on the repository's configuration: exit status and what it printed. */
export function validateRenovateConfig(repository: string): { status: number | null; output: string } {
  const result = node(repository, [renovateScript('config-validator.js'), '--strict']);
  return { status: result.status, output: result.stdout + result.stderr };
}

/** A dependency as Renovate's extraction reports it. */
export interface ExtractedDependency {
  readonly depName: string;
  readonly currentValue?: string;
  readonly currentDigest?: string;
  readonly datasource?: string;
  readonly packageFile: string;
  readonly manager: string;
}

/** A log record of Renovate's JSON log. */
interface LogRecord { readonly level: number; readonly msg: string; readonly packageFiles?: Record<string, any[]> }

/**
 * Renovate's extraction in a git repository (`--platform=local --dry-run=extract`): the dependencies each
 * manager found, and the warnings and errors it logged.
 */
export function extractWithRenovate(repository: string): { dependencies: ExtractedDependency[]; problems: string[] } {
  const result = node(repository, [renovateScript('renovate.js'), '--platform=local', '--dry-run=extract', '--onboarding=false'], {
    LOG_LEVEL: 'info', LOG_FORMAT: 'json', RENOVATE_CONFIG_FILE: join(ROOT, 'test', 'helpers', 'renovate-global.js'),
  });
  const records: LogRecord[] = result.stdout.split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line));
  const extracted = records.find((record) => record.msg === 'Extracted dependencies');
  if (!extracted?.packageFiles) throw new Error(`Renovate extracted nothing (status ${result.status}):\n${result.stdout}\n${result.stderr}`);
  const dependencies = Object.entries(extracted.packageFiles).flatMap(([manager, files]) => files.flatMap((file: any) =>
    file.deps.map((dep: any) => ({
      depName: dep.depName,
      currentValue: dep.currentValue,
      currentDigest: dep.currentDigest,
      datasource: dep.datasource,
      packageFile: file.packageFile,
      manager,
    }))));
  const problems = records.filter((record) => record.level >= 40).map((record) => record.msg);
  return { dependencies, problems };
}

/** An update as Renovate's package rules see it. */
export interface UpdateCandidate {
  readonly depName: string;
  readonly packageFile: string;
  readonly manager: string;
  readonly datasource?: string;
  readonly updateType: string;
}

/** What Renovate's own rule engine (`applyPackageRules`) makes of each update under the configuration. */
export function applyRenovateRules(repository: string, config: object, updates: UpdateCandidate[]): { enabled: boolean; groupName?: string }[] {
  const script = [
    `const { applyPackageRules } = await import(${JSON.stringify(renovateScript('util/package-rules/index.js'))});`,
    'const { config, updates } = JSON.parse(process.argv[1]);',
    'const results = [];',
    'for (const update of updates) {',
    '  const applied = await applyPackageRules({ ...config, ...update });',
    '  results.push({ enabled: applied.skipReason !== "package-rules", groupName: applied.groupName });',
    '}',
    'console.log(JSON.stringify(results));',
  ].join('\n');
  const result = node(repository, ['--input-type=module', '-e', script, JSON.stringify({ config, updates })], { LOG_LEVEL: 'fatal' });
  if (result.status !== 0) throw new Error(`applyPackageRules failed:\n${result.stdout}\n${result.stderr}`);
  return JSON.parse(result.stdout.trim().split('\n').pop()!);
}
