/** A workflow, job and step as they appear in YAML (GitHub's own key spelling). */
export type Yaml = Record<string, any>;

/** The lesson's triggers: pushes to the branches and `v*` tags, pull requests, releases, manual runs. */
export function triggers(branches: string[], paths: string[]): Yaml {
  return {
    // Separate copies, so that YAML writes two plain lists rather than an anchor and an alias.
    push: { branches: [...branches], tags: ['v*'], paths: [...paths] },
    pull_request: { paths: [...paths] },
    release: { types: ['published'] },
    // `workflow_dispatch:` with no value, as people write it.
    workflow_dispatch: null,
  };
}

/** Keeps the first occurrence of each value. */
export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
