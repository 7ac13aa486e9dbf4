import { spawnSync } from 'child_process';
import { chmodSync, writeFileSync } from 'fs';
import { join } from 'path';
import * as fc from 'fast-check';
import { namedOption, oneLine, optionSets, recordOf, runs, SEED, hostileText } from './arbitraries';
import { HtcondorJobSpec, PixiDockerImageSpec, PixiValidationError, SlurmJobSpec } from '../../src';
import { expandMacros, parseSubmitFile, splitNewArguments, submitFileFindings } from '../helpers/htcondor-submit';
import { shellcheck } from '../helpers/shellcheck';
import { tempDir } from '../helpers/temp';

const IMAGES = [
  new PixiDockerImageSpec({ environment: 'gpu', cudaVersion: '12.4', command: ['python', 'main.py'] }),
  new PixiDockerImageSpec({ environment: 'default' }),
];
const WORD = fc.oneof(oneLine, hostileText);

/** The fields every job has, and what valid values look like. */
const COMMON = {
  containerImage: fc.constantFrom('ghcr.io/lab/repo:sha-abc1234', 'ghcr.io/lab/repo:sha-abc1234-gpu', `ghcr.io/lab/repo@sha256:${'c'.repeat(64)}`,
    'localhost:5000/lab/repo:1.2.0', 'oras://ghcr.io/lab/repo/apptainer:gpu-sha-abc1234', 'images/gpu.sif'),
  command: fc.array(WORD, { minLength: 1, maxLength: 4 }),
  cpus: fc.integer({ min: 1, max: 64 }),
  memory: fc.constantFrom('4GB', '512 MiB', '1T', '10g'),
  gpus: fc.integer({ min: 1, max: 8 }),
  file: fc.constantFrom('jobs/gpu.sub', 'gpu.sh', 'job.sub'),
};

const HTCONDOR = {
  ...COMMON,
  containerImage: fc.oneof(COMMON.containerImage, fc.constant('osdf:///ospool/ap40/me/gpu-sha-abc1234.sif')),
  disk: COMMON.memory,
  gpuMinimumCapability: fc.constantFrom('8.0', '7', '9.0'),
  gpuMinimumMemory: fc.constantFrom('16GB', '8000MB'),
  inputFiles: fc.array(fc.constantFrom('config.yaml', 'data/', 'a.txt'), { maxLength: 2 }),
  outputFiles: fc.array(fc.constantFrom('results', 'out.csv'), { maxLength: 2 }),
  queue: fc.oneof(
    fc.record({ count: fc.integer({ min: 1, max: 5 }), fromFile: fc.constant('inputs.txt') }, { requiredKeys: [] }),
    fc.record({ count: fc.integer({ min: 1, max: 5 }), matching: fc.constantFrom('data/*.csv', 'in/[ab]?.txt') }, { requiredKeys: [] }),
  ),
  requirements: fc.constantFrom('(OpSysMajorVer == 9)', 'HasCHTCStaging =?= true && (Memory > 1024)', 'regexp("gpu", Machine)'),
  siteAttributes: recordOf(fc.constantFrom('WantGPULab', 'ProjectName', 'GPUJobLength'), fc.oneof(oneLine, fc.constantFrom('true', '12', 'short'))),
};

const SLURM = {
  ...COMMON,
  time: fc.constantFrom('30', '2:00:00', '1-12', '1-12:00:00', '10:00'),
  partition: fc.constantFrom('gpu', 'short-gpu'),
  account: fc.constantFrom('my-lab', 'lab_1'),
  qos: fc.constantFrom('normal', 'high'),
  constraint: fc.constantFrom('a100', 'a100|h100', 'gpu&ib'),
  gpuType: fc.constantFrom('a100', 'v100'),
  gpuRequest: fc.constantFrom('gres', 'gpus'),
  runtime: fc.constantFrom('apptainer', 'pyxis'),
  jobName: fc.constantFrom('train', 'job.1'),
  arrayInputs: fc.constant('inputs.txt'),
  arrayTasks: fc.integer({ min: 1, max: 100 }),
};

