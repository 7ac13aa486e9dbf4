import { existsSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { hostileText, runs, SEED } from './arbitraries';
import { dockerfileFindings } from './dockerfile-findings';
import { PixiDockerImageSpec, PixiWorkspaceSpec, PixiValidationError } from '../../src';
import { stringifyToml } from '../../src/util/toml';
import { manifestFixture, readFixture, tomlData } from '../helpers/toml';

/** Real manifests (pixi's examples and docs, see fixtures/manifests/README.md), as data. */
const FIXTURES = ['activation', 'find-links', 'legacy-project', 'multi-machine', 'pixi-build', 'pyproject', 'pyproject-groups', 'rich-cuda',
  'single-cuda', 'solve-groups'].map((dir) => {
  const file = existsSync(join(manifestFixture(dir), 'pixi.toml')) ? 'pixi.toml' : 'pyproject.toml';
  return { file, data: tomlData(readFixture(dir, file)) };
});

/** Every key path of a document, tables and lists included. */
function keyPaths(value: unknown, prefix: Array<string | number> = []): Array<Array<string | number>> {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...prefix, i], ...keyPaths(item, [...prefix, i])]);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [[...prefix, key], ...keyPaths(item, [...prefix, key])]);
  }
  return [];
}

/** A value TOML can hold, of any type a manifest key might wrongly get. */
const tomlValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileText.filter((s) => !/[\ud800-\udfff]/.test(s)),
  fc.integer(),
  fc.boolean(),
  fc.constantFrom(5, '5', 'linux-64', [], ['linux-64'], { driver: '12' }, { path: '../outside' }, { path: '.', editable: true }, ['constructor'],
    { features: ['constructor'] }, 'constructor', '__proto__', '-dev', '_base', { cmd: 42 }, { scripts: 'x.sh' }, { env: { A: 1 } }),
);

/** A fixture with one value replaced (or one key added next to it). */
const mutated = fc.tuple(fc.constantFrom(...FIXTURES), fc.nat(), tomlValue, fc.boolean()).map(([fixture, pick, value, add]) => {
  const data = JSON.parse(JSON.stringify(fixture.data));
  const paths = keyPaths(data);
  const path = paths[pick % paths.length];
  const parent = path.slice(0, -1).reduce<any>((table, key) => table[key], data);
  const key = path[path.length - 1];
  if (add && !Array.isArray(parent)) parent.constructor = value;
  else parent[key] = value;
  return { file: fixture.file, text: stringifyToml(data) };
});

describe('adopted manifests: any change ends in the typed error naming the key path, or in images that validate', () => {
  test('parse, answer every query, describe an image of every environment', () => {
    let adopted = 0;
    fc.assert(fc.property(mutated, ({ file, text }) => {
      let manifest: PixiWorkspaceSpec;
      try {
        manifest = PixiWorkspaceSpec.parse(text, file);
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect((error as PixiValidationError).option.startsWith(file)).toBe(true);
        return;
      }
      adopted++;
      for (const environment of manifest.environmentNames) {
        for (const query of [manifest.featuresOf, manifest.platformsOf, manifest.subdirsOf, manifest.imagePlatformsOf]) {
          expect(Array.isArray(query.call(manifest, environment))).toBe(true);
        }
        let spec: PixiDockerImageSpec;
        try {
          spec = new PixiDockerImageSpec({ workspace: manifest, environment, copySources: false, contextDirectory: manifestFixture('activation') });
        } catch (error) {
          expect(error).toBeInstanceOf(PixiValidationError);
          continue;
        }
        expect(dockerfileFindings(spec.renderDockerfile())).toEqual([]);
      }
    }), { seed: SEED, numRuns: runs(800) });
    expect(adopted).toBeGreaterThan(50);
  });
});
