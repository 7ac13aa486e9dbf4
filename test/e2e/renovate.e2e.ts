import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import ignore from '@balena/dockerignore';
import { Project, typescript } from 'projen';
import { parse } from 'yaml';
import { PixiDockerImage, PixiWorkspace, RenovateConfig, RenovateConfigSpec } from '../../src';
import { imagesInProjenrc } from '../../src/renovate/projenrc-images';
import { GIT_IDENTITY, packLibrary, PROJEN, run } from '../helpers/pack';
import { applyRenovateRules, extractWithRenovate, validateRenovateConfig } from '../helpers/renovate';
import { tempDir } from '../helpers/temp';
import { workflowFindings } from '../helpers/workflow-validators';

/*
 * Issue 14's acceptance: `projen new --from <packed library> pixi --environments gpu --apptainer` around a
 * CUDA manifest, then Renovate itself (validator, extraction, rule engine) and the workflow validators on what
 * it wrote.
 */
jest.setTimeout(600_000);

const work = tempDir('e2e-renovate-');
const dir = join(work, 'repo');
/** A CUDA workspace as a lab has it before projen-pixi: one GPU environment, the CUDA version as a system requirement. */
const CUDA_MANIFEST = [
  '[workspace]', 'name = "cuda-lab"', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]', '',
  '[dependencies]', 'python = "3.12.*"', '',
  '[feature.gpu.system-requirements]', 'cuda = "12"', '',
  '[feature.gpu.dependencies]', 'pytorch-gpu = ">=2.5"', '',
  '[environments]', 'gpu = ["gpu"]', '',
].join('\n');
const read = (path: string) => readFileSync(join(dir, path), 'utf8');
const renovateConfig = () => JSON.parse(read('renovate.json5').replace(/^\/\/.*\n/, ''));

beforeAll(() => {
  const tarball = packLibrary(work);
  mkdirSync(join(dir, 'app'), { recursive: true });
  writeFileSync(join(dir, 'pixi.toml'), CUDA_MANIFEST);
  // What `pixi lock` writes; Renovate's pixi manager lists it beside the manifest.
  writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
  writeFileSync(join(dir, 'app', 'train.py'), 'print("training")\n');
  run('git', ['init', '-q', '-b', 'main'], dir);
  run('git', ['add', '-A'], dir);
  run('git', ['commit', '-q', '-m', 'the lab\'s workspace'], dir, GIT_IDENTITY);
  run(PROJEN, ['new', '--from', tarball, 'pixi', '--environments', 'gpu', '--apptainer'], dir, GIT_IDENTITY);
  run('git', ['add', '-A'], dir);
  run('git', ['commit', '-q', '--allow-empty', '-m', 'projen-pixi'], dir, GIT_IDENTITY);
});

