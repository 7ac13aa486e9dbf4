import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * A fresh directory for a test project. Always pass it: without an outdir, projen synthesizes a
 * test project into the current directory when that lies under the temp dir (a clone in /tmp),
 * and Testing.synth then deletes it.
 */
export function tempOutdir(): string {
  return mkdtempSync(join(tmpdir(), 'projen-pixi-test-'));
}
