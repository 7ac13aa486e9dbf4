/*
 * `npm run bench`: measures, in one run on this machine, what the OPTIMIZED recipe buys over the
 * lesson's (TUTORIAL), and how synthesis cost grows with work. Prints a markdown table.
 * Timings are medians; nothing here is asserted.
 */
import { spawnSync } from 'child_process';
import { appendFileSync } from 'fs';
import { cpus } from 'os';
import { Project, Testing } from 'projen';
import { parse } from 'yaml';
import { Buildah, installCount } from './buildah';
import { cudaExercise } from './repositories';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { DockerIgnore, DockerRecipe, GhcrWorkflow, PixiDockerImage, PixiWorkspace, WorkflowRecipe } from '../../src';
import { tempOutdir, tempRepository } from '../helpers/project';

const STUB_INSTALL_SECONDS = 2;
const STUB_ENVIRONMENT_MB = 50;
const REBUILDS = 3;
const SYNTH_RUNS = 5;

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

/** build-push steps per image in one run of the generated workflow. */
function buildsPerImage(recipe: WorkflowRecipe): number {
  const project = new Project({ name: 'bench', outdir: tempRepository() });
  new PixiDockerImage(project, { environment: 'gpu', recipe: recipe === WorkflowRecipe.TUTORIAL ? DockerRecipe.TUTORIAL : DockerRecipe.OPTIMIZED });
  new GhcrWorkflow(project, { recipe });
  const workflow = parse(Testing.synth(project)['.github/workflows/docker.yaml']);
  return Object.values<any>(workflow.jobs).flatMap((job) => job.steps).filter((s: any) => s.uses?.startsWith('docker/build-push-action@')).length;
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

  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const buildahVersion = spawnSync('buildah', ['--version'], { encoding: 'utf8' }).stdout.trim();
  const rows = [
    ['rebuild after a source-only edit (median of 3)', `${fmt(optimized.rebuild)} s`, `${fmt(lesson.rebuild)} s`,
      `${fmt(lesson.rebuild / optimized.rebuild)}× faster`],
    ['`pixi install` runs per source-only rebuild', fmt(optimized.installs, 0), fmt(lesson.installs, 0), ''],
    ['builds per image per workflow run', String(buildsPerImage(WorkflowRecipe.OPTIMIZED)), String(buildsPerImage(WorkflowRecipe.TUTORIAL)),
      `${fmt(buildsPerImage(WorkflowRecipe.TUTORIAL) / buildsPerImage(WorkflowRecipe.OPTIMIZED), 0)}× fewer`],
    ['final image size − base image − environment', kb(optimized.overhead), kb(lesson.overhead), `environment: ${mb(optimized.env)}`],
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
