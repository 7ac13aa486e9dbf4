/*
 * What a pixi manifest installs from git: `{ git = "..." }` entries of its dependency tables (conda source
 * dependencies and PyPI ones) and a pixi-build package's `[package.build] source`. pixi fetches each with the `git`
 * program (`GIT`, `which::which("git")`, in crates/pixi_git/src/git.rs at the reference commit: "Git executable not
 * found" otherwise), which pixi's container images lack. Internal.
 */
import { isTable, tableAt, TomlTable as Table } from '../util/toml';

/** A dependency fetched with git. */
export interface GitDependencyModel {
  /** Where the manifest declares it, for messages: `pypi-dependencies.flask`. */
  readonly origin: string;
  /** The `[target.<selector>]` it is declared under, if any. */
  readonly target?: string;
}

/** Tables whose entries may be `{ git = ... }`. */
const DEPENDENCY_TABLES = ['dependencies', 'host-dependencies', 'build-dependencies', 'pypi-dependencies'];

/**
 * The git dependencies of a feature's tables and of its `[target.*]` tables.
 * @param pool `[workspace.dependencies]`, which `{ workspace = true }` entries stand for
 */
export function gitDependenciesIn(feature: Table, tablePath: string, pool: Table): GitDependencyModel[] {
  const found = ofTables(feature, tablePath, pool);
  for (const [target, tables] of Object.entries(tableAt(feature, 'target'))) {
    if (isTable(tables)) found.push(...ofTables(tables, `${tablePath}target.${target}.`, pool, target));
  }
  return found;
}

function ofTables(tables: Table, tablePath: string, pool: Table, target?: string): GitDependencyModel[] {
  return DEPENDENCY_TABLES.flatMap((tableName) => Object.entries(tableAt(tables, tableName)).flatMap(([name, written]) => {
    const spec = isTable(written) && written.workspace === true ? pool[name] : written;
    return isTable(spec) && typeof spec.git === 'string' ? [{ origin: `${tablePath}${tableName}.${name}`, ...(target ? { target } : {}) }] : [];
  }));
}
