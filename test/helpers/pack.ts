import { spawnSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '..', '..');

/** Runs a command; returns its standard output, or throws with all its output when it fails. */
export function run(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Runs a command that must fail; returns its output. */
export function runFailing(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): string {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true', ...env } });
  if (result.status === 0) throw new Error(`${command} ${args.join(' ')} succeeded in ${cwd}, but should have failed:\n${result.stdout}`);
  return result.stdout + result.stderr;
}

/**
 * The package as npm would publish it: compiled by jsii, its entry point bundled into one file (the
 * `bundle` task of post-compile), with its .jsii manifest and bundled dependencies, packed into
 * `destination`. Returns the tarball's path.
 */
export function packLibrary(destination: string): string {
  compileLibrary();
  const packed = run('npm', ['pack', '--pack-destination', destination, '--silent'], ROOT).trim().split('\n').pop()!;
  return join(destination, packed);
}

/** lib/ as users load it: jsii's compiled modules, and lib/index.js bundled into one file. */
export function compileLibrary(): void {
  run('npx', ['jsii', '--silence-warnings=reserved-word'], ROOT);
  run(PROJEN, ['bundle'], ROOT);
}

/** projen's CLI as this repository has it. */
export const PROJEN = join(ROOT, 'node_modules', '.bin', 'projen');

/** A committer for git in a fresh temp repository (CI machines have none configured). */
export const GIT_IDENTITY: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org',
};
