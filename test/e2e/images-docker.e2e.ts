import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Buildah, overlayWorks } from './buildah';
import { Docker } from './docker';
import { ACCESS_PROBE, imagesUnderTest, imageSuite } from './images.suite';
import { layoutSuite } from './layouts.suite';
import { COMMAND_EXIT_CODE, healthCheckedService, SERVICE_CHECK } from './repositories';
import { DockerRecipe } from '../../src';

/*
 * The same images and checks as images.e2e.ts, built and run by Docker's BuildKit: Debian's docker.io
 * 20.10 with DOCKER_BUILDKIT=1, the oldest engine README names. The legacy builder refuses the recipes.
 */
jest.setTimeout(300_000);

const buildah = Buildah.setUp(0.2);
const state = join(tmpdir(), 'projen-pixi-e2e');
const docker = Docker.start(buildah, overlayWorks(state) ? 'overlay2' : 'vfs');
afterAll(() => docker.stop());

const IMAGES = imagesUnderTest();
const timings = imageSuite(docker, IMAGES);

describe('real layouts (sources)', () => layoutSuite(docker));
afterAll(() => {
  const seconds = [...timings.builds.values()].reduce((sum, s) => sum + s, 0);
  console.log(`docker builds: ${[...timings.builds].map(([tag, s]) => `${tag} ${s.toFixed(1)} s`).join(', ')}; total ${seconds.toFixed(1)} s`);
});

describe('the legacy builder (DOCKER_BUILDKIT=0)', () => {
  const gpu = () => IMAGES.find((i) => i.tag === 'e2e/cuda-exercise:gpu')!;
  const legacy = (dockerfile: string) => {
    const context = mkdtempSync(join(tmpdir(), 'e2e-legacy-'));
    writeFileSync(join(context, 'Dockerfile'), dockerfile);
    writeFileSync(join(context, 'file'), '');
    return docker.docker(['build', '--network', 'none', '-t', 'e2e/legacy', context], { DOCKER_BUILDKIT: '0' });
  };

  test('refuses the generated Dockerfile, so BuildKit is the minimum', () => {
    expect(() => docker.build(gpu().context, gpu().dockerfile, 'e2e/legacy:gpu', undefined, [], { DOCKER_BUILDKIT: '0' })).toThrow(/the --(mount|chmod) option requires BuildKit/);
  });

  test('refuses RUN --mount and COPY --chmod, each on its own', () => {
    const mount = legacy('FROM ghcr.io/prefix-dev/pixi:noble\nRUN --mount=type=cache,target=/cache true\n');
    expect([mount.status, mount.stderr]).toEqual([1, expect.stringContaining('the --mount option requires BuildKit')]);
    const chmod = legacy('FROM ghcr.io/prefix-dev/pixi:noble\nCOPY --chmod=0755 file /file\n');
    expect([chmod.status, chmod.stderr]).toEqual([1, expect.stringContaining('the --chmod option requires BuildKit')]);
  });
});

describe('a read-only root filesystem (docker run --read-only, Kubernetes readOnlyRootFilesystem)', () => {
  const tag = 'e2e/cuda-exercise:gpu';
  const prefix = '/app/.pixi/envs/gpu';
  const pixiRun = ['pixi', 'run', '-e', 'gpu', 'bash', '-c', 'echo "$CONDA_PREFIX $STUB_ACTIVATED"'];
  const READ_ONLY = ['--read-only'];
  // What README documents: a writable /tmp for pixi run, and HOME for programs that write there.
  const MOUNTS = ['--read-only', '--tmpfs', '/tmp', '--tmpfs', '/home/pixi'];

  test('the entrypoint needs nothing writable: the command runs activated', () => {
    const result = docker.run(tag, [], undefined, READ_ONLY);
    expect(result.stdout).toContain(`cmd ${prefix} 1\n`);
    expect(result.status).toBe(COMMAND_EXIT_CODE);
  });

  test('without mounts, HOME and /tmp are read-only and pixi run fails (its activation script goes to $TMPDIR)', () => {
    const probe = docker.run(tag, ['bash', '-c', ACCESS_PROBE], undefined, READ_ONLY);
    expect(probe.stdout).toBe('1000:0 /home/pixi\n');
    const run = docker.run(tag, pixiRun, undefined, READ_ONLY);
    expect(run.status).not.toBe(0);
  });

  test.each(['1000:0', '12345:0'])('as %s, with tmpfs on /tmp and HOME: both writable, pixi run works, /app still read-only', (user) => {
    const probe = docker.run(tag, ['bash', '-c', ACCESS_PROBE], user, MOUNTS);
    expect([probe.status, probe.stdout]).toEqual([0, `${user} /home/pixi\nHOME writable\n/tmp writable\n`]);
    const run = docker.run(tag, pixiRun, user, MOUNTS);
    expect([run.status, run.stdout]).toEqual([0, `${prefix} 1\n`]);
  });

  test('a writable /tmp alone is enough for pixi run', () => {
    const run = docker.run(tag, pixiRun, '12345:0', ['--read-only', '--tmpfs', '/tmp']);
    expect([run.status, run.stdout]).toEqual([0, `${prefix} 1\n`]);
  });
});

describe('a health check (HEALTHCHECK)', () => {
  const service = healthCheckedService();
  beforeAll(() => {
    for (const image of service) docker.build(image.context, image.dockerfile, image.tag);
  });

  /** The container's health once Docker has run its check (every second), which a running container needs. */
  const healthOnceChecked = (tag: string): string => {
    const container = docker.docker(['run', '--detach', '--network', 'none', tag, 'sleep', '120']).stdout.trim();
    try {
      for (let attempt = 0; attempt < 60; attempt++) {
        const health = docker.docker(['inspect', '--format', '{{.State.Health.Status}}', container]).stdout.trim();
        if (health !== 'starting') return health;
        spawnSync('sleep', ['0.5']);
      }
      return 'starting';
    } finally {
      docker.docker(['rm', '--force', container]);
    }
  };

  test.each(service.map((image) => [image.tag, image] as const))('%s: in the image configuration; Docker finds the container healthy, so the check ran activated', (_tag, image) => {
    const entrypoint = image.recipe === DockerRecipe.OPTIMIZED ? '/opt/pixi-image/entrypoint.sh' : '/app/entrypoint.sh';
    expect(docker.healthcheck(image.tag)).toEqual({ Test: ['CMD', entrypoint, ...SERVICE_CHECK], Interval: 1e9, Timeout: 5e9 });
    expect(healthOnceChecked(image.tag)).toBe('healthy');
  });

  test('the check fails outside the activated environment (run without the entrypoint)', () => {
    const bare = docker.docker(['run', '--rm', '--network', 'none', '--entrypoint', SERVICE_CHECK[0], service[0].tag, ...SERVICE_CHECK.slice(1)]);
    expect(bare.status).toBe(1);
  });
});
