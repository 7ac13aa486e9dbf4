/*
 * A real single-node Slurm cluster on localhost (Debian's slurm-wlm 22.05 and munge), all its state in one temp
 * directory: its own munge key and socket, config, ports, spool and logs. Two fake GPUs of type a100 (gres.conf
 * File= on /dev/null and /dev/zero, as Slurm 22.05 drops a GPU without a device) on a node that claims 32 CPUs and
 * 128 GiB (config_overrides), so a script is judged by the limits configured here, not by the test machine.
 * Started and stopped by the daemons' own pid files.
 */
import { spawnSync, SpawnSyncReturns } from 'child_process';
import { randomBytes } from 'crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { join } from 'path';
import { tempDir } from '../helpers/temp';

const DAEMONS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'scontrol', 'sinfo', 'scancel'];

/** What the cluster offers, which the tests' scripts are judged against. */
export const CLUSTER = { partition: 'gpu', gpuType: 'a100', gpus: 2, feature: 'a100', cpus: 32, memoryMb: 131072, maxTime: '2-00:00:00' };

export class SingleNodeSlurm {
  /** Checks the tools (a missing one is an error, never a skip) and starts the daemons. */
  public static start(): SingleNodeSlurm {
    if (process.getuid?.() !== 0) throw new Error('the Slurm e2e tests need root (slurmd runs jobs as their user)');
    for (const tool of DAEMONS) {
      if (spawnSync('sh', ['-c', `command -v ${tool} || test -x /usr/sbin/${tool}`]).status !== 0) {
        throw new Error(`${tool} is missing: run scripts/install-test-tools.sh (slurmctld, slurmd, slurm-client, munge)`);
      }
    }
    const slurm = new SingleNodeSlurm(tempDir('e2e-slurm-'));
    slurm.boot();
    return slurm;
  }

  public readonly conf: string;
  private readonly env: NodeJS.ProcessEnv;

  private constructor(private readonly dir: string) {
    this.conf = join(dir, 'slurm.conf');
    this.env = { ...process.env, SLURM_CONF: this.conf };
  }

  private boot(): void {
    const d = this.dir;
    for (const sub of ['state', 'spool', 'log', 'dev']) mkdirSync(join(d, sub));
    symlinkSync('/dev/null', join(d, 'dev', 'nvidia0'));
    symlinkSync('/dev/zero', join(d, 'dev', 'nvidia1'));
    // A fresh key: no other munge on this machine can speak for this cluster.
    writeFileSync(join(d, 'munge.key'), randomBytes(1024));
    chmodSync(join(d, 'munge.key'), 0o400);
    // Ports of this run's own, away from Slurm's defaults (6817/6818).
    const port = 20000 + (process.pid % 9000) * 2;
    writeFileSync(this.conf, [
      'ClusterName=e2e', 'SlurmctldHost=localhost', `SlurmctldPort=${port}`, `SlurmdPort=${port + 1}`,
      'AuthType=auth/munge', `AuthInfo=socket=${d}/munge.socket`, 'CredType=cred/munge', 'SlurmUser=root', 'SlurmdUser=root',
      `StateSaveLocation=${d}/state`, `SlurmdSpoolDir=${d}/spool`, `SlurmctldPidFile=${d}/slurmctld.pid`, `SlurmdPidFile=${d}/slurmd.pid`,
      `SlurmctldLogFile=${d}/log/slurmctld.log`, `SlurmdLogFile=${d}/log/slurmd.log`,
      'ProctrackType=proctrack/linuxproc', 'TaskPlugin=task/none', 'SelectType=select/cons_tres', 'SelectTypeParameters=CR_Core_Memory',
      'EnforcePartLimits=ALL', 'GresTypes=gpu', 'SlurmdParameters=config_overrides', 'MpiDefault=none', 'ReturnToService=2', 'MaxArraySize=1001',
      `NodeName=localhost NodeAddr=127.0.0.1 CPUs=${CLUSTER.cpus} RealMemory=${CLUSTER.memoryMb} Gres=gpu:${CLUSTER.gpuType}:${CLUSTER.gpus} Features=${CLUSTER.feature} State=UNKNOWN`,
      `PartitionName=${CLUSTER.partition} Nodes=localhost Default=YES MaxTime=${CLUSTER.maxTime} State=UP`,
      '',
    ].join('\n'));
    writeFileSync(join(d, 'gres.conf'), `AutoDetect=off\nNodeName=localhost Name=gpu Type=${CLUSTER.gpuType} File=${d}/dev/nvidia[0-1]\n`);
    check(spawnSync('munged', ['--force', `--socket=${d}/munge.socket`, `--key-file=${d}/munge.key`, `--pid-file=${d}/munged.pid`,
      `--seed-file=${d}/munge.seed`, `--log-file=${d}/log/munge.log`], { encoding: 'utf8' }), 'munged');
    check(spawnSync('slurmctld', ['-f', this.conf, '-c'], { env: this.env, encoding: 'utf8' }), 'slurmctld');
    check(spawnSync('slurmd', ['-f', this.conf, '-N', 'localhost'], { env: this.env, encoding: 'utf8' }), 'slurmd');
    for (let i = 0; i < 120; i++) {
      if (this.slurm('sinfo', ['-h', '-N', '-o', '%T']).stdout.trim() === 'idle') return;
      spawnSync('sleep', ['0.5']);
    }
    throw new Error(`the node never became idle:\n${readFileSync(join(d, 'log', 'slurmctld.log'), 'utf8').slice(-3000)}`);
  }

