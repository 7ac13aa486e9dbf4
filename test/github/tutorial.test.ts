import { readFileSync } from 'fs';
import { join } from 'path';
import { github, Project, Testing } from 'projen';
import { parse } from 'yaml';
import { DockerRecipe, GhcrWorkflow, PixiDockerImage, WorkflowRecipe } from '../../src';
import { tempImageRepository } from '../helpers/project';

const SEED = parse(readFileSync(join(__dirname, '..', 'fixtures', 'seed', 'docker.yaml'), 'utf8'));
const SEED_TAGS = ['type=raw,value=noble-cuda-12.9', 'type=raw,value=latest', 'type=sha'];

/** The lesson's layout: the workflow at the root, the workspace and its image in cuda-exercise/. */
function lessonRepository(withGitHub: boolean): Project {
  const root = new Project({ name: 'lesson', outdir: tempImageRepository('cuda-exercise/app') });
  if (withGitHub) new github.GitHub(root, { mergify: false, pullRequestLint: false });
  const exercise = new Project({ name: 'cuda-exercise', parent: root, outdir: 'cuda-exercise' });
  new PixiDockerImage(exercise, { recipe: DockerRecipe.TUTORIAL, environment: 'gpu', cudaVersion: '12' });
  new GhcrWorkflow(root, { recipe: WorkflowRecipe.TUTORIAL, tags: SEED_TAGS });
  return root;
}

describe('WorkflowRecipe.TUTORIAL reproduces the lesson\'s docker.yaml', () => {
  test.each([
    ['in a root project with projen\'s GitHub component', true],
    ['in a root project without it', false],
  ])('%s', (_how, withGitHub) => {
    const files = Testing.synth(lessonRepository(withGitHub));
    const workflow = parse(files['.github/workflows/docker.yaml']);

    expect(workflow).toEqual(SEED);
  });

  test('projen\'s action overrides (project.github.actions) apply to it', () => {
    const root = lessonRepository(true);
    github.GitHub.of(root)!.actions.set('docker/login-action', 'docker/login-action@v9');
    const steps = parse(Testing.synth(root)['.github/workflows/docker.yaml']).jobs.docker.steps;
    expect(steps.map((step: any) => step.uses)).toContain('docker/login-action@v9');
  });

});
