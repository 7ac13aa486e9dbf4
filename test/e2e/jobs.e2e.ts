import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { Buildah } from './buildah';
import { CLUSTER, SingleNodeSlurm } from './slurm';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { HtcondorJob, PixiDockerImage, PixiWorkspace, SlurmGpuRequest, SlurmJob, SlurmJobOptions, SlurmRuntime } from '../../src';
import { expandMacros, parseSubmitFile, splitNewArguments, submitFileFindings } from '../helpers/htcondor-submit';
import { tempOutdir } from '../helpers/project';
import { tempDir } from '../helpers/temp';

/*
 * The job files against the real thing where it exists here: a single-node Slurm (sbatch --test-only, the parsed
 * job read back, a real run of the lesson's gpu image through a stand-in apptainer), and, for HTCondor, which cannot
 * be installed here, the independent checker and an emulated execute point (buildah without the entrypoint, as a
 * non-root user, in a scratch directory with the transferred inputs).
 */
jest.setTimeout(600_000);

const PUBLISHED = 'ghcr.io/my-lab/cuda-exercise:sha-abc1234-gpu';
const LOCAL_TAG = 'e2e/jobs:gpu';
/** Writes what the job saw into a file named after its input: the environment, its activation, its GPUs, an input file. */
const COMMAND = ['bash', '-c', 'echo "$CONDA_PREFIX ${STUB_ACTIVATED:-} ${CUDA_VISIBLE_DEVICES:-none} $(cat config.yaml)" > "result-${1:-single}.txt"', 'job'];
const PREFIX = '/app/.pixi/envs/gpu';

const buildah = Buildah.setUp(0.2);
const dir = tempDir('e2e-jobs-');
const project = new Project({ name: 'cuda-exercise', outdir: dir });
new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);
const image = new PixiDockerImage(project, { environment: 'gpu', dockerfile: 'Dockerfile.gpu', command: COMMAND });
new HtcondorJob(project, { image, containerImage: PUBLISHED, inputFiles: ['config.yaml'], queue: { fromFile: 'inputs.txt' } });
const SCRIPTS: Record<string, Omit<SlurmJobOptions, 'image' | 'containerImage'>> = {
  'slurm.gpu.sh': {},
  'typed.sh': { gpus: 2, gpuType: CLUSTER.gpuType, constraint: CLUSTER.feature, partition: CLUSTER.partition, time: '2:00:00', cpus: 4, memory: '8GB' },
  'array.sh': { arrayInputs: 'inputs.txt', arrayTasks: 2 },
  'gpus.sh': { gpuRequest: SlurmGpuRequest.GPUS, gpus: 2 },
  'pyxis.sh': { runtime: SlurmRuntime.PYXIS },
  'too-many-gpus.sh': { gpus: 9 },
  'unknown-type.sh': { gpuType: 'h100' },
  'over-the-limit.sh': { time: '3-00:00:00' },
  'too-much-memory.sh': { memory: '1TB' },
};
for (const [file, options] of Object.entries(SCRIPTS)) new SlurmJob(project, { image, containerImage: PUBLISHED, file, ...options });
mkdirSync(join(dir, 'app'));
writeFileSync(join(dir, 'app', 'main.py'), 'print("hello")\n');
writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
writeFileSync(join(dir, 'config.yaml'), 'config-from-the-submit-dir\n');
writeFileSync(join(dir, 'inputs.txt'), 'alpha\nbeta\n');
process.env.PROJEN_DISABLE_POST = 'true';
project.synth();

beforeAll(() => {
  buildah.build(dir, 'Dockerfile.gpu', LOCAL_TAG, tempOutdir());
});

describe('HtcondorJob at an emulated execute point', () => {
  const text = readFileSync(join(dir, 'htcondor.gpu.sub'), 'utf8');
  const commands = Object.fromEntries(parseSubmitFile(text).filter((s) => s.kind === 'command').map((s) => [s.name, s.value]));

  test('passes the independent checker', () => {
    expect(submitFileFindings(text)).toEqual([]);
  });

  test('each queued job runs the image without its entrypoint, as a non-root user in its scratch directory, and writes its output there', () => {
    const items = readFileSync(join(dir, 'inputs.txt'), 'utf8').split('\n').filter((line) => line !== '');
    items.forEach((item, process) => {
      const scratch = tempDir('e2e-scratch-');
      chmodSync(scratch, 0o777);
      // Transferred inputs land flat in the scratch directory.
      for (const input of commands.transfer_input_files.split(/,\s*/)) copyFileSync(join(dir, input), join(scratch, input));
      const words = splitNewArguments(expandMacros(commands.arguments, { Cluster: '1', Process: String(process), input: item }));
      const result = buildah.execAt(LOCAL_TAG, [commands.executable, ...words], { user: '4242:4242', scratch, workdir: '/srv' });
      expect(result.status).toBe(0);
      const output = join(scratch, `result-${item}.txt`);
      expect(existsSync(output)).toBe(true);
      // The activation scripts ran (STUB_ACTIVATED is set only by the activation the wrapper sources).
      expect(readFileSync(output, 'utf8')).toBe(`${PREFIX} 1 none config-from-the-submit-dir\n`);
    });
  });
});

