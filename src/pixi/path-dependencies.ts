/*
 * What a pixi manifest installs from local paths: PyPI `path` dependencies, pixi-build source
 * dependencies and local `find-links` wheel directories. `pixi install` reads their files, so an
 * image must copy them before the install (pixi#1439), and an editable one also at run time. Internal.
 */
import { posix } from 'path';
import { normalizePath } from '../util/paths';
import { isTable, tableAt, TomlTable as Table } from '../util/toml';

export interface PathDependencyModel {
  readonly name: string;
  /** Normalized, relative to the workspace root; `.` for the root itself. */
  readonly path: string;
  readonly editable: boolean;
  /** The declaring table, as a TOML path, for messages. */
  readonly table: string;
  /** The `[target.<selector>]` it is declared under, if any. */
  readonly target?: string;
  /** Every path the install reads for it, relative to the workspace root (see `PixiPathDependency.inputs`). */
  readonly inputs: string[];
}

/**
 * What the files of a package directory say about the paths its build reads, or undefined when the
 * directory cannot be read (a manifest parsed from text alone, a wheel file, a plain directory).
 */
export interface PackageManifest {
  /** The file that declares the package, relative to its directory (`pixi.toml`, `pyproject.toml`). */
  readonly file: string;
  /** `[package]` (or `[tool.pixi.package]`), if any. */
  readonly package?: Table;
  /** `[tool.uv.sources]`, if any: uv builds a path package with its own sources. */
  readonly uvSources?: Table;
}

/** Reads the package manifest of a directory, relative to the workspace root. */
export type PackageReader = (directory: string) => PackageManifest | undefined;

/** What resolving a path dependency needs besides its own table. */
export interface DependencyContext {
  readonly read: PackageReader;
  /**
   * `[workspace.dependencies]`, which `{ workspace = true }` entries of the workspace and of its
   * member packages inherit, paths relative to the workspace root (pixi
   * `crates/pixi_manifest/src/toml/feature.rs` `into_feature`, `toml/package.rs` `into_manifest`).
   */
  readonly pool: Table;
}

/** Tables whose entries may be `{ path = ... }`: conda source dependencies and PyPI dependencies. */
const DEPENDENCY_TABLES = ['dependencies', 'host-dependencies', 'build-dependencies', 'dev', 'pypi-dependencies'];
/** The dependency tables of a pixi-build `[package]` (pixi `crates/pixi_manifest/src/package.rs`). */
const PACKAGE_DEPENDENCY_TABLES = ['build-dependencies', 'host-dependencies', 'run-dependencies'];

/**
 * The path dependencies a feature's tables declare, including those under `[target.*]`, and its
 * local `pypi-options.find-links` (pixi reads `pypi-options` at feature level, not under a target:
 * `crates/pixi_manifest/src/toml/feature.rs`).
 * @param feature the feature's table (the manifest root for the default feature)
 * @param tablePath its TOML path with a trailing dot, e.g. `feature.dev.`, or empty for the root
 */
export function pathDependenciesIn(feature: Table, tablePath: string, context: DependencyContext): PathDependencyModel[] {
  const found = [...dependenciesOfTables(feature, tablePath, context), ...findLinksIn(feature, tablePath)];
  for (const [target, tables] of Object.entries(tableAt(feature, 'target'))) {
    if (isTable(tables)) found.push(...dependenciesOfTables(tables, `${tablePath}target.${target}.`, context, target));
  }
  return found;
}

/**
 * Local wheel directories the PyPI resolution reads, e.g. `find-links = [{ path = "./wheels" }]`,
 * resolved against the workspace root (pixi `crates/pixi_manifest/src/toml/pypi_options.rs`).
 * @param owner the table holding `pypi-options`
 */
export function findLinksIn(owner: Table, tablePath: string): PathDependencyModel[] {
  const findLinks = tableAt(owner, 'pypi-options')['find-links'];
  const found: PathDependencyModel[] = [];
  (Array.isArray(findLinks) ? findLinks : []).forEach((link, i) => {
    if (isTable(link) && typeof link.path === 'string') {
      const path = normalizePath(link.path);
      found.push({ name: `find-links[${i}]`, path, editable: false, table: `${tablePath}pypi-options`, inputs: [path] });
    }
  });
  return found;
}

