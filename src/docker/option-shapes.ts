/*
 * The run-time shapes of the image options: what `.projenrc.js` and other jsii languages must pass.
 */
import { ImageHealthcheck, ImageSource, PixiDockerImageOptions, PixiImageContentOptions } from './options';
import { DockerRecipe, FinalImageKind } from './recipe';
import { PixiManifestFile } from '../pixi/manifest-file';
import { IPixiWorkspace } from '../pixi/pixi-workspace-interface';
import { enumOf } from '../util/enum-shape';
import { BOOLEAN, instance, INTEGER, INTEGERS, listOf, recordOf, ShapeOf, STRING, STRINGS, struct } from '../util/shape';

/** The methods an image asks its workspace; an object that has them is one. */
const WORKSPACE_METHODS: ReadonlyArray<keyof IPixiWorkspace> = ['environmentView'];

/** A `PixiWorkspace` or `PixiWorkspaceSpec` (anything implementing `IPixiWorkspace`). */
export const WORKSPACE = instance('a PixiWorkspace or PixiWorkspaceSpec',
  (value) => WORKSPACE_METHODS.every((method) => typeof (value as Record<string, unknown>)[method] === 'function'));

const HEALTHCHECK_FIELDS: ShapeOf<ImageHealthcheck> = {
  command: STRINGS,
  intervalSeconds: INTEGER,
  timeoutSeconds: INTEGER,
  startPeriodSeconds: INTEGER,
  retries: INTEGER,
};

const SOURCE_FIELDS: ShapeOf<ImageSource> = { from: STRING, to: STRING };

/** What every image of a project may share; a PixiProject takes them for all its images. */
export const IMAGE_CONTENT_FIELDS: ShapeOf<PixiImageContentOptions> = {
  baseImage: STRING,
  finalImage: STRING,
  sources: listOf(struct('the options of ImageSource', SOURCE_FIELDS, ['from'])),
  sourceDir: STRING,
  installInputs: STRINGS,
  copySources: BOOLEAN,
  buildCommands: STRINGS,
  buildSecrets: STRINGS,
  systemPackages: STRINGS,
  ports: INTEGERS,
  command: STRINGS,
  healthcheck: struct('the options of ImageHealthcheck', HEALTHCHECK_FIELDS, ['command']),
  user: STRING,
  env: recordOf(STRING),
  labels: recordOf(STRING),
};

const IMAGE_FIELDS: ShapeOf<PixiDockerImageOptions> = {
  environment: STRING,
  cudaVersion: STRING,
  ...IMAGE_CONTENT_FIELDS,
  finalImageKind: enumOf('FinalImageKind', FinalImageKind),
  pixiVersion: STRING,
  workspace: WORKSPACE,
  platform: STRING,
  contextDirectory: STRING,
  manifestFile: enumOf('PixiManifestFile', PixiManifestFile),
  dockerfile: STRING,
  entrypointFile: STRING,
  recipe: enumOf('DockerRecipe', DockerRecipe),
};

/** `PixiDockerImageOptions`, of `PixiDockerImage` and `PixiDockerImageSpec` alike. */
export const IMAGE_OPTIONS = struct('the options of PixiDockerImageOptions', IMAGE_FIELDS);
