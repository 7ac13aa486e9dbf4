/*
 * A pixi manifest's TOML document → the queryable model, the same for a manifest read from a file
 * and one written from options. Lenient where pixi is lenient (legacy [project], TOML 1.1),
 * strict where pixi would fail.
 */
import { readActivation } from './activation';
import { ENVIRONMENT_NAME, ENVIRONMENT_NAME_ALLOWED } from './environment-name';
import { gitDependenciesIn } from './git-dependencies';
import { PixiManifestFile } from './manifest-file';
import { checkAgainstPixiSchema } from './manifest-schema';
import { EnvironmentModel, FeatureModel, PlatformModel, WorkspaceModel } from './model';
import { DependencyContext, findLinksIn, PackageReader, pathDependenciesIn } from './path-dependencies';
import { derivePlatformName, KNOWN_SUBDIRS } from './platforms';
import { implicitFeatureNames } from './pyproject';
import { setOwn } from '../util/own-key';
import { isTable, parseToml as parseText, tableAt, TomlError, TomlTable as Table } from '../util/toml';
import { invalidOption } from '../util/validate';

/** Refuses a value of the manifest, naming its key path. */
export type Fail = (path: string, value: unknown, allowed: string) => Error;

/** Keys of an environment table besides its feature content (pixi `crates/pixi_manifest/src/toml/environment.rs`). */
const ENVIRONMENT_KEYS = ['features', 'solve-group', 'no-default-feature'];

export function parseManifest(text: string, fileName: string, readPackage?: PackageReader): WorkspaceModel {
  const manifestFile = fileName.split('/').pop() === PixiManifestFile.PYPROJECT_TOML ? PixiManifestFile.PYPROJECT_TOML : PixiManifestFile.PIXI_TOML;
  const document = parseToml(text, fileName);
  // A file without a workspace table gets the reader's own message (what it is, what to adopt).
  const tables = pixiTablesOf(document, manifestFile);
  if (tables && (isTable(tables.workspace) || isTable(tables.project))) checkAgainstPixiSchema(document, manifestFile, fileName);
  return workspaceModelOf(document, manifestFile, fileName, readPackage);
}

/** The tables pixi reads from a manifest: the whole of pixi.toml, `[tool.pixi]` of pyproject.toml; undefined when absent. */
export function pixiTablesOf(document: Table, manifestFile: PixiManifestFile): Table | undefined {
  const root: unknown = manifestFile === PixiManifestFile.PYPROJECT_TOML ? tableAt(document, 'tool').pixi : document;
  return isTable(root) ? root : undefined;
}

/**
 * @param document the whole file (for pyproject.toml, with `[project]` and `[tool.pixi]`)
 * @param readPackage reads the package manifest of a directory; without it only the manifest itself is known
 */
