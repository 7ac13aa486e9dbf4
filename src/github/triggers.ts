import { github } from 'projen';

/**
 * Pushes to the branches and `v*` tags, pull requests, manual runs, and (the lesson's) published
 * releases. A release of a `v*` tag publishes the commit its tag push has published already: a second
 * full build of the same images, so the OPTIMIZED recipe leaves that trigger out.
 */
export function triggers(branches: string[], paths: string[], releases: boolean): github.workflows.Triggers {
  return {
    // Separate copies, so that YAML writes two plain lists rather than an anchor and an alias.
    push: { branches: [...branches], tags: ['v*'], paths: [...paths] },
    pullRequest: { paths: [...paths] },
    ...(releases ? { release: { types: ['published'] } } : {}),
    workflowDispatch: {},
  };
}

/** Keeps the first occurrence of each value. */
export function unique(values: string[]): string[] {
  return [...new Set(values)];
}
