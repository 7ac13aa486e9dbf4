import { spawnSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { tempOutdir } from './helpers/project';

/** The README's main job: the .projenrc-style demo synthesizes the cuda-exercise example. */
test('npm run demo writes and prints the gpu Dockerfile, its entrypoint and .dockerignore', () => {
  const outdir = join(tempOutdir(), 'lesson');
  const root = join(__dirname, '..');
  const result = spawnSync('npx', ['ts-node', '--project', 'test/tsconfig.json', 'examples/cuda-exercise/demo.ts'], {
    cwd: root, encoding: 'utf8', env: { ...process.env, DEMO_OUTDIR: outdir },
  });

  expect(result.stderr.replace(/npm warn.*\n/g, '')).toBe('');
  expect(result.status).toBe(0);
  for (const file of ['pixi.toml', 'Dockerfile.gpu', 'entrypoint.gpu.sh', '.dockerignore']) {
    expect(result.stdout).toContain(`===== cuda-exercise/${file} =====`);
  }
  const files = ['Dockerfile.cpu', 'Dockerfile.gpu', 'entrypoint.cpu.sh', 'entrypoint.gpu.sh', '.dockerignore', 'pixi.toml',
    'apptainer.gpu.def', 'app/torch_detect_GPU.py'].map((file) => `cuda-exercise/${file}`);
  for (const file of [...files, '.github/workflows/docker.yaml']) expect([file, existsSync(join(outdir, file))]).toEqual([file, true]);
}, 60_000);
