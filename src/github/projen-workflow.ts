import { github } from 'projen';
import { Yaml } from './triggers';

/*
 * The workflow renderers speak GitHub's YAML; projen's GithubWorkflow takes camelCase structs
 * and spells them back. These functions translate, so both paths render the same file.
 */

const camel = (key: string) => key.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** `{ push, pull_request, workflow_dispatch }` → projen's triggers (it snake-cases them again). */
export function toProjenTriggers(on: Yaml): github.workflows.Triggers {
  return Object.fromEntries(Object.entries(on).map(([event, value]) => [camel(event.replace(/_/g, '-')), value])) as github.workflows.Triggers;
}

export function toProjenJob(job: Yaml): github.workflows.Job {
  const strategy = job.strategy && {
    failFast: job.strategy['fail-fast'],
    matrix: job.strategy.matrix,
  };
  return {
    name: job.name,
    if: job.if,
    needs: job.needs,
    runsOn: [job['runs-on']],
    timeoutMinutes: job['timeout-minutes'],
    permissions: Object.fromEntries(
      Object.entries(job.permissions).map(([scope, level]) => [camel(scope), level])) as github.workflows.JobPermissions,
    strategy,
    steps: job.steps.map((step: Yaml) => ({
      name: step.name, id: step.id, if: step.if, uses: step.uses, with: step.with, env: step.env, run: step.run,
    })),
  };
}
