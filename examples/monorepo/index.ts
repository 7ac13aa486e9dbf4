/**
 * A monorepo with two pixi workspaces in subdirectories and one workflow at the root that builds
 * and publishes the images of both. Run: `npx ts-node --project test/tsconfig.json examples/monorepo/index.ts OUTDIR`.
 */
import { Project, SampleDir } from 'projen';
import { DockerIgnore, GhcrWorkflow, PixiDockerImage, PixiWorkspace } from '../../src';

export function synthesize(outdir: string): Project {
  process.env.PROJEN_DISABLE_POST = 'true';
  const root = new Project({ name: 'lab-monorepo', outdir });

  const training = new Project({ name: 'training', parent: root, outdir: 'services/training' });
  new PixiWorkspace(training, {
    platforms: ['linux-64'],
    dependencies: { 'python': '3.12.*', 'pytorch-gpu': '>=2.7' },
    systemRequirements: { cuda: '12' },
  });
  // Sources, written once as samples; the images copy app/ and check that it exists.
  new SampleDir(training, 'app', { files: { 'train.py': 'print("training")\n' } });
  new PixiDockerImage(training, { command: ['python', 'src/train.py'] });
  new DockerIgnore(training);

  const api = new Project({ name: 'api', parent: root, outdir: 'services/api' });
  new PixiWorkspace(api, {
    platforms: ['linux-64', 'linux-aarch64'],
    dependencies: { python: '3.13.*', fastapi: '*', uvicorn: '*' },
  });
  new SampleDir(api, 'app', { files: { 'main.py': 'from fastapi import FastAPI\n\napp = FastAPI()\n' } });
  new PixiDockerImage(api, { finalImage: 'ubuntu:24.04', ports: [8000], command: ['uvicorn', 'main:app', '--host', '0.0.0.0'] });
  new DockerIgnore(api);

  // One workflow at the repository root builds, tests and publishes both images.
  new GhcrWorkflow(root);
  root.synth();
  return root;
}

if (require.main === module) synthesize(process.argv[2] ?? 'demo-out/monorepo');
