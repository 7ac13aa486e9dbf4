/*
 * PixiWorkspaceOptions → the TOML document of pixi.toml (pixi's kebab-case keys, in the order
 * people write by hand) and the queryable model. Every value is checked on the way.
 */
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED } from './environment-name';
import { PixiManifestFile } from './manifest-file';
import { DEFAULT, PlatformModel, WorkspaceModel } from './model';
import { WORKSPACE_OPTIONS } from './option-shapes';
import {
  CondaDependency, PixiActivation, PixiFeature, PixiFeatureTables, PixiRichPlatform,
  PixiTarget, PixiTask, PixiWorkspaceOptions, PypiDependency, ChannelPriority,
} from './options';
import { applyOverrides } from './overrides';
import { workspaceModelOf } from './parsed';
import { KNOWN_SUBDIRS, PLATFORM_NAME, PLATFORM_SELECTORS, RESERVED_PLATFORM_NAMES } from './platforms';
import { ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED } from '../util/env-variable';
import { setOwn } from '../util/own-key';
import { checkShape } from '../util/shape';
import { hasControlCharacter, hasLoneSurrogate, invalidOption, requireOneOf } from '../util/validate';
import { CUDA_VERSION, CUDA_VERSION_ALLOWED } from '../util/versions';

const OWNER = 'PixiWorkspace';
const TASK_NAME = /^[^\s$]+$/;
const TASK_ARG_NAME = /^[a-zA-Z_][a-zA-Z\d_]*$/;
const CONDA_PACKAGE = /^[A-Za-z0-9_][A-Za-z0-9_.+-]*$/;
const PYPI_PACKAGE = /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?$/;
const TARGET_GLOB = /^[a-z0-9*][a-z0-9*-]*$/;

type Table = Record<string, unknown>;

export interface AuthoredWorkspace {
  /** The manifest as TOML data, keys in pixi's spelling and order. */
  readonly document: Table;
  readonly model: WorkspaceModel;
}

/** Context every table is checked against. */
interface Known {
  readonly platformNames: string[];
  readonly taskNames: Set<string>;
}

export function fromOptions(options: PixiWorkspaceOptions): AuthoredWorkspace {
  checkShape(OWNER, options, WORKSPACE_OPTIONS);
  const platforms = (options.platforms ?? ['linux-64']).map((entry, i) => platform(entry, `platforms[${i}]`));
  checkUnique(platforms.map((p) => p.model.name), 'platforms', 'each platform name once');
  const known: Known = { platformNames: platforms.map((p) => p.model.name), taskNames: collectTaskNames(options) };

  const features = options.features ?? {};
  const environments = options.environments ?? {};
  const document: Table = {
    workspace: compact({
      'name': singleLine('name', options.name),
      'version': singleLine('version', options.version),
      'description': singleLine('description', options.description),
      'authors': options.authors?.map((a, i) => singleLine(`authors[${i}]`, a)),
      'channels': nonEmptyList('channels', options.channels ?? ['conda-forge']),
      'platforms': platforms.map((p) => p.toml),
      'requires-pixi': singleLine('requiresPixi', options.requiresPixi),
      'channel-priority': channelPriority('channelPriority', options.channelPriority),
    }),
    ...featureTables(options, '', known),
  };
  const featureDocs: Table = {};
  for (const [name, feature] of Object.entries(features)) {
    const path = `features.${name}`;
    // pixi takes any name (`FeatureName` of crates/pixi_manifest/src/feature.rs); TOML quotes it where needed.
    requiredText('features key', name, 'a feature name: any one line of text');
    if (name === DEFAULT) throw invalidOption(OWNER, 'features key', name, 'a name other than "default" (the top-level tables are the default feature)');
    setOwn(featureDocs, name, compact({
      platforms: feature.platforms && platformRefs(`${path}.platforms`, feature.platforms, known),
      channels: feature.channels && nonEmptyList(`${path}.channels`, feature.channels),
      ...featureTables(feature, `${path}.`, known),
    }));
  }
  if (Object.keys(featureDocs).length > 0) document.feature = featureDocs;

  const environmentDocs: Table = {};
  for (const [name, env] of Object.entries(environments)) {
    const path = `environments.${name}`;
    requireName('environments', name, ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED);
    (env.features ?? []).forEach((f, i) => {
      if (!Object.prototype.hasOwnProperty.call(features, f)) {
        throw invalidOption(OWNER, `${path}.features[${i}]`, f, `a defined feature (${Object.keys(features).join(', ') || 'none defined'})`);
      }
    });
    const table = compact({
      'features': env.features ? [...env.features] : undefined,
      'solve-group': singleLine(`${path}.solveGroup`, env.solveGroup),
      'no-default-feature': env.noDefaultFeature,
    });
    // A bare feature list is how people write most environments.
    setOwn(environmentDocs, name, Object.keys(table).length === 1 && table.features ? table.features : table);
  }
  if (Object.keys(environmentDocs).length > 0) document.environments = environmentDocs;

  if (options.overrides !== undefined) applyOverrides(document, options.overrides);
  // Read back as any manifest is, so that both kinds answer every query by the same rules.
  const model = workspaceModelOf(document, PixiManifestFile.PIXI_TOML, 'pixi.toml');
  return { document, model };
}

