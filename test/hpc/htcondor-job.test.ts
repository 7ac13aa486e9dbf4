import { GPU_IMAGE, lessonJobs } from './jobs';
import { expandMacros, parseSubmitFile, splitNewArguments, submitFileFindings } from '../helpers/htcondor-submit';
import { refusal } from '../helpers/refusal';

function submitFile(options: Parameters<typeof lessonJobs>[0]['htcondor'] = {}, image = {}) {
  const { files } = lessonJobs({ htcondor: options }, image);
  return files['htcondor.gpu.sub'] as string;
}

function commands(text: string): Record<string, string> {
  return Object.fromEntries(parseSubmitFile(text).map((s) => [`${s.kind === 'attribute' ? '+' : ''}${s.name}`, s.value]));
}

describe('HtcondorJob for the lesson\'s gpu image', () => {
  const text = submitFile();

  test('runs the published image in the container universe through the wrapper, and passes the independent checker', () => {
    expect(submitFileFindings(text)).toEqual([]);
    const c = commands(text);
    expect(c.universe).toBe('container');
    expect(c.container_image).toBe(`docker://${GPU_IMAGE}`);
    expect(c.executable).toBe('/opt/pixi-image/entrypoint.sh');
    expect(c.transfer_executable).toBe('false');
    expect(splitNewArguments(c.arguments)).toEqual(['python', 'src/main.py']);
  });

  test('asks for one GPU whose driver supports the CUDA the workspace asks for, and writes every amount with its unit', () => {
    const c = commands(text);
    expect(c).toMatchObject({ request_gpus: '1', gpus_minimum_runtime: '12.0', request_cpus: '1', request_memory: '4GB', request_disk: '10GB' });
    // The rule is a command of its own: no requirements line to be overwritten by a second one.
    expect(c.requirements).toBeUndefined();
  });

  test('names logs by cluster and job, and queues last', () => {
    const c = commands(text);
    expect(c.log).toBe('htcondor.gpu.$(Cluster).log');
    expect(c.output).toBe('htcondor.gpu.$(Cluster).$(Process).out');
    expect(c.error).toBe('htcondor.gpu.$(Cluster).$(Process).err');
    expect(parseSubmitFile(text).pop()).toMatchObject({ kind: 'queue', value: '1' });
  });

  test('a CPU image asks for no GPU; gpus adds them without a CUDA rule', () => {
    const cpu = commands(lessonJobs({ htcondor: {} }, { environment: 'default', dockerfile: 'Dockerfile' }).files['htcondor.default.sub']);
    expect(cpu.request_gpus).toBeUndefined();
    const two = commands(lessonJobs({ htcondor: { gpus: 2 } }, { environment: 'default', dockerfile: 'Dockerfile' }).files['htcondor.default.sub']);
    expect(two.request_gpus).toBe('2');
    expect(two.gpus_minimum_runtime).toBeUndefined();
  });

  test('every option lands in one command, and the file still passes the checker', () => {
    const all = submitFile({
      cpus: 4,
      memory: '16 GiB',
      disk: '50GB',
      gpus: 2,
      gpuMinimumCapability: '8.0',
      gpuMinimumMemory: '20GB',
      inputFiles: ['data/', 'config.yaml'],
      outputFiles: ['results'],
      requirements: '(OpSysMajorVer == 9) && (HasCHTCStaging =?= true)',
      siteAttributes: { WantGPULab: 'true', GPUJobLength: 'short', ProjectName: 'my $lab "x"' },
      queue: { count: 2, matching: 'data/*.csv' },
    });
    expect(submitFileFindings(all)).toEqual([]);
    expect(commands(all)).toMatchObject({
      'request_cpus': '4',
      'request_memory': '16GB',
      'request_disk': '50GB',
      'request_gpus': '2',
      'gpus_minimum_capability': '8.0',
      'gpus_minimum_memory': '20GB',
      'transfer_input_files': 'data/, config.yaml',
      'transfer_output_files': 'results',
      'requirements': '((OpSysMajorVer == 9) && (HasCHTCStaging =?= true))',
      '+WantGPULab': 'true',
      '+GPUJobLength': '"short"',
      '+ProjectName': '"my $(DOLLAR)lab \\"x\\""',
    });
    expect(parseSubmitFile(all).pop()!.value).toBe('2 input matching files data/*.csv');
    expect(all.match(/^requirements/gm)).toHaveLength(1);
  });

  test('any word reaches the job as it was written: quotes, spaces and $ stay literal; the queue item comes last', () => {
    const words = ['python', "it's", 'two words', 'say "hi"', '$HOME', '$(Cluster)', "''"];
    const c = commands(submitFile({ command: words, queue: { fromFile: 'inputs.txt' } }));
    const expanded = expandMacros(c.arguments, { input: 'line one' });
    expect(splitNewArguments(expanded)).toEqual([...words, 'line one']);
  });

  test.each([
    ['.sif file', 'images/gpu-sha-abc1234.sif', 'images/gpu-sha-abc1234.sif'],
    ['ORAS', 'oras://ghcr.io/my-lab/cuda-exercise/apptainer:gpu-sha-abc1234', 'oras://ghcr.io/my-lab/cuda-exercise/apptainer:gpu-sha-abc1234'],
    ['OSDF', 'osdf:///ospool/ap40/data/me/gpu-sha-abc1234.sif', 'osdf:///ospool/ap40/data/me/gpu-sha-abc1234.sif'],
    ['digest', `ghcr.io/my-lab/cuda-exercise@sha256:${'a'.repeat(64)}`, `docker://ghcr.io/my-lab/cuda-exercise@sha256:${'a'.repeat(64)}`],
    ['release tag', 'docker://ghcr.io/my-lab/cuda-exercise:1.2.0', 'docker://ghcr.io/my-lab/cuda-exercise:1.2.0'],
  ])('names a %s image as HTCondor reads it', (_kind, containerImage, written) => {
    expect(commands(submitFile({ containerImage })).container_image).toBe(written);
  });

  test('a DISTROLESS image runs the environment\'s program directly (no shell to activate)', () => {
    const { files } = lessonJobs({ htcondor: {} }, { finalImage: 'gcr.io/distroless/base-debian12', finalImageKind: 'distroless' as any });
    const c = commands(files['htcondor.gpu.sub']);
    expect(c.executable).toBe('/app/.pixi/envs/gpu/bin/python');
    expect(splitNewArguments(c.arguments)).toEqual(['src/main.py']);
  });

  test('keeps the job\'s logs out of git', () => {
    const { files } = lessonJobs({ htcondor: {} });
    expect(files['.gitignore']).toContain('/htcondor.gpu.*.log');
  });
});

