import { github, Project, Testing } from 'projen';
import { parse } from 'yaml';
import { CUDA_EXERCISE_WORKSPACE } from '../../examples/cuda-exercise/workspace';
import { ApptainerDefinition, GhcrWorkflow, PixiDockerImage, PixiWorkspace } from '../../src';
import { tempRepository } from '../helpers/project';
import { securityFindings } from '../helpers/workflow-security';
import { workflowFindings } from '../helpers/workflow-validators';

function synthWorkflow(gitHub: boolean): string {
  const root = new Project({ name: 'lesson', outdir: tempRepository('cuda-exercise/app') });
  if (gitHub) new github.GitHub(root, { mergify: false, pullRequestLint: false });
  const exercise = new Project({ name: 'cuda-exercise', parent: root, outdir: 'cuda-exercise' });
  new PixiWorkspace(exercise, CUDA_EXERCISE_WORKSPACE);
  new PixiDockerImage(exercise, { environment: 'cpu', dockerfile: 'Dockerfile.cpu' });
  const gpu = new PixiDockerImage(exercise, { environment: 'gpu', dockerfile: 'Dockerfile.gpu' });
  new ApptainerDefinition(exercise, { image: gpu });
  new GhcrWorkflow(root);
  return Testing.synth(root)['.github/workflows/docker.yaml'];
}

describe.each([['without projen\'s GitHub component', false], ['with projen\'s GitHub component', true]])('the workflow with an Apptainer job, %s', (_how, gitHub) => {
  const text = synthWorkflow(gitHub);
  const workflow = parse(text);
  const job = workflow.jobs['apptainer-gpu'];

  test('has zero findings from actionlint, the SchemaStore schema and shellcheck', async () => {
    expect(await workflowFindings(text)).toEqual([]);
  });

  test('builds and tests the .sif in pull requests read-only; other events push it, and only they hold packages: write', () => {
    expect(Object.keys(workflow.jobs)).toEqual(['check-cpu', 'build-cpu', 'publish-cpu', 'check-gpu', 'build-gpu', 'publish-gpu', 'sif-check-gpu', 'apptainer-gpu']);
    const check = workflow.jobs['sif-check-gpu'];
    expect([check.if, check.permissions]).toEqual(['github.event_name == \'pull_request\'', { contents: 'read' }]);
    // The gpu image has a CUDA version: its .sif needs the disk space too.
    expect(check.steps.map((s: any) => s.name)).toEqual(['Free disk space', 'Checkout', 'Install Apptainer', 'Build the image', 'Test the image']);
    expect([job.if, job.permissions]).toEqual(['github.event_name != \'pull_request\'', { contents: 'read', packages: 'write' }]);
    expect(job.steps.map((s: any) => s.name)).toEqual([
      'Free disk space', 'Checkout', 'Image name', 'Install Apptainer', 'Build the image', 'Test the image', 'Push to GitHub Container Registry',
    ]);
    const build = job.steps.find((s: any) => s.name === 'Build the image');
    expect(build.env).toEqual({ CONTEXT: 'cuda-exercise', DEFINITION: 'apptainer.gpu.def', SIF: 'gpu.sif' });
    const push = job.steps.find((s: any) => s.name.startsWith('Push'));
    // A package of its own: `docker pull` of the image never meets a SIF.
    expect(push.run).toContain('apptainer push "$SIF" "oras://${PACKAGE}:${TAG}"');
    expect(push.env.PACKAGE).toBe('${{ steps.image.outputs.name }}/apptainer');
    expect(push.env.TAG).toBe('gpu');
    expect(securityFindings(text)).toEqual([]);
  });

  test('sets up Apptainer with a maintained action pinned by SHA, at a fixed Apptainer release', () => {
    const install = job.steps.find((s: any) => s.name === 'Install Apptainer');
    expect(install.uses).toBe('eWaterCycle/setup-apptainer@3f706d898c9db585b1d741b4692e66755f3a1b40');
    expect(install.with).toEqual({ 'apptainer-version': '1.4.5' });
    expect(install.run).toBeUndefined();
    expect(text).toMatch(/uses: eWaterCycle\/setup-apptainer@[0-9a-f]{40} # v2$/m);
  });

  test('a change to the definition triggers the workflow', () => {
    expect(workflow.on.push.paths).toContain('cuda-exercise/apptainer.gpu.def');
  });
});
