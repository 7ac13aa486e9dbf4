/*
 * PixiProject's workspace options: what a new manifest is written from, and, for a manifest the
 * project already has, the check that no option says something the manifest does not.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { Project } from 'projen';
import { OptionNames } from './option-names';
import { PixiProjectOptions } from './options';
import { PixiValidationError } from '../errors/pixi-validation-error';
import { CONFLICTS } from '../errors/refusal-naming';
import { PixiManifestFile } from '../pixi/manifest-file';
import { PixiWorkspaceOptions } from '../pixi/options';
import { pixiTablesOf } from '../pixi/parsed';
import { PixiWorkspace } from '../pixi/pixi-workspace';
import { closestName } from '../util/suggest';
import { isTable, parseToml } from '../util/toml';
import { isUsersFile } from '../util/user-files';
import { invalidOption } from '../util/validate';
import { compareVersions, CUDA_VERSION, CUDA_VERSION_ALLOWED } from '../util/versions';

/** The options that shape a new workspace; once it is written they live in the manifest. */
export const WORKSPACE_SEED_OPTIONS = ['dependencies', 'platforms', 'cudaVersion', 'cudaEnvironments'] as const;

/**
 * The project's workspace: generated from the options (`generateManifest`), else the manifest the
 * project has, checked against the options, else one written once from them.
 */
export function projectWorkspace(project: Project, options: PixiProjectOptions, names: OptionNames): { workspace: PixiWorkspace; seeded: boolean } {
  const choices = workspaceChoices(options, names);
  if (options.generateManifest) {
    // Said in the option, before PixiWorkspace refuses to write over the file.
    if (isUsersFile(join(project.outdir, PixiManifestFile.PIXI_TOML))) {
      throw invalidOption(names.owner, names.of('generateManifest'), true,
        `only without a pixi.toml of yours: the one in ${project.outdir} was not written by projen, so it is never overwritten; `
        + `drop ${names.of('generateManifest')} to adopt it, or move it away to have one generated`);
    }
    return { workspace: new PixiWorkspace(project, newWorkspace(choices, names)), seeded: false };
  }
  const existing = PixiWorkspace.manifestIn(project.outdir);
  if (!existing) return { workspace: PixiWorkspace.seeded(project, newWorkspace(choices, names)), seeded: true };
  const workspace = PixiWorkspace.fromManifest(project, existing);
  checkAgainstManifest(workspace, project.outdir, choices, names);
  return { workspace, seeded: false };
}

/** The workspace options of a PixiProject, checked. */
function workspaceChoices(options: PixiProjectOptions, names: OptionNames): WorkspaceChoices {
  if (options.cudaVersion !== undefined && !CUDA_VERSION.test(options.cudaVersion)) {
    throw invalidOption(names.owner, names.of('cudaVersion'), options.cudaVersion, CUDA_VERSION_ALLOWED);
  }
  if (options.cudaEnvironments !== undefined && options.cudaVersion === undefined) {
    throw invalidOption(names.owner, names.of('cudaEnvironments'), options.cudaEnvironments, `nothing without ${names.of('cudaVersion')}`);
  }
  const environments = options.environments ?? ['default'];
  // A CUDA environment that no image builds would get no system requirement, and nothing would say so.
  for (const name of options.cudaEnvironments ?? []) {
    if (environments.includes(name)) continue;
    const suggestion = closestName(name, environments);
    throw invalidOption(names.owner, names.of('cudaEnvironments'), name,
      `names among ${names.of('environments')} (${environments.map((e) => JSON.stringify(e)).join(', ')})`,
      undefined, suggestion && JSON.stringify(suggestion));
  }
  const gpuNamed = environments.filter((environment) => environment === 'gpu' || environment === 'cuda');
  return {
    environments,
    dependencies: options.dependencies,
    platforms: options.platforms,
    cudaVersion: options.cudaVersion,
    cudaEnvironments: options.cudaEnvironments ?? (gpuNamed.length > 0 ? gpuNamed : environments),
  };
}

/** What PixiProject says about its workspace. */
export interface WorkspaceChoices {
  readonly environments: string[];
  readonly dependencies?: string[];
  readonly platforms?: string[];
  readonly cudaVersion?: string;
  readonly cudaEnvironments: string[];
}

/** One version constraint: an optional operator and a version starting with a digit (`3.12.*`, `>=2`, `!=1.0`). */
const CONSTRAINT = '(==|>=|<=|!=|~=|>|<|=)?\\s*\\d[0-9A-Za-z.*_+!-]*';
/** A conda version spec: `*`, or constraints joined by `,` (and) or `|` (or). */
const VERSION_SPEC = new RegExp(`^(\\*|${CONSTRAINT}(\\s*[,|]\\s*${CONSTRAINT})*)$`);

