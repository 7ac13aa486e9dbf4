import { GhcrWorkflowSpecOptions } from './options';
import { KeyList } from '../util/known-keys';

/** The workflow's options; the compiler keeps the list complete. */
export const WORKFLOW_OPTION_KEYS: KeyList<GhcrWorkflowSpecOptions> = {
  recipe: true,
  workflowName: true,
  branches: true,
  imageName: true,
  tags: true,
  platforms: true,
  qemu: true,
  smokeTest: true,
  attest: true,
  actionOverrides: true,
};
