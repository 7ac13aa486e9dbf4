/*
 * The run-time shapes of the workspace options: what `.projenrc.js` and other jsii languages must pass.
 */
import {
  ChannelPriority, CondaDependency, PixiActivation, PixiEnvironment, PixiFeature, PixiFeatureTables, PixiRichPlatform,
  PixiSystemRequirements, PixiTarget, PixiTask, PixiTaskArgument, PixiWorkspaceOptions, PypiDependency,
} from './options';
import { enumOf } from '../util/enum-shape';
import { ANY, BOOLEAN, either, listOf, recordOf, ShapeOf, STRING, STRINGS, struct } from '../util/shape';


const CONDA_DEPENDENCY = struct<CondaDependency>('version, buildString or channel', { version: STRING, buildString: STRING, channel: STRING });

const PYPI_DEPENDENCY = struct<PypiDependency>('version, git, path or url (PypiDependency)', {
  version: STRING,
  extras: STRINGS,
  index: STRING,
  git: STRING,
  rev: STRING,
  branch: STRING,
  tag: STRING,
  subdirectory: STRING,
  path: STRING,
  editable: BOOLEAN,
  url: STRING,
});

const SYSTEM_REQUIREMENTS = struct<PixiSystemRequirements>('cuda, libc, linux, macos or archspec', {
  cuda: STRING, libc: STRING, linux: STRING, macos: STRING, archspec: STRING,
});

const RICH_PLATFORM = struct<PixiRichPlatform>('name, platform, cuda, glibc, linux, macos or archspec (PixiRichPlatform)', {
  name: STRING, platform: STRING, cuda: STRING, glibc: STRING, linux: STRING, macos: STRING, archspec: STRING,
});

const TASK_ARGUMENT = struct<PixiTaskArgument>('arg, default and choices', { arg: STRING, default: STRING, choices: STRINGS }, ['arg']);

const TASK = struct<PixiTask>('cmd, dependsOn, cwd, env, ... (PixiTask)', {
  cmd: either(STRING, STRINGS),
  dependsOn: STRINGS,
  cwd: STRING,
  env: recordOf(STRING),
  description: STRING,
  inputs: STRINGS,
  outputs: STRINGS,
  args: listOf(TASK_ARGUMENT),
  cleanEnv: BOOLEAN,
  defaultEnvironment: STRING,
});

const ACTIVATION = struct<PixiActivation>('env and scripts', { env: recordOf(STRING), scripts: STRINGS });

const TARGET_FIELDS: ShapeOf<PixiTarget> = {
  dependencies: recordOf(either(STRING, CONDA_DEPENDENCY)),
  pypiDependencies: recordOf(either(STRING, PYPI_DEPENDENCY)),
  tasks: recordOf(either(STRING, TASK)),
  activation: ACTIVATION,
};

const TABLE_FIELDS: ShapeOf<PixiFeatureTables> = {
  ...TARGET_FIELDS,
  systemRequirements: SYSTEM_REQUIREMENTS,
  targets: recordOf(struct<PixiTarget>('dependencies, pypiDependencies, tasks and activation', TARGET_FIELDS)),
};

const FEATURE = struct<PixiFeature>('the tables of a feature (PixiFeature)', { ...TABLE_FIELDS, platforms: STRINGS, channels: STRINGS });

const ENVIRONMENT = struct<PixiEnvironment>('features, solveGroup and noDefaultFeature', {
  features: STRINGS, solveGroup: STRING, noDefaultFeature: BOOLEAN,
});

/** `PixiWorkspaceOptions`. */
export const WORKSPACE_OPTIONS = struct<PixiWorkspaceOptions>('the options of PixiWorkspaceOptions', {
  ...TABLE_FIELDS,
  name: STRING,
  version: STRING,
  description: STRING,
  authors: STRINGS,
  channels: STRINGS,
  platforms: listOf(either(STRING, RICH_PLATFORM)),
  requiresPixi: STRING,
  channelPriority: enumOf('ChannelPriority', ChannelPriority),
  features: recordOf(FEATURE),
  environments: recordOf(ENVIRONMENT),
  overrides: recordOf(ANY),
});
