import { github } from 'projen';
import { ACTIONS, pinnedRef } from './actions';
import { PIXI_TEST_WORKFLOW_OPTIONS } from './option-shapes';
import { PixiTestWorkflowOptions } from './options';
import { StepInputs, Workflow, workflowYaml, Yaml } from './workflow-model';
import { checkBranches, checkWorkflowName } from './workflow-text';
import { renderWorkflowYaml } from './workflow-yaml';
import { cudaOverrideFor } from '../pixi/cuda-override';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED } from '../pixi/environment-name';
import { RenderOptions } from '../util/render-options';
import { checkShape } from '../util/shape';
import { closestName } from '../util/suggest';
import { invalidOption, requireMatch, requireRelativePath } from '../util/validate';

const OWNER = 'PixiTestWorkflow';
/** Where the workflow lives, relative to the repository root. */
export const TEST_WORKFLOW_FILE = '.github/workflows/pixi.yaml';
/** pixi's task names: no whitespace, no `$` (pixi `crates/pixi_manifest`, `TaskName`); a leading `-` would read as an option. */
const TASK_NAME = /^[^\s$\-][^\s$]*$/;
const RUNNER = /^[a-z0-9][a-z0-9.-]*$/;
const PIXI_VERSION = /^v\d+\.\d+\.\d+$/;

/**
 * The GitHub Actions workflow that tests a pixi workspace, free of projen: on pull requests and
 * pushes, each environment is installed with `--locked` (a `pixi.lock` the manifest no longer
 * satisfies fails) by `prefix-dev/setup-pixi`, cached by its lock, and the chosen tasks run in it.
 */
export class PixiTestWorkflowSpec {
  /** The environments tested. */
  public readonly environments: string[];
  /** The tasks run in each environment. */
  public readonly tasks: string[];
  /** The runners. */
  public readonly runners: string[];
  private readonly options: PixiTestWorkflowOptions;
  private readonly workingDirectory: string;
  /** `CONDA_OVERRIDE_CUDA` of each tested environment that needs CUDA, as its Dockerfile sets it. */
  private readonly cudaVersions: Record<string, string>;

  /**
   * @param options the environments, tasks and runners; invalid values throw here
   */
  public constructor(options: PixiTestWorkflowOptions = {}) {
    checkShape(OWNER, options, PIXI_TEST_WORKFLOW_OPTIONS);
    checkWorkflowName(OWNER, options.workflowName);
    checkBranches(OWNER, options.branches);
    this.environments = nonEmpty('environments', options.environments ?? ['default']);
    const workspace = options.workspace;
    // One view of each environment, on the platform its image installs (as its Dockerfile sees it).
    const views = this.environments.map((environment, i) => {
      requireMatch(OWNER, `environments[${i}]`, environment, ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED);
      const view = workspace?.environmentView(environment);
      if (workspace && !view) {
        throw invalidOption(OWNER, `environments[${i}]`, environment, `an environment of the workspace: ${workspace.environmentNames.join(', ')}`);
      }
      return view;
    });
    this.cudaVersions = {};
    views.forEach((view, i) => {
      const version = cudaOverrideFor(OWNER, view?.cudaVersion);
      if (version !== undefined) this.cudaVersions[this.environments[i]] = version;
    });
    this.tasks = [...(options.tasks ?? [])];
    this.tasks.forEach((task, i) => {
      requireMatch(OWNER, `tasks[${i}]`, task, TASK_NAME, 'a pixi task name: no whitespace or "$", not starting with "-"');
      // pixi would run a name that is no task of the environment as a shell command, failing only in CI.
      const lacking = views.find((view) => view !== undefined && !view.tasks.includes(task));
      if (workspace !== undefined && lacking !== undefined) {
        const tasks = lacking.tasks;
        const feature = lacking.name === 'default' ? '' : ` --feature <a feature of "${lacking.name}">`;
        throw invalidOption(OWNER, `tasks[${i}]`, task,
          `a task of the environment "${lacking.name}" (${tasks.length > 0 ? tasks.join(', ') : 'it has none'}); pixi task add ${task} "<command>"${feature} adds one to ${workspace.manifestFile}`,
          undefined, closestName(task, tasks));
      }
    });
    this.runners = nonEmpty('runners', options.runners ?? ['ubuntu-24.04']);
    this.runners.forEach((runner, i) => requireMatch(OWNER, `runners[${i}]`, runner, RUNNER, 'a GitHub runner label such as "ubuntu-24.04" or "macos-15"'));
    if (options.pixiVersion !== undefined) requireMatch(OWNER, 'pixiVersion', options.pixiVersion, PIXI_VERSION, 'a pixi release such as "v0.77.0"');
    const directory = options.workingDirectory;
    this.workingDirectory = directory === undefined || directory === '.' || directory === '' ? '.' : requireRelativePath(OWNER, 'workingDirectory', directory);
    this.options = options;
  }