export function workspaceModelOf(document: Table, manifestFile: PixiManifestFile, fileName: string, readPackage?: PackageReader): WorkspaceModel {
  const fail: Fail = (path, value, allowed) => invalidOption('PixiWorkspace', `${fileName} ${path}`, value, allowed);
  const pyproject = manifestFile === PixiManifestFile.PYPROJECT_TOML;
  const root = pixiTablesOf(document, manifestFile);
  if (!root) throw fail('tool.pixi', undefined, 'a [tool.pixi] table: without it, pixi does not use the file');
  const workspace: Table | undefined = root.workspace ?? root.project;
  if (!isTable(workspace)) {
    // A pixi-build member: its workspace is the manifest of a parent directory.
    const member = isTable(root.package) ? '; it is the manifest of a package ([package]), built by the workspace it belongs to: adopt that workspace\'s manifest' : '';
    throw fail(pyproject ? 'tool.pixi.workspace' : 'workspace', root.workspace, `a table (or the legacy [project] one)${member}`);
  }
  // The workspace's own [package] answers for `path = "."`; other directories need a reader.
  const uvSources = pyproject && isTable(document.tool?.uv?.sources) ? document.tool.uv.sources : undefined;
  const read: PackageReader = (directory) => directory === '.' && (isTable(root.package) || uvSources !== undefined)
    ? { file: manifestFile, package: isTable(root.package) ? root.package : undefined, uvSources }
    : readPackage?.(directory);
  const context: DependencyContext = { read, pool: tableAt(workspace, 'dependencies') };

  // Table paths in messages, as the user finds them in the file.
  const rootPath = pyproject ? 'tool.pixi.' : '';
  const features: Record<string, FeatureModel> = {};
  // pixi makes a feature of every extra and dependency group (crates/pixi_manifest/src/pyproject.rs,
  // `into_workspace_manifest`); a [tool.pixi.feature] of the same name is merged with it.
  if (pyproject) for (const name of implicitFeatureNames(document)) setOwn(features, name, {});
  for (const [name, feature] of Object.entries(tableAt(root, 'feature'))) {
    if (!isTable(feature)) throw fail(`${rootPath}feature.${name}`, feature, 'a table');
    setOwn(features, name, featureModel(feature, `${rootPath}feature.${name}.`, context, fail));
  }

  const environments: Record<string, EnvironmentModel> = {};
  for (const [name, env] of Object.entries(tableAt(root, 'environments'))) {
    const path = `${rootPath}environments.${name}`;
    // pixi refuses any other name (EnvironmentName's regex, crates/pixi_manifest/src/environment.rs).
    if (!ENVIRONMENT_NAME.test(name)) throw fail(`${rootPath}environments`, name, ENVIRONMENT_NAME_ALLOWED);
    const model = environmentModel(env, `${path}.`, context, fail);
    for (const feature of model.features) {
      if (!Object.prototype.hasOwnProperty.call(features, feature)) {
        throw fail(`${path}.features`, feature, `features the manifest defines (${Object.keys(features).join(', ') || 'none'})`);
      }
    }
    setOwn(environments, name, model);
  }

  const platformEntries = workspace.platforms ?? [];
  if (!Array.isArray(platformEntries)) throw fail(`${rootPath}workspace.platforms`, platformEntries, 'a list');
  const platforms = platformEntries.map((entry, i) => platformModel(entry, `${rootPath}workspace.platforms[${i}]`, fail));
  const featureModels = [...Object.values(features), ...Object.values(environments).map((e) => e.inline ?? {})];
  const requiresPixi = workspace['requires-pixi'];
  return {
    manifestFile,
    name: stringOrUndefined(workspace.name) ?? (pyproject ? stringOrUndefined(document.project?.name) : undefined),
    platforms: withReferencedSubdirs(platforms, featureModels),
    defaultFeature: featureModel(root, rootPath, context, fail),
    features,
    environments,
    // [workspace.pypi-options] applies to every environment, even one without the default feature
    // (pixi `crates/pixi_manifest/src/features_ext.rs`, `pypi_options`).
    workspaceDependencies: findLinksIn(workspace, `${rootPath}${root.workspace ? 'workspace' : 'project'}.`),
    requiresPixi: typeof requiresPixi === 'string' ? requiresPixi : undefined,
    warnings: legacyPackageTargets(root, rootPath),
  };
}

function parseToml(text: string, fileName: string): Table {
  try {
    return parseText(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      // smol-toml's first line is "Invalid TOML document: <reason>"; the rest draws the line.
      const reason = error.message.split('\n')[0].replace(/^Invalid TOML document:\s*/, '');
      const where = `line ${error.line}, column ${error.column}`;
      throw invalidOption('PixiWorkspace', `${fileName}: ${reason} at ${where}`, where, 'a TOML document', 'cannot parse');
    }
    throw error;
  }
}

function featureModel(feature: Table, tablePath: string, context: DependencyContext, fail: Fail): FeatureModel {
  const platforms = feature.platforms;
  if (platforms !== undefined && (!Array.isArray(platforms) || platforms.some((p) => typeof p !== 'string'))) {
    throw fail(`${tablePath}platforms`, platforms, 'a list of platform names');
  }
  const targetActivations = Object.entries(tableAt(feature, 'target'))
    .filter((entry): entry is [string, Table] => isTable(entry[1]))
    .map(([selector, target]) => ({ selector, value: readActivation(target, `${tablePath}target.${selector}.`, fail) }))
    .filter((t): t is { selector: string; value: NonNullable<typeof t.value> } => t.value !== undefined);
  return {
    platforms,
    cuda: versionText(tableAt(feature, 'system-requirements').cuda, `${tablePath}system-requirements.cuda`, fail),
    pathDependencies: pathDependenciesIn(feature, tablePath, context),
    gitDependencies: gitDependenciesIn(feature, tablePath, context.pool),
    activation: readActivation(feature, tablePath, fail),
    targetActivations,
    tasks: taskNames(feature),
  };
}

