import { mkdirSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { tempDir } from './temp';

/**
 * A fresh directory for a test project. Always pass it: without an outdir, projen synthesizes a
 * test project into the current directory when that lies under the temp dir (a clone in /tmp),
 * and Testing.synth then deletes it.
 * @param sourceDirs directories the images of the test copy, made empty (images refuse missing ones)
 */
export function tempOutdir(...sourceDirs: string[]): string {
  const dir = tempDir('projen-pixi-test-');
  for (const sourceDir of sourceDirs) mkdirSync(join(dir, sourceDir), { recursive: true });
  return dir;
}

/** A fresh directory laid out like the repositories the images copy from: `app/` holds the sources. */
export function tempRepository(...moreDirs: string[]): string {
  return tempOutdir('app', ...moreDirs);
}

/** A manifest that images without a workspace can copy (they refuse to synthesize without one). */
const STUB_MANIFEST = '[workspace]\nname = "stub"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n';

/**
 * A repository as images copy it without a PixiWorkspace: `app/` holds the sources, with a
 * `pixi.toml` and a `pixi.lock` beside it and beside each `<dir>/app` given (a subproject's).
 */
export function tempImageRepository(...moreDirs: string[]): string {
  const dir = tempRepository(...moreDirs);
  const roots = ['.', ...moreDirs.filter((d) => d.endsWith('/app')).map((d) => d.slice(0, -'/app'.length))];
  for (const root of roots) {
    writeFileSync(join(dir, root, 'pixi.toml'), STUB_MANIFEST);
    writeFileSync(join(dir, root, 'pixi.lock'), 'version: 6\n');
  }
  return dir;
}

/** Whether the file's owner may write it (projen writes its files read-only; the user's stay writable). */
export function ownerCanWrite(path: string): boolean {
  // eslint-disable-next-line no-bitwise
  return (statSync(path).mode & 0o200) !== 0;
}