/** dependencies, pypi-dependencies, system-requirements, activation, tasks and target, in that order. */
function featureTables(tables: PixiFeatureTables, prefix: string, known: Known): Table {
  const { dependencies, 'pypi-dependencies': pypi, ...rest } = targetTables(tables, prefix, known);
  const sys = tables.systemRequirements;
  let systemRequirements: Table | undefined;
  if (sys) {
    const path = `${prefix}systemRequirements`;
    if (sys.cuda !== undefined && !CUDA_VERSION.test(sys.cuda)) throw invalidOption(OWNER, `${path}.cuda`, sys.cuda, CUDA_VERSION_ALLOWED);
    systemRequirements = compact({
      cuda: sys.cuda,
      libc: singleLine(`${path}.libc`, sys.libc),
      linux: singleLine(`${path}.linux`, sys.linux),
      macos: singleLine(`${path}.macos`, sys.macos),
      archspec: singleLine(`${path}.archspec`, sys.archspec),
    });
  }
  let target: Table | undefined;
  if (tables.targets) {
    target = {};
    for (const [selector, tablesOfTarget] of Object.entries(tables.targets)) {
      targetSelector(`${prefix}targets`, selector, known);
      setOwn(target, selector, targetTables(tablesOfTarget, `${prefix}targets.${selector}.`, known));
    }
  }
  return compact({ dependencies, 'pypi-dependencies': pypi, 'system-requirements': systemRequirements, ...rest, target });
}

/** The tables a single platform can have: dependencies, pypi-dependencies, activation, tasks. */
function targetTables(tables: PixiTarget, prefix: string, known: Known): Table {
  return compact({
    'dependencies': tables.dependencies && condaDependencies(`${prefix}dependencies`, tables.dependencies),
    'pypi-dependencies': tables.pypiDependencies && pypiDependencies(`${prefix}pypiDependencies`, tables.pypiDependencies),
    'activation': tables.activation && activation(`${prefix}activation`, tables.activation),
    'tasks': tables.tasks && tasks(`${prefix}tasks`, tables.tasks, known),
  });
}

function condaDependencies(path: string, deps: Record<string, string | CondaDependency>): Table {
  const result: Table = {};
  for (const [name, spec] of Object.entries(deps)) {
    requireName(path, name, CONDA_PACKAGE, 'a conda package name');
    if (typeof spec === 'string') {
      setOwn(result, name, requiredText(`${path}.${name}`, spec, 'a version spec such as ">=1.2,<2" or "*"'));
      continue;
    }
    const table = compact({
      version: singleLine(`${path}.${name}.version`, spec?.version),
      build: singleLine(`${path}.${name}.buildString`, spec?.buildString),
      channel: singleLine(`${path}.${name}.channel`, spec?.channel),
    });
    if (Object.keys(table).length === 0) throw invalidOption(OWNER, `${path}.${name}`, spec, 'a version string or a table with version, build or channel');
    setOwn(result, name, table);
  }
  return result;
}

