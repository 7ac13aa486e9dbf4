/*
 * Builds and runs images with buildah (Debian's package), daemonless, as root: OCI isolation with runc,
 * no network (`unshare --net`), and base images made locally from this machine's programs with a
 * stub pixi, since no registry is reachable. Nothing here depends on files outside the project.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const HERE = __dirname;

/**
 * How every container runs: runc, in namespaces of its own. Not buildah's chroot isolation: it re-executes
 * buildah for each RUN through a sealed memfd copy of its binary (containers/storage pkg/unshare), and the
 * kernel refuses the seal (EBUSY) when a page reference outlives its ~150 ms wait, which on a VM with stalled
 * vCPUs happens now and then and fails the build. runc, as root, runs from a read-only bind mount instead.
 */
export const ISOLATION = ['--isolation', 'oci', '--runtime', 'runc'];
const PATH_ENV = 'PATH=/usr/local/bin:/usr/local/sbin:/usr/bin:/usr/sbin:/bin:/sbin';

/** The images the generated Dockerfiles start FROM, and the pixi version each one's stub emulates. */
export const BASE_IMAGES: Record<string, string | undefined> = {
  'ghcr.io/prefix-dev/pixi:noble': '0.77.0',
  'ghcr.io/prefix-dev/pixi:0.77.0-noble': '0.77.0',
  'ghcr.io/prefix-dev/pixi:0.52.0-noble': '0.52.0',
  // An ubuntu:24.04-like final image: bash, no pixi.
  'localhost/ubuntu:24.04': undefined,
};

export interface Result {
  readonly stdout: string;
  readonly stderr: string;
  readonly status: number;
}

export function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** Fails (never skips) unless this runs as root with buildah, runc and the other tools named. */
function requireRootAndTools(...others: string[]): void {
  if (process.getuid?.() !== 0) throw new Error('the e2e tests need root (buildah and runc)');
  for (const tool of ['buildah', 'runc', ...others]) {
    if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0) {
      throw new Error(`${tool} is missing: run scripts/install-test-tools.sh`);
    }
  }
}

export class Buildah {
  /**
   * Checks the tools (a missing one is an error, never a skip), configures storage and
   * (re)creates the base images.
   * @param stubSleepSeconds how long the stub's `pixi install` takes
   * @param stubEnvironmentKb size of the payload the stub puts into each environment
   */
  public static setUp(stubSleepSeconds: number, stubEnvironmentKb = 512): Buildah {
    requireRootAndTools('unshare', 'ldd', 'dpkg');
    const buildah = new Buildah(join(tmpdir(), 'projen-pixi-e2e'));
    buildah.makeBaseImages(stubSleepSeconds, stubEnvironmentKb);
    return buildah;
  }

  /** Checks the tools and configures storage, without base images: for builds `FROM scratch`. */
  public static bare(): Buildah {
    requireRootAndTools();
    return new Buildah(join(tmpdir(), 'projen-pixi-e2e'));
  }

  private readonly env: NodeJS.ProcessEnv;

  private constructor(private readonly state: string) {
    mkdirSync(state, { recursive: true });
    const driver = overlayWorks(state) ? 'overlay' : 'vfs';
    const conf = join(state, `storage-${driver}.conf`);
    writeFileSync(conf, `[storage]\ndriver = "${driver}"\nrunroot = "${join(state, `run-${driver}`)}"\ngraphroot = "${join(state, `storage-${driver}`)}"\n`);
    this.env = { ...process.env, CONTAINERS_STORAGE_CONF: conf, BUILDAH_ISOLATION: 'oci' };
    this.dropLeftovers();
  }

  /**
   * Removes the containers and untagged images of earlier runs. Every build leaves its layers as untagged
   * images, and the storage outlives the run: it had grown to 8,500 images and 12 GB here.
   */
  private dropLeftovers(): void {
    check(this.buildah(['rm', '--all']), 'remove the containers of earlier runs');
    check(this.buildah(['rmi', '--prune']), 'remove the untagged images of earlier runs');
  }