/** The construction, or the refusal it made, which must name one of the options given. */
function made<T>(make: () => T, keys: string[]): T | undefined {
  try {
    return make();
  } catch (error) {
    expect(error).toBeInstanceOf(PixiValidationError);
    expect([(error as PixiValidationError).option, namedOption((error as PixiValidationError).option, [...keys, 'containerImage', 'command'])])
      .toEqual([(error as PixiValidationError).option, expect.any(String)]);
    return undefined;
  }
}

describe('HtcondorJobSpec: any options give the typed error or a file the independent checker finds sound', () => {
  test('sound; the arguments split back into the command\'s words and the item; every amount with its unit', () => {
    let written = 0;
    fc.assert(fc.property(fc.constantFrom(...IMAGES), optionSets(HTCONDOR), (image, options) => {
      const spec = made(() => new HtcondorJobSpec(image, { containerImage: 'ghcr.io/lab/repo:sha-abc1234', ...options } as any), Object.keys(options));
      if (!spec) return;
      written++;
      const text = spec.render();
      expect([text, submitFileFindings(text)]).toEqual([text, []]);
      const commands = Object.fromEntries(parseSubmitFile(text).map((s) => [s.name, s.value]));
      const items = spec.queue.fromFile !== undefined || spec.queue.matching !== undefined;
      const words = commands.arguments === undefined ? [] : splitNewArguments(expandMacros(commands.arguments, { input: 'ITEM' }));
      const expected = spec.job.wrapper === undefined ? spec.job.command.slice(1) : spec.job.command;
      expect([commands.executable, ...words]).toEqual([spec.job.wrapper ?? expect.any(String), ...expected, ...(items ? ['ITEM'] : [])]);
    }), { seed: SEED, numRuns: runs(600) });
    expect(written).toBeGreaterThan(100);
  });
});

describe('SlurmJobSpec: any options give the typed error or a script that runs the command\'s words as written', () => {
  const dir = tempDir('slurm-property-');
  writeFileSync(join(dir, 'inputs.txt'), 'first line\n');
  // Stand-ins that print the words they were given, one per NUL.
  for (const program of ['apptainer', 'srun']) {
    writeFileSync(join(dir, program), '#!/bin/sh\nprintf \'%s\\0\' "$@"\n');
    chmodSync(join(dir, program), 0o755);
  }

  test('directives all before the first command; bash runs the command\'s words literally; shellcheck is clean', () => {
    let written = 0;
    fc.assert(fc.property(fc.constantFrom(...IMAGES), optionSets(SLURM), (image, options) => {
      const spec = made(() => new SlurmJobSpec(image, { containerImage: 'ghcr.io/lab/repo:sha-abc1234', ...options } as any), Object.keys(options));
      if (!spec) return;
      written++;
      const text = spec.render();
      const lines = text.split('\n');
      const firstCommand = lines.findIndex((line, i) => i > 0 && line.trim() !== '' && !line.startsWith('#'));
      expect(lines.slice(firstCommand).filter((line) => line.startsWith('#SBATCH'))).toEqual([]);
      const script = join(dir, 'job.sh');
      writeFileSync(script, text);
      const result = spawnSync('bash', [script], { cwd: dir, encoding: 'utf8', env: { PATH: `${dir}:/usr/bin:/bin`, SLURM_ARRAY_TASK_ID: '1' } });
      expect([result.stderr, result.status]).toEqual(['', 0]);
      const printed = result.stdout.split('\0').slice(0, -1);
      const command = [...(spec.job.wrapper ? [spec.job.wrapper] : []), ...spec.job.command, ...(spec.array ? ['first line'] : [])];
      expect(printed.slice(printed.length - command.length)).toEqual(command);
      if (written % 20 === 1) expect(shellcheck(text, 'bash')).toEqual([]);
    }), { seed: SEED, numRuns: runs(400) });
    expect(written).toBeGreaterThan(80);
  });
});
