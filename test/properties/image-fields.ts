import * as fc from 'fast-check';
import { Fields, oneLine, recordOf } from './arbitraries';
import { DockerRecipe, FinalImageKind, PixiManifestFile } from '../../src';

const path = fc.stringMatching(/^[a-z][a-z0-9_.@+-]{0,5}(\/[a-z0-9_-]{1,5})?$/).filter((p) => !p.split('/').includes('..'));

/** A source's path in the image: relative, absolute, the work directory, or one of the image's own. */
const target = fc.oneof(path, path.map((p) => `/${p}`), fc.constantFrom('.', '/app', '/etc/my_app', '/app/.pixi/x', '/opt/pixi-image', 'x/'));

/** Sources of every kind: a package, a file, the whole context, each maybe sent elsewhere. */
export const SOURCES = fc.array(fc.record({ from: fc.oneof(path, fc.constant('.')), to: target }, { requiredKeys: ['from'] }), { maxLength: 3 });

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
  sources: SOURCES,
  sourceDir: path,
  installInputs: fc.uniqueArray(path, { maxLength: 2 }),
  copySources: fc.boolean(),
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