/** The names of a feature's tasks, in `[tasks]` and in every `[target.<selector>.tasks]`. */
function taskNames(feature: Table): string[] {
  const targets = Object.values(tableAt(feature, 'target')).filter(isTable);
  return [feature, ...targets].flatMap((table) => Object.keys(tableAt(table, 'tasks')));
}

function environmentModel(env: unknown, tablePath: string, context: DependencyContext, fail: Fail): EnvironmentModel {
  const featureNames = (list: unknown, path: string) => {
    if (!Array.isArray(list) || list.some((name) => typeof name !== 'string')) throw fail(path, list, 'a list of feature names');
    return list as string[];
  };
  if (Array.isArray(env)) return { features: featureNames(env, tablePath.slice(0, -1)), noDefaultFeature: false };
  if (!isTable(env)) throw fail(tablePath.slice(0, -1), env, 'a list of features or a table');
  const features = featureNames(env.features ?? [], `${tablePath}features`);
  // Anything else in the table is feature content of its own, which pixi puts first
  // (crates/pixi_manifest/src/toml/manifest.rs, the environment's private feature).
  const content = Object.fromEntries(Object.entries(env).filter(([key]) => !ENVIRONMENT_KEYS.includes(key)));
  return {
    features,
    noDefaultFeature: env['no-default-feature'] === true,
    solveGroup: stringOrUndefined(env['solve-group']),
    inline: Object.keys(content).length > 0 ? featureModel(content, tablePath, context, fail) : undefined,
  };
}

function platformModel(entry: unknown, path: string, fail: Fail): PlatformModel {
  if (typeof entry === 'string') return { name: entry, subdir: entry };
  if (!isTable(entry)) throw fail(path, entry, 'a platform name or a table');
  const subdir = entry.platform ?? entry.name;
  if (typeof subdir !== 'string') throw fail(`${path}.platform`, subdir, 'a conda subdir such as "linux-64"');
  const cuda = isTable(entry.cuda) ? entry.cuda.driver : entry.cuda;
  const name = entry.name ?? derivePlatformName(subdir, entry);
  return { name: String(name), subdir, cuda: versionText(cuda, `${path}.cuda${isTable(entry.cuda) ? '.driver' : ''}`, fail) };
}

/**
 * In a workspace of plain subdirs only, a subdir that a feature lists joins the workspace's
 * platforms (pixi `crates/pixi_manifest/src/toml/manifest.rs`, `extend_originals_with_referenced_subdirs`).
 */
function withReferencedSubdirs(platforms: PlatformModel[], features: FeatureModel[]): PlatformModel[] {
  if (platforms.some((p) => p.name !== p.subdir)) return platforms;
  const all = [...platforms];
  for (const name of features.flatMap((f) => f.platforms ?? [])) {
    if (KNOWN_SUBDIRS.includes(name) && !all.some((p) => p.name === name)) all.push({ name, subdir: name });
  }
  return all;
}

/**
 * A CUDA version, which pixi reads only from a string (`TomlFromStr` takes a string: crates/pixi_toml/src/from_str.rs;
 * a rich platform's `cuda` likewise, toml/platform.rs), though its schema allows a number: `cuda = 12.10` would be
 * the float 12.1.
 */
function versionText(value: unknown, path: string, fail: Fail): string | undefined {
  if (value === undefined || typeof value === 'string') return value;
  throw fail(path, value, `a version in a string, such as "${String(value)}": pixi reads it only from a string (a TOML number is refused, and 12.10 would read 12.1)`);
}

function stringOrUndefined(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * `[package.target.<platform>]`, deprecated but still read: pixi turns each into the conditional tables of the
 * equivalent expression and warns (crates/pixi_manifest/src/toml/package.rs, `Deprecation::package_target`).
 */
function legacyPackageTargets(root: Table, rootPath: string): string[] {
  return Object.keys(tableAt(tableAt(root, 'package'), 'target')).map((selector) =>
    `[${rootPath}package.target.${selector}] is deprecated: pixi still reads it, as the conditional dependency tables of "${selector}"; move them there`);
}
