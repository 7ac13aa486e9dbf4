import { spawnSync } from 'child_process';
import * as fc from 'fast-check';
import { anyOptions, Fields, oneLine, optionSets, recordOf, rootOption, SEED, validOptions } from './arbitraries';
import { keyValuePairs } from './buildkit-words';
import { DockerRecipe, FinalImageKind, PixiImageSpec, PixiManifestFile, PixiValidationError } from '../../src';
import { directives, dockerfileDiagnostics, execFormOf } from '../helpers/dockerfile';
import { shellcheck } from '../helpers/shellcheck';

const path = fc.stringMatching(/^[a-z][a-z0-9_.@+-]{0,5}(\/[a-z0-9_-]{1,5})?$/).filter((p) => !p.split('/').includes('..'));

/** The fields of PixiDockerImageOptions (workspace aside: image-platform and workspace suites cover it). */
export const IMAGE_FIELDS: Fields = {
  environment: fc.oneof(fc.stringMatching(/^[a-z\d-]{1,10}$/), fc.constantFrom('-dev', 'default', 'gpu')),
  cudaVersion: fc.constantFrom('12', '12.9', '12.9.1', '11.8'),
  baseImage: fc.constantFrom('ghcr.io/prefix-dev/pixi:noble', 'ghcr.io/prefix-dev/pixi:0.77.0-noble', 'ghcr.io/my-lab/my__repo:1.0',
    `localhost:5000/a/b@sha256:${'a'.repeat(64)}`),
  finalImage: fc.constantFrom('ubuntu:24.04', 'gcr.io/distroless/base-debian12', 'debian:bookworm-slim', 'ghcr.io/prefix-dev/pixi:noble'),
  finalImageKind: fc.constantFrom(...Object.values(FinalImageKind)),
  pixiVersion: fc.constantFrom('0.77.0', '0.40.0'),
  manifestFile: fc.constantFrom(...Object.values(PixiManifestFile)),
  sourceDir: path,
  installInputs: fc.uniqueArray(path, { maxLength: 2 }),
  copySources: fc.boolean(),
  ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
  command: fc.array(oneLine, { minLength: 1, maxLength: 3 }),
  env: recordOf(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), oneLine),
  labels: recordOf(fc.stringMatching(/^[a-z][a-z0-9./-]{0,8}[a-z0-9]$/), oneLine),
  dockerfile: fc.constantFrom('Dockerfile', 'Dockerfile.gpu', 'docker/gpu.Dockerfile', 'images/x'),
  entrypointFile: path,
  recipe: fc.constantFrom(...Object.values(DockerRecipe)),
};

/** Builds an image description; any refusal must be the typed error naming an option that was given. */
function imageOrRefusal(options: Record<string, unknown>): PixiImageSpec | undefined {
  try {
    return new PixiImageSpec(options);
  } catch (error) {
    expect(error).toBeInstanceOf(PixiValidationError);
    expect(['options', ...Object.keys(options)]).toContain(rootOption((error as PixiValidationError).option));
    return undefined;
  }
}

/** `set -- <command>` of the entrypoint, as bash reads it. */
function entrypointCommand(entrypoint: string): string[] {
  const line = entrypoint.split('\n').find((l) => l.startsWith('  set -- '))!;
  const result = spawnSync('bash', ['-c', `${line.trim()}\nprintf '%s\\0' "$@"`], { encoding: 'utf8' });
  return result.stdout.split('\0').slice(0, -1);
}

describe('PixiImageSpec: any options give the typed error or files that validators accept and that keep the values', () => {
  test('Dockerfile: dockerfile-utils finds nothing, no parser directive but syntax, ENV, LABEL and CMD as given', () => {
    fc.assert(fc.property(optionSets(IMAGE_FIELDS), fc.option(fc.oneof(oneLine, fc.string({ maxLength: 8 })), { nil: undefined }), (options, header) => {
      const spec = imageOrRefusal(options);
      if (!spec) return;
      let dockerfile: string;
      try {
        dockerfile = spec.renderDockerfile({ headerComment: header });
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect((error as PixiValidationError).option).toBe('headerComment');
        return;
      }
      expect(dockerfileDiagnostics(dockerfile)).toEqual([]);
      expect(Object.keys(directives(dockerfile)).filter((d) => d !== 'syntax')).toEqual([]);
      const env = Object.fromEntries(keyValuePairs(dockerfile, 'ENV'));
      for (const [key, value] of Object.entries((options.env ?? {}) as Record<string, string>)) expect([key, env[key]]).toEqual([key, value]);
      const labels = keyValuePairs(dockerfile, 'LABEL');
      expect(Object.fromEntries(labels)).toEqual(expect.objectContaining(options.labels ?? {}));
      expect(labels.map(([key]) => key).filter((key) => !(key in spec.labels))).toEqual([]);
      expect(execFormOf(dockerfile, 'CMD')).toEqual(options.command);
    }), { seed: SEED, numRuns: 400 });
  });

  test('entrypoint: shellcheck finds nothing, and bash reads the default command as given', () => {
    fc.assert(fc.property(validOptions(IMAGE_FIELDS), (options) => {
      const spec = imageOrRefusal(options);
      const entrypoint = spec?.renderEntrypoint();
      if (!entrypoint) return;
      expect(shellcheck(entrypoint, 'bash')).toEqual([]);
      expect(entrypointCommand(entrypoint)).toEqual(options.command ?? ['/bin/bash']);
    }), { seed: SEED, numRuns: 60 });
  });

  test('an environment name is one argument to pixi, never an option of its own', () => {
    fc.assert(fc.property(anyOptions({ environment: IMAGE_FIELDS.environment }), (options) => {
      const spec = imageOrRefusal({ ...options, copySources: false });
      if (!spec) return;
      for (const line of spec.renderDockerfile().split('\n').filter((l) => l.includes('--environment'))) {
        expect(line).toMatch(/--environment[ =][a-z\d][a-z\d-]*|--environment=-[a-z\d-]*/);
        expect(line).not.toMatch(/--environment -/);
      }
    }), { seed: SEED, numRuns: 100 });
  });
});