function pypiDependencies(path: string, deps: Record<string, string | PypiDependency>): Table {
  const result: Table = {};
  for (const [name, spec] of Object.entries(deps)) {
    const where = `${path}.${name}`;
    requireName(path, name, PYPI_PACKAGE, 'a PyPI package name');
    if (typeof spec === 'string') {
      setOwn(result, name, requiredText(where, spec, 'a PEP 440 version spec such as ">=1.2" or "*"'));
      continue;
    }
    const sources = (['version', 'git', 'path', 'url'] as const).filter((key) => spec?.[key] !== undefined);
    const gitRefs = (['rev', 'branch', 'tag'] as const).filter((key) => spec?.[key] !== undefined);
    const allowed = 'one source: version (with index), git (with one of rev, branch, tag), path (with editable) or url';
    if (sources.length !== 1) throw invalidOption(OWNER, where, spec, allowed);
    if (gitRefs.length > (sources[0] === 'git' ? 1 : 0)) throw invalidOption(OWNER, where, spec, allowed);
    if (spec.editable !== undefined && sources[0] !== 'path') throw invalidOption(OWNER, `${where}.editable`, spec.editable, 'only with path');
    if (spec.index !== undefined && sources[0] !== 'version') throw invalidOption(OWNER, `${where}.index`, spec.index, 'only with version');
    if (spec.subdirectory !== undefined && !['git', 'path'].includes(sources[0])) {
      throw invalidOption(OWNER, `${where}.subdirectory`, spec.subdirectory, 'only with git or path');
    }
    setOwn(result, name, compact({
      version: singleLine(`${where}.version`, spec.version),
      extras: spec.extras?.map((e, i) => singleLine(`${where}.extras[${i}]`, e)),
      index: singleLine(`${where}.index`, spec.index),
      git: singleLine(`${where}.git`, spec.git),
      rev: singleLine(`${where}.rev`, spec.rev),
      branch: singleLine(`${where}.branch`, spec.branch),
      tag: singleLine(`${where}.tag`, spec.tag),
      subdirectory: singleLine(`${where}.subdirectory`, spec.subdirectory),
      path: singleLine(`${where}.path`, spec.path),
      editable: spec.editable,
      url: singleLine(`${where}.url`, spec.url),
    }));
  }
  return result;
}

function activation(path: string, value: PixiActivation): Table {
  return compact({
    env: value.env && envVars(`${path}.env`, value.env),
    scripts: value.scripts?.map((s, i) => requiredText(`${path}.scripts[${i}]`, s, 'a script path')),
  });
}

function tasks(path: string, value: Record<string, string | PixiTask>, known: Known): Table {
  const result: Table = {};
  for (const [name, task] of Object.entries(value)) {
    const where = `${path}.${name}`;
    requireName(path, name, TASK_NAME, 'a task name without whitespace or "$"');
    if (typeof task === 'string') {
      setOwn(result, name, command(where, task));
      continue;
    }
    (task.dependsOn ?? []).forEach((dep, i) => {
      if (!known.taskNames.has(dep)) throw invalidOption(OWNER, `${where}.dependsOn[${i}]`, dep, `a task defined in the workspace (${[...known.taskNames].join(', ')})`);
    });
    const table = compact({
      'cmd': task.cmd === undefined ? undefined
        : Array.isArray(task.cmd) ? task.cmd.map((w, i) => requiredText(`${where}.cmd[${i}]`, w, 'a word of the command')) : command(`${where}.cmd`, task.cmd),
      'depends-on': task.dependsOn && [...task.dependsOn],
      'cwd': singleLine(`${where}.cwd`, task.cwd),
      'env': task.env && envVars(`${where}.env`, task.env),
      'description': singleLine(`${where}.description`, task.description),
      'inputs': task.inputs?.map((g, i) => requiredText(`${where}.inputs[${i}]`, g, 'a glob pattern')),
      'outputs': task.outputs?.map((g, i) => requiredText(`${where}.outputs[${i}]`, g, 'a glob pattern')),
      'args': task.args?.map((a, i) => {
        requireName(`${where}.args[${i}]`, a.arg, TASK_ARG_NAME, 'an argument name (^[a-zA-Z_][a-zA-Z\\d_]*$)');
        return compact({ arg: a.arg, default: a.default, choices: a.choices && [...a.choices] });
      }),
      'clean-env': task.cleanEnv,
      'default-environment': task.defaultEnvironment
        && requireName(`${where}.defaultEnvironment`, task.defaultEnvironment, ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED),
    });
    if (table.cmd === undefined && table['depends-on'] === undefined) throw invalidOption(OWNER, where, task, 'a table with cmd or dependsOn');
    setOwn(result, name, table);
  }
  return result;
}

