/*
 * Builds and runs images with Docker's BuildKit: Debian's docker.io (dockerd 20.10 and its client, whose
 * BuildKit needs no buildx), started by this harness with storage, socket and pidfile of its own, no
 * bridge and no iptables, and stopped by its pid. The base images are the buildah harness's, moved in
 * with `buildah push … docker-archive:` and `docker load`: no registry is reachable.
 */
import { ChildProcess, spawn, spawnSync, SpawnSyncReturns } from 'child_process';
import { closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BASE_IMAGES, Buildah, check, Result } from './buildah';

/** Debian's docker.io client: it speaks BuildKit itself. A newer client without buildx cannot (it refuses). */
export const DOCKER_CLIENT = '/usr/bin/docker';
const STATE = join(tmpdir(), 'projen-pixi-e2e-docker');

/** Fails (never skips) unless Debian's docker.io (dockerd and its client) is installed and this runs as root. */
function requireDocker(): string {
  if (process.getuid?.() !== 0) throw new Error('the Docker e2e tests need root (they start their own dockerd)');
  const dockerd = spawnSync('sh', ['-c', 'command -v dockerd || ls /usr/sbin/dockerd'], { encoding: 'utf8' }).stdout.trim().split('\n')[0];
  if (!dockerd) throw new Error('dockerd is missing: run scripts/install-test-tools.sh (Debian package docker.io)');
  if (!existsSync(DOCKER_CLIENT)) throw new Error(`${DOCKER_CLIENT} (the docker.io client) is missing: run scripts/install-test-tools.sh`);
  return dockerd;
}

/** A dockerd of a run that was killed before it stopped its own: stopped by the pid it wrote. */
function stopStale(pidfile: string): void {
  if (!existsSync(pidfile)) return;
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  const cmdline = `/proc/${pid}/cmdline`;
  if (pid > 0 && existsSync(cmdline) && readFileSync(cmdline, 'utf8').includes(STATE)) stopPid(pid);
}

/** SIGTERM, then waits up to 20 s for the process to go (dockerd stops its containerd before it exits). */
function stopPid(pid: number): void {
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  for (let i = 0; i < 100 && existsSync(`/proc/${pid}`) && !zombie(pid); i++) spawnSync('sleep', ['0.2']);
  if (existsSync(`/proc/${pid}`) && !zombie(pid)) process.kill(pid, 'SIGKILL');
}

