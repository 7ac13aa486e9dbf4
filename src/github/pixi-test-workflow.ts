import { relative, sep } from 'path';
import { Component, FileBase, Project } from 'projen';
import { PIXI_TEST_WORKFLOW_OPTIONS } from './option-shapes';
import { PixiTestWorkflowOptions } from './options';
import { PixiTestWorkflowSpec, TEST_WORKFLOW_FILE } from './pixi-test-workflow-spec';
import { projenActionResolver } from './projen-actions';
import { renderWorkflowYaml } from './workflow-yaml';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { RenderedFile } from '../util/rendered-file';
import { keepRepositoryFiles } from '../util/repository-files';
import { builtChecked, checkShape } from '../util/shape';
import { refuseTakenPaths } from '../util/taken-paths';
import { refuseToOverwrite } from '../util/user-files';

const OWNER = 'PixiTestWorkflow';

/**
 * `.github/workflows/pixi.yaml` at the repository root: on pull requests and pushes, installs each
 * environment of the project's pixi workspace with `--locked` (a stale `pixi.lock` fails) and runs the
 * chosen tasks in it. The workspace and its directory are the project's, unless the options say otherwise.
 */
export class PixiTestWorkflow extends Component {
  /** The workflow description. */
  public readonly spec: PixiTestWorkflowSpec;
  /** The generated workflow file. */
  public readonly file: FileBase;

  /**
   * @param project the project of the workspace; the workflow goes to the root
   * @param options environments, tasks and runners; invalid values throw here
   */
  public constructor(project: Project, options: PixiTestWorkflowOptions = {}) {
    checkShape(OWNER, options, PIXI_TEST_WORKFLOW_OPTIONS);
    const root = project.root;
    const spec = new PixiTestWorkflowSpec(builtChecked(PIXI_TEST_WORKFLOW_OPTIONS, {
      ...options,
      workspace: options.workspace ?? PixiWorkspace.of(project),
      workingDirectory: options.workingDirectory ?? (relative(root.outdir, project.outdir).split(sep).join('/') || '.'),
    }));
    refuseToOverwrite(OWNER, root.outdir, TEST_WORKFLOW_FILE, 'move it away to have the workflow generated');
    refuseTakenPaths(OWNER, root, [{ option: 'file', path: TEST_WORKFLOW_FILE }]);
    super(project, OWNER);
    keepRepositoryFiles(project, OWNER);
    this.spec = spec;
    this.file = new RenderedFile(root, TEST_WORKFLOW_FILE,
      (marker) => renderWorkflowYaml(OWNER, spec._render(projenActionResolver(root)), { headerComment: marker }), { committed: true });
  }
}
