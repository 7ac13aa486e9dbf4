/*
 * An existing pixi.toml or pyproject.toml → the queryable model. Lenient where pixi is lenient
 * (legacy [project], TOML 1.1), strict where pixi would fail.
 */
import { PixiManifestFile } from './manifest-file';
import { EnvironmentModel, FeatureModel, PlatformModel, WorkspaceModel } from './model';
import { pathDependenciesIn } from './path-dependencies';
import { isTable, parseToml as parseText, tableAt, TomlError, TomlTable as Table } from '../util/toml';

export function parseManifest(text: string, fileName: string): WorkspaceModel {
  const manifestFile = fileName.split('/').pop() === PixiManifestFile.PYPROJECT_TOML ? PixiManifestFile.PYPROJECT_TOML : PixiManifestFile.PIXI_TOML;
  const document = parseToml(text, fileName);
  const fail = (message: string) => new Error(`PixiWorkspace: ${fileName}: ${message}`);

  const root: Table | undefined = manifestFile === PixiManifestFile.PYPROJECT_TOML ? document.tool?.pixi : document;
  if (!isTable(root)) throw fail('has no [tool.pixi] table, so pixi does not use it');
  const workspace: Table | undefined = root.workspace ?? root.project;
  if (!isTable(workspace)) throw fail(`has no ${manifestFile === PixiManifestFile.PYPROJECT_TOML ? '[tool.pixi.workspace]' : '[workspace]'} table (nor the legacy [project] one)`);

  // Table paths in messages, as the user finds them in the file.
  const rootPath = manifestFile === PixiManifestFile.PYPROJECT_TOML ? 'tool.pixi.' : '';
  const features: Record<string, FeatureModel> = {};
  for (const [name, feature] of Object.entries(tableAt(root, 'feature'))) features[name] = featureModel(feature, `${rootPath}feature.${name}.`);

  const environments: Record<string, EnvironmentModel> = {};
  for (const [name, env] of Object.entries(tableAt(root, 'environments'))) {
    const model: EnvironmentModel = Array.isArray(env)
      ? { features: env.map(String), noDefaultFeature: false }
      : {
        features: (env.features ?? []).map(String),
        noDefaultFeature: env['no-default-feature'] === true,
        solveGroup: env['solve-group'],
        platforms: env.platforms?.map(String),
      };
    for (const feature of model.features) {
      if (!(feature in features)) throw fail(`environment "${name}" uses the feature "${feature}", which is not defined`);
    }
    environments[name] = model;
  }

  return {
    manifestFile,
    name: workspace.name ?? (manifestFile === PixiManifestFile.PYPROJECT_TOML ? document.project?.name : undefined),
    platforms: (workspace.platforms ?? []).map(platformModel),
    defaultFeature: featureModel(root, rootPath),
    features,
    environments,
  };
}

function parseToml(text: string, fileName: string): Table {
  try {
    return parseText(text) as Table;
  } catch (error) {
    if (error instanceof TomlError) {
      const reason = error.message.split('\n')[0];
      throw new Error(`PixiWorkspace: cannot parse ${fileName}: line ${error.line}, column ${error.column}: ${reason}`);
    }
    throw error;
  }
}

function featureModel(feature: Table, tablePath: string): FeatureModel {
  return {
    platforms: feature.platforms?.map(String),
    cuda: versionText(feature['system-requirements']?.cuda),
    pathDependencies: pathDependenciesIn(feature, tablePath),
  };
}

function platformModel(entry: unknown): PlatformModel {
  if (!isTable(entry)) return { name: String(entry), subdir: String(entry) };
  const subdir = String(entry.platform ?? entry.name);
  const cuda = isTable(entry.cuda) ? entry.cuda.driver : entry.cuda;
  return { name: String(entry.name ?? subdir), subdir, cuda: versionText(cuda) };
}

/** TOML allows `cuda = 12` as well as `cuda = "12"`. */
function versionText(value: unknown): string | undefined {
  return value === undefined ? undefined : String(value);
}
