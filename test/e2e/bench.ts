/*
 * `npm run bench`: measures, in one run on this machine, what the OPTIMIZED recipe buys over the
 * lesson's (TUTORIAL), and how synthesis cost grows with work. Prints a markdown table.
 * Timings are medians; nothing here is asserted.
 */
import { spawnSync } from 'child_process';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { cpus } from 'os';
import { join } from 'path';
import { Project, Testing } from 'projen';
import { parse } from 'yaml';
import { Buildah, installCount } from './buildah';
import { cudaExercise, ImageUnderTest } from './repositories';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { DockerIgnore, DockerRecipe, GhcrWorkflow, PixiDockerImage, PixiWorkspace, PixiWorkspaceSpec, WorkflowRecipe } from '../../src';
import { compileLibrary } from '../helpers/pack';
import { tempImageRepository, tempOutdir, tempRepository } from '../helpers/project';
import { removeTempDirs } from '../helpers/temp';

const STUB_INSTALL_SECONDS = 2;
const STUB_ENVIRONMENT_MB = 50;
const REBUILDS = 3;
const SYNTH_RUNS = 5;
/** Whole `node` processes per kind, interleaved so that machine noise hits every kind alike. */
const PROCESS_RUNS = 11;
const ROOT = join(__dirname, '..', '..');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const fmt = (n: number, digits = 2) => n.toFixed(digits);
const mb = (bytes: number) => `${fmt(bytes / 1e6, 1)} MB`;
const kb = (bytes: number) => `${fmt(bytes / 1e3, 1)} kB`;

function seconds(work: () => void): number {
  const started = process.hrtime.bigint();
  work();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** Median time of synthesizing a fresh project built by `make`. */
function synthTime(make: (project: Project) => void): number {
  process.env.PROJEN_DISABLE_POST = 'true';
  return median(Array.from({ length: SYNTH_RUNS }, () => {
    const project = new Project({ name: 'bench', outdir: tempRepository() });
    return seconds(() => {
      make(project);
      project.synth();
    });
  }));
}

function imageStack(count: number) {
  return (project: Project) => {
    new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);
    for (let i = 0; i < count; i++) new PixiDockerImage(project, { environment: i % 2 ? 'gpu' : 'cpu', dockerfile: `Dockerfile.${i}` });
    new DockerIgnore(project);
    new GhcrWorkflow(project);
  };
}

/** A kind of synthesis process: its script, and what to do before each run of it. */
interface ProcessKind {
  readonly script: string;
  /** Prepares the run's fresh project directory. */
  readonly before?: (outdir: string) => void;
}

/**
 * Wall time of whole `node` processes that load projen (and the compiled library) and synthesize: what a user
 * waits for at `npx projen`. Runs the kinds in turn, PROCESS_RUNS times, and returns the median of each.
 */
function processSeconds(kinds: Record<string, ProcessKind>): Record<string, number> {
  const times: Record<string, number[]> = Object.fromEntries(Object.keys(kinds).map((kind) => [kind, []]));
  for (let run = 0; run < PROCESS_RUNS; run++) {
    for (const [kind, { script, before }] of Object.entries(kinds)) {
      const outdir = tempRepository();
      before?.(outdir);
      times[kind].push(seconds(() => {
        const result = spawnSync(process.execPath, ['-e', script], { cwd: outdir, encoding: 'utf8', env: { ...process.env, PROJEN_DISABLE_POST: 'true' } });
        if (result.status !== 0) throw new Error(`synthesis process failed:\n${result.stderr}`);
      }));
    }
  }
  return Object.fromEntries(Object.entries(times).map(([kind, values]) => [kind, median(values)]));
}

/** A synthesis script: a bare projen project, plus what `body` adds with the compiled library (package.json "main"). */
function synthesisScript(body: string): string {
  return [
    `const { Project } = require(${JSON.stringify(join(ROOT, 'node_modules', 'projen'))});`,
    body ? `const lib = require(${JSON.stringify(ROOT)});` : '',
    'const project = new Project({ name: "bench", outdir: process.cwd() });',
    body,
    'project.synth();',
  ].join('\n');
}

/** Where lib/main.js keeps the V8 code cache of the bundle (see src/main.ts). */
const CODE_CACHE = join(ROOT, 'node_modules', '.cache', 'projen-pixi');
const dropCodeCache = () => rmSync(CODE_CACHE, { recursive: true, force: true });
/** A first run after an upgrade of the bundle: the compiled schemas' cache stays, as it does when only the bundle changes. */
const dropBundleCache = () => {
  for (const file of existsSync(CODE_CACHE) ? readdirSync(CODE_CACHE) : []) if (file.startsWith('bundle-')) rmSync(join(CODE_CACHE, file));
};

