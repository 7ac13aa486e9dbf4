/*
 * The run-time shapes of the workflow options: what `.projenrc.js` and other jsii languages must pass.
 */
import { github } from 'projen';
import {
  BuildCache, CheckoutSubmodules, DefaultImageTag, GhcrWorkflowImage, GhcrWorkflowSpecOptions, ImagePlatform, PixiTestWorkflowOptions,
  RegistryLogin, RegistryTarget, WorkflowCheckoutOptions, WorkflowRecipe,
} from './options';
import { ApptainerDefinitionSpec } from '../apptainer/apptainer-definition-spec';
import { WORKSPACE } from '../docker/option-shapes';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { enumOf } from '../util/enum-shape';
import { BOOLEAN, either, INTEGER, instance, listOf, NUMBER, recordOf, ShapeOf, STRING, STRINGS, struct } from '../util/shape';

const REGISTRY_TARGET = struct<RegistryTarget>('image, usernameSecret and passwordSecret', {
  image: STRING, usernameSecret: STRING, passwordSecret: STRING,
}, ['image', 'passwordSecret']);

const REGISTRY_LOGIN = struct<RegistryLogin>('registry, usernameSecret and passwordSecret', {
  registry: STRING, usernameSecret: STRING, passwordSecret: STRING,
}, ['registry', 'usernameSecret', 'passwordSecret']);

const CHECKOUT = struct<WorkflowCheckoutOptions>('submodules, fullHistory and lfs', {
  submodules: enumOf('CheckoutSubmodules', CheckoutSubmodules), fullHistory: BOOLEAN, lfs: BOOLEAN,
});

/** A step of a job as the pre-build steps take it: projen's `JobStep`, without the fields GitHub has no key for. */
type PreBuildStep = Omit<github.workflows.JobStep, 'background' | 'wait' | 'waitAll' | 'cancel' | 'parallel'>;
const STEP_INPUT = either(STRING, NUMBER, BOOLEAN);
const JOB_STEP = struct<PreBuildStep>('the fields of a github.workflows.JobStep (name, id, if, uses, with, run, env, ...)', {
  id: STRING,
  if: STRING,
  name: STRING,
  uses: STRING,
  run: STRING,
  with: recordOf(STEP_INPUT),
  env: recordOf(STRING),
  workingDirectory: STRING,
  shell: STRING,
  continueOnError: BOOLEAN,
  timeoutMinutes: INTEGER,
});

/** The fields of `GhcrWorkflowSpecOptions`, shared by `GhcrWorkflowOptions`. */
export const WORKFLOW_FIELDS: ShapeOf<GhcrWorkflowSpecOptions> = {
  recipe: enumOf('WorkflowRecipe', WorkflowRecipe),
  workflowName: STRING,
  branches: STRINGS,
  imageName: STRING,
  tags: STRINGS,
  platforms: listOf(enumOf('ImagePlatform', ImagePlatform)),
  qemu: BOOLEAN,
  smokeTest: STRINGS,
  attest: BOOLEAN,
  actionOverrides: recordOf(STRING),
  freeDiskSpace: BOOLEAN,
  buildCache: enumOf('BuildCache', BuildCache),
  defaultTags: listOf(enumOf('DefaultImageTag', DefaultImageTag)),
  rawTags: STRINGS,
  extraRegistries: listOf(REGISTRY_TARGET),
  pullRegistries: listOf(REGISTRY_LOGIN),
  checkout: CHECKOUT,
  preBuildSteps: listOf(JOB_STEP),
  testCommands: STRINGS,
  apptainerPackage: STRING,
};

/** `GhcrWorkflowSpecOptions`. */
export const WORKFLOW_OPTIONS = struct('the options of GhcrWorkflowSpecOptions', WORKFLOW_FIELDS);

/** `GhcrWorkflowImage`. */
export const WORKFLOW_IMAGE = struct<GhcrWorkflowImage>('spec, context and apptainer', {
  spec: instance('a PixiDockerImageSpec', (value) => value instanceof PixiDockerImageSpec),
  context: STRING,
  apptainer: instance('an ApptainerDefinitionSpec', (value) => value instanceof ApptainerDefinitionSpec),
  platforms: listOf(enumOf('ImagePlatform', ImagePlatform)),
  apptainerTag: STRING,
}, ['spec']);

/** The images of a `GhcrWorkflowSpec`. */
export const WORKFLOW_IMAGES = listOf(WORKFLOW_IMAGE);

/** The fields of `PixiTestWorkflowOptions`, shared by `PixiTestWorkflowOptions`. */
export const PIXI_TEST_WORKFLOW_FIELDS: ShapeOf<PixiTestWorkflowOptions> = {
  workflowName: STRING,
  branches: STRINGS,
  environments: STRINGS,
  tasks: STRINGS,
  runners: STRINGS,
  pixiVersion: STRING,
  workspace: WORKSPACE,
  workingDirectory: STRING,
};

/** `PixiTestWorkflowOptions`. */
export const PIXI_TEST_WORKFLOW_OPTIONS = struct('the options of PixiTestWorkflowOptions', PIXI_TEST_WORKFLOW_FIELDS);
