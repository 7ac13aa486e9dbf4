/*
 * What the jobs that build do before they build, from the user: how they check out, and their own steps. These
 * steps run in pull requests' jobs too, so they are held to those jobs' rules: no secret, nothing pasted into a
 * script, actions pinned by commit.
 */
import { github } from 'projen';
import { CheckoutSubmodules, WorkflowCheckoutOptions } from './options';
import { StepInputs } from './workflow-model';
import { hasControlCharacter, invalidOption } from '../util/validate';

const OWNER = 'GhcrWorkflow';
/** The ids of the steps the build jobs have already: `steps.<id>` must name one step. */
const OWN_STEP_IDS = ['image', 'meta', 'build', 'index'];
const STEP_ID = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** A full commit SHA, a local action, or a Docker image by digest: references no one can move. */
const PINNED_USES = /^(?:[\w.-]+\/[\w./-]+@[0-9a-f]{40}|\.\/[\w./-]*|docker:\/\/[^@\s]+@sha256:[0-9a-f]{64})$/;

/** The checkout step's inputs beside `persist-credentials: false`. */
export function checkoutInputs(options: WorkflowCheckoutOptions | undefined): StepInputs {
  const submodules = options?.submodules ?? CheckoutSubmodules.NONE;
  return {
    ...(submodules === CheckoutSubmodules.NONE ? {} : { submodules: submodules === CheckoutSubmodules.RECURSIVE ? 'recursive' : true }),
    ...(options?.fullHistory ? { 'fetch-depth': 0 } : {}),
    ...(options?.lfs ? { lfs: true } : {}),
  };
}

/** `preBuildSteps`, checked; copies, so that a later change to the user's objects changes nothing. */
export function checkPreBuildSteps(steps: github.workflows.JobStep[] | undefined): github.workflows.JobStep[] {
  return (steps ?? []).map((step, i) => {
    const option = `preBuildSteps[${i}]`;
    const refuse = (field: string, value: unknown, allowed: string) => invalidOption(OWNER, `${option}${field}`, value, allowed);
    if ((step.run === undefined) === (step.uses === undefined)) throw refuse('', step, 'a step with either run or uses');
    if (step.uses !== undefined && !PINNED_USES.test(step.uses)) {
      throw refuse('.uses', step.uses, 'an action pinned by a full commit SHA ("owner/repo@<40 hex digits>"), a local action ("./path") or "docker://image@sha256:<digest>"');
    }
    if (step.run !== undefined && (step.run.trim() === '' || step.run.includes('${{'))) {
      throw refuse('.run', step.run, 'a script without "${{": GitHub pastes an expression into the script before the shell parses it; pass it through env');
    }
    if (step.id !== undefined && (!STEP_ID.test(step.id) || OWN_STEP_IDS.includes(step.id))) {
      throw refuse('.id', step.id, `a step id of letters, digits, "_" and "-", other than ${OWN_STEP_IDS.join(', ')} (the build job's own)`);
    }
    for (const [field, value] of Object.entries(step)) {
      if (typeof value === 'string' && field !== 'run' && hasControlCharacter(value)) throw refuse(`.${field}`, value, 'one line');
    }
    // A pull request's job runs these steps: a secret there is a secret a fork's code can read.
    const secret = Object.entries(step).find(([, value]) => /\bsecrets\s*\./.test(JSON.stringify(value)));
    if (secret) {
      throw refuse(`.${secret[0]}`, secret[1], 'no secret: the steps run in pull requests\' jobs too, which hold none (the image\'s buildSecrets reach the builds that push)');
    }
    // An empty `env:` or `with:` is one GitHub's linters refuse: it is left out.
    const copy = JSON.parse(JSON.stringify(step));
    for (const field of ['env', 'with']) if (copy[field] !== undefined && Object.keys(copy[field]).length === 0) delete copy[field];
    return copy;
  });
}