describe('projen new around a CUDA manifest', () => {
  test('Renovate\'s validator accepts the configuration (--strict)', () => {
    const result = validateRenovateConfig(dir);
    expect(result.output).toContain('Config validated successfully');
    expect(result.status).toBe(0);
  });

  test('Renovate\'s managers find the manifest, the Dockerfile, both workflows and the base image in .projenrc.js', () => {
    const { dependencies, problems } = extractWithRenovate(dir);
    const found = (manager: string, packageFile: string) => dependencies.filter((d) => d.manager === manager && d.packageFile === packageFile);
    expect(found('pixi', 'pixi.toml').map((d) => [d.depName, d.currentValue])).toEqual([['python', '3.12.*'], ['pytorch-gpu', '>=2.5']]);
    // The build and final stages' image; no syntax directive pulls a frontend image.
    expect(found('dockerfile', 'Dockerfile').map((d) => [d.depName, d.currentValue])).toEqual([
      ['ghcr.io/prefix-dev/pixi', 'noble'], ['ghcr.io/prefix-dev/pixi', 'noble'],
    ]);
    expect(found('regex', '.projenrc.js').map((d) => [d.depName, d.currentValue, d.datasource])).toEqual([['ghcr.io/prefix-dev/pixi', 'noble', 'docker']]);
    for (const workflow of ['.github/workflows/docker.yaml', '.github/workflows/pixi.yaml']) {
      const actions = found('github-actions', workflow).filter((d) => d.datasource === 'github-tags');
      expect([workflow, actions.length > 0, actions.every((d) => /^[0-9a-f]{40}$/.test(d.currentDigest ?? '') && /^v\d/.test(d.currentValue ?? ''))])
        .toEqual([workflow, true, true]);
    }
    // Offline, Renovate warns that the actions need a GitHub token to look up; Node 24.11 is not on npm for x64.
    expect(problems.filter((p) => !/GitHub token is required|RE2 not usable|Unsupported node environment/.test(p))).toEqual([]);
  });

  test('Renovate\'s rule engine: no update to a generated file but the base image that .projenrc.js holds; the manifest and lock are the user\'s', () => {
    const rules = applyRenovateRules(dir, renovateConfig(), [
      { depName: 'ghcr.io/prefix-dev/pixi', packageFile: 'Dockerfile', manager: 'dockerfile', datasource: 'docker', updateType: 'pinDigest' },
      { depName: 'ghcr.io/prefix-dev/pixi', packageFile: '.projenrc.js', manager: 'regex', datasource: 'docker', updateType: 'pinDigest' },
      { depName: 'docker/dockerfile', packageFile: 'Dockerfile', manager: 'dockerfile', datasource: 'docker', updateType: 'pinDigest' },
      { depName: 'actions/checkout', packageFile: '.github/workflows/docker.yaml', manager: 'github-actions', datasource: 'github-tags', updateType: 'major' },
      { depName: 'prefix-dev/setup-pixi', packageFile: '.github/workflows/pixi.yaml', manager: 'github-actions', datasource: 'github-tags', updateType: 'digest' },
      { depName: 'pytorch-gpu', packageFile: 'pixi.toml', manager: 'pixi', datasource: 'conda', updateType: 'minor' },
      { depName: 'pixi.lock', packageFile: 'pixi.toml', manager: 'pixi', updateType: 'lockFileMaintenance' },
    ]);
    expect(rules).toEqual([
      { enabled: true, groupName: 'container images' },
      { enabled: true, groupName: 'container images' },
      { enabled: false, groupName: 'container images' },
      { enabled: false },
      { enabled: false },
      { enabled: true, groupName: 'pixi dependencies' },
      { enabled: true, groupName: 'pixi dependencies' },
    ]);
  });

  test('the test and publish workflows have zero actionlint, schema and shellcheck findings', async () => {
    expect(await workflowFindings(read('.github/workflows/docker.yaml'))).toEqual([]);
    expect(await workflowFindings(read('.github/workflows/pixi.yaml'))).toEqual([]);
    expect(parse(read('.github/workflows/pixi.yaml')).jobs.test.strategy.matrix.environment).toEqual(['gpu']);
  });

  test('the CUDA image\'s build and Apptainer jobs free the disk first; its layer cache lives in GHCR', () => {
    const jobs = parse(read('.github/workflows/docker.yaml')).jobs;
    expect(jobs['build-gpu'].steps[0].name).toBe('Free disk space');
    expect(jobs['apptainer-gpu'].steps[0].name).toBe('Free disk space');
    expect(jobs['build-gpu'].steps.find((s: any) => s.id === 'build').with['cache-from']).toMatch(/^type=registry,/);
  });

  test('npx projen afterwards changes nothing: the configuration knew the .projenrc.js that projen new wrote after it', () => {
    run('npx', ['projen'], dir);
    expect(run('git', ['status', '--porcelain'], dir)).toBe('');
  });

  test('*.sif is ignored by git and by the Docker build context', () => {
    const gitignored = run('git', ['check-ignore', '--no-index', 'gpu.sif', 'images/gpu.sif'], dir).trim().split('\n');
    expect(gitignored).toEqual(['gpu.sif', 'images/gpu.sif']);
    const dockerignore = ignore().add(read('.dockerignore').split('\n'));
    expect(['gpu.sif', 'images/gpu.sif'].filter((path) => dockerignore.ignores(path))).toEqual(['gpu.sif', 'images/gpu.sif']);
  });
});