  /** The workflow as data, keys spelled as in the YAML file. */
  public toWorkflow(): Yaml {
    return workflowYaml(this._render((ref) => ref));
  }

  /** @internal renders with a custom action resolver (projen's GitHub action overrides). */
  public _render(resolve: (uses: string) => string): Workflow {
    const inDirectory = this.workingDirectory !== '.';
    const setup: StepInputs = {
      'environments': '${{ matrix.environment }}',
      // A pixi.lock that the manifest no longer satisfies fails the install.
      'locked': true,
      'cache': true,
      // Pull requests read the cache; pushes to the branches refresh it.
      'cache-write': '${{ github.event_name == \'push\' }}',
    };
    if (this.options.pixiVersion) setup['pixi-version'] = this.options.pixiVersion;
    if (inDirectory) setup['working-directory'] = this.workingDirectory;
    const cuda = Object.entries(this.cudaVersions);
    const matrix: github.workflows.JobMatrix = {
      domain: { environment: [...this.environments], runner: [...this.runners] },
      // Adds `cuda` to every combination of the environment, on each runner.
      ...(cuda.length > 0 ? { include: cuda.map(([environment, version]) => ({ environment, cuda: version })) } : {}),
    };
    const job: github.workflows.Job = {
      name: '${{ matrix.environment }} on ${{ matrix.runner }}',
      runsOn: ['${{ matrix.runner }}'],
      permissions: { contents: github.workflows.JobPermission.READ },
      strategy: { failFast: false, matrix },
      // A runner without a GPU lacks `__cuda`, so pixi would refuse a CUDA environment; the empty value the
      // other environments get means "no CUDA", which they do not need. osx drops `__cuda` anyway.
      ...(cuda.length > 0 ? { env: { CONDA_OVERRIDE_CUDA: '${{ matrix.cuda }}' } } : {}),
      ...(inDirectory ? { defaults: { run: { workingDirectory: this.workingDirectory } } } : {}),
      steps: [
        { name: 'Checkout', uses: resolve(pinnedRef(ACTIONS.checkout)), with: { 'persist-credentials': false } },
        { name: 'Install the locked environment', uses: resolve(pinnedRef(ACTIONS.setupPixi)), with: setup },
        // Names reach the shell through the environment, never through the script's text.
        ...this.tasks.map((task) => ({
          name: `Run ${task}`,
          env: { ENVIRONMENT: '${{ matrix.environment }}', TASK: task },
          run: 'pixi run --locked --environment="$ENVIRONMENT" "$TASK"\n',
        })),
      ],
    };
    return {
      name: this.options.workflowName ?? 'Pixi',
      on: { push: { branches: [...(this.options.branches ?? ['main'])] }, pullRequest: {}, workflowDispatch: {} },
      // Supersede pull-request runs; let pushes finish.
      concurrency: { group: '${{ github.workflow }}-${{ github.ref }}', cancelInProgress: '${{ github.event_name == \'pull_request\' }}' },
      permissions: {},
      jobs: { test: job },
    };
  }

  /**
   * Renders the YAML file, with `# vX.Y.Z` comments after pinned actions.
   * @param options where to put a header comment
   */
  public renderYaml(options: RenderOptions = {}): string {
    return renderWorkflowYaml(OWNER, this._render((ref) => ref), options);
  }
}

function nonEmpty(option: string, values: string[]): string[] {
  if (values.length === 0) throw invalidOption(OWNER, option, values, 'at least one entry');
  if (new Set(values).size !== values.length) throw invalidOption(OWNER, option, values, 'each entry once');
  return [...values];
}