/** `python=3.12.*` → [python, 3.12.*]; `numpy>=2` → [numpy, >=2]; `pandas` → [pandas, *], as `pixi add` reads them. */
export function parseDependency(text: string, names: OptionNames): [string, string] {
  const match = /^\s*([A-Za-z0-9_][A-Za-z0-9_.-]*)\s*(.*?)\s*$/.exec(text);
  if (!match || (match[2] !== '' && !VERSION_SPEC.test(match[2]))) {
    throw invalidOption(names.owner, names.of('dependencies'), text,
      'a package and a version spec as pixi add takes them, e.g. "python=3.12.*", "numpy>=2" or "pandas"');
  }
  const [, name, spec] = match;
  // conda's `name=1.2` means the version 1.2.*-style match `1.2`; `==` and the comparisons stay.
  const version = spec === '' ? '*' : spec.startsWith('=') && !spec.startsWith('==') ? spec.slice(1) : spec;
  return [name, version];
}

/** The workspace written for a project without a manifest: a feature and an environment per image. */
export function newWorkspace(choices: WorkspaceChoices, names: OptionNames): PixiWorkspaceOptions {
  const { environments, cudaVersion, cudaEnvironments } = choices;
  const cuda = (environment: string) => cudaVersion !== undefined && cudaEnvironments.includes(environment) ? { cuda: cudaVersion } : undefined;
  const others = environments.filter((e) => e !== 'default');
  return {
    platforms: choices.platforms,
    dependencies: choices.dependencies ? Object.fromEntries(choices.dependencies.map((d) => parseDependency(d, names))) : undefined,
    systemRequirements: cuda('default'),
    features: Object.fromEntries(others.map((e) => [e, { systemRequirements: cuda(e) }])),
    environments: Object.fromEntries(others.map((e) => [e, { features: [e] }])),
  };
}

/**
 * Refuses an option that the project's own manifest contradicts, naming both: with a manifest of
 * the user's, the options can no longer shape it, and ignoring them silently would build
 * something else than asked.
 */
export function checkAgainstManifest(workspace: PixiWorkspace, outdir: string, choices: WorkspaceChoices, names: OptionNames): void {
  const file = workspace.manifestFile;
  const conflict = (option: string, value: unknown, says: string) =>
    new PixiValidationError(names.owner, names.of(option), value,
      `${file}, which ${says}; change ${file} (pixi add, pixi workspace platform add, ...) or drop ${names.of(option)}`, CONFLICTS);

  const defaults = workspace.environmentView('default')!; // every workspace has it
  const platforms = [...defaults.platforms, ...defaults.subdirs];
  for (const platform of choices.platforms ?? []) {
    if (!platforms.includes(platform)) throw conflict('platforms', choices.platforms, `has the platforms ${JSON.stringify(defaults.platforms)}`);
  }

  if (choices.cudaVersion !== undefined) {
    for (const environment of choices.cudaEnvironments) {
      const view = workspace.environmentView(environment);
      if (view === undefined) continue;
      const required = view.cudaVersion;
      if (required === undefined || compareVersions(required, choices.cudaVersion) !== 0) {
        throw conflict('cudaVersion', choices.cudaVersion, required === undefined
          ? `asks no CUDA for the environment "${environment}"`
          : `asks CUDA ${required} for the environment "${environment}"`);
      }
    }
  }

  if (choices.dependencies) {
    const present = manifestDependencyNames(join(outdir, file));
    for (const dependency of choices.dependencies) {
      const [name] = parseDependency(dependency, names);
      if (!present.includes(name.toLowerCase())) {
        throw conflict('dependencies', dependency, `does not depend on "${name}" (it has ${JSON.stringify(present)})`);
      }
    }
  }
}

/** Names (lower case) of the workspace-level conda and PyPI dependencies of a manifest. */
function manifestDependencyNames(path: string): string[] {
  const file = path.endsWith(PixiManifestFile.PYPROJECT_TOML) ? PixiManifestFile.PYPROJECT_TOML : PixiManifestFile.PIXI_TOML;
  const pixi = pixiTablesOf(parseToml(readFileSync(path, 'utf8')), file) ?? {};
  const tables = [pixi.dependencies, pixi['pypi-dependencies']].filter(isTable);
  return tables.flatMap((table) => Object.keys(table)).map((name) => name.toLowerCase());
}
