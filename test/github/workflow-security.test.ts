/*
 * Every workflow the library writes, walked by the security rules of ../helpers/workflow-security
 * (zizmor's audits): none for the generated ones, except the lesson's own recipe (TUTORIAL), whose
 * findings are known and listed; and each rule fails on a workflow weakened to break it.
 */
import { Project, Testing } from 'projen';
import { parse, stringify } from 'yaml';
import { BuildCache, DockerRecipe, GhcrWorkflow, ImagePlatform, PixiDockerImage, PixiProject, PixiProjectOptions, PixiWorkspace, WorkflowRecipe } from '../../src';
import { tempImageRepository, tempRepository } from '../helpers/project';
import { securityFindings } from '../helpers/workflow-security';

const workflowsOf = (files: Record<string, string>) => Object.entries(files).filter(([path]) => path.startsWith('.github/workflows/'));

describe('generated workflows pass every rule', () => {
  test.each<[string, Partial<PixiProjectOptions>]>([
    ['PixiProject: cpu and gpu, Apptainer, the pixi test workflow', { environments: ['cpu', 'gpu'], cudaVersion: '12', apptainer: true, testWorkflow: true }],
    ['PixiProject by default', {}],
  ])('%s', (_name, options) => {
    const files = Testing.synth(new PixiProject({ ...options, name: 'lab', outdir: tempRepository() }));
    const workflows = workflowsOf(files);
    expect(workflows.map(([path]) => path)).toEqual(expect.arrayContaining(
      ['.github/workflows/docker.yaml', ...(options.testWorkflow ? ['.github/workflows/pixi.yaml'] : [])]));
    for (const [path, text] of workflows) expect([path, securityFindings(text)]).toEqual([path, []]);
  });

  test.each([BuildCache.REGISTRY, BuildCache.GITHUB_ACTIONS, BuildCache.NONE])('GhcrWorkflow: two platforms, QEMU, build cache %s', (buildCache) => {
    const root = new Project({ name: 'lab', outdir: tempRepository() });
    new PixiWorkspace(root, { platforms: ['linux-64', 'linux-aarch64'] });
    new PixiDockerImage(root, {});
    new GhcrWorkflow(root, { buildCache, qemu: true, platforms: [ImagePlatform.LINUX_AMD64, ImagePlatform.LINUX_ARM64] });
    expect(securityFindings(Testing.synth(root)['.github/workflows/docker.yaml'])).toEqual([]);
  });
});

describe('the lesson\'s recipe (TUTORIAL) keeps its known findings; README says why OPTIMIZED is the default', () => {
  test('its pull requests hold packages: write and its actions are pinned by tag', () => {
    const root = new Project({ name: 'lesson', outdir: tempImageRepository() });
    new PixiDockerImage(root, { recipe: DockerRecipe.TUTORIAL, environment: 'gpu', cudaVersion: '12' });
    new GhcrWorkflow(root, { recipe: WorkflowRecipe.TUTORIAL });
    const rules = securityFindings(Testing.synth(root)['.github/workflows/docker.yaml']).map((finding) => `${finding.rule} ${finding.where}`);
    expect(new Set(rules)).toEqual(new Set([
      'excessive-permissions docker',
      'unpinned-uses docker › Checkout',
      'artipacked docker › Checkout',
      'unpinned-uses docker › Docker meta',
      'unpinned-uses docker › Set up QEMU',
      'unpinned-uses docker › Set up Docker Buildx',
      'unpinned-uses docker › Login to GitHub Container Registry',
      'unpinned-uses docker › Test build',
      'unpinned-uses docker › Deploy build',
      'pull-request-pushes docker › Deploy build',
    ]));
  });
});

describe('each rule fails on a workflow weakened to break it', () => {
  const generated = () => {
    const root = new Project({ name: 'lab', outdir: tempImageRepository() });
    new PixiDockerImage(root, { environment: 'gpu', cudaVersion: '12' });
    new GhcrWorkflow(root);
    return parse(Testing.synth(root)['.github/workflows/docker.yaml']);
  };
  const step = (job: any, name: string) => job.steps.find((s: any) => s.name === name || s.id === name);

  test('the generated workflow has no finding before it is weakened', () => {
    expect(securityFindings(stringify(generated()))).toEqual([]);
  });

  test.each<[string, string, (workflow: any) => void]>([
    ['dangerous-triggers', 'on', (w) => { w.on.pull_request_target = {}; }],
    ['dangerous-triggers', 'on', (w) => { w.on.workflow_run = { workflows: ['ci'] }; }],
    ['excessive-permissions', 'permissions', (w) => { w.permissions = 'write-all'; }],
    ['excessive-permissions', 'check-gpu', (w) => { w.jobs['check-gpu'].permissions.packages = 'write'; }],
    ['excessive-permissions', 'check-gpu', (w) => { delete w.jobs['check-gpu'].if; w.jobs['check-gpu'].permissions['id-token'] = 'write'; }],
    ['excessive-permissions', 'build-gpu', (w) => { delete w.jobs['build-gpu'].if; }],
    ['excessive-permissions', 'publish-gpu', (w) => { w.jobs['publish-gpu'].permissions.contents = 'write'; }],
    ['artipacked', 'build-gpu › Checkout', (w) => { delete step(w.jobs['build-gpu'], 'Checkout').with; }],
    ['template-injection', 'check-gpu › Image name', (w) => { step(w.jobs['check-gpu'], 'image').run = 'echo "${{ github.event.pull_request.title }}"\n'; }],
    ['unpinned-uses', 'publish-gpu › Docker meta', (w) => { step(w.jobs['publish-gpu'], 'meta').uses = 'docker/metadata-action@v6'; }],
    ['secrets-in-pull-requests', 'check-gpu › Log in to GitHub Container Registry',
      (w) => { step(w.jobs['check-gpu'], 'Log in to GitHub Container Registry').with.password = '${{ secrets.GITHUB_TOKEN }}'; }],
    ['pull-request-pushes', 'check-gpu › Build', (w) => { step(w.jobs['check-gpu'], 'build').with.push = true; }],
    ['pull-request-pushes', 'check-gpu › Build',
      (w) => { step(w.jobs['check-gpu'], 'build').with.outputs = '${{ github.event_name != \'pull_request\' && \'type=image,push=true\' || \'type=docker\' }}'; }],
    ['cache-poisoning', 'check-gpu › Build', (w) => { step(w.jobs['check-gpu'], 'build').with['cache-to'] = 'type=gha,mode=max'; }],
  ])('%s at %s', (rule, where, weaken) => {
    const workflow = generated();
    weaken(workflow);
    expect(securityFindings(stringify(workflow)).map((finding) => `${finding.rule} ${finding.where}`)).toContain(`${rule} ${where}`);
  });
});
