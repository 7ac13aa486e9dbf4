/**
 * Shows that the test suite can fail: applies each mutation to the source, runs the test file
 * that guards the property, expects it to fail, and restores the file. Run: `npx projen test:mutations`;
 * `MUTATIONS=<text>` runs only the mutations whose property contains the text.
 */
import { spawnSync } from 'child_process';
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { locate } from './locate';
import { MUTATIONS } from './mutations';

const root = join(__dirname, '..', '..');
let missed = 0;
const selected = MUTATIONS.filter((mutation) => mutation.property.includes(process.env.MUTATIONS ?? ''));

for (const mutation of selected) {
  const path = join(root, mutation.file);
  const original = readFileSync(path, 'utf8');
  const found = locate(original, mutation.file, mutation.in, mutation.replace);
  if (typeof found === 'string') {
    console.log(`STALE   ${mutation.property}: ${found}`);
    missed++;
    continue;
  }
  const restore = () => writeFileSync(path, original);
  process.once('SIGINT', () => { restore(); process.exit(130); });
  try {
    writeFileSync(path, original.slice(0, found.start) + mutation.with + original.slice(found.end));
    // e2e suites (buildah, root) are outside the unit tests' testMatch.
    const select = mutation.test.endsWith('.e2e.ts') ? ['--runInBand', '--testMatch', `<rootDir>/${mutation.test}`] : [mutation.test];
    const result = spawnSync('npx', ['jest', '--ci', '--coverage=false', ...select], { cwd: root, encoding: 'utf8' });
    const failing = result.stderr.split('\n').filter((line) => line.trim().startsWith('✕')).length;
    const caught = result.status !== 0 && failing > 0;
    if (!caught) missed++;
    console.log(`${caught ? 'CAUGHT' : 'MISSED'}  ${mutation.property} (${failing} failing tests in ${mutation.test})`);
  } finally {
    restore();
  }
}

console.log(`${selected.length - missed} passed, ${missed} failed`);
process.exit(missed === 0 ? 0 : 1);
