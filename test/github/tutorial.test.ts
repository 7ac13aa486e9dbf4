import { readFileSync } from 'fs';
import { join } from 'path';
import { github, Project, Testing } from 'projen';
import { parse } from 'yaml';
import { DockerRecipe, GhcrWorkflow, PixiDockerImage, WorkflowRecipe } from '../../src';
import { tempRepository } from '../helpers/project';

const SEED = parse(readFileSync(join(__dirname, '..', 'fixtures', 'seed', 'docker.yaml'), 'utf8'));
const SEED_TAGS = ['type=raw,value=noble-cuda-12.9', 'type=raw,value=latest', 'type=sha'];

/** The lesson's layout: the workflow at the root, the workspace and its image in cuda-exercise/. */
function lessonRepository(withGitHub: boolean): Project {
  const root = new Project({ name: 'lesson', outdir: tempRepository('cuda-exercise/app') });
  if (withGitHub) new github.GitHub(root, { mergify: false, pullRequestLint: false });
  const exercise = new Project({ name: 'cuda-exercise', parent: root, outdir: 'cuda-exercise' });
  new PixiDockerImage(exercise, { recipe: DockerRecipe.TUTORIAL, environment: 'gpu', cudaVersion: '12' });
  new GhcrWorkflow(root, { recipe: WorkflowRecipe.TUTORIAL, tags: SEED_TAGS });
  return root;
}

/** Drops the step ids projen adds by itself where the lesson has none. */
function withoutAddedStepIds(workflow: any): any {
  const copy = JSON.parse(JSON.stringify(workflow));
  for (const [jobId, job] of Object.entries<any>(copy.jobs)) {
    job.steps.forEach((step: any, i: number) => {
      if (SEED.jobs[jobId]?.steps[i] && !('id' in SEED.jobs[jobId].steps[i])) delete step.id;
    });
  }
  return copy;
}

describe('WorkflowRecipe.TUTORIAL reproduces the lesson\'s docker.yaml', () => {
  test.each([
    ['as a projen GithubWorkflow (root project with GitHub)', true],
    ['as a plain file (root project without GitHub)', false],
  ])('%s', (_how, withGitHub) => {
    const files = Testing.synth(lessonRepository(withGitHub));
    const workflow = parse(files['.github/workflows/docker.yaml']);

    expect(withoutAddedStepIds(workflow)).toEqual(SEED);
  });

  test('projen\'s step ids are the only extra keys', () => {
    const workflow = parse(Testing.synth(lessonRepository(true))['.github/workflows/docker.yaml']);
    const extra = workflow.jobs.docker.steps.flatMap((step: any, i: number) =>
      Object.keys(step).filter((key) => !(key in SEED.jobs.docker.steps[i])));
    expect(new Set(extra)).toEqual(new Set(['id']));
  });
});
