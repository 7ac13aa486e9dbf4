import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { join } from 'path';
import { run, runFailing } from './helpers/pack';
import { tempDir } from './helpers/temp';

/*
 * npm pack (and jsii-pacmak, which runs it) stops when lib/ has no current bundle: lib/main.js loads
 * lib/projen-pixi-bundle.js, so a package without it fails on its first require.
 */
const REPO = join(__dirname, '..');
const GUARD = join(REPO, 'scripts', 'check-bundle.js');

function compiled(files: Record<string, number>): string {
  const dir = tempDir('prepack-');
  mkdirSync(join(dir, 'lib', 'pixi'), { recursive: true });
  for (const [path, seconds] of Object.entries(files)) {
    writeFileSync(join(dir, path), '');
    utimesSync(join(dir, path), seconds, seconds);
  }
  return dir;
}

test('package.json runs the guard before every pack', () => {
  expect(JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8')).scripts.prepack).toBe('node scripts/check-bundle.js');
});

test('a lib/ without the bundle, or with a module newer than it, is refused with what to run', () => {
  expect(runFailing(process.execPath, [GUARD], compiled({ 'lib/index.js': 1000 }))).toMatch(/lib\/projen-pixi-bundle\.js is missing\. Run `npx projen compile`/);
  expect(runFailing(process.execPath, [GUARD], compiled({ 'lib/index.js': 1000, 'lib/projen-pixi-bundle.js': 2000, 'lib/pixi/spec.js': 3000 })))
    .toMatch(/older than lib\/pixi\/spec\.js\. Run `npx projen compile`/);
  expect(runFailing(process.execPath, [GUARD], compiled({}))).toMatch(/lib\/index\.js is missing/);
});

test('a bundle made after every module passes', () => {
  run(process.execPath, [GUARD], compiled({ 'lib/index.js': 1000, 'lib/pixi/spec.js': 1500, 'lib/projen-pixi-bundle.js': 2000 }));
});
