import * as fc from 'fast-check';
import { Fields, oneLine, optionSets, recordOf, validOptions } from './arbitraries';
import { DockerRecipe, FinalImageKind, PixiManifestFile } from '../../src';

const path = fc.stringMatching(/^[a-z][a-z0-9_.@+-]{0,5}(\/[a-z0-9_-]{1,5})?$/).filter((p) => !p.split('/').includes('..'));

/** A source's path in the image: relative, absolute, the work directory, or one of the image's own. */
const target = fc.oneof(
  { weight: 3, arbitrary: path },
  { weight: 3, arbitrary: path.map((p) => `/${p}`) },
  { weight: 1, arbitrary: fc.constantFrom('.', '/app', '/etc/my_app', '/app/.pixi/x', '/opt/pixi-image', 'x/') },
);

/** Sources of every kind: a package, a file, the whole context (rarer: Apptainer refuses it), each maybe sent elsewhere. */
export const SOURCES = fc.array(fc.record({
  from: fc.oneof({ weight: 5, arbitrary: path }, { weight: 1, arbitrary: fc.constant('.') }),
  to: target,
}, { requiredKeys: ['from'] }), { maxLength: 3 });

/** The fields of PixiDockerImageOptions (workspace aside: image-platform and workspace suites cover it). */
export const IMAGE_FIELDS: Fields = {
  environment: fc.oneof(fc.stringMatching(/^[a-z\d-]{1,10}$/), fc.constantFrom('-dev', 'default', 'gpu')),
  cudaVersion: fc.constantFrom('12', '12.9', '12.9.1', '11.8'),
  baseImage: fc.constantFrom('ghcr.io/prefix-dev/pixi:noble', 'ghcr.io/prefix-dev/pixi:0.77.0-noble', 'ghcr.io/my-lab/my__repo:1.0',
    `localhost:5000/a/b@sha256:${'a'.repeat(64)}`),
  // A registry on a bracketed IPv6 host too (issue 32: refused before, as the reference grammar allows it).
  finalImage: fc.constantFrom('ubuntu:24.04', 'gcr.io/distroless/base-debian12', 'debian:bookworm-slim', 'ghcr.io/prefix-dev/pixi:noble',
    '[::1]:5000/lab/ubuntu:24.04', '[fd00::5]/debian:12'),
  finalImageKind: fc.constantFrom(...Object.values(FinalImageKind)),
  pixiVersion: fc.constantFrom('0.77.0', '0.40.0'),
  manifestFile: fc.constantFrom(...Object.values(PixiManifestFile)),
  sources: SOURCES,
  sourceDir: path,
  installInputs: fc.uniqueArray(path, { maxLength: 2 }),
  copySources: fc.boolean(),
  buildCommands: fc.array(oneLine, { maxLength: 2 }),
  buildSecrets: fc.uniqueArray(fc.oneof(fc.constantFrom('LAB_TOKEN', 'RATTLER_AUTH_FILE'), fc.stringMatching(/^[A-Z_][A-Z0-9_]{0,8}$/)), { maxLength: 2 }),
  systemPackages: fc.array(fc.oneof(fc.constantFrom('curl', 'libgl1', 'locales', 'tzdata=2024a-1'), fc.stringMatching(/^[a-z0-9][a-z0-9+.-]{1,8}$/)), { maxLength: 3 }),
  ports: fc.uniqueArray(fc.integer({ min: 1, max: 65535 }), { maxLength: 3 }),
  command: fc.array(oneLine, { minLength: 1, maxLength: 3 }),
  healthcheck: fc.record({
    command: fc.array(oneLine, { minLength: 1, maxLength: 3 }),
    intervalSeconds: fc.integer({ min: 0, max: 600 }),
    timeoutSeconds: fc.integer({ min: 0, max: 600 }),
    startPeriodSeconds: fc.integer({ min: 0, max: 600 }),
    retries: fc.integer({ min: 0, max: 10 }),
  }, { requiredKeys: ['command'] }),
  env: recordOf(fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,6}$/), oneLine),
  labels: recordOf(fc.stringMatching(/^[a-z][a-z0-9./-]{0,8}[a-z0-9]$/), oneLine),
  dockerfile: fc.constantFrom('Dockerfile', 'Dockerfile.gpu', 'docker/gpu.Dockerfile', 'images/x'),
  entrypointFile: path,
  recipe: fc.constantFrom(...Object.values(DockerRecipe)),
};


/**
 * `sources` is the other way to say what `sourceDir` and `copySources` say: given together they are refused, so valid
 * option sets hold one way or the other (each half the time), or the refusal would hide every other option.
 */
function oneWayOfSources(options: Record<string, unknown>, lesson: boolean): Record<string, unknown> {
  if (options.sources === undefined) return options;
  const { sources, sourceDir, copySources, ...rest } = options;
  return lesson ? { ...rest, sourceDir, copySources } : { ...rest, sources };
}

/** Valid image options. */
export const VALID_IMAGE_OPTIONS = fc.tuple(validOptions(IMAGE_FIELDS), fc.boolean()).map(([options, lesson]) => oneWayOfSources(options, lesson));

/** Valid, unusual and broken image options (the broken ones as they come). */
export const IMAGE_OPTION_SETS = fc.oneof(VALID_IMAGE_OPTIONS, optionSets(IMAGE_FIELDS));