function platform(entry: string | PixiRichPlatform, path: string): { toml: unknown; model: PlatformModel } {
  if (typeof entry === 'string') {
    if (!KNOWN_SUBDIRS.includes(entry)) throw invalidOption(OWNER, path, entry, `a conda platform (${KNOWN_SUBDIRS.join(', ')}) or a rich platform table`);
    return { toml: entry, model: { name: entry, subdir: entry } };
  }
  const subdir = entry.platform ?? entry.name;
  if (subdir === undefined || !KNOWN_SUBDIRS.includes(subdir)) {
    throw invalidOption(OWNER, `${path}.platform`, entry.platform, `a conda platform (${KNOWN_SUBDIRS.join(', ')})`);
  }
  if (entry.name !== undefined && (!PLATFORM_NAME.test(entry.name) || RESERVED_PLATFORM_NAMES.includes(entry.name))) {
    throw invalidOption(OWNER, `${path}.name`, entry.name, 'a platform name of letters, digits and "-" other than linux, macos, osx, unix, win');
  }
  if (entry.cuda !== undefined && !CUDA_VERSION.test(entry.cuda)) throw invalidOption(OWNER, `${path}.cuda`, entry.cuda, CUDA_VERSION_ALLOWED);
  const toml = compact({
    name: entry.name,
    platform: entry.platform,
    cuda: entry.cuda,
    glibc: singleLine(`${path}.glibc`, entry.glibc),
    linux: singleLine(`${path}.linux`, entry.linux),
    macos: singleLine(`${path}.macos`, entry.macos),
    archspec: singleLine(`${path}.archspec`, entry.archspec),
  });
  return { toml, model: { name: entry.name ?? subdir, subdir, cuda: entry.cuda } };
}

function platformRefs(path: string, refs: string[], known: Known): string[] {
  refs.forEach((ref, i) => {
    if (!known.platformNames.includes(ref)) throw invalidOption(OWNER, `${path}[${i}]`, ref, `a platform of the workspace (${known.platformNames.join(', ')})`);
  });
  return [...refs];
}

function targetSelector(path: string, selector: string, known: Known): void {
  const ok = KNOWN_SUBDIRS.includes(selector) || PLATFORM_SELECTORS.includes(selector)
    || known.platformNames.includes(selector) || (selector.includes('*') && TARGET_GLOB.test(selector));
  if (!ok) throw invalidOption(OWNER, `${path} key`, selector, 'a platform, a selector (linux, osx, win, unix), a workspace platform name or a glob such as "*-cuda"');
}

function collectTaskNames(options: PixiWorkspaceOptions): Set<string> {
  const names = new Set<string>();
  const add = (tables: PixiFeatureTables | undefined) => {
    Object.keys(tables?.tasks ?? {}).forEach((n) => names.add(n));
    Object.values(tables?.targets ?? {}).forEach((t) => Object.keys(t.tasks ?? {}).forEach((n) => names.add(n)));
  };
  add(options);
  Object.values(options.features ?? {}).forEach((f: PixiFeature) => add(f));
  return names;
}

function envVars(path: string, vars: Record<string, string>): Table {
  const result: Table = {};
  for (const [key, value] of Object.entries(vars)) {
    requireName(path, key, ENV_VARIABLE_NAME, ENV_VARIABLE_NAME_ALLOWED);
    setOwn(result, key, requiredText(`${path}.${key}`, value, 'a value without newlines'));
  }
  return result;
}

function channelPriority(path: string, value: ChannelPriority | undefined): string | undefined {
  const values = Object.values(ChannelPriority);
  return value === undefined ? undefined : requireOneOf(OWNER, path, value, values, values.join(', '));
}

function nonEmptyList(path: string, values: string[]): string[] {
  if (!Array.isArray(values) || values.length === 0) throw invalidOption(OWNER, path, values, 'at least one entry');
  return values.map((v, i) => requiredText(`${path}[${i}]`, v, 'a non-empty string without newlines'));
}

/** Commands may span lines (TOML escapes them); other control characters are refused. */
function command(path: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '' || /[\u0000-\u0008\u000b-\u001f\u007f]/.test(value) || hasLoneSurrogate(value)) {
    throw invalidOption(OWNER, path, value, 'a non-empty command');
  }
  return value;
}

function requiredText(path: string, value: unknown, allowed: string): string {
  if (typeof value !== 'string' || value === '' || hasControlCharacter(value)) throw invalidOption(OWNER, path, value, allowed);
  return value;
}

function singleLine(path: string, value: string | undefined): string | undefined {
  return value === undefined ? undefined : requiredText(path, value, 'a non-empty string without newlines');
}

function requireName(table: string, name: string, pattern: RegExp, allowed: string): string {
  if (typeof name !== 'string' || !pattern.test(name)) throw invalidOption(OWNER, `${table} key`, name, allowed);
  return name;
}

function checkUnique(values: string[], path: string, allowed: string): void {
  const seen = new Set<string>();
  for (const value of values) {
    if (seen.has(value)) throw invalidOption(OWNER, path, value, allowed);
    seen.add(value);
  }
}

/** Drops undefined values, so absent options leave no key. */
function compact(table: Table): Table {
  return Object.fromEntries(Object.entries(table).filter(([, v]) => v !== undefined));
}
