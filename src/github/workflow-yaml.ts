import { commentPinnedActions } from './actions';
import { writeBlockYaml } from './block-yaml';
import { Workflow, workflowYaml, Yaml } from './workflow-model';
import { headerCommentOf } from '../util/shape';

/**
 * A workflow's YAML text: the header comment (checked), then the data, with `# vX.Y.Z` after each
 * pinned action. No anchors and aliases: GitHub reads them, but people and some linters do not expect them.
 */
export function renderWorkflowYaml(owner: string, workflow: Workflow, options: unknown): string {
  return renderWorkflowData(owner, workflowYaml(workflow), options);
}

/** The YAML text of workflow data (GitHub's keys), as {@link renderWorkflowYaml} writes it. */
export function renderWorkflowData(owner: string, yaml: Yaml, options: unknown): string {
  const header = headerCommentOf(owner, options);
  const text = writeBlockYaml(yaml) ?? stringifyWithYaml(yaml);
  return `${header ? `# ${header}\n\n` : ''}${commentPinnedActions(text)}`;
}

/** What the fast path leaves (a tab or a byte-order mark, say): `yaml` writes it, loaded only then. */
function stringifyWithYaml(workflow: Yaml): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify }: typeof import('yaml') = require('yaml');
  return stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false });
}