describe('HtcondorJob refuses, naming the option', () => {
  test.each([
    ['a moving tag', { containerImage: 'ghcr.io/my-lab/cuda-exercise:latest' }, 'containerImage', /names one build/],
    ['no tag', { containerImage: 'ghcr.io/my-lab/cuda-exercise' }, 'containerImage', /names one build/],
    ['a reference with a space', { containerImage: 'ghcr.io/lab/x:sha-abc1234 extra' }, 'containerImage', /image reference/],
    ['an OSDF URL that is no SIF', { containerImage: 'osdf:///ospool/x' }, 'containerImage', /OSDF URL of a SIF/],
    ['memory without a unit', { memory: '4096' }, 'memory', /with its unit/],
    ['disk without a unit', { disk: '10' }, 'disk', /with its unit/],
    ['no CPUs', { cpus: 0 }, 'cpus', /whole number from 1/],
    ['a fraction of a GPU', { gpus: 0.5 }, 'gpus', /whole number/],
    ['GPU memory without GPUs', { gpus: 0, gpuMinimumMemory: '8GB' }, 'gpuMinimumMemory', /without GPUs/],
    ['a capability that is no version', { gpuMinimumCapability: 'eight' }, 'gpuMinimumCapability', /compute capability/],
    ['a word with a newline', { command: ['python', 'a\nqueue 1000'] }, 'command[1]', /without newlines/],
    ['an empty command', { command: [] }, 'command', /non-empty list/],
    ['an input outside', { inputFiles: ['../secrets'] }, 'inputFiles[0]', /relative path/],
    ['a queue file run as a script', { queue: { fromFile: 'make-items.sh|' } }, 'queue.fromFile', /relative path/],
    ['two sources of items', { queue: { fromFile: 'a.txt', matching: '*.csv' } }, 'queue.matching', /items come from one place/],
    ['a glob with a comma', { queue: { matching: 'a,b' } }, 'queue.matching', /without spaces, commas/],
    ['requirements with a macro', { requirements: 'x == $(y)' }, 'requirements', /without "\$"/],
    ['requirements that close early', { requirements: 'true) || (false' }, 'requirements', /balanced/],
    ['requirements with a newline', { requirements: 'true\nqueue 9' }, 'requirements', /one line/],
    ['an attribute name that is no name', { siteAttributes: { 'Want GPU': 'true' } }, 'siteAttributes.Want GPU', /attribute name/],
    ['an attribute value with a newline', { siteAttributes: { ProjectName: 'a\nqueue' } }, 'siteAttributes.ProjectName', /without newlines/],
    ['an unknown option', { requestMemory: '4GB' }, 'requestMemory', /unknown option/],
  ])('%s', (_what, options, option, allowed) => {
    const error = refusal(() => lessonJobs({ htcondor: options as any }));
    expect(error.construct).toBe('HtcondorJob');
    expect(error.option).toBe(option);
    expect(error.message).toMatch(allowed);
  });

  test('an image without a command and no command option', () => {
    const error = refusal(() => lessonJobs({ htcondor: {} }, { command: undefined }));
    expect(error.option).toBe('command');
  });
});
