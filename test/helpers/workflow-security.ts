/*
 * What a generated workflow trusts, checked rule by rule. The rules follow the audits of zizmor, a
 * GitHub Actions security linter (https://docs.zizmor.sh/audits), and are named after them; zizmor
 * itself is a Rust binary that neither npm nor Debian ships, so it cannot run here. A finding names
 * the rule, the job (and step) and what is wrong.
 *
 * Who can start a job: a workflow that triggers on `pull_request` runs every job whose `if:` does
 * not exclude that event, with code from the pull request, a fork's above all. Such a job is
 * *untrusted*: it may not hold a write permission or a secret, push, or write a cache.
 */
import { parse } from 'yaml';

export interface SecurityFinding {
  readonly rule: string;
  readonly where: string;
  readonly what: string;
}

const NOT_PULL_REQUEST = /github\.event_name\s*!=\s*'pull_request'/;
const ONLY_PULL_REQUEST = /^\s*(\$\{\{\s*)?github\.event_name\s*==\s*'pull_request'(\s*\}\})?\s*$/;
/** Write permissions a job may hold only for the steps that use them. */
const WRITE_USERS: Record<string, (step: any) => boolean> = {
  'packages': (step) => step.uses?.startsWith('docker/login-action@') || /apptainer registry login/.test(step.run ?? ''),
  'id-token': (step) => step.uses?.startsWith('actions/attest@'),
  'attestations': (step) => step.uses?.startsWith('actions/attest@'),
};
/** Caching inputs of the actions the workflows use: a write from an untrusted job can poison a trusted one. */
const CACHE_WRITES: ((step: any) => string | undefined)[] = [
  (step) => step.uses?.startsWith('docker/build-push-action@') && step.with?.['cache-to'] ? `cache-to: ${step.with['cache-to']}` : undefined,
  // setup-pixi saves its cache unless `cache-write` is false, or an expression false in a pull request.
  (step) => step.uses?.startsWith('prefix-dev/setup-pixi@') && step.with?.cache === true && step.with?.['cache-write'] !== false
    && !/^\$\{\{\s*github\.event_name\s*(==\s*'push'|!=\s*'pull_request')\s*\}\}$/.test(String(step.with?.['cache-write']))
    ? `setup-pixi cache-write: ${JSON.stringify(step.with?.['cache-write'])}` : undefined,
  (step) => step.uses?.startsWith('actions/cache@') ? 'actions/cache (restores and saves)' : undefined,
];

function triggerNames(on: unknown): string[] {
  if (typeof on === 'string') return [on];
  if (Array.isArray(on)) return on;
  return Object.keys(on ?? {});
}

/** Whether a pull request can start the job: the workflow has the trigger and nothing on the way excludes it. */
function pullRequestRuns(jobs: Record<string, any>, id: string, seen = new Set<string>()): boolean {
  const job = jobs[id];
  if (NOT_PULL_REQUEST.test(String(job.if ?? ''))) return false;
  if (seen.has(id)) return true;
  seen.add(id);
  const needs: string[] = job.needs === undefined ? [] : [job.needs].flat();
  // A job whose needs were skipped is skipped too, unless its condition overrides that.
  if (/always\(\)|!cancelled\(\)|failure\(\)/.test(String(job.if ?? ''))) return true;
  return needs.every((need) => jobs[need] === undefined || pullRequestRuns(jobs, need, seen));
}

function stepRunsInPullRequest(step: any): boolean {
  return !NOT_PULL_REQUEST.test(String(step.if ?? ''));
}

/** Every finding of the rules in one workflow's YAML text. */
export function securityFindings(text: string): SecurityFinding[] {
  const workflow = parse(text);
  const findings: SecurityFinding[] = [];
  const add = (rule: string, where: string, what: string) => findings.push({ rule, where, what });
  const triggers = triggerNames(workflow.on);

  for (const trigger of triggers.filter((name) => name === 'pull_request_target' || name === 'workflow_run')) {
    add('dangerous-triggers', 'on', `${trigger} runs with the base repository's secrets and write token on a fork's request`);
  }
  const top = workflow.permissions;
  if (top === undefined || (typeof top === 'object' && Object.keys(top).length > 0) || typeof top === 'string') {
    add('excessive-permissions', 'permissions', `the workflow grants ${JSON.stringify(top ?? 'the default token')} to every job; grant {} and per job`);
  }

  const jobs: Record<string, any> = workflow.jobs ?? {};
  for (const [id, job] of Object.entries(jobs)) {
    const steps: any[] = job.steps ?? [];
    const untrusted = triggers.includes('pull_request') && pullRequestRuns(jobs, id);
    const onlyPullRequests = ONLY_PULL_REQUEST.test(String(job.if ?? ''));
    const permissions = job.permissions;
    if (permissions === undefined || typeof permissions === 'string') {
      add('excessive-permissions', id, `no per-job permissions (${JSON.stringify(permissions ?? 'inherited')})`);
    }
    const writes = Object.entries<string>(typeof permissions === 'object' ? permissions ?? {} : {}).filter(([, level]) => level === 'write');
    for (const [scope] of writes) {
      if (untrusted) add('excessive-permissions', id, `a pull request can run this job, which holds ${scope}: write`);
      const user = WRITE_USERS[scope];
      if (!user || !steps.some(user)) add('excessive-permissions', id, `${scope}: write, but no step uses it`);
    }
    for (const [index, step] of steps.entries()) {
      const where = `${id} › ${step.name ?? step.uses ?? `step ${index + 1}`}`;
      const inPullRequest = untrusted && (onlyPullRequests || stepRunsInPullRequest(step));
      if (step.uses && !/^\.\/|^docker:\/\/[^@]+@sha256:[0-9a-f]{64}$|^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(step.uses)) {
        add('unpinned-uses', where, `${step.uses} is not pinned by a full commit SHA`);
      }
      if (step.uses?.startsWith('actions/checkout@') && step.with?.['persist-credentials'] !== false) {
        add('artipacked', where, 'checkout leaves the token in .git/config for every later step (persist-credentials: false)');
      }
      if (typeof step.run === 'string' && step.run.includes('${{')) {
        add('template-injection', where, 'an expression inside run: is pasted into the script before the shell parses it; pass it through env:');
      }
      if (!inPullRequest) continue;
      if (JSON.stringify(step).match(/secrets\./)) add('secrets-in-pull-requests', where, 'a pull request\'s code runs in this job, which reads a secret');
      if (step.uses?.startsWith('docker/build-push-action@')) {
        const w = step.with ?? {};
        if (w.push === true || /\bpush=true\b/.test(String(w.outputs ?? '')) || /\$\{\{/.test(String(w.push ?? '')) || /\$\{\{/.test(String(w.outputs ?? ''))) {
          add('pull-request-pushes', where, `a pull request can push: push=${JSON.stringify(w.push)}, outputs=${JSON.stringify(w.outputs)}`);
        }
      }
      if (/\b(docker|apptainer|oras|crane) push\b/.test(step.run ?? '')) add('pull-request-pushes', where, 'a pull request can run a push command');
      for (const cacheWrite of CACHE_WRITES) {
        const what = cacheWrite(step);
        if (what) add('cache-poisoning', where, `a pull request writes a cache a trusted run may restore: ${what}`);
      }
    }
  }
  return findings;
}