describe('SlurmJob on a real single-node Slurm', () => {
  let slurm: SingleNodeSlurm;
  beforeAll(() => {
    slurm = SingleNodeSlurm.start();
  });
  afterAll(() => slurm?.stop());

  test.each(['slurm.gpu.sh', 'typed.sh', 'array.sh', 'gpus.sh', 'pyxis.sh'])('sbatch --test-only accepts %s', (script) => {
    const { accepted, message } = slurm.testOnly(script, dir);
    expect([accepted, message]).toEqual([true, expect.stringContaining('to start')]);
  });

  test.each([
    ['too-many-gpus.sh', /Requested node configuration is not available/],
    ['unknown-type.sh', /Requested node configuration is not available|Invalid generic resource/],
    ['over-the-limit.sh', /time limit|Requested time limit is invalid/i],
    ['too-much-memory.sh', /Memory specification can not be satisfied|Requested node configuration is not available/],
  ])('sbatch --test-only refuses %s', (script, message) => {
    const result = slurm.testOnly(script, dir);
    expect(result.accepted).toBe(false);
    expect(result.message).toMatch(message);
  });

  test('what Slurm parsed equals the options: CPUs, memory, time, GPUs, feature, partition, array', () => {
    const typed = slurm.readBack('typed.sh', dir);
    expect(typed).toMatchObject({ MinCPUsNode: '4', MinMemoryNode: '8G', TimeLimit: '02:00:00', Partition: 'gpu', Features: 'a100', JobName: 'gpu' });
    expect(typed.TresPerNode).toBe('gres:gpu:a100:2');
    const plain = slurm.readBack('slurm.gpu.sh', dir);
    expect(plain).toMatchObject({ MinCPUsNode: '1', MinMemoryNode: '4G', TimeLimit: '01:00:00' });
    expect(plain.TresPerNode).toBe('gres:gpu:1');
    expect(slurm.readBack('gpus.sh', dir).TresPerJob).toBe('gres:gpu:2');
    expect(slurm.readBack('array.sh', dir).ArrayTaskId).toBe('1-2');
  });

  test('a directive after the first command is ignored without a word: the read-back shows it (the generated files have none)', () => {
    const late = readFileSync(join(dir, 'slurm.gpu.sh'), 'utf8').replace('set -euo pipefail\n', 'set -euo pipefail\n#SBATCH --mem=64G\n');
    writeFileSync(join(dir, 'late.sh'), late);
    expect(slurm.readBack('late.sh', dir).MinMemoryNode).toBe('4G');
  });

  test('a real run of the array script: each task runs the image through the wrapper, with its input line and its GPU', () => {
    const standIn = tempDir('e2e-apptainer-');
    copyFileSync(join(__dirname, 'stand-in-apptainer.sh'), join(standIn, 'apptainer'));
    chmodSync(join(standIn, 'apptainer'), 0o755);
    const env = { ...buildah.environment, PATH: `${standIn}:${process.env.PATH}`, E2E_PUBLISHED_IMAGE: `docker://${PUBLISHED}`, E2E_LOCAL_TAG: LOCAL_TAG };
    const id = slurm.run('array.sh', dir, [], env);
    for (const [task, item] of [[1, 'alpha'], [2, 'beta']] as const) {
      const log = readFileSync(join(dir, `array.${id}_${task}.out`), 'utf8');
      // Tasks run side by side, each on one of the two GPUs: which one is Slurm's choice.
      const gpu = /stand-in apptainer: --nv yes, CUDA_VISIBLE_DEVICES=([01])\n/.exec(log)?.[1];
      expect([gpu, log]).toEqual([expect.stringMatching(/^[01]$/), expect.stringContaining('stand-in')]);
      expect(existsSync(join(dir, `result-${item}.txt`)) ? '' : log).toBe('');
      expect(readFileSync(join(dir, `result-${item}.txt`), 'utf8')).toBe(`${PREFIX} 1 ${gpu} config-from-the-submit-dir\n`);
    }
  });
});