function zombie(pid: number): boolean {
  try {
    return /\) Z /.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** Unmounts whatever is still mounted under a directory (deepest first), so that it can be removed. */
function unmountUnder(directory: string): void {
  const mounts = readFileSync('/proc/mounts', 'utf8').split('\n').map((line) => line.split(' ')[1] ?? '')
    .filter((point) => point.startsWith(directory + '/')).sort().reverse();
  for (const point of mounts) spawnSync('umount', ['-l', point]);
}

export class Docker {
  /**
   * Starts a dockerd of its own (fresh storage each run) and loads the buildah harness's base images.
   * Call {@link stop} in `afterAll`; the daemon also gets SIGTERM if this process dies first.
   */
  public static start(buildah: Buildah, driver: 'overlay2' | 'vfs'): Docker {
    const dockerd = requireDocker();
    mkdirSync(STATE, { recursive: true });
    const pidfile = join(STATE, 'dockerd.pid');
    stopStale(pidfile);
    const root = join(STATE, 'run');
    unmountUnder(root);
    rmSync(root, { recursive: true, force: true });
    mkdirSync(root, { recursive: true });
    const docker = new Docker(root, dockerd, driver, pidfile);
    try {
      docker.waitUntilUp();
      docker.loadBaseImages(buildah);
    } catch (error) {
      docker.stop();
      throw error;
    }
    return docker;
  }

  public readonly env: NodeJS.ProcessEnv;
  private daemon: ChildProcess | undefined;
  private readonly onExit: () => void;

  private constructor(private readonly root: string, dockerd: string, driver: string, pidfile: string) {
    const socket = join(root, 'docker.sock');
    this.env = { ...process.env, DOCKER_HOST: `unix://${socket}`, DOCKER_BUILDKIT: '1', DOCKER_CONFIG: join(root, 'client') };
    const log = openSync(join(root, 'dockerd.log'), 'a');
    // setpriv --pdeathsig: should this process die before stop(), the daemon is sent SIGTERM all the same.
    this.daemon = spawn('setpriv', ['--pdeathsig', 'TERM', '--', dockerd, '--storage-driver', driver,
      '--iptables=false', '--ip6tables=false', '--bridge=none',
      '--data-root', join(root, 'data'), '--exec-root', join(root, 'exec'), '--pidfile', pidfile, '-H', this.env.DOCKER_HOST!],
    { stdio: ['ignore', log, log] });
    closeSync(log);
    this.onExit = () => this.stop();
    process.on('exit', this.onExit);
  }

  /** The docker.io client against this daemon, with BuildKit unless `env` says otherwise. */
  public docker(args: string[], env: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return spawnSync(DOCKER_CLIENT, args, { env: { ...this.env, ...env }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  }

  /** Stops the daemon by its pid (SIGTERM, then waits), and removes its storage. */
  public stop(): void {
    process.off('exit', this.onExit);
    const daemon = this.daemon;
    this.daemon = undefined;
    if (daemon?.pid !== undefined) stopPid(daemon.pid);
    unmountUnder(this.root);
    rmSync(this.root, { recursive: true, force: true });
  }

  private waitUntilUp(): void {
    for (let i = 0; i < 150; i++) {
      const pid = this.daemon?.pid;
      if (pid === undefined || zombie(pid)) break;
      if (this.docker(['version']).status === 0) return;
      spawnSync('sleep', ['0.2']);
    }
    const log = existsSync(join(this.root, 'dockerd.log')) ? readFileSync(join(this.root, 'dockerd.log'), 'utf8').split('\n').slice(-15).join('\n') : '';
    throw new Error(`dockerd did not come up in 30 s:\n${log}`);
  }

  private loadBaseImages(buildah: Buildah): void {
    for (const tag of Object.keys(BASE_IMAGES)) {
      const archive = join(this.root, 'base.tar');
      check(buildah.buildah(['push', '--quiet', tag, `docker-archive:${archive}:${tag}`], true), `push ${tag} to a docker archive`);
      check(this.docker(['load', '-i', archive]), `docker load ${tag}`);
      rmSync(archive);
    }
  }

  /**
   * Builds with BuildKit (never pulls: every FROM is loaded already, and `--pull` is off) and no network.
   * @returns the build output and how long it took
   */
  public build(
    context: string, dockerfile: string, tag: string, logDir?: string, options: string[] = [], env: NodeJS.ProcessEnv = {},
  ): { output: string; seconds: number } {
    const started = process.hrtime.bigint();
    const gpu = logDir !== undefined && existsSync(join(logDir, 'host-cuda'));
    const bases = gpu ? this.asGpuBuilder(readFileSync(join(context, dockerfile), 'utf8')) : [];
    try {
      const result = this.docker(['build', '--progress=plain', '--network', 'none', ...options, '-f', join(context, dockerfile), '-t', tag, context], env);
      check(result, `docker build ${dockerfile}`);
      return { output: result.stdout + result.stderr, seconds: Number(process.hrtime.bigint() - started) / 1e9 };
    } finally {
      for (const base of bases) check(this.docker(['tag', `${base}-no-gpu`, base]), `restore ${base}`);
    }
  }

  /** Writes the image as `docker save` does (its layers, configuration and history) into a tar file. */
  public save(tag: string, file: string): void {
    check(this.docker(['save', '-o', file, tag]), `save ${tag}`);
  }

  /**
   * A build step sees no host directory under Docker (buildah's `-v`), so a builder "with a GPU" is made by
   * putting the stub's `/stub-log/host-cuda` into the stub base images the Dockerfile starts FROM, for one build.
   * @returns the base images replaced; the originals are kept as `<tag>-no-gpu`
   */
  private asGpuBuilder(dockerfile: string): string[] {
    const froms = [...dockerfile.matchAll(/^FROM\s+(\S+)/gm)].map((m) => m[1]).filter((base) => BASE_IMAGES[base] !== undefined);
    const bases = [...new Set(froms)];
    for (const base of bases) {
      check(this.docker(['tag', base, `${base}-no-gpu`]), `keep ${base}`);
      const context = mkdtempSync(join(this.root, 'gpu-'));
      try {
        writeFileSync(join(context, 'Dockerfile'), `FROM ${base}-no-gpu\nRUN mkdir -p /stub-log && echo 12.9 > /stub-log/host-cuda\n`);
        check(this.docker(['build', '--network', 'none', '-t', base, context]), `make ${base} a GPU builder`);
      } finally {
        rmSync(context, { recursive: true, force: true });
      }
    }
    return bases;
  }

  /**
   * `docker run --rm` without network.
   * @param user `--user`: another UID:GID than the image's `USER`
   * @param options more `docker run` options, e.g. `--read-only`
   */
  public run(tag: string, args: string[] = [], user?: string, options: string[] = []): Result {
    const result = this.docker(['run', '--rm', '--pull=never', '--network', 'none', ...(user ? ['--user', user] : []), ...options, tag, ...args]);
    if (result.error) throw result.error;
    return { stdout: result.stdout, stderr: result.stderr, status: result.status ?? -1 };
  }

  /** Runs a command as `apptainer exec` and pyxis do: with the image's environment, without its entrypoint. */
  public exec(tag: string, args: string[]): Result {
    return this.run(tag, args.slice(1), undefined, ['--entrypoint', args[0]]);
  }

  private inspect(tag: string): any {
    return JSON.parse(check(this.docker(['image', 'inspect', tag]), `inspect ${tag}`).stdout)[0];
  }

  /** The labels of an image. */
  public labels(tag: string): Record<string, string> {
    return this.inspect(tag).Config?.Labels ?? {};
  }

  /** The user an image's configuration runs its containers as (`USER`; empty: root). */
  public configuredUser(tag: string): string {
    return this.inspect(tag).Config?.User ?? '';
  }

  /** The health check of an image's configuration. */
  public healthcheck(tag: string): unknown {
    return this.inspect(tag).Config?.Healthcheck;
  }

  /** Calls `inspect` with the image's root filesystem exported to a directory. */
  public withRootfs<T>(tag: string, inspect: (root: string) => T): T {
    const container = check(this.docker(['create', tag]), `create ${tag}`).stdout.trim();
    const root = mkdtempSync(join(this.root, 'rootfs-'));
    try {
      const archive = join(root, '..', `${container}.tar`);
      check(this.docker(['export', '-o', archive, container]), `export ${tag}`);
      check(spawnSync('tar', ['-x', '-f', archive, '-C', root], { encoding: 'utf8' }), `unpack ${tag}`);
      rmSync(archive);
      return inspect(root);
    } finally {
      this.docker(['rm', container]);
      rmSync(root, { recursive: true, force: true });
    }
  }
}
