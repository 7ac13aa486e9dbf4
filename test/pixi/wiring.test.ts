import { cpSync, readFileSync } from 'fs';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { DockerIgnore, PixiDockerImage, PixiDockerImageSpec, PixiWorkspaceSpec, PixiManifestFile, PixiWorkspace } from '../../src';
import { parseInstructions } from '../helpers/dockerfile';
import { tempRepository } from '../helpers/project';
import { manifestFixture, readFixture } from '../helpers/toml';

function cudaExercise(project: Project): PixiWorkspace {
  return new PixiWorkspace(project, {
    platforms: ['linux-64', 'osx-arm64', 'win-64'],
    dependencies: { python: '>=3.13.5,<3.14' },
    features: {
      cpu: { dependencies: { 'pytorch-cpu': '>=2.7.1,<3' } },
      gpu: { systemRequirements: { cuda: '12' }, targets: { 'linux-64': { dependencies: { 'pytorch-gpu': '>=2.7.1,<3' } } } },
      mac: { platforms: ['osx-arm64'] },
    },
    environments: { cpu: { features: ['cpu'] }, gpu: { features: ['gpu'] }, mac: { features: ['mac'] } },
  });
}

const cudaOverride = (dockerfile: string) =>
  parseInstructions(dockerfile).filter((i) => i.args.startsWith('CONDA_OVERRIDE_CUDA=')).map((i) => i.args);

describe('PixiDockerImage uses the project\'s workspace', () => {
  test('the CUDA version comes from the environment\'s features', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    cudaExercise(project);
    new PixiDockerImage(project, { environment: 'gpu', dockerfile: 'Dockerfile.gpu' });
    new PixiDockerImage(project, { environment: 'cpu', dockerfile: 'Dockerfile.cpu' });
    const files = Testing.synth(project);

    expect(cudaOverride(files['Dockerfile.gpu'])).toEqual(['CONDA_OVERRIDE_CUDA=12']);
    expect(cudaOverride(files['Dockerfile.cpu'])).toEqual([]);
    expect(files['pixi.toml']).toContain('[feature.gpu.system-requirements]');
  });

  test('an explicit cudaVersion wins', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    cudaExercise(project);
    const image = new PixiDockerImage(project, { environment: 'gpu', cudaVersion: '12.9' });
    expect(image.spec.cudaVersion).toBe('12.9');
  });

  test('a missing environment fails, listing the available ones', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    cudaExercise(project);
    expect(() => new PixiDockerImage(project, { environment: 'tpu' }))
      .toThrow('PixiDockerImage: invalid environment "tpu"; allowed: an environment of the workspace: default, cpu, gpu, mac.');
  });

  test('an environment the workspace does not solve for linux-64 fails, as pixi install would', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    cudaExercise(project);
    expect(() => new PixiDockerImage(project, { environment: 'mac' }))
      .toThrow(/invalid environment "mac"; allowed: an environment the workspace solves for linux-64 \(this one has osx-arm64; add "linux-64"/);
  });

  test('an adopted pyproject.toml is what the Dockerfile copies and .dockerignore must keep', () => {
    const outdir = tempRepository('src');
    cpSync(manifestFixture('pyproject'), outdir, { recursive: true });
    const project = new Project({ name: 'p', outdir });
    PixiWorkspace.fromManifest(project, 'pyproject.toml');
    // The workspace installs itself in editable mode (path = "."), from its src/ directory.
    const image = new PixiDockerImage(project, { environment: 'cuda', installInputs: ['src'], copySources: false });
    const ignore = new DockerIgnore(project);

    expect(image.spec.manifestFile).toBe(PixiManifestFile.PYPROJECT_TOML);
    expect(image.spec.cudaVersion).toBe('12.4');
    project.synth();
    expect(readFileSync(join(outdir, 'Dockerfile'), 'utf8')).toContain('COPY pyproject.toml pixi.lock ./');
    ignore.exclude('*.toml');
    expect(() => project.synth()).toThrow(/"pyproject.toml" \(copied by Dockerfile\)/);
  });

  test('a manifestFile that contradicts the workspace is refused', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    cudaExercise(project);
    expect(() => new PixiDockerImage(project, { manifestFile: PixiManifestFile.PYPROJECT_TOML }))
      .toThrow(/invalid manifestFile "pyproject.toml"; allowed: the workspace's manifest, pixi.toml/);
  });

  test('a workspace can be passed explicitly, e.g. from a parent project', () => {
    const root = new Project({ name: 'root', outdir: tempRepository() });
    const workspace = cudaExercise(root);
    const sub = new Project({ name: 'image', parent: root, outdir: 'image' });
    const image = new PixiDockerImage(sub, { environment: 'gpu', workspace });
    expect(image.spec.cudaVersion).toBe('12');
  });
});

describe('PixiDockerImageSpec takes a pure PixiWorkspaceSpec', () => {
  test('rich CUDA platforms give the CUDA version', () => {
    const manifest = PixiWorkspaceSpec.parse(readFixture('rich-cuda', 'pixi.toml'), 'pixi.toml');
    const spec = new PixiDockerImageSpec({ environment: 'gpu', workspace: manifest });
    expect(spec.cudaVersion).toBe('12.9');
    expect(spec.renderDockerfile()).toContain('ENV CONDA_OVERRIDE_CUDA=12.9');
  });

  test('without a workspace nothing is checked or derived', () => {
    expect(new PixiDockerImageSpec({ environment: 'anything' }).cudaVersion).toBeUndefined();
  });
});
