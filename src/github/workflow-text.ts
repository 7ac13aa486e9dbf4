/*
 * Checks of the text every workflow takes from options: its name and its branch filters.
 */
import { hasControlCharacter, invalidOption } from '../util/validate';

/**
 * Whether a branch filter is a branch name git allows, with GitHub's pattern characters (`*`, `**`, `?`, `+`, a class
 * `[0-9]`, a leading `!`) where git would refuse them. git's rules (`git check-ref-format --branch`, refs.c
 * `check_refname_component`): no control character, space, `~ ^ : \`, no `..` or `@{`, not starting with `-`,
 * no component starting with `.` or ending with `.lock`, no empty component, not ending with `.`.
 */
function isBranchFilter(filter: string): boolean {
  const name = filter.startsWith('!') ? filter.slice(1) : filter;
  if (name === '' || name.startsWith('-') || name.endsWith('.') || name.includes('..') || name.includes('@{')) return false;
  // Pattern classes are GitHub's: each `[` closes, and holds no `/`.
  const classless = name.replace(/\[[^\]/[]+\]/g, 'x');
  if (/[\u0000-\u0020\u007f~^:\\[\]]/.test(classless) || hasControlCharacter(name)) return false;
  return name.split('/').every((component) => component !== '' && !component.startsWith('.') && !component.endsWith('.lock'));
}

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
    if (typeof branch !== 'string' || !isBranchFilter(branch)) {
      throw invalidOption(owner, `branches[${i}]`, branch,
        'a branch name git allows (git check-ref-format --branch: no spaces, "~ ^ : \\", "..", "@{", no leading "-" or "." in a part) or a filter pattern (* ** ? + [0-9], a leading ! to exclude)');
    }
  });
  // An empty list, or only exclusions, matches no branch; GitHub and actionlint reject the first.
  if (!branches.some((branch) => !branch.startsWith('!'))) {
    throw invalidOption(owner, 'branches', branches, 'at least one branch or pattern that is not an exclusion ("!...")');
  }
}