/** A git repository with these files committed. */
function repositoryWith(files: Record<string, string>): string {
  const repository = mkdtempSync(join(work, 'files-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(repository, path, '..'), { recursive: true });
    writeFileSync(join(repository, path), text);
  }
  return commitAll(repository);
}

/** The directory as a git repository with everything in it committed (Renovate's local platform reads git's file list). */
function commitAll(repository: string): string {
  run('git', ['init', '-q', '-b', 'main'], repository);
  run('git', ['add', '-A'], repository);
  run('git', ['commit', '-q', '-m', 'files'], repository, GIT_IDENTITY);
  return repository;
}

describe('the library API: RenovateConfigSpec', () => {
  const SPECS: [string, RenovateConfigSpec][] = [
    ['defaults', new RenovateConfigSpec()],
    ['every option', new RenovateConfigSpec({
      schedule: ['every weekend', '* 0-5 * * 1'],
      lockFileMaintenance: false,
      projenrcImages: ['ghcr.io/prefix-dev/pixi', 'localhost:5000/lab/base'],
    }, ['lab/Dockerfile.gpu', '.github/workflows/docker.yaml'])],
  ];

  test.each(SPECS)('%s: Renovate\'s validator accepts it (--strict)', (_name, spec) => {
    const result = validateRenovateConfig(repositoryWith({ 'renovate.json5': spec.renderJson5({ headerComment: 'generated' }) }));
    expect([result.status, result.output]).toEqual([0, expect.stringContaining('Config validated successfully')]);
  });

  test('the validator can fail: a misspelt key and a schedule Renovate cannot read are refused', () => {
    const config = { ...new RenovateConfigSpec().toConfig(), lockFileMaintainance: { enabled: true } };
    expect(validateRenovateConfig(repositoryWith({ 'renovate.json5': JSON.stringify(config) })).status).not.toBe(0);
    const schedule = new RenovateConfigSpec({ schedule: ['whenever it suits'] }).renderJson5();
    expect(validateRenovateConfig(repositoryWith({ 'renovate.json5': schedule })).status).not.toBe(0);
  });

  test('Renovate\'s custom manager finds in .projenrc exactly the images that RenovateConfig expects it to find', () => {
    const projenrc = [
      'const base = \'ghcr.io/prefix-dev/pixi:0.77.0-noble\';',
      'new PixiDockerImage(project, { environment: \'gpu\', baseImage: \'nvcr.io/nvidia/cuda:12.9.1-base-ubuntu24.04\' });',
      'new PixiDockerImage(project, { environment: \'cpu\', "finalImage": "ubuntu:24.04@sha256:' + 'a'.repeat(64) + '", command: [\'python\'] });',
      'new PixiDockerImage(project, { environment: \'dev\', baseImage: base });',
      '',
    ].join('\n');
    const repository = repositoryWith({
      '.projenrc.ts': projenrc,
      'renovate.json5': new RenovateConfigSpec().renderJson5(),
    });
    const found = extractWithRenovate(repository).dependencies.filter((d) => d.packageFile === '.projenrc.ts');
    expect(found.map((d) => d.depName)).toEqual(imagesInProjenrc(projenrc));
    expect(found.map((d) => [d.depName, d.currentValue, d.currentDigest])).toEqual([
      ['nvcr.io/nvidia/cuda', '12.9.1-base-ubuntu24.04', undefined], ['ubuntu', '24.04', `sha256:${'a'.repeat(64)}`],
    ]);
  });
});

describe('RenovateConfig in other projen projects', () => {
  test('a TypeScript project with a pixi subproject: accepted; projen\'s package.json and the generated manifest get no version updates, its lock does', () => {
    const outdir = mkdtempSync(join(work, 'typescript-'));
    mkdirSync(join(outdir, 'lab', 'app'), { recursive: true });
    const root = new typescript.TypeScriptProject({ name: 'root', defaultReleaseBranch: 'main', outdir, devDeps: ['projen-pixi'] });
    const lab = new Project({ name: 'lab', parent: root, outdir: 'lab' });
    new PixiWorkspace(lab, { dependencies: { python: '3.12.*' } });
    new PixiDockerImage(lab, { environment: 'default' });
    new RenovateConfig(lab);
    // Without projen's post-synthesis npm install (no registry needed).
    process.env.PROJEN_DISABLE_POST = 'true';
    try {
      root.synth();
    } finally {
      delete process.env.PROJEN_DISABLE_POST;
    }
    writeFileSync(join(outdir, 'lab', 'pixi.lock'), 'version: 6\n');
    const repository = commitAll(outdir);

    const validated = validateRenovateConfig(repository);
    expect([validated.status, validated.output]).toEqual([0, expect.stringContaining('Config validated successfully')]);
    const { dependencies } = extractWithRenovate(repository);
    expect(dependencies.filter((d) => d.packageFile === 'lab/pixi.toml').map((d) => d.depName)).toEqual(['python']);
    expect(dependencies.some((d) => d.packageFile === 'package.json' && d.depName === 'projen-pixi')).toBe(true);
    const config = JSON.parse(readFileSync(join(repository, 'renovate.json5'), 'utf8').replace(/^\/\/.*\n/, ''));
    expect(applyRenovateRules(repository, config, [
      { depName: 'projen-pixi', packageFile: 'package.json', manager: 'npm', datasource: 'npm', updateType: 'minor' },
      { depName: 'python', packageFile: 'lab/pixi.toml', manager: 'pixi', datasource: 'conda', updateType: 'minor' },
      { depName: 'pixi.lock', packageFile: 'lab/pixi.toml', manager: 'pixi', updateType: 'lockFileMaintenance' },
      { depName: 'ghcr.io/prefix-dev/pixi', packageFile: 'lab/Dockerfile', manager: 'dockerfile', datasource: 'docker', updateType: 'digest' },
    ]).map((rule) => rule.enabled)).toEqual([false, false, true, false]);
  });
});