  /** A Slurm client command against this cluster. */
  public slurm(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): SpawnSyncReturns<string> {
    return spawnSync(command, args, { env: { ...this.env, ...options.env, SLURM_CONF: this.conf }, cwd: options.cwd, encoding: 'utf8' });
  }

  /** `sbatch --test-only`: whether Slurm would accept the script, and what it says. */
  public testOnly(script: string, cwd: string): { accepted: boolean; message: string } {
    const result = this.slurm('sbatch', ['--test-only', script], { cwd });
    return { accepted: result.status === 0, message: result.stdout + result.stderr };
  }

  /** Submits the script held, reads back what Slurm parsed (`scontrol show job -o`), and cancels it. */
  public readBack(script: string, cwd: string): Record<string, string> {
    const id = check(this.slurm('sbatch', ['--hold', '--parsable', script], { cwd }), `sbatch --hold ${script}`).stdout.trim().split(';')[0];
    try {
      return this.job(id);
    } finally {
      this.slurm('scancel', [id]);
    }
  }

  /** The fields of `scontrol show job -o` (the first record: an array's first task). */
  public job(id: string): Record<string, string> {
    const line = check(this.slurm('scontrol', ['show', 'job', '-o', id]), `scontrol show job ${id}`).stdout.split('\n')[0];
    return Object.fromEntries([...line.matchAll(/(\S+?)=(\S*)/g)].map((m) => [m[1], m[2]]));
  }

  /** Submits the script with arguments and waits until every task of it has ended; returns the job id. */
  public run(script: string, cwd: string, args: string[] = [], env: NodeJS.ProcessEnv = {}): string {
    const id = check(this.slurm('sbatch', ['--parsable', script, ...args], { cwd, env }), `sbatch ${script}`).stdout.trim().split(';')[0];
    for (let i = 0; i < 600; i++) {
      const states = this.slurm('squeue', ['-h', '-j', id, '-o', '%T']).stdout.trim();
      if (states === '') return id;
      spawnSync('sleep', ['0.5']);
    }
    this.slurm('scancel', [id]);
    throw new Error(`job ${id} did not end in 300 s`);
  }

  /** Cancels every job, then stops the daemons by their pid files (each pid checked to be this cluster's). */
  public stop(): void {
    this.slurm('scancel', ['--user', 'root']);
    for (const daemon of ['slurmd', 'slurmctld', 'munged']) {
      const pidFile = join(this.dir, `${daemon}.pid`);
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      const cmdline = existsSync(`/proc/${pid}/cmdline`) ? readFileSync(`/proc/${pid}/cmdline`, 'utf8') : '';
      if (cmdline.includes(this.dir)) process.kill(pid, 'SIGTERM');
    }
  }
}

function check(result: SpawnSyncReturns<string>, what: string): SpawnSyncReturns<string> {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} failed (${result.status}):\n${result.stdout}\n${result.stderr}`);
  return result;
}