const STACK = (images: number, workspace = `new lib.PixiWorkspace(project, ${JSON.stringify(CUDA_EXERCISE_WORKSPACE)});`) => [
  workspace,
  `for (let i = 0; i < ${images}; i++) new lib.PixiDockerImage(project, { environment: i % 2 ? "gpu" : "cpu", dockerfile: "Dockerfile." + i });`,
  'new lib.DockerIgnore(project);',
  'new lib.GhcrWorkflow(project);',
].join('\n');

/** The seed stack over the same workspace as a pixi.toml of the user's, adopted as `projen new` does in every pixi repository. */
const ADOPTED_STACK = STACK(2, 'lib.PixiWorkspace.fromManifest(project);');
const writeUsersManifest = (outdir: string) => {
  writeFileSync(join(outdir, 'pixi.toml'), PixiWorkspaceSpec.fromOptions(CUDA_EXERCISE_WORKSPACE).render());
  writeFileSync(join(outdir, 'pixi.lock'), 'version: 6\n');
};

/** New blob bytes a registry receives, and a compute node pulls, after each kind of commit. */
function pushedBytes(buildah: Buildah, image: ImageUnderTest, logs: string): { sourceEdit: number; lockChange: number } {
  const layouts = mkdtempSync(join(logs, 'oci-'));
  const push = (name: string) => buildah.pushToOciLayout(image.tag, join(layouts, `${image.recipe}-${name}`));
  const newBytes = (before: Map<string, number>, after: Map<string, number>) =>
    [...after].filter(([digest]) => !before.has(digest)).reduce((sum, [, size]) => sum + size, 0);
  const log = join(logs, `push-${image.dockerfile}`);
  buildah.build(image.context, image.dockerfile, image.tag, log);
  const first = push('first');
  appendFileSync(image.sourceFile, 'print("a source-only commit")\n');
  buildah.build(image.context, image.dockerfile, image.tag, log);
  const afterSource = push('source');
  appendFileSync(join(image.context, 'pixi.lock'), `# a lock change for ${image.dockerfile}\n`);
  buildah.build(image.context, image.dockerfile, image.tag, log);
  const afterLock = push('lock');
  return { sourceEdit: newBytes(first, afterSource), lockChange: newBytes(afterSource, afterLock) };
}

/** build-push steps per image in the run of a push. */
function buildsPerImage(recipe: WorkflowRecipe): number {
  const project = new Project({ name: 'bench', outdir: tempImageRepository() });
  new PixiDockerImage(project, { environment: 'gpu', recipe: recipe === WorkflowRecipe.TUTORIAL ? DockerRecipe.TUTORIAL : DockerRecipe.OPTIMIZED });
  new GhcrWorkflow(project, { recipe });
  const workflow = parse(Testing.synth(project)['.github/workflows/docker.yaml']);
  // The jobs one push runs (OPTIMIZED has pull-request-only jobs beside them).
  const pushJobs = Object.values<any>(workflow.jobs).filter((job) => job.if !== 'github.event_name == \'pull_request\'');
  return pushJobs.flatMap((job) => job.steps).filter((s: any) => s.uses?.startsWith('docker/build-push-action@')).length;
}

