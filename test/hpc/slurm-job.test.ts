import { GPU_IMAGE, lessonJobs } from './jobs';
import { SlurmGpuRequest, SlurmRuntime } from '../../src';
import { refusal } from '../helpers/refusal';
import { shellcheck } from '../helpers/shellcheck';

function script(options: Parameters<typeof lessonJobs>[0]['slurm'] = {}, image = {}) {
  const { files } = lessonJobs({ slurm: options }, image);
  return Object.entries(files).find(([name]) => name.endsWith('.sh') && name !== 'entrypoint.gpu.sh' && !name.includes('entrypoint'))![1] as string;
}

/** The `#SBATCH` directives sbatch reads: those before the first line that is neither a comment nor blank. */
export function directives(text: string): string[] {
  const lines = text.split('\n');
  const first = lines.findIndex((line, i) => i > 0 && line.trim() !== '' && !line.startsWith('#'));
  return lines.slice(0, first).filter((line) => line.startsWith('#SBATCH ')).map((line) => line.slice('#SBATCH '.length));
}

describe('SlurmJob for the lesson\'s gpu image', () => {
  const text = script();

  test('is a clean bash script whose directives all come before the first command', () => {
    expect(shellcheck(text, 'bash')).toEqual([]);
    expect(text.split('\n').filter((line) => line.startsWith('#SBATCH'))).toHaveLength(directives(text).length);
  });

  test('asks for a GPU with --gres (every select plugin), and writes no site setting it was not given', () => {
    expect(directives(text)).toEqual(['--job-name=gpu', '--ntasks=1', '--cpus-per-task=1', '--mem=4G', '--time=1:00:00', '--gres=gpu:1', '--output=slurm.gpu.%j.out']);
  });

  test('starts the image with apptainer exec --nv through the wrapper', () => {
    expect(text).toContain(`exec apptainer exec --nv "docker://${GPU_IMAGE}" \\\n  "/opt/pixi-image/entrypoint.sh" "python" "src/main.py"\n`);
  });

  test('site settings, GPU type and --gpus when asked; an array over a file of inputs', () => {
    const all = script({
      cpus: 8,
      memory: '32GB',
      time: '1-12:00:00',
      gpus: 2,
      gpuType: 'a100',
      gpuRequest: SlurmGpuRequest.GPUS,
      partition: 'gpu',
      account: 'my-lab',
      qos: 'normal',
      constraint: 'a100|h100',
      jobName: 'train',
      arrayInputs: 'inputs.txt',
      arrayTasks: 10,
    });
    expect(shellcheck(all, 'bash')).toEqual([]);
    expect(directives(all)).toEqual(['--job-name=train', '--ntasks=1', '--cpus-per-task=8', '--mem=32G', '--time=1-12:00:00', '--gpus=a100:2',
      '--partition=gpu', '--account=my-lab', '--qos=normal', '--constraint=a100|h100', '--array=1-10', '--output=slurm.gpu.%A_%a.out']);
    expect(all).toContain('input=$(sed -n "${SLURM_ARRAY_TASK_ID}p" "inputs.txt")');
    expect(all).toMatch(/"src\/main.py" "\$input"\n$/);
  });

  test('pyxis: srun --container-image in enroot\'s REGISTRY#IMAGE form, the digest pinning it', () => {
    const digest = `sha256:${'b'.repeat(64)}`;
    const pyxis = script({ runtime: SlurmRuntime.PYXIS, containerImage: `${GPU_IMAGE}@${digest}` });
    expect(shellcheck(pyxis, 'bash')).toEqual([]);
    expect(pyxis).toContain(`exec srun --container-image="ghcr.io#my-lab/cuda-exercise@${digest}" \\\n  "/opt/pixi-image/entrypoint.sh"`);
  });

  test('a word with quotes, $ or spaces stays one literal word', () => {
    const words = ['echo', '$HOME', '`id`', 'two words', '"q"', "it's"];
    const out = script({ command: words });
    expect(shellcheck(out, 'bash')).toEqual([]);
    expect(out).toContain('"echo" "\\$HOME" "\\`id\\`" "two words" "\\"q\\"" "it\'s"');
  });

  test('a SIF file runs as it is; oras:// keeps its scheme', () => {
    expect(script({ containerImage: 'images/gpu-sha-abc1234.sif' })).toContain('apptainer exec --nv "images/gpu-sha-abc1234.sif"');
    expect(script({ containerImage: 'oras://ghcr.io/my-lab/x/apptainer:gpu-sha-abc1234' })).toContain('"oras://ghcr.io/my-lab/x/apptainer:gpu-sha-abc1234"');
  });
});

describe('SlurmJob refuses, naming the option', () => {
  test.each([
    ['a bad time', { time: '25:61:00' }, 'time', /Slurm time/],
    ['a time with a word', { time: '1:00:00\n#SBATCH --mem=1T' }, 'time', /Slurm time/],
    ['a partition that is two words', { partition: 'gpu --qos=high' }, 'partition', /one word/],
    ['an account that starts with -', { account: '-x' }, 'account', /not starting with "-"/],
    ['a constraint with a space', { constraint: 'a100 h100' }, 'constraint', /node features/],
    ['a GPU type without GPUs', { gpus: 0, gpuType: 'a100' }, 'gpuType', /without GPUs/],
    ['an unknown runtime', { runtime: 'docker' }, 'runtime', /apptainer or pyxis/],
    ['an unknown GPU request', { gpuRequest: 'gpu' }, 'gpuRequest', /gres or gpus/],
    ['pyxis with a SIF', { runtime: SlurmRuntime.PYXIS, containerImage: 'gpu-sha-abc1234.sif' }, 'containerImage', /registry image for pyxis/],
    ['an OSDF URL', { containerImage: 'osdf:///ospool/x/gpu-sha-abc1234.sif' }, 'containerImage', /HTCondor's/],
    ['an array without tasks', { arrayInputs: 'inputs.txt' }, 'arrayInputs', /arrayTasks/],
    ['tasks without inputs', { arrayTasks: 3 }, 'arrayTasks', /arrayInputs/],
    ['memory in bytes', { memory: '4000000' }, 'memory', /with its unit/],
    ['an unknown option', { partitions: 'gpu' }, 'partitions', /unknown option/],
  ])('%s', (_what, options, option, allowed) => {
    const error = refusal(() => lessonJobs({ slurm: options as any }));
    expect(error.construct).toBe('SlurmJob');
    expect(error.option).toBe(option);
    expect(error.message).toMatch(allowed);
  });
});
