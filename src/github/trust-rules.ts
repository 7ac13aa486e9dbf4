/*
 * The trust rules every workflow of this library keeps, as a check of the finished YAML: what `GhcrWorkflow`
 * holds a workflow with the user's overrides to at synthesis. A job a pull request can start runs a fork's code:
 * it holds no write permission and no secret, and pushes and caches nothing. (The tests check generated workflows
 * with rules of their own, after zizmor's audits.)
 */
import { Yaml } from './workflow-model';

const NOT_PULL_REQUEST = /github\.event_name\s*!=\s*'pull_request'/;
const PUSH_COMMAND = /\b(?:docker|apptainer|oras|crane|buildah|podman) push\b|\bimagetools create\b/;

function triggerNames(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on.map(String);
  return typeof on === 'object' && on !== null ? Object.keys(on) : [];
}

/** Whether a pull request can start the job: nothing on its way (its `if:`, or a job it needs) excludes the event. */
function pullRequestCanRun(jobs: Record<string, Yaml>, id: string, seen: Set<string>): boolean {
  const job = jobs[id];
  if (NOT_PULL_REQUEST.test(String(job?.if ?? ''))) return false;
  if (seen.has(id)) return true;
  seen.add(id);
  // A job whose needs were skipped is skipped too, unless its condition runs it anyway.
  if (/always\(\)|!cancelled\(\)|failure\(\)/.test(String(job?.if ?? ''))) return true;
  const needs = job?.needs === undefined ? [] : [job.needs].flat().map(String);
  return needs.every((need) => jobs[need] === undefined || pullRequestCanRun(jobs, need, seen));
}

function pushes(step: Yaml): boolean {
  const inputs = step.with ?? {};
  if (String(step.uses ?? '').startsWith('docker/build-push-action@')) {
    // `push` true or an expression, or an image output that pushes.
    const pushInput = inputs.push !== undefined && String(inputs.push) !== 'false';
    if (pushInput || /push=true/.test(String(inputs.outputs ?? ''))) return true;
  }
  return PUSH_COMMAND.test(String(step.run ?? ''));
}

/** What the workflow breaks of the trust rules, one line each, naming the rule and where; empty when it keeps them. */
export function trustRuleFindings(workflow: Yaml): string[] {
  const findings: string[] = [];
  const triggers = triggerNames(workflow.on);
  for (const trigger of triggers.filter((name) => name === 'pull_request_target' || name === 'workflow_run')) {
    findings.push(`dangerous trigger: ${trigger} runs a fork's request with the repository's secrets and write token`);
  }
  const top = workflow.permissions;
  if (typeof top !== 'object' || top === null || Object.keys(top).length > 0) {
    findings.push(`permissions: the workflow grants ${JSON.stringify(top ?? 'the default token')} to every job; {} and per job only`);
  }
  const jobs: Record<string, Yaml> = typeof workflow.jobs === 'object' && workflow.jobs !== null ? workflow.jobs : {};
  if (!triggers.includes('pull_request')) return findings;
  for (const id of Object.keys(jobs)) {
    if (!pullRequestCanRun(jobs, id, new Set())) continue;
    const job = jobs[id];
    const permissions = job.permissions;
    if (typeof permissions !== 'object' || permissions === null) {
      findings.push(`jobs.${id}: a pull request can run it, with ${JSON.stringify(permissions ?? 'inherited')} permissions; it needs its own, read-only`);
    } else {
      for (const [scope, level] of Object.entries(permissions)) {
        if (level === 'write') findings.push(`jobs.${id}: a pull request can run it, and it holds ${scope}: write`);
      }
    }
    if (/\bsecrets\s*\./.test(JSON.stringify(job))) findings.push(`jobs.${id}: a pull request can run it, and it reads a secret`);
    const steps: Yaml[] = Array.isArray(job.steps) ? job.steps : [];
    steps.forEach((step, i) => {
      if (NOT_PULL_REQUEST.test(String(step?.if ?? ''))) return;
      if (pushes(step)) findings.push(`jobs.${id}.steps[${i}]: a pull request can run it, and it pushes`);
      if (step?.with?.['cache-to'] !== undefined) findings.push(`jobs.${id}.steps[${i}]: a pull request can run it, and it writes a build cache a push may restore`);
    });
  }
  return findings;
}
