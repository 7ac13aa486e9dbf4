import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';
import { Testing } from 'projen';
import { PixiProject } from '../../src';
import { tempOutdir } from '../helpers/project';
import { manifestFixture } from '../helpers/toml';

const ROOT = join(__dirname, '..', '..');

function run(command: string, args: string[], cwd: string) {
  const result = spawnSync(command, args, { cwd, encoding: 'utf8', env: { ...process.env, CI: 'true' } });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Every file of a directory (without node_modules and .git), with its content. */
function tree(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const entry of readdirSync(d)) {
      if (entry === 'node_modules' || entry === '.git') continue;
      const path = join(d, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('PixiProject', () => {
  test('writes a workspace, one image per environment, .dockerignore and the workflow; CUDA only where asked', () => {
    const project = new PixiProject({ name: 'lab', outdir: tempOutdir(), environments: ['cpu', 'gpu'], cudaVersion: '12' });
    const files = Testing.synth(project);

    expect(Object.keys(files)).toEqual(expect.arrayContaining([
      'pixi.toml', 'Dockerfile.cpu', 'Dockerfile.gpu', 'entrypoint.cpu.sh', 'entrypoint.gpu.sh', '.dockerignore',
      '.github/workflows/docker.yaml',
    ]));
    expect(files['Dockerfile.gpu']).toContain('ENV CONDA_OVERRIDE_CUDA=12');
    expect(files['Dockerfile.cpu']).not.toContain('CONDA_OVERRIDE_CUDA');
    expect(project.workspace.manifest.generated).toBe(true);
  });

  test('adopts the user\'s pixi.toml, and never the one it generated itself', () => {
    const outdir = tempOutdir();
    writeFileSync(join(outdir, 'pixi.toml'), '[workspace]\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n[feature.prod]\n[environments]\nprod = ["prod"]\n');
    const adopting = new PixiProject({ name: 'mine', outdir, environments: ['prod'] });
    expect(adopting.workspace.manifest.generated).toBe(false);

    const generatedDir = tempOutdir();
    new PixiProject({ name: 'gen', outdir: generatedDir }).synth();
    expect(new PixiProject({ name: 'gen', outdir: generatedDir }).workspace.manifest.generated).toBe(true);
  });

  test('adopts a workspace with a CUDA platform beside a plain one, installing the chosen one', () => {
    const adopting = () => {
      const outdir = tempOutdir();
      cpSync(manifestFixture('multi-machine'), outdir, { recursive: true });
      return outdir;
    };
    const byDefault = Testing.synth(new PixiProject({ name: 'mm', outdir: adopting(), environments: ['default'] }));
    expect(byDefault.Dockerfile).toContain('pixi install --locked --environment default --platform cuda-linux-64');
    const cpu = Testing.synth(new PixiProject({ name: 'mm', outdir: adopting(), environments: ['default'], imagePlatform: 'linux-64' }));
    expect(cpu.Dockerfile).toContain('--platform linux-64');
    expect(cpu.Dockerfile).toContain('LABEL sh.pixi.platform="linux-64"');
  });

  test('adopts a pyproject.toml that installs itself in editable mode, given its install inputs', () => {
    const outdir = tempOutdir();
    writeFileSync(join(outdir, 'pyproject.toml'), [
      '[project]', 'name = "seg"', 'version = "0.1.0"', '[tool.pixi.workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]',
      '[tool.pixi.pypi-dependencies]', 'seg = { path = ".", editable = true }', '',
    ].join('\n'));
    expect(() => new PixiProject({ name: 'seg', outdir })).toThrow(/invalid installInputs \[\]; allowed: entries holding the files pixi install reads for "seg"/);
    const files = Testing.synth(new PixiProject({ name: 'seg', outdir, installInputs: ['src'], copySources: false }));
    expect(files.Dockerfile).toContain('COPY src ./src');
    expect(files.Dockerfile).toContain('COPY --from=build /app/src /app/src');
  });
});

describe('npx projen new --from projen-pixi', () => {
  const work = mkdtempSync(join(tmpdir(), 'projen-new-'));
  let tarball: string;

  beforeAll(() => {
    // The package as npm would publish it: compiled by jsii, with its .jsii manifest and bundled dependencies.
    run('npx', ['jsii', '--silence-warnings=reserved-word'], ROOT);
    const packed = run('npm', ['pack', '--pack-destination', work, '--silent'], ROOT).trim().split('\n').pop()!;
    tarball = join(work, packed);
  }, 300_000);

  function projenNew(dir: string, args: string[]): void {
    run(join(ROOT, 'node_modules', '.bin', 'projen'), ['new', '--from', tarball, 'pixi', '--no-git', ...args], dir);
  }

  test('creates a ready repository that synthesizes again without changes', () => {
    const dir = mkdtempSync(join(work, 'new-'));
    projenNew(dir, ['--environments', 'cpu', '--environments', 'gpu', '--cuda-version', '12', '--apptainer']);
    const created = tree(dir);

    expect(Object.keys(created)).toEqual(expect.arrayContaining([
      '.projenrc.js', 'pixi.toml', 'Dockerfile.cpu', 'Dockerfile.gpu', 'entrypoint.gpu.sh', 'apptainer.gpu.def',
      '.dockerignore', '.github/workflows/docker.yaml',
    ]));
    expect(created['.projenrc.js']).toContain('new PixiProject(');
    expect(created['Dockerfile.gpu']).toContain('ENV CONDA_OVERRIDE_CUDA=12');

    run('npx', ['projen'], dir);
    expect(tree(dir)).toEqual(created);
  }, 300_000);

  test('adopts the pixi.toml already in the folder and leaves it alone', () => {
    const dir = mkdtempSync(join(work, 'adopt-'));
    const manifest = '[workspace]\nname = "mine"\nchannels = ["conda-forge"]\nplatforms = ["linux-64"]\n\n[dependencies]\npython = "3.13.*"\n';
    writeFileSync(join(dir, 'pixi.toml'), manifest);
    projenNew(dir, []);

    expect(readFileSync(join(dir, 'pixi.toml'), 'utf8')).toBe(manifest);
    expect(readFileSync(join(dir, 'Dockerfile'), 'utf8')).toContain('pixi install --locked --environment default');
    run('npx', ['projen'], dir);
    expect(readFileSync(join(dir, 'pixi.toml'), 'utf8')).toBe(manifest);
  }, 300_000);
});