function main(): void {
  const buildah = Buildah.setUp(STUB_INSTALL_SECONDS, STUB_ENVIRONMENT_MB * 1000);
  const logs = tempOutdir();
  const [, gpu, tutorial] = cudaExercise();
  const results: Record<string, { rebuild: number; installs: number; overhead: number; env: number }> = {};
  for (const image of [gpu, tutorial]) {
    const log = `${logs}/${image.dockerfile}`;
    buildah.build(image.context, image.dockerfile, image.tag, log);
    const before = installCount(log);
    const times = Array.from({ length: REBUILDS }, (_, i) => {
      appendFileSync(image.sourceFile, `print("edit ${i}")\n`);
      return buildah.build(image.context, image.dockerfile, image.tag, log).seconds;
    });
    const base = buildah.diskUsage('ghcr.io/prefix-dev/pixi:noble');
    const env = buildah.diskUsage(image.tag, `/app/.pixi/envs/${image.environment}`);
    results[image.recipe] = {
      rebuild: median(times),
      installs: (installCount(log) - before) / REBUILDS,
      overhead: buildah.diskUsage(image.tag) - base - env,
      env,
    };
  }
  const pushed = Object.fromEntries([gpu, tutorial].map((image) => [image.recipe, pushedBytes(buildah, image, logs)]));
  const optimized = results[DockerRecipe.OPTIMIZED];
  const lesson = results[DockerRecipe.TUTORIAL];
  const bare = synthTime(() => undefined);
  const seedStack = synthTime((project) => {
    new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);
    new PixiDockerImage(project, { environment: 'cpu', dockerfile: 'Dockerfile.cpu' });
    new PixiDockerImage(project, { environment: 'gpu', dockerfile: 'Dockerfile.gpu' });
    new DockerIgnore(project);
    new GhcrWorkflow(project);
  });
  const stacks = [1, 10, 100].map((n) => [n, synthTime(imageStack(n))] as const);
  // Whole processes, as `npx projen` runs: the compiled library, as users load it.
  compileLibrary();
  // The first seed process writes the code cache that the later ones use, as a user's first `npx projen` does.
  dropCodeCache();
  const processes = processSeconds({
    bare: { script: synthesisScript('') },
    seed: { script: synthesisScript(STACK(2)) },
    adopted: { script: synthesisScript(ADOPTED_STACK), before: writeUsersManifest },
    hundred: { script: synthesisScript(STACK(100)) },
    seedFirst: { script: synthesisScript(STACK(2)), before: dropBundleCache },
  });
  dropCodeCache();

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const buildahVersion = spawnSync('buildah', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const rows = [
    ['rebuild after a source-only edit (median of 3)', `${fmt(optimized.rebuild)} s`, `${fmt(lesson.rebuild)} s`,
      `${fmt(lesson.rebuild / optimized.rebuild)}× faster`],
    ['`pixi install` runs per source-only rebuild', fmt(optimized.installs, 0), fmt(lesson.installs, 0), ''],
    ['builds per image per workflow run', String(buildsPerImage(WorkflowRecipe.OPTIMIZED)), String(buildsPerImage(WorkflowRecipe.TUTORIAL)),
      `${fmt(buildsPerImage(WorkflowRecipe.TUTORIAL) / buildsPerImage(WorkflowRecipe.OPTIMIZED), 0)}× fewer`],
    ['final image size − base image − environment', kb(optimized.overhead), kb(lesson.overhead), `environment: ${mb(optimized.env)}`],
    ['new blob bytes pushed (and pulled) after a source-only commit', kb(pushed[DockerRecipe.OPTIMIZED].sourceEdit),
      mb(pushed[DockerRecipe.TUTORIAL].sourceEdit), `${fmt(pushed[DockerRecipe.TUTORIAL].sourceEdit / pushed[DockerRecipe.OPTIMIZED].sourceEdit, 0)}× less`],
    ['new blob bytes pushed (and pulled) after a pixi.lock change', mb(pushed[DockerRecipe.OPTIMIZED].lockChange),
      mb(pushed[DockerRecipe.TUTORIAL].lockChange), 'both install again'],
    ['`npx projen`-like process: seed stack (workspace, 2 images, .dockerignore, workflow)', `${fmt(processes.seed * 1000, 0)} ms`, '',
      `${fmt(processes.seed / processes.bare, 2)}× a bare projen process (${fmt(processes.bare * 1000, 0)} ms, median of ${PROCESS_RUNS})`],
    ['`npx projen`-like process: seed stack over an adopted pixi.toml (PixiWorkspace.fromManifest)', `${fmt(processes.adopted * 1000, 0)} ms`, '',
      `${fmt(processes.adopted / processes.bare, 2)}× a bare projen process`],
    ['`npx projen`-like process: seed stack, first run (compiles the bundle and writes its code cache)', `${fmt(processes.seedFirst * 1000, 0)} ms`, '',
      `${fmt(processes.seedFirst / processes.bare, 2)}× a bare projen process`],
    ['`npx projen`-like process: 100 images + workspace + workflow', `${fmt(processes.hundred * 1000, 0)} ms`, '',
      `${fmt(processes.hundred / processes.bare, 2)}× a bare projen process; ${fmt((processes.hundred - processes.bare) * 1000 / 100, 1)} ms per image`],
    ['synthesis: seed stack (workspace, 2 images, .dockerignore, workflow)', `${fmt(seedStack * 1000, 0)} ms`, '',
      `${fmt(seedStack / bare, 1)}× a bare projen project (${fmt(bare * 1000, 0)} ms)`],
    ...stacks.map(([n, time]) => [`synthesis: ${n} image${n > 1 ? 's' : ''} + workspace + workflow`, `${fmt(time * 1000, 0)} ms`, '',
      `${fmt(time / bare, 1)}× a bare projen project`]),
  ];
  console.log(`Measured on ${cpus().length} × ${cpu}, Node ${process.version}, ${buildahVersion}; `
    + `stub \`pixi install\`: ${STUB_INSTALL_SECONDS} s and a ${STUB_ENVIRONMENT_MB} MB environment.\n`);
  console.log('| measure | OPTIMIZED | TUTORIAL (lesson) | ratio / note |');
  console.log('|---|---|---|---|');
  for (const row of rows) console.log(`| ${row.join(' | ')} |`);
}

main();
// Only after a run that succeeded: the logs of a failed one stay for reading.
removeTempDirs();
