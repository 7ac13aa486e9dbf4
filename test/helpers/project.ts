import { mkdirSync, statSync } from 'fs';
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

/** Whether the file's owner may write it (projen writes its files read-only; the user's stay writable). */
export function ownerCanWrite(path: string): boolean {
  // eslint-disable-next-line no-bitwise
  return (statSync(path).mode & 0o200) !== 0;
}
