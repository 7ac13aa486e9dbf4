import { commentPinnedActions } from './actions';
import { Yaml } from './triggers';
import { headerCommentOf } from '../util/shape';

/**
 * A workflow's YAML text: the header comment (checked), then the data, with `# vX.Y.Z` after each
 * pinned action. No anchors and aliases: GitHub reads them, but people and some linters do not expect them.
 */
export function renderWorkflowYaml(owner: string, workflow: Yaml, options: unknown): string {
  const header = headerCommentOf(owner, options);
  // Loaded when a workflow is rendered, not when the library is imported (~15 ms of every synthesis otherwise).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { stringify }: typeof import('yaml') = require('yaml');
  const text = stringify(workflow, { lineWidth: 0, aliasDuplicateObjects: false });
  return `${header ? `# ${header}\n\n` : ''}${commentPinnedActions(text)}`;
}