  /** buildah, with no network for anything it runs. */
  public buildah(args: string[], network = false): SpawnSyncReturns<string> {
    const [command, argv] = network ? ['buildah', args] : ['unshare', ['--net', 'buildah', ...args]];
    return spawnSync(command, argv, { env: this.env, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }

  /**
   * Builds with the layer cache; every stub pixi call is appended to `<logDir>/calls.log`.
   * @param options more `buildah build` options, e.g. `--format docker`
   * @returns the build output and how long it took
   */
  public build(context: string, dockerfile: string, tag: string, logDir: string, options: string[] = []): { output: string; seconds: number } {
    mkdirSync(logDir, { recursive: true });
    const started = process.hrtime.bigint();
    const result = check(this.buildah(['build', ...ISOLATION, '--pull=never', '--layers', ...options,
      '-v', `${logDir}:/stub-log`, '-f', join(context, dockerfile), '-t', tag, context]), `build ${dockerfile}`);
    return { output: result.stdout + result.stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
  }

  /** Writes the image as `docker save` does (its layers, configuration and history) into a tar file. */
  public save(tag: string, file: string): void {
    check(this.buildah(['push', '--quiet', tag, `docker-archive:${file}`]), `save ${tag}`);
  }

  /**
   * Pushes the image into an OCI layout directory, as a registry receives it.
   * @returns the blobs (layers, config, manifest) by digest, with their sizes in bytes
   */
  public pushToOciLayout(tag: string, directory: string): Map<string, number> {
    check(this.buildah(['push', '--quiet', tag, `oci:${directory}`]), `push ${tag}`);
    const blobs = join(directory, 'blobs', 'sha256');
    return new Map(readdirSync(blobs).map((digest) => [digest, statSync(join(blobs, digest)).size]));
  }

  /** The labels of an image. */
  public labels(tag: string): Record<string, string> {
    const inspected = JSON.parse(check(this.buildah(['inspect', '--type', 'image', tag], true), `inspect ${tag}`).stdout);
    return inspected.OCIv1?.config?.Labels ?? {};
  }

  /** The health check of an image's configuration (in the Docker format's; the OCI format has none). */
  public healthcheck(tag: string): unknown {
    const inspected = JSON.parse(check(this.buildah(['inspect', '--type', 'image', tag], true), `inspect ${tag}`).stdout);
    return inspected.Docker?.config?.Healthcheck;
  }

  /** The user an image's configuration runs its containers as (`USER`; empty: root). */
  public configuredUser(tag: string): string {
    const inspected = JSON.parse(check(this.buildah(['inspect', '--type', 'image', tag], true), `inspect ${tag}`).stdout);
    return inspected.OCIv1?.config?.User ?? '';
  }

  /**
   * Runs an image like `docker run --rm`: its ENTRYPOINT, then the arguments or its CMD.
   * @param user like `docker run --user`: another UID:GID than the image's `USER`
   */
  public run(tag: string, args: string[] = [], user?: string, skipEntrypoint = false): Result {
    const inspected = JSON.parse(check(this.buildah(['inspect', '--type', 'image', tag], true), `inspect ${tag}`).stdout);
    const config = (key: 'Entrypoint' | 'Cmd'): string[] | null => inspected.OCIv1?.config?.[key] ?? null;
    const entrypoint = skipEntrypoint ? [] : config('Entrypoint') ?? [];
    const command = args.length > 0 ? args : config('Cmd') ?? [];
    const container = check(this.buildah(['from', '--pull=never', '--quiet', tag], true), `from ${tag}`).stdout.trim();
    const io = mkdtempSync(join(this.state, 'io-'));
    // The container's user, root or not, writes its output there.
    chmodSync(io, 0o777);
    try {
      // The container writes its stdout and stderr to files of a mounted directory, not through buildah's
      // relay: with chroot isolation that relay exited with the process without draining it
      // (chroot/run_common.go, runUsingChrootMain), and files need no relay under any runtime. `exec` keeps
      // the entrypoint the process buildah started, with the image's arguments and exit code.
      // (Needs /bin/sh: no image run here is distroless.)
      const toFiles = ['/bin/sh', '-c', 'exec "$@" >/.e2e-io/stdout 2>/.e2e-io/stderr', 'sh'];
      const result = this.buildah(['run', ...ISOLATION, ...(user ? ['--user', user] : []), '-v', `${io}:/.e2e-io`, container, '--',
        ...toFiles, ...entrypoint, ...command]);
      const read = (name: string) => (existsSync(join(io, name)) ? readFileSync(join(io, name), 'utf8') : '');
      return { stdout: read('stdout'), stderr: read('stderr') + result.stderr, status: result.status ?? -1 };
    } finally {
      this.buildah(['rm', container], true);
      rmSync(io, { recursive: true, force: true });
    }
  }

  /** Runs a command as `apptainer exec` and pyxis do: with the image's environment, without its entrypoint. */
  public exec(tag: string, args: string[]): Result {
    return this.run(tag, args, undefined, true);
  }

  /**
   * Runs a program as an HTCondor execute point's container universe does: no entrypoint, as the job's
   * (non-root) user, in the job's scratch directory, mounted at the same path as the directory the job sees.
   */
  public execAt(tag: string, args: string[], options: { user: string; scratch: string; workdir: string; env?: Record<string, string> }): Result {
    const container = check(this.buildah(['from', '--pull=never', '--quiet', tag], true), `from ${tag}`).stdout.trim();
    try {
      const env = Object.entries(options.env ?? {}).flatMap(([k, v]) => ['--env', `${k}=${v}`]);
      const result = this.buildah(['run', ...ISOLATION, '--user', options.user, '-v', `${options.scratch}:${options.workdir}`,
        '--workingdir', options.workdir, ...env, container, '--', ...args]);
      return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
    } finally {
      this.buildah(['rm', container], true);
    }
  }

  /** The environment buildah runs with (its storage), for a process of another program that calls buildah. */
  public get environment(): NodeJS.ProcessEnv {
    return { ...this.env };
  }

  /** Calls `inspect` with the image's root filesystem mounted read-only on the host. */
  public withRootfs<T>(tag: string, inspect: (root: string) => T): T {
    const container = check(this.buildah(['from', '--pull=never', '--quiet', tag], true), `from ${tag}`).stdout.trim();
    try {
      const root = check(this.buildah(['mount', container], true), `mount ${tag}`).stdout.trim();
      return inspect(root);
    } finally {
      this.buildah(['umount', container], true);
      this.buildah(['rm', container], true);
    }
  }

  /** Bytes under a path of an image. */
  public diskUsage(tag: string, path = '/'): number {
    return this.withRootfs(tag, (root) => {
      const result = check(spawnSync('du', ['-sb', '--apparent-size', join(root, path)], { encoding: 'utf8' }), 'du');
      return Number(result.stdout.split('\t')[0]);
    });
  }

  private makeBaseImages(stubSleepSeconds: number, stubEnvironmentKb: number): void {
    for (const [tag, pixiVersion] of Object.entries(BASE_IMAGES)) {
      const rootfs = mkdtempSync(join(this.state, 'rootfs-'));
      try {
        const args = [join(HERE, 'make-rootfs.sh'), rootfs, ...(pixiVersion ? [join(HERE, 'stub-pixi.sh')] : [])];
        check(spawnSync('bash', args, { encoding: 'utf8' }), 'make-rootfs.sh');
        const container = check(this.buildah(['from', 'scratch'], true), 'from scratch').stdout.trim();
        check(this.buildah(['copy', '--quiet', container, rootfs, '/'], true), 'copy rootfs');
        const stub = [`PIXI_STUB_VERSION=${pixiVersion}`, `PIXI_STUB_SLEEP=${stubSleepSeconds}`, `PIXI_STUB_ENV_KB=${stubEnvironmentKb}`];
        const env = [PATH_ENV, ...(pixiVersion ? stub : [])];
        check(this.buildah(['config', ...env.flatMap((e) => ['--env', e]), '--cmd', '["/bin/bash"]', container], true), 'config');
        check(this.buildah(['commit', '--quiet', '--rm', container, tag], true), `commit ${tag}`);
      } finally {
        rmSync(rootfs, { recursive: true, force: true });
      }
    }
  }
}

/** overlay needs a kernel overlayfs; vfs always works but copies every layer. */
export function overlayWorks(state: string): boolean {
  const probe = mkdtempSync(join(state, 'probe-'));
  try {
    for (const dir of ['lower', 'upper', 'work', 'merged']) mkdirSync(join(probe, dir));
    const mounted = spawnSync('mount', ['-t', 'overlay', 'overlay', '-o',
      `lowerdir=${join(probe, 'lower')},upperdir=${join(probe, 'upper')},workdir=${join(probe, 'work')}`, join(probe, 'merged')]);
    if (mounted.status !== 0) return false;
    spawnSync('umount', [join(probe, 'merged')]);
    return true;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

/** Number of `pixi install` calls the stub logged. */
export function installCount(logDir: string): number {
  const log = join(logDir, 'calls.log');
  return existsSync(log) ? readFileSync(log, 'utf8').split('\n').filter((line) => line.startsWith('pixi install')).length : 0;
}