function dependenciesOfTables(tables: Table, tablePath: string, context: DependencyContext, target?: string): PathDependencyModel[] {
  const found: PathDependencyModel[] = [];
  for (const tableName of DEPENDENCY_TABLES) {
    for (const [name, written] of Object.entries(tableAt(tables, tableName))) {
      const { spec, base } = inherited(name, written, '.', context);
      const path = pathOf(spec, base);
      if (path === undefined) continue;
      const editable = tableName === 'pypi-dependencies' ? (spec as Table).editable === true : buildsEditable(path, context);
      found.push({ name, path, editable, table: `${tablePath}${tableName}`, target, inputs: packageInputs(path, context) });
    }
  }
  return found;
}

/** pixi-build backends that ignore the editable request (their `build_conda` takes `_editable`, at the reference commit). */
const NON_EDITABLE_BACKENDS = /^pixi-build-(cmake|mojo|rattler-build|ros|rust)$/;

/**
 * Whether `pixi install` leaves a conda source package of a path editable: it always builds path (mutable) sources
 * in the development profile, which asks for an editable build (`BuildProfile::Development` in
 * crates/pixi_command_dispatcher/src/install_pixi/ext.rs, `has_mutable_source` in keys/source_build.rs), and
 * pixi-build-python honours it (`--editable`). A backend known to ignore it gives a copy; an unknown one (a manifest
 * not read from disk) counts as editable, so the image keeps the sources it may link to.
 */
function buildsEditable(path: string, context: DependencyContext): boolean {
  const backend = tableAt(tableAt(context.read(path)?.package ?? {}, 'build'), 'backend').name;
  return !(typeof backend === 'string' && NON_EDITABLE_BACKENDS.test(backend));
}

/** A `{ workspace = true }` entry stands for the pool's entry of that name, relative to the workspace root. */
function inherited(name: string, spec: unknown, base: string, context: DependencyContext): { spec: unknown; base: string } {
  return isTable(spec) && spec.workspace === true ? { spec: context.pool[name], base: '.' } : { spec, base };
}

/**
 * `{ path, subdirectory }` → the joined, normalized path (pixi builds `path` + `subdirectory`). pixi keeps an absolute
 * path as it is and expands `~/` to the home directory of the machine that installs (`resolve` in
 * crates/pixi_spec/src/path.rs): both stay absolute here (`~/x` as `~/x`), outside any build context.
 */
function pathOf(spec: unknown, base: string): string | undefined {
  if (!isTable(spec) || typeof spec.path !== 'string') return undefined;
  const subdirectory = typeof spec.subdirectory === 'string' ? spec.subdirectory : '';
  if (spec.path === '~' || spec.path.startsWith('~/')) return posix.join(spec.path, subdirectory).replace(/\/+$/, '');
  return normalizePath(posix.isAbsolute(spec.path) ? posix.join(spec.path, subdirectory) : posix.join(base, spec.path, subdirectory));
}

/**
 * The paths the install reads for a package at `directory`: the directory itself, and for a
 * pixi-build package its manifest, its `[package.build] source` and, followed through their own
 * manifests, its path dependencies and uv path sources, each relative to the package's directory
 * (pixi `crates/pixi_build_discovery/src/discovery.rs`, `source_anchor.rs`).
 */
export function packageInputs(directory: string, context: DependencyContext, seen = new Set<string>()): string[] {
  if (seen.has(directory)) return [];
  seen.add(directory);
  const manifest = context.read(directory);
  if (manifest?.package === undefined && manifest?.uvSources === undefined) return [directory];
  const inputs: string[] = [];
  const pkg = manifest.package ?? {};
  const sourceTable = tableAt(pkg, 'build').source;
  if (manifest.package !== undefined && isTable(sourceTable)) {
    // The package builds from elsewhere: what it needs is its manifest and that source, unless
    // the source is a git or url location, which the build fetches itself.
    if (directory !== '.') inputs.push(normalizePath(posix.join(directory, manifest.file)));
    const source = pathOf(sourceTable, directory);
    if (source !== undefined) inputs.push(...packageInputs(source, context, seen));
  } else {
    inputs.push(directory);
  }
  const dependencyTables = [pkg, ...Object.values(tableAt(pkg, 'target')).filter(isTable)];
  for (const tables of dependencyTables) {
    for (const tableName of PACKAGE_DEPENDENCY_TABLES) {
      for (const [name, written] of Object.entries(tableAt(tables, tableName))) {
        const { spec, base } = inherited(name, written, directory, context);
        const path = pathOf(spec, base);
        if (path !== undefined) inputs.push(...packageInputs(path, context, seen));
      }
    }
  }
  for (const spec of Object.values(manifest.uvSources ?? {})) {
    const path = pathOf(spec, directory);
    if (path !== undefined) inputs.push(...packageInputs(path, context, seen));
  }
  return [...new Set(inputs)];
}
