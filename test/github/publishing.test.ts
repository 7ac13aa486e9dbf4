/*
 * Issue 30: publishing beyond GHCR and the steps a repository needs. Every option's workflow goes through
 * actionlint, the workflow schema, shellcheck and the trust rules.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { parse } from 'yaml';
import { ApptainerDefinition, CheckoutSubmodules, DefaultImageTag, GhcrWorkflow, GhcrWorkflowOptions, PixiDockerImage, PixiProject } from '../../src';
import { tempImageRepository, tempRepository } from '../helpers/project';
import { refusal } from '../helpers/refusal';
import { securityFindings } from '../helpers/workflow-security';
import { workflowFindings } from '../helpers/workflow-validators';

const CHECKOUT_SHA = 'actions/setup-python@a26af69be951a213d495a4c3e4e4022e16d87065';

function workflowOf(options: GhcrWorkflowOptions, apptainer = false): string {
  const root = new Project({ name: 'lab', outdir: tempImageRepository() });
  const image = new PixiDockerImage(root, { environment: 'gpu', cudaVersion: '12' });
  if (apptainer) new ApptainerDefinition(root, { image });
  new GhcrWorkflow(root, options);
  return Testing.synth(root)['.github/workflows/docker.yaml'];
}

const OPTIONS: [string, GhcrWorkflowOptions][] = [
  ['extraRegistries', {
    extraRegistries: [
      { image: 'docker.io/my-lab/cuda-exercise', passwordSecret: 'DOCKERHUB_TOKEN' },
      { image: 'quay.io/my-lab/cuda-exercise', usernameSecret: 'QUAY_USER', passwordSecret: 'QUAY_TOKEN' },
    ],
  }],
  ['pullRegistries', { pullRegistries: [{ registry: 'registry.example.org', usernameSecret: 'SITE_USER', passwordSecret: 'SITE_TOKEN' }] }],
  ['checkout', { checkout: { submodules: CheckoutSubmodules.RECURSIVE, fullHistory: true, lfs: true } }],
  ['preBuildSteps', {
    preBuildSteps: [
      { name: 'Set up Python', uses: CHECKOUT_SHA, with: { 'python-version': '3.12' } },
      { name: 'Fetch the weights', run: 'python scripts/fetch_weights.py --to app/weights\n', env: { REVISION: 'v2' } },
    ],
  }],
  ['testCommands', { testCommands: ['pixi run --frozen test', 'python -c "import torch"'] }],
  ['defaultTags and rawTags', { defaultTags: [DefaultImageTag.SHA], rawTags: ['noble-cuda-12.9'] }],
  ['apptainerPackage', { apptainerPackage: 'ghcr.io/my-lab/cuda-exercise-sif' }],
];

describe.each(OPTIONS)('%s', (_name, options) => {
  test('the workflow passes actionlint, the schema, shellcheck and the trust rules', async () => {
    const text = workflowOf(options, true);
    expect(await workflowFindings(text)).toEqual([]);
    expect(securityFindings(text)).toEqual([]);
  });
});

test('all the options together: the workflow passes every check', async () => {
  const text = workflowOf(Object.assign({}, ...OPTIONS.map(([, options]) => options)), true);
  expect(await workflowFindings(text)).toEqual([]);
  expect(securityFindings(text)).toEqual([]);
});

describe('overrides: applied before the workflow is checked, so that one cannot silently break it', () => {
  function synthWith(edit: (workflow: GhcrWorkflow) => void): string {
    const root = new Project({ name: 'lab', outdir: tempImageRepository() });
    new PixiDockerImage(root, { environment: 'gpu', cudaVersion: '12' });
    edit(new GhcrWorkflow(root));
    return Testing.synth(root)['.github/workflows/docker.yaml'];
  }

  test('a value set and a key removed reach the file, which still passes every check', async () => {
    const text = synthWith((workflow) => {
      workflow.addOverride('jobs.build-gpu.timeout-minutes', 360);
      workflow.addOverride('jobs.build-gpu.steps.1.with.fetch-depth', 0);
      workflow.addDeletionOverride('on.workflow_dispatch');
    });
    const workflow = parse(text);
    expect(workflow.jobs['build-gpu']['timeout-minutes']).toBe(360);
    expect(workflow.jobs['build-gpu'].steps[1]).toMatchObject({ name: 'Checkout', with: { 'fetch-depth': 0 } });
    expect(workflow.on.workflow_dispatch).toBeUndefined();
    expect(await workflowFindings(text)).toEqual([]);
    expect(securityFindings(text)).toEqual([]);
  });

  test.each<[string, (workflow: GhcrWorkflow) => void, RegExp]>([
    ['the schema', (w) => w.addOverride('jobs.build-gpu.timeout-minutes', 'soon'),
      /invalid addOverride\("jobs.build-gpu.timeout-minutes"\) "soon"; allowed: an override after which the workflow passes its checks: the workflow schema: \/jobs\/build-gpu/],
    ['actionlint', (w) => w.addOverride('jobs.publish-gpu.needs', ['build-cpu']),
      /invalid addOverride\("jobs.publish-gpu.needs"\) \["build-cpu"\]; .*actionlint: \d+:\d+: job "publish-gpu" needs job "build-cpu" which does not exist/],
    ['the trust rules: a write permission', (w) => w.addOverride('jobs.check-gpu.permissions.packages', 'write'),
      /the trust rules: jobs.check-gpu: a pull request can run it, and it holds packages: write/],
    ['the trust rules: a pushing job a pull request runs', (w) => w.addDeletionOverride('jobs.build-gpu.if'),
      /invalid addDeletionOverride\("jobs.build-gpu.if"\) null; .*the trust rules: jobs.build-gpu: a pull request can run it, and it holds packages: write/],
    ['the trust rules: a secret in a pull request', (w) => w.addOverride('jobs.check-gpu.env', { TOKEN: '${{ secrets.HF_TOKEN }}' }),
      /the trust rules: jobs.check-gpu: a pull request can run it, and it reads a secret/],
  ])('an override that breaks %s fails synthesis with the checker\'s message', (_name, edit, message) => {
    expect(() => synthWith(edit)).toThrow(message);
  });

  test.each<[string, unknown, unknown, RegExp]>([
    ['an empty key', 'jobs..name', 'x', /invalid addOverride "jobs..name"; allowed: a key path of non-empty keys/],
    ['a prototype key', '__proto__.polluted', 'x', /invalid addOverride "__proto__.polluted"/],
    ['a function', 'jobs.build-gpu.name', () => 'x', /invalid addOverride\("jobs.build-gpu.name"\) .*allowed: YAML data/],
    ['a path that is no string', 42, 'x', /invalid addOverride 42; allowed: a key path/],
  ])('a bad override is refused when it is made: %s', (_name, path, value, message) => {
    const root = new Project({ name: 'lab', outdir: tempImageRepository() });
    new PixiDockerImage(root, {});
    const workflow = new GhcrWorkflow(root);
    expect(() => workflow.addOverride(path as string, value)).toThrow(message);
  });
});

describe('extra registries get the same digest as GHCR, from one build', () => {
  const workflow = () => parse(workflowOf({
    extraRegistries: [
      { image: 'docker.io/my-lab/cuda-exercise', passwordSecret: 'DOCKERHUB_TOKEN' },
      { image: 'quay.io/my-lab/cuda-exercise', usernameSecret: 'QUAY_USER', passwordSecret: 'QUAY_TOKEN' },
    ],
  }));

  test('each platform is built once, pushed to GHCR by digest; the publish job names the index at every registry', () => {
    const jobs = workflow().jobs;
    const builds = Object.values<any>(jobs).flatMap((job) => job.steps).filter((step) => step.uses?.startsWith('docker/build-push-action@'));
    // One build per job: the pull request's check (pushes nothing) and the push's build (pushes to GHCR only).
    expect(builds.map((step) => step.with.outputs)).toEqual(['type=docker', expect.stringMatching(/^type=image,name=\$\{\{ steps.image.outputs.name \}\},push-by-digest=true/)]);
    const meta = jobs['publish-gpu'].steps.find((step: any) => step.id === 'meta');
    expect(meta.with.images.split('\n').filter(Boolean)).toEqual(['${{ steps.image.outputs.name }}', 'docker.io/my-lab/cuda-exercise', 'quay.io/my-lab/cuda-exercise']);
  });

  test('the index script writes one index, from the GHCR digests, under every name: one digest everywhere', () => {
    const step = workflow().jobs['publish-gpu'].steps.find((s: any) => s.id === 'index');
    const dir = mkdtempSync(join(tmpdir(), 'index-'));
    mkdirSync(join(dir, 'digests'));
    mkdirSync(join(dir, 'bin'));
    const digests = ['a'.repeat(64), 'b'.repeat(64)];
    for (const digest of digests) writeFileSync(join(dir, 'digests', digest), '');
    // A docker that records each call, one line of arguments separated by tabs.
    writeFileSync(join(dir, 'bin', 'docker'), '#!/bin/bash\n(IFS=$\'\\t\'; echo "$*") >> "$CALLS"\n'
      + '[ "$2 $3" = "imagetools inspect" ] && echo \'{"digest":"sha256:' + 'c'.repeat(64) + '"}\'\nexit 0\n', { mode: 0o755 });
    const names = ['ghcr.io/my-lab/cuda-exercise', 'docker.io/my-lab/cuda-exercise', 'quay.io/my-lab/cuda-exercise'];
    // What docker/metadata-action hands on: every tag of every image.
    const metadata = { tags: names.flatMap((name) => [`${name}:sha-0123456`, `${name}:latest`]), annotations: ['index:org.opencontainers.image.revision=0123456'] };
    // stdin not a socket (libuv's pipes are), or bash reads ~/.bashrc as if a remote shell ran it.
    const result = spawnSync('bash', ['-e', '-c', step.run], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        PATH: `${join(dir, 'bin')}:${process.env.PATH}`,
        CALLS: join(dir, 'calls'),
        RUNNER_TEMP: dir,
        IMAGE: names[0],
        GITHUB_OUTPUT: join(dir, 'output'),
        DOCKER_METADATA_OUTPUT_JSON: JSON.stringify(metadata),
      },
    });
    expect(result.stderr).toBe('');
    const calls = readFileSync(join(dir, 'calls'), 'utf8').trim().split('\n').map((line) => line.split('\t'));
    const creates = calls.filter((args) => args.slice(0, 3).join(' ') === 'buildx imagetools create');
    expect(creates).toHaveLength(1);
    expect(creates[0].filter((arg) => arg.startsWith('--tag=')).sort()).toEqual(metadata.tags.map((tag) => `--tag=${tag}`).sort());
    expect(creates[0].filter((arg) => !arg.startsWith('--'))).toEqual(['buildx', 'imagetools', 'create', ...digests.map((d) => `${names[0]}@sha256:${d}`)]);
    expect(readFileSync(join(dir, 'output'), 'utf8')).toBe(`digest=sha256:${'c'.repeat(64)}\n`);
  });
});

test('testCommands: a failing command stops the tagging, so no tag and no other registry names the image', () => {
  const jobs = parse(workflowOf({ testCommands: ['pixi run --frozen test'], extraRegistries: [{ image: 'docker.io/my-lab/x', passwordSecret: 'T' }] })).jobs;
  const names = jobs['build-gpu'].steps.map((step: any) => step.name);
  // The digest reaches the publish job only through the artifact uploaded after the tests; publish needs the build.
  expect(names.indexOf('Test 1: pixi run --frozen test')).toBeGreaterThan(names.indexOf('Build'));
  expect(names.indexOf('Test 1: pixi run --frozen test')).toBeLessThan(names.indexOf('Upload digest'));
  expect(jobs['publish-gpu'].needs).toEqual(['build-gpu']);
  // The pull request's check runs them too, on the loaded image.
  expect(jobs['check-gpu'].steps.find((step: any) => step.env?.TEST_COMMAND)).toMatchObject({ env: { IMAGE_REF: '${{ steps.build.outputs.imageid }}' } });
});

describe('PixiProject: the workflow\'s options as dockerWorkflow, its overrides through project.dockerWorkflow', () => {
  test('extra registries and an override reach docker.yaml', () => {
    const project = new PixiProject({ name: 'lab', outdir: tempRepository(), dockerWorkflow: { extraRegistries: [{ image: 'docker.io/my-lab/lab', passwordSecret: 'T' }] } });
    project.dockerWorkflow.addOverride('jobs.build-default.timeout-minutes', 300);
    const workflow = parse(Testing.synth(project)['.github/workflows/docker.yaml']);
    expect(workflow.jobs['build-default']['timeout-minutes']).toBe(300);
    expect(workflow.jobs['publish-default'].steps.find((step: any) => step.id === 'meta').with.images).toContain('docker.io/my-lab/lab');
  });

  test('a refusal names PixiProject\'s option', () => {
    const error = refusal(() => new PixiProject({ name: 'lab', outdir: tempRepository(), dockerWorkflow: { extraRegistries: [{ image: 'x', passwordSecret: 'T' }] } }));
    expect([error.construct, error.option]).toEqual(['PixiProject', 'dockerWorkflow.extraRegistries[0].image']);
  });
});
