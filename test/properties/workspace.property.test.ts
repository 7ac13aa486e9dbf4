import * as fc from 'fast-check';
import { anyOptions, Fields, hostileText, oneLine, optionSets, recordOf, namedOption, runs, SEED, wrongTyped } from './arbitraries';
import { ChannelPriority, PixiWorkspaceSpec, PixiValidationError } from '../../src';
import { pixiManifestErrors } from '../helpers/schema';
import { tomlData } from '../helpers/toml';

const name = fc.stringMatching(/^[a-z][a-z0-9_-]{0,8}$/);
const version = fc.constantFrom('*', '>=1.2,<2', '3.12.*', '==1.0', '>=0.1');
const feature = fc.oneof(name, fc.constantFrom('_base', 'my feature', 'ça', 'constructor', '__proto__'));
const task = fc.oneof(oneLine, fc.record({ cmd: fc.oneof(oneLine, fc.array(oneLine, { minLength: 1, maxLength: 2 })), description: oneLine }, { requiredKeys: ['cmd'] }));

/** The fields of PixiWorkspaceOptions, features and environments included. */
const WORKSPACE_FIELDS: Fields = {
  name: oneLine,
  version: fc.constantFrom('0.1.0', '1.0.0'),
  description: oneLine,
  authors: fc.array(oneLine, { maxLength: 2 }),
  channels: fc.array(fc.constantFrom('conda-forge', 'bioconda', 'nvidia'), { minLength: 1, maxLength: 2 }),
  platforms: fc.uniqueArray(fc.constantFrom('linux-64', 'linux-aarch64', 'osx-arm64', 'win-64'), { minLength: 1, maxLength: 3 }),
  channelPriority: fc.constantFrom(...Object.values(ChannelPriority)),
  dependencies: recordOf(name, version),
  pypiDependencies: recordOf(name, version),
  tasks: fc.dictionary(fc.oneof(name, fc.constant('__proto__')), task, { maxKeys: 2 }),
  activation: fc.record({ env: recordOf(fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,5}$/), oneLine) }, { requiredKeys: [] }),
  features: fc.dictionary(feature, fc.record({ dependencies: recordOf(name, version) }, { requiredKeys: [] }), { maxKeys: 2 }),
};

/** Environments that use the features given (or, sometimes, an undefined one). */
function withEnvironments(options: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const features = options.features && typeof options.features === 'object' ? Object.keys(options.features) : [];
  const used = features.length > 0 ? fc.subarray(features, { minLength: 1 }) : fc.constant([] as string[]);
  const environment = fc.oneof(
    { weight: 5, arbitrary: used.map((list) => ({ features: list })) },
    { weight: 1, arbitrary: fc.record({ features: fc.array(hostileText, { maxLength: 1 }) }) },
    { weight: 1, arbitrary: wrongTyped },
  );
  const environmentName = fc.oneof(fc.stringMatching(/^[a-z\d-]{1,8}$/), fc.constantFrom('-dev', 'dev', 'Bad Name'));
  return fc.option(fc.dictionary(environmentName, environment, { maxKeys: 2 }), { nil: undefined })
    .map((environments) => environments === undefined ? options : { ...options, environments });
}

function manifestOrRefusal(options: Record<string, unknown>): PixiWorkspaceSpec | undefined {
  try {
    return PixiWorkspaceSpec.fromOptions(options);
  } catch (error) {
    expect(error).toBeInstanceOf(PixiValidationError);
    expect(namedOption((error as PixiValidationError).option, ['options', ...Object.keys(options)])).toBeDefined();
    return undefined;
  }
}

describe('PixiWorkspaceSpec.fromOptions: any options give the typed error or a pixi.toml that pixi\'s schema accepts and that keeps them', () => {
  test('schema-valid TOML, read back by smol-toml with every name and value as given', () => {
    fc.assert(fc.property(optionSets(WORKSPACE_FIELDS).chain(withEnvironments), (options) => {
      const manifest = manifestOrRefusal(options);
      if (!manifest) return;
      const data = tomlData(manifest.render({ headerComment: 'generated' })) as any;
      expect(pixiManifestErrors(data)).toEqual([]);
      if (options.name !== undefined) expect(data.workspace.name).toBe(options.name);
      for (const [table, key] of [['dependencies', 'dependencies'], ['pypiDependencies', 'pypi-dependencies']]) {
        const given = (options[table] ?? {}) as Record<string, string>;
        expect(Object.entries(data[key] ?? {})).toEqual(Object.entries(given));
      }
      // TOML writes plain values before tables; the set of names is what must be kept.
      expect(Object.keys(data.tasks ?? {}).sort()).toEqual(Object.keys((options.tasks ?? {}) as object).sort());
      expect(Object.keys(data.feature ?? {}).sort()).toEqual(Object.keys((options.features ?? {}) as object).sort());
      expect(Object.entries(data.activation?.env ?? {})).toEqual(Object.entries((options.activation as any)?.env ?? {}));
      expect(manifest.environmentNames).toEqual(['default', ...Object.keys((options.environments ?? {}) as object)]);
    }), { seed: SEED, numRuns: runs(1000) });
  });

  test('refusals name the option path, and a hostile value never reaches the file', () => {
    fc.assert(fc.property(anyOptions(WORKSPACE_FIELDS), (options) => {
      const manifest = manifestOrRefusal(options);
      if (manifest) expect(pixiManifestErrors(tomlData(manifest.render()))).toEqual([]);
    }), { seed: SEED, numRuns: runs(600) });
  });
});
