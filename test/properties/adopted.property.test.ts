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

describe('adopted names and versions as pixi reads them (issue 32: GPU, __proto__ and cuda = 12.1 were taken)', () => {
  /** pixi's own rule, copied from EnvironmentName (crates/pixi_manifest/src/environment.rs at the reference commit). */
  const PIXI_ENVIRONMENT_NAME = /^[a-z0-9-]+$/;

  test('an environment name is taken exactly when pixi\'s regex takes it', () => {
    const name = fc.array(fc.constantFrom('a', 'Z', '0', '-', '_', '.', ' ', '\n', 'é', '__proto__'), { minLength: 1, maxLength: 5 }).map((parts) => parts.join(''));
    fc.assert(fc.property(name, (environment) => {
      const text = `[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[feature.f]\n[environments]\n${JSON.stringify(environment)} = ["f"]\n`;
      let taken = true;
      try {
        PixiWorkspaceSpec.parse(text, 'pixi.toml');
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        taken = false;
      }
      expect([environment, taken]).toEqual([environment, PIXI_ENVIRONMENT_NAME.test(environment)]);
    }), { seed: SEED, numRuns: runs(300) });
  });

  test('a CUDA version that is a TOML number is refused, one in a string read as written', () => {
    fc.assert(fc.property(fc.oneof(fc.integer({ min: 1, max: 99 }), fc.double({ min: 1, max: 99, noNaN: true })), fc.boolean(), (version, quoted) => {
      const value = quoted ? JSON.stringify(String(version)) : String(version).includes('.') || Number.isInteger(version) ? String(version) : version.toFixed(1);
      const text = `[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[system-requirements]\ncuda = ${value}\n`;
      let read: string | undefined;
      try {
        read = PixiWorkspaceSpec.parse(text, 'pixi.toml').environmentView('default', 'linux-64')?.cudaVersion;
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        read = undefined;
      }
      expect([value, read]).toEqual([value, quoted ? String(version) : undefined]);
    }), { seed: SEED, numRuns: runs(200) });
  });
});
