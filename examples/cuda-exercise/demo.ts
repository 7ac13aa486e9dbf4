/**
 * Synthesizes the lesson's repository into demo-out/lesson: the cuda-exercise workspace in its
 * `cuda-exercise/` subdirectory (a cpu and a gpu image, an Apptainer definition) and the workflow
 * at the repository root, then prints what was written. Run it with `npm run demo`.
 */
import { readdirSync, readFileSync, rmSync } from 'fs';
import { join, relative } from 'path';
import { Project, SampleDir } from 'projen';
import { CUDA_EXERCISE_WORKSPACE } from './workspace';
import { ApptainerDefinition, DockerIgnore, GhcrWorkflow, PixiDockerImage, PixiWorkspace } from '../../src';

const REPO = join(__dirname, '..', '..');
// DEMO_OUTDIR lets the test suite run the demo into a temp dir.
const OUTDIR = process.env.DEMO_OUTDIR ?? join(REPO, 'demo-out', 'lesson');
const EXERCISE = 'cuda-exercise';

/** Every file under a directory, relative to it, sorted. */
function listFiles(dir: string): string[] {
  const entries = readdirSync(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

function printFile(name: string): void {
  console.log(`===== ${name} =====`);
  process.stdout.write(readFileSync(join(OUTDIR, name), 'utf8'));
  console.log();
}

function main(): void {
  // No npm install or other post-synthesis steps: the demo only writes files.
  process.env.PROJEN_DISABLE_POST = 'true';
  // Start clean so the listing shows only what this run wrote (projen files are read-only, rm copes).
  rmSync(OUTDIR, { recursive: true, force: true });

  // The repository, and the workspace in its subdirectory, as in the lesson.
  const repository = new Project({ name: 'lesson', outdir: OUTDIR });
  const project = new Project({ name: 'cuda-exercise', parent: repository, outdir: EXERCISE });

  // The lesson's cuda-exercise workspace: a cpu and a gpu environment of PyTorch.
  new PixiWorkspace(project, CUDA_EXERCISE_WORKSPACE);

  // Sample code, written once and then the user's; before the images, which check that their sources exist.
  new SampleDir(project, 'app', { sourceDir: join(__dirname, 'app') });

  // One image per environment; the gpu image gets CONDA_OVERRIDE_CUDA=12 from the workspace.
  const command = ['python', 'src/torch_detect_GPU.py'];
  new PixiDockerImage(project, { environment: 'cpu', dockerfile: 'Dockerfile.cpu', ports: [8000], command });
  const gpu = new PixiDockerImage(project, { environment: 'gpu', dockerfile: 'Dockerfile.gpu', ports: [8000], command });
  // The same gpu image for HPC clusters that run Apptainer.
  new ApptainerDefinition(project, { image: gpu });
  new DockerIgnore(project);
  // Builds, tests and publishes both images to GHCR from GitHub Actions; the file goes to the repository root.
  new GhcrWorkflow(repository);

  repository.synth();

  for (const name of ['pixi.toml', 'Dockerfile.gpu', 'entrypoint.gpu.sh', '.dockerignore']) printFile(`${EXERCISE}/${name}`);

  const files = listFiles(OUTDIR);
  const internals = files.filter((file) => file.includes('.projen/'));
  console.log(`===== files written under ${relative(REPO, OUTDIR)}/ =====`);
  for (const file of files.filter((f) => !internals.includes(f))) console.log(file);
  console.log(`and projen's own state: ${internals.join(', ')}`);
  console.log();
  console.log(`Next: cd ${relative(REPO, OUTDIR)}/${EXERCISE} && pixi lock && docker build -f Dockerfile.gpu -t cuda-exercise:gpu .`);
}

try {
  main();
} catch (error) {
  console.error(error);
  process.exit(1);
}
