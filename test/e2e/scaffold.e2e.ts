import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Buildah } from './buildah';
import { GIT_IDENTITY, packLibrary, PROJEN, run, runFailing } from '../helpers/pack';
import { tempDir } from '../helpers/temp';

/*
 * `npx projen new --from projen-pixi` in an empty git repository, as a new user runs it: the scaffold
 * builds with buildah as it is (after `pixi lock`, here a stand-in lock for the stub pixi) and runs.
 */
jest.setTimeout(600_000);

const buildah = Buildah.setUp(0.1);
const work = tempDir('e2e-scaffold-');
const dir = mkdtempSync(join(work, 'repo-'));
const ENVIRONMENTS = [['cpu', 'none'], ['gpu', '12']] as const;

beforeAll(() => {
  const tarball = packLibrary(work);
  run('git', ['init', '-q', '-b', 'main'], dir);
  run(PROJEN, ['new', '--from', tarball, 'pixi', '--environments', 'cpu', '--environments', 'gpu', '--cuda-version', '12',
    '--dependencies', 'python=3.12.*'], dir, GIT_IDENTITY);
  // What `pixi lock` would write; the stub pixi only checks that it is there.
  writeFileSync(join(dir, 'pixi.lock'), 'version: 6\n');
  for (const [environment] of ENVIRONMENTS) {
    buildah.build(dir, `Dockerfile.${environment}`, `e2e/scaffold:${environment}`, join(work, `log-${environment}`));
  }
});

describe.each(ENVIRONMENTS)('the new scaffold\'s %s image', (environment, cuda) => {
  const tag = `e2e/scaffold:${environment}`;

  test('runs its default command, an interactive bash, in the activated environment', () => {
    const result = buildah.run(tag);
    expect(result.status).toBe(0);
    const shown = buildah.run(tag, ['bash', '-c', 'echo "$CONDA_PREFIX"; cat /app/src/README.md']);
    expect(shown.status).toBe(0);
    expect(shown.stdout).toContain(`/app/.pixi/envs/${environment}\n`);
    expect(shown.stdout).toContain(readFileSync(join(dir, 'app', 'README.md'), 'utf8'));
  });

  test('installed its environment with the CUDA version of the new workspace', () => {
    const record = buildah.withRootfs(tag, (root) => readFileSync(join(root, 'app', '.pixi', 'envs', environment, 'conda-meta', 'stub-install'), 'utf8'));
    expect(record.trim()).toBe(`environment=${environment} cuda=${cuda}`);
  });
});

describe('the packed package checks a workflow override with its own actionlint, schema and trust rules (issue 30)', () => {
  const projenrc = join(dir, '.projenrc.js');
  const withOverride = (override: string) => {
    const original = readFileSync(projenrc, 'utf8');
    writeFileSync(projenrc, original.replace(/^project\.synth\(\);$/m, `${override}\nproject.synth();`));
    return () => writeFileSync(projenrc, original);
  };

  test('an override that breaks the workflow fails npx projen with actionlint\'s message; a sound one is written', () => {
    let restore = withOverride('project.dockerWorkflow.addOverride(\'jobs.publish-gpu.needs\', [\'nope\']);');
    try {
      const failure = runFailing(PROJEN, [], dir, { PROJEN_DISABLE_POST: 'true' });
      expect(failure).toMatch(/invalid addOverride\("jobs.publish-gpu.needs"\) \["nope"\]; .*actionlint: \d+:\d+: job "publish-gpu" needs job "nope" which does not exist/);
    } finally {
      restore();
    }
    restore = withOverride('project.dockerWorkflow.addOverride(\'jobs.build-gpu.timeout-minutes\', 360);');
    try {
      run(PROJEN, [], dir, { PROJEN_DISABLE_POST: 'true' });
      expect(readFileSync(join(dir, '.github', 'workflows', 'docker.yaml'), 'utf8')).toMatch(/^ {4}timeout-minutes: 360$/m);
    } finally {
      restore();
    }
  });
});
