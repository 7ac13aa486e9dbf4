import { readFileSync } from 'fs';
import { join } from 'path';
import { parseToml } from '../../src/util/toml';

/** A TOML text as plain data (dates and special types are not used by pixi manifests). */
export function tomlData(text: string): Record<string, unknown> {
  return JSON.parse(JSON.stringify(parseToml(text)));
}

/** The directory of one adoptable manifest fixture. */
export function manifestFixture(dir: string): string {
  return join(__dirname, '..', 'fixtures', 'manifests', dir);
}

export function readFixture(dir: string, file: string): string {
  return readFileSync(join(manifestFixture(dir), file), 'utf8');
}
