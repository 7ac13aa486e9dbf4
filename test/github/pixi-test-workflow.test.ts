import * as fc from 'fast-check';
import { github, Project, Testing } from 'projen';
import { parse } from 'yaml';
import { PixiDockerImageSpec, PixiWorkspaceSpec, PixiTestWorkflow, PixiTestWorkflowSpec, PixiValidationError, PixiWorkspace } from '../../src';
import { tempRepository } from '../helpers/project';
import { workflowFindings } from '../helpers/workflow-validators';
import { anyOptions, namedOption, runs, SEED } from '../properties/arbitraries';

const SETUP_PIXI = 'prefix-dev/setup-pixi@5185adfbffb4bd703da3010310260805d89ebb11 # v0.9.6';

describe('PixiTestWorkflowSpec', () => {
  test('by default: installs the default environment --locked on pushes to main and pull requests, clean for every validator', async () => {
    const yaml = new PixiTestWorkflowSpec().renderYaml({ headerComment: 'generated' });
    expect(await workflowFindings(yaml)).toEqual([]);
    expect(yaml).toContain(`uses: ${SETUP_PIXI}\n`);
    const workflow = parse(yaml);
    expect(workflow.on.push.branches).toEqual(['main']);
    expect(Object.keys(workflow.on)).toEqual(['push', 'pull_request', 'workflow_dispatch']);
    expect(workflow.permissions).toEqual({});
    const job = workflow.jobs.test;
    expect(job.permissions).toEqual({ contents: 'read' });
    expect(job.strategy.matrix).toEqual({ environment: ['default'], runner: ['ubuntu-24.04'] });
    const setup = job.steps[1].with;
    expect(setup).toEqual({ 'environments': '${{ matrix.environment }}', 'locked': true, 'cache': true, 'cache-write': '${{ github.event_name == \'push\' }}' });
  });

  test('environments × runners, tasks in order, a workspace in a subdirectory', async () => {
    const workspace = PixiWorkspaceSpec.fromOptions({
      tasks: { lint: 'ruff check', test: 'pytest' },
      features: { gpu: {}, dev: {} },
      environments: { 'gpu': { features: ['gpu'] }, '-dev': { features: ['dev'] } },
    });
    const spec = new PixiTestWorkflowSpec({
      environments: ['default', '-dev'],
      tasks: ['lint', 'test'],
      runners: ['ubuntu-24.04', 'macos-15'],
      workspace,
      workingDirectory: 'services/lab',
      pixiVersion: 'v0.77.0',
      branches: ['main', 'release/v[0-9]*'],
    });
    const yaml = spec.renderYaml();
    expect(await workflowFindings(yaml)).toEqual([]);
    const job = parse(yaml).jobs.test;
    expect(job.strategy.matrix).toEqual({ environment: ['default', '-dev'], runner: ['ubuntu-24.04', 'macos-15'] });
    expect(job.defaults).toEqual({ run: { 'working-directory': 'services/lab' } });
    expect(job.steps[1].with).toEqual(expect.objectContaining({ 'working-directory': 'services/lab', 'pixi-version': 'v0.77.0' }));
    // Names reach the shell through the environment; `=` keeps "-dev" one argument.
    expect(job.steps.slice(2)).toEqual(['lint', 'test'].map((task) => ({
      name: `Run ${task}`, env: { ENVIRONMENT: '${{ matrix.environment }}', TASK: task }, run: 'pixi run --locked --environment="$ENVIRONMENT" "$TASK"\n',
    })));
  });

  test('an environment that needs CUDA gets the CONDA_OVERRIDE_CUDA its Dockerfile sets, on every runner; the others none', async () => {
    const workspace = PixiWorkspaceSpec.fromOptions({
      platforms: ['linux-64', 'osx-arm64'],
      tasks: { test: 'pytest' },
      features: { gpu: { systemRequirements: { cuda: '12.4' } } },
      environments: { gpu: { features: ['gpu'] } },
    });
    const spec = new PixiTestWorkflowSpec({ environments: ['default', 'gpu'], runners: ['ubuntu-24.04', 'macos-15'], workspace, tasks: ['test'] });
    const yaml = spec.renderYaml();
    expect(await workflowFindings(yaml)).toEqual([]);
    const job = parse(yaml).jobs.test;
    // The same derivation as the image's Dockerfile (ENV CONDA_OVERRIDE_CUDA=...).
    expect(new PixiDockerImageSpec({ workspace, environment: 'gpu' }).cudaVersion).toBe('12.4');
    expect(job.strategy.matrix).toEqual({
      environment: ['default', 'gpu'],
      runner: ['ubuntu-24.04', 'macos-15'],
      include: [{ environment: 'gpu', cuda: '12.4' }],
    });
    // Set for the job, so both the install (setup-pixi) and `pixi run` see it; "" (no CUDA) elsewhere.
    expect(job.env).toEqual({ CONDA_OVERRIDE_CUDA: '${{ matrix.cuda }}' });
    expect(yaml).toContain('cuda: "12.4"');
  });

  test('without a CUDA environment: no matrix include and no CONDA_OVERRIDE_CUDA', () => {
    const workspace = PixiWorkspaceSpec.fromOptions({ features: { gpu: { systemRequirements: { cuda: '12' } } }, environments: { gpu: { features: ['gpu'] } } });
    const job = parse(new PixiTestWorkflowSpec({ workspace }).renderYaml()).jobs.test;
    expect(job.strategy.matrix.include).toBeUndefined();
    expect(job.env).toBeUndefined();
    expect(new PixiTestWorkflowSpec({ workspace, environments: ['gpu'] }).toWorkflow()).toEqual(
      expect.objectContaining({ jobs: { test: expect.objectContaining({ env: { CONDA_OVERRIDE_CUDA: '${{ matrix.cuda }}' } }) } }));
  });

  describe('each task is one pixi run finds in every tested environment (else it runs as a shell command, failing in CI)', () => {
    const workspace = PixiWorkspaceSpec.parse([
      '[workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64", "osx-arm64"]', '',
      '[tasks]', 'lint = "ruff check"', '',
      '[target.linux-64.tasks]', 'bench = "python bench.py"', '',
      '[feature.gpu.tasks]', 'test-gpu = "pytest -m gpu"', '',
      '[feature.gpu.target.unix.tasks]', 'profile = "nsys profile python train.py"', '',
      '[environments]', 'gpu = ["gpu"]', 'bare = { features = ["gpu"], no-default-feature = true }', '',
    ].join('\n'), 'pixi.toml');
    const spec = (environments: string[], tasks: string[]) => new PixiTestWorkflowSpec({ workspace, environments, tasks });

    test('the tasks of its features, [target.*] tables included, in pixi\'s order', () => {
      expect(workspace.tasksOf('default')).toEqual(['lint', 'bench']);
      expect(workspace.tasksOf('gpu')).toEqual(['test-gpu', 'profile', 'lint', 'bench']);
      expect(workspace.tasksOf('bare')).toEqual(['test-gpu', 'profile']);
      expect(spec(['default', 'gpu'], ['lint', 'bench']).tasks).toEqual(['lint', 'bench']);
      expect(spec(['gpu', 'bare'], ['profile']).tasks).toEqual(['profile']);
    });

    test.each<[string, string[], string[], string]>([
      ['a task of no environment', ['default'], ['test'],
        'PixiTestWorkflow: invalid tasks[0] "test"; allowed: a task of the environment "default" (lint, bench); pixi task add test "<command>" adds one to pixi.toml.'],
      ['a task of one environment only, named with the one that lacks it', ['gpu', 'default'], ['test-gpu'],
        'PixiTestWorkflow: invalid tasks[0] "test-gpu"; allowed: a task of the environment "default" (lint, bench); pixi task add test-gpu "<command>" adds one to pixi.toml.'],
      ['a task of the default feature in an environment without it', ['bare'], ['lint'],
        'PixiTestWorkflow: invalid tasks[0] "lint"; allowed: a task of the environment "bare" (test-gpu, profile); pixi task add lint "<command>" --feature <a feature of "bare"> adds one to pixi.toml.'],
      ['a misspelt task, with the likely one', ['default'], ['lnt'],
        'PixiTestWorkflow: invalid tasks[0] "lnt"; did you mean lint? allowed: a task of the environment "default" (lint, bench); pixi task add lnt "<command>" adds one to pixi.toml.'],
    ])('refuses %s', (_name, environments, tasks, message) => {
      expect(() => spec(environments, tasks)).toThrow(PixiValidationError);
      expect(() => spec(environments, tasks)).toThrow(message);
    });

    test('a workspace without tasks says it has none; pyproject.toml\'s [tool.pixi.tasks] count', () => {
      expect(() => new PixiTestWorkflowSpec({ workspace: PixiWorkspaceSpec.fromOptions({}), tasks: ['test'] })).toThrow(
        'allowed: a task of the environment "default" (it has none); pixi task add test "<command>" adds one to pixi.toml.');
      const pyproject = PixiWorkspaceSpec.parse([
        '[project]', 'name = "lab"', '', '[tool.pixi.workspace]', 'channels = ["conda-forge"]', 'platforms = ["linux-64"]', '',
        '[tool.pixi.tasks]', 'test = "pytest"', '',
      ].join('\n'), 'pyproject.toml');
      expect(new PixiTestWorkflowSpec({ workspace: pyproject, tasks: ['test'] }).tasks).toEqual(['test']);
      expect(() => new PixiTestWorkflowSpec({ workspace: pyproject, tasks: ['lint'] })).toThrow('adds one to pyproject.toml.');
    });
  });

  test.each<[string, object, string]>([
    ['an environment the workspace lacks', { environments: ['gpu'], workspace: PixiWorkspaceSpec.fromOptions({}) }, 'environments[0]'],
    ['no environment', { environments: [] }, 'environments'],
    ['a task that reads as an option', { tasks: ['-x'] }, 'tasks[0]'],
    ['a task with a space', { tasks: ['a b'] }, 'tasks[0]'],
    ['a runner with a space', { runners: ['ubuntu latest'] }, 'runners[0]'],
    ['a pixi version without v', { pixiVersion: '0.77.0' }, 'pixiVersion'],
    ['no branch', { branches: [] }, 'branches'],
    ['a name GitHub would evaluate', { workflowName: '${{ github.sha }}' }, 'workflowName'],
    ['a directory outside the repository', { workingDirectory: '../x' }, 'workingDirectory'],
    ['tasks given as one string (JavaScript)', { tasks: 'test' }, 'tasks'],
  ])('refuses %s', (_name, options, option) => {
    expect(() => new PixiTestWorkflowSpec(options as any)).toThrow(PixiValidationError);
    try {
      new PixiTestWorkflowSpec(options as any);
    } catch (error) {
      expect((error as PixiValidationError).option).toBe(option);
    }
  });

  test('any options: the typed error naming one of them, or a workflow every validator accepts', async () => {
    const fields = {
      environments: fc.constantFrom(['default'], ['default', '-dev']),
      tasks: fc.array(fc.constantFrom('test', 'lint', 'a:b', 'ünïcode'), { maxLength: 2 }),
      runners: fc.constantFrom(['ubuntu-24.04'], ['ubuntu-24.04', 'windows-2025']),
      branches: fc.constantFrom(['main'], ['release/**']),
      workflowName: fc.constantFrom('Pixi', 'Tests: all'),
    };
    let written = 0;
    await fc.assert(fc.asyncProperty(anyOptions(fields), async (options) => {
      let yaml: string;
      try {
        yaml = new PixiTestWorkflowSpec(options).renderYaml();
      } catch (error) {
        expect(error).toBeInstanceOf(PixiValidationError);
        expect(namedOption((error as PixiValidationError).option, ['options', ...Object.keys(options)])).toBeDefined();
        return;
      }
      written++;
      expect(await workflowFindings(yaml)).toEqual([]);
    }), { seed: SEED, numRuns: runs(60) });
    expect(written).toBeGreaterThan(10);
  });
});

