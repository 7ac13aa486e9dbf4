import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/*
 * Temp directories of one test file (jest gives each file its own copy of this module), removed after its
 * tests by test/helpers/remove-temp-dirs.ts. Without it every run left hundreds of projects, and the
 * installed packages of the published-package tests, in the temp dir: tens of GB after a few days' work.
 */
const made: string[] = [];

/** A fresh directory under the system temp dir, removed after the tests of this file (or by `removeTempDirs`). */
export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes the directories `tempDir` made. Scripts outside jest (the bench) call it when done. */
export function removeTempDirs(): void {
  for (const dir of made.splice(0)) {
    try {
      rmSync(dir, { recursive: true, force: true });
    } catch (error) {
      console.warn(`could not remove the temp directory ${dir}: ${(error as Error).message}`);
    }
  }
}
