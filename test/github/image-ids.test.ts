import { Project, Testing } from 'projen';
import { parse } from 'yaml';
import { GhcrWorkflow, GhcrWorkflowSpec, PixiDockerImage, PixiDockerImageSpec, PixiWorkspace } from '../../src';
import { tempOutdir } from '../helpers/project';
import { workflowFindings } from '../helpers/workflow-validators';

/** The image ids of a workflow: what its build jobs are named after. */
function imageIds(workflow: any): string[] {
  return Object.keys(workflow.jobs).filter((id) => id.startsWith('build-')).map((id) => id.slice('build-'.length));
}

/** The tag suffix each build's metadata step gives its image (`flavor: suffix=…`). */
function tagSuffixes(workflow: any): string[] {
  return Object.entries<any>(workflow.jobs).filter(([id]) => id.startsWith('build-'))
    .map(([, job]) => /suffix=([^,]+),/.exec(job.steps.find((step: any) => step.id === 'meta').with.flavor)![1]);
}

const spec = (environment: string, dockerfile = 'Dockerfile') => new PixiDockerImageSpec({ environment, dockerfile, copySources: false });
const ids = (images: Array<{ spec: PixiDockerImageSpec; context?: string }>) => imageIds(new GhcrWorkflowSpec(images).toWorkflow());

describe('image ids, which name jobs, caches and tags', () => {
  test('by environment, where each image has its own', () => {
    expect(ids([{ spec: spec('cpu', 'Dockerfile.cpu') }, { spec: spec('gpu', 'Dockerfile.gpu') }])).toEqual(['cpu', 'gpu']);
  });

  test('two subprojects with an environment of the same name: by the subproject\'s folder and the environment', async () => {
    const root = new Project({ name: 'lab', outdir: tempOutdir('services/api/app', 'services/worker/app') });
    for (const name of ['api', 'worker']) {
      const service = new Project({ name, parent: root, outdir: `services/${name}` });
      new PixiWorkspace(service, { features: { prod: {} }, environments: { prod: { features: ['prod'] } } });
      new PixiDockerImage(service, { environment: 'prod' });
    }
    new GhcrWorkflow(root);
    const text = Testing.synth(root)['.github/workflows/docker.yaml'];
    const workflow = parse(text);
    expect(imageIds(workflow)).toEqual(['api-prod', 'worker-prod']);
    expect(tagSuffixes(workflow)).toEqual(['-api-prod', '-worker-prod']);
    expect(await workflowFindings(text)).toEqual([]);
  });

  test('the same environment twice in one folder (the lesson\'s two recipes): by context and Dockerfile, as before', () => {
    expect(ids([{ spec: spec('gpu', 'Dockerfile.gpu') }, { spec: spec('gpu', 'Dockerfile.tutorial') }])).toEqual(['dockerfile-gpu', 'dockerfile-tutorial']);
    expect(ids([{ spec: spec('prod'), context: 'services/api' }, { spec: spec('prod', 'Dockerfile.debug'), context: 'services/api' }]))
      .toEqual(['services-api-dockerfile', 'services-api-dockerfile-debug']);
  });

  test('an environment without letters or digits (`-`): by context and Dockerfile', () => {
    expect(ids([{ spec: spec('-') }, { spec: spec('gpu', 'Dockerfile.gpu') }])).toEqual(['dockerfile', 'gpu']);
  });

  test('folders of the same name: by the whole context', () => {
    expect(ids([{ spec: spec('prod'), context: 'lab/api' }, { spec: spec('prod'), context: 'shop/api' }])).toEqual(['lab-api-dockerfile', 'shop-api-dockerfile']);
  });

  test('an environment named like another image\'s folder-and-environment name keeps it; the other moves on', () => {
    const images = [{ spec: spec('prod'), context: 'services/api' }, { spec: spec('prod'), context: 'services/worker' }, { spec: spec('api-prod') }];
    expect(ids(images)).toEqual(['services-api-dockerfile', 'worker-prod', 'api-prod']);
  });
});
