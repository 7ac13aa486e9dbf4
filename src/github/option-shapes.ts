/*
 * The run-time shapes of the workflow options: what `.projenrc.js` and other jsii languages must pass.
 */
import { BuildCache, GhcrWorkflowImage, GhcrWorkflowSpecOptions, ImagePlatform, PixiTestWorkflowOptions, WorkflowRecipe } from './options';
import { ApptainerDefinitionSpec } from '../apptainer/apptainer-definition-spec';
import { WORKSPACE } from '../docker/option-shapes';
import { PixiDockerImageSpec } from '../docker/pixi-docker-image-spec';
import { enumOf } from '../util/enum-shape';
import { BOOLEAN, instance, listOf, recordOf, ShapeOf, STRING, STRINGS, struct } from '../util/shape';

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
};

/** `GhcrWorkflowSpecOptions`. */
export const WORKFLOW_OPTIONS = struct('the options of GhcrWorkflowSpecOptions', WORKFLOW_FIELDS);

/** `GhcrWorkflowImage`. */
export const WORKFLOW_IMAGE = struct<GhcrWorkflowImage>('spec, context and apptainer', {
  spec: instance('a PixiDockerImageSpec', (value) => value instanceof PixiDockerImageSpec),
  context: STRING,
  apptainer: instance('an ApptainerDefinitionSpec', (value) => value instanceof ApptainerDefinitionSpec),
  platforms: listOf(enumOf('ImagePlatform', ImagePlatform)),
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