describe('PixiTestWorkflow in projen', () => {
  test('a workspace in a subproject: the workflow at the root, working in the subproject\'s directory', () => {
    const root = new Project({ name: 'root', outdir: tempRepository() });
    const sub = new Project({ name: 'lab', parent: root, outdir: 'services/lab' });
    new PixiWorkspace(sub);
    const workflow = new PixiTestWorkflow(sub);
    expect(workflow.file.path).toBe('.github/workflows/pixi.yaml');
    expect(workflow.file.project).toBe(root);
    expect(parse(workflow.spec.renderYaml()).jobs.test.defaults).toEqual({ run: { 'working-directory': 'services/lab' } });
  });

  test('a second test workflow is refused before anything is written', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    new PixiWorkspace(project);
    new PixiTestWorkflow(project);
    expect(() => new PixiTestWorkflow(project)).toThrow(/PixiTestWorkflow: invalid file ".github\/workflows\/pixi.yaml"/);
  });

  test('projen\'s action overrides (project.github.actions) apply to it; pins keep their version comment', () => {
    const project = new Project({ name: 'p', outdir: tempRepository() });
    new github.GitHub(project, { mergify: false, pullRequestLint: false });
    github.GitHub.of(project)!.actions.set('actions/checkout', 'actions/checkout@v9');
    new PixiWorkspace(project);
    new PixiTestWorkflow(project);
    const text = Testing.synth(project)['.github/workflows/pixi.yaml'];
    expect(text).toContain('uses: actions/checkout@v9\n');
    expect(text).toContain(`uses: ${SETUP_PIXI}\n`);
  });
});
