import { cpSync, readFileSync, statSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { PixiWorkspaceSpec, PixiManifestFile, PixiWorkspace } from '../../src';
import { tempRepository } from '../helpers/project';
import { pixiManifestErrors, pyprojectErrors } from '../helpers/schema';
import { manifestFixture, readFixture, tomlData } from '../helpers/toml';

interface Expected {
  readonly file: string;
  readonly environments: string[];
  readonly features: Record<string, string[]>;
  readonly cuda: Record<string, string | undefined>;
  readonly platforms: Record<string, string[]>;
  readonly subdirs?: Record<string, string[]>;
  readonly name: string;
}

const FIXTURES: Record<string, Expected> = {
  'pyproject': {
    file: 'pyproject.toml',
    name: 'pose-estimation',
    environments: ['default', 'test', 'cuda'],
    features: { default: ['default'], test: ['default', 'test'], cuda: ['default', 'cuda'] },
    cuda: { default: undefined, test: undefined, cuda: '12.4' },
    platforms: { default: ['linux-64', 'linux-aarch64', 'osx-arm64'], cuda: ['linux-64'] },
  },
  'solve-groups': {
    file: 'pixi.toml',
    name: 'inference-service',
    environments: ['default', 'prod', 'lint'],
    features: { default: ['default', 'dev'], prod: ['default', 'prod'], lint: ['dev'] },
    cuda: { default: undefined, prod: undefined, lint: undefined },
    platforms: { prod: ['linux-64', 'osx-arm64'] },
  },
  'rich-cuda': {
    file: 'pixi.toml',
    name: 'segmentation',
    environments: ['default', 'gpu', 'cpu'],
    features: { gpu: ['default', 'gpu'], cpu: ['default', 'cpu'] },
    // cpu can also land on the plain linux-64 platform, so it is not a CUDA environment.
    cuda: { gpu: '12.9', cpu: undefined, default: undefined },
    platforms: { gpu: ['linux-64-cuda', 'linux-aarch64-cuda'], cpu: ['osx-arm64', 'linux-64', 'linux-64-cuda', 'linux-aarch64-cuda'] },
    subdirs: { gpu: ['linux-64', 'linux-aarch64'] },
  },
  'legacy-project': {
    file: 'pixi.toml',
    name: 'prod-env',
    environments: ['default', 'prod'],
    features: { default: ['default'], prod: ['default', 'prod'] },
    cuda: { default: undefined, prod: undefined },
    platforms: { prod: ['linux-64', 'osx-64', 'osx-arm64'] },
  },
  'toml-1.1': {
    file: 'pixi.toml',
    name: 'task-args',
    environments: ['default'],
    features: { default: ['default'] },
    cuda: { default: '12' },
    platforms: { default: ['linux-64', 'win-64'] },
  },
  'single-cuda': {
    file: 'pixi.toml',
    name: 'gpu-training',
    environments: ['default'],
    features: { default: ['default'] },
    cuda: { default: '12.9' },
    platforms: { default: ['linux-64'] },
  },
};

/** A project directory holding a copy of one fixture. */
function projectWith(dir: string): Project {
  const outdir = tempRepository();
  cpSync(manifestFixture(dir), outdir, { recursive: true });
  return new Project({ name: 'adopting', outdir });
}

describe.each(Object.entries(FIXTURES))('fromManifest reads %s', (dir, expected) => {
  test('and answers the queries', () => {
    const workspace = PixiWorkspace.fromManifest(projectWith(dir), expected.file);
    expect(workspace.manifestFile).toBe(expected.file);
    expect(workspace.spec.name).toBe(expected.name);
    expect(workspace.environmentNames).toEqual(expected.environments);
    const view = (env: string) => workspace.environmentView(env)!;
    for (const [env, features] of Object.entries(expected.features)) expect(view(env).features).toEqual(features);
    for (const [env, cuda] of Object.entries(expected.cuda)) expect(view(env).cudaVersion).toBe(cuda);
    for (const [env, platforms] of Object.entries(expected.platforms)) expect(view(env).platforms).toEqual(platforms);
    for (const [env, subdirs] of Object.entries(expected.subdirs ?? {})) expect(view(env).subdirs).toEqual(subdirs);
    // The spec's finer queries answer the same.
    for (const [env, features] of Object.entries(expected.features)) expect(workspace.spec.featuresOf(env)).toEqual(features);
    expect(workspace.file).toBeUndefined();
  });

  test('which pixi\'s schema accepts (the fixture is realistic)', () => {
    const data = tomlData(readFixture(dir, expected.file));
    expect(expected.file === 'pyproject.toml' ? pyprojectErrors(data) : pixiManifestErrors(data)).toEqual([]);
  });
});

describe('an adopted manifest stays the user\'s', () => {
  test('synthesis never writes, deletes or takes ownership of it, so `pixi add` keeps working', () => {
    const project = projectWith('solve-groups');
    const path = join(project.outdir, 'pixi.toml');
    const before = readFileSync(path, 'utf8');
    PixiWorkspace.fromManifest(project);
    project.synth();

    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(statSync(path).mode.toString(8).slice(-3)).toBe('644');
    expect(JSON.parse(readFileSync(join(project.outdir, '.projen', 'files.json'), 'utf8')).files).not.toContain('pixi.toml');
    expect(before).not.toContain('Generated by projen');
  });

  test('a manifest that does not parse names the file, line and column', () => {
    const project = projectWith('solve-groups');
    writeFileSync(join(project.outdir, 'pixi.toml'), '[workspace]\nchannels = ["conda-forge"]\nname = = "x"\n');
    expect(() => PixiWorkspace.fromManifest(project)).toThrow(/^PixiWorkspace: cannot parse pixi.toml: [a-z][^:]* at line 3, column 8; allowed: a TOML document\.$/);
    writeFileSync(join(project.outdir, 'pixi.toml'), '[workspace]\nchannels = ["conda-forge"]\nname = "x\n');
    expect(() => PixiWorkspace.fromManifest(project)).toThrow(/^PixiWorkspace: cannot parse pixi.toml: [a-z][^:]* at line 3, column \d+; allowed: a TOML document\.$/);
  });

  test('an unknown table or key is named as written, with the one pixi reads, not dumped as JSON', () => {
    const manifest = '[workspace]\nname = "x"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n';
    const parse = (text: string) => () => PixiWorkspaceSpec.parse(text, 'pixi.toml');
    expect(parse(`${manifest}[task]\nstart = "python main.py"\n`))
      .toThrow(/^PixiWorkspace: unknown table pixi.toml \[task\]; did you mean \[tasks\]\? allowed: what pixi reads there: .*tasks/);
    expect(parse(`${manifest}[feature.gpu.task]\nstart = "x"\n`)).toThrow(/unknown table pixi.toml \[feature.gpu.task\]; did you mean \[feature.gpu.tasks\]\?/);
    expect(parse(`${manifest}[tasks.b]\ncmd = "x"\ndepend-on = ["a"]\n`)).toThrow(/unknown key pixi.toml tasks.b.depend-on; did you mean depends-on\?/);
    expect(parse(`${manifest}[task]\nstart = "python main.py"\n`)).not.toThrow(/python main.py|\{/);
  });

  test('a pyproject.toml without [tool.pixi] is refused', () => {
    expect(() => PixiWorkspaceSpec.parse('[project]\nname = "x"\n', 'pyproject.toml')).toThrow(/invalid pyproject.toml tool.pixi undefined; allowed: a \[tool.pixi\] table/);
  });

  test('a manifest without [workspace] or [project] is refused', () => {
    expect(() => PixiWorkspaceSpec.parse('[dependencies]\npython = "3.12"\n', 'pixi.toml')).toThrow(/invalid pixi.toml workspace undefined; allowed: a table \(or the legacy \[project\] one\)/);
    expect(() => PixiWorkspaceSpec.parse('[package]\nname = "core"\n', 'pixi.toml')).toThrow(/invalid pixi.toml workspace undefined; allowed: a table \(or the legacy \[project\] one\); it is the manifest of a package/);
  });

  test('an environment using an undefined feature fails as in pixi', () => {
    const text = '[workspace]\nchannels = []\nplatforms = ["linux-64"]\n[environments]\ngpu = ["cuda"]\n';
    expect(() => PixiWorkspaceSpec.parse(text, 'pixi.toml')).toThrow(/invalid pixi.toml environments.gpu.features "cuda"; allowed: features the manifest defines/);
  });

  test('a missing file or another file name is refused', () => {
    const project = new Project({ name: 'empty', outdir: tempRepository() });
    expect(() => PixiWorkspace.fromManifest(project)).toThrow(/invalid manifestFile "pixi.toml"; allowed: a manifest that exists in .*: not found/);
    expect(() => PixiWorkspace.fromManifest(project, 'environment.yml')).toThrow(/invalid manifestFile "environment.yml"; allowed: pixi.toml or pyproject.toml/);
  });

  test('queries about an unknown environment name the ones that exist', () => {
    const workspace = PixiWorkspace.fromManifest(projectWith('solve-groups'));
    expect(workspace.environmentView('gpu')).toBeUndefined();
    expect(() => workspace.spec.featuresOf('gpu')).toThrow(/invalid environment "gpu"; allowed: an environment of the workspace: default, prod, lint/);
  });

  test('the manifest kind is the file\'s', () => {
    expect(PixiWorkspaceSpec.parse(readFixture('pyproject', 'pyproject.toml'), 'pyproject.toml').manifestFile).toBe(PixiManifestFile.PYPROJECT_TOML);
    expect(() => PixiWorkspaceSpec.parse(readFixture('pyproject', 'pyproject.toml'), 'pyproject.toml').render()).toThrow(/not rendered again/);
  });
});
