import { github, Project } from 'projen';

/**
 * How the workflows resolve an action reference: through the root project's projen GitHub component
 * when it has one (its public `actions` provider, which `project.github.actions.set(...)` fills), so that
 * projen's overrides reach these workflows as they reach projen's own; unchanged otherwise.
 */
export function projenActionResolver(root: Project): (uses: string) => string {
  const actions = github.GitHub.of(root)?.actions;
  return (uses) => actions?.get(uses) ?? uses;
}
