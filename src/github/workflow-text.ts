/*
 * Checks of the text every workflow takes from options: its name and its branch filters.
 */
import { hasControlCharacter, invalidOption } from '../util/validate';

/** A branch name or filter pattern (`*`, `**`, `?`, `+`, `[0-9]`, a leading `!`), as GitHub reads them. */
const BRANCH = /^!?(?:[A-Za-z0-9._\/*?+-]|\[[A-Za-z0-9._\/-]+\])+$/;

/** Refuses a workflow name that is not one line, or holds `${{` (GitHub would evaluate it: the name would change from run to run). */
export function checkWorkflowName(owner: string, name: string | undefined): void {
  if (name !== undefined && (name.trim() === '' || hasControlCharacter(name) || name.includes('${{'))) {
    throw invalidOption(owner, 'workflowName', name, 'a one-line name without "${{"');
  }
}

/** Refuses branch filters GitHub would not read, and lists that match no branch. */
export function checkBranches(owner: string, branches: string[] | undefined): void {
  if (branches === undefined) return;
  branches.forEach((branch, i) => {
    if (!BRANCH.test(branch)) {
      throw invalidOption(owner, `branches[${i}]`, branch, 'a branch name or filter pattern (* ** ? + [0-9], a leading ! to exclude), without spaces');
    }
  });
  // An empty list, or only exclusions, matches no branch; GitHub and actionlint reject the first.
  if (!branches.some((branch) => !branch.startsWith('!'))) {
    throw invalidOption(owner, 'branches', branches, 'at least one branch or pattern that is not an exclusion ("!...")');
  }
}
