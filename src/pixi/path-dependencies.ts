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
}

/** Tables whose entries may be `{ path = ... }`: conda source dependencies and PyPI dependencies. */
const DEPENDENCY_TABLES = ['dependencies', 'host-dependencies', 'build-dependencies', 'dev', 'pypi-dependencies'];

/**
 * The path dependencies a feature's tables declare, including those under `[target.*]`.
 * @param feature the feature's table (the manifest root for the default feature)
 * @param tablePath its TOML path with a trailing dot, e.g. `feature.dev.`, or empty for the root
 */
export function pathDependenciesIn(feature: Table, tablePath: string): PathDependencyModel[] {
  const found = dependenciesOfTables(feature, tablePath);
  // Local wheel directories the PyPI resolution reads, e.g. `find-links = [{ path = "./wheels" }]`.
  const findLinks = tableAt(feature, 'pypi-options')['find-links'];
  (Array.isArray(findLinks) ? findLinks : []).forEach((link, i) => {
    if (isTable(link) && typeof link.path === 'string') {
      found.push({ name: `find-links[${i}]`, path: normalizePath(link.path), editable: false, table: `${tablePath}pypi-options` });
    }
  });
  for (const [target, tables] of Object.entries(tableAt(feature, 'target'))) {
    if (isTable(tables)) found.push(...dependenciesOfTables(tables, `${tablePath}target.${target}.`, target));
  }
  return found;
}

function dependenciesOfTables(tables: Table, tablePath: string, target?: string): PathDependencyModel[] {
  const found: PathDependencyModel[] = [];
  for (const tableName of DEPENDENCY_TABLES) {
    for (const [name, spec] of Object.entries(tableAt(tables, tableName))) {
      if (!isTable(spec) || typeof spec.path !== 'string') continue;
      // pixi builds `path` + `subdirectory` when both are given.
      const path = normalizePath(posix.join(spec.path, typeof spec.subdirectory === 'string' ? spec.subdirectory : ''));
      found.push({ name, path, editable: spec.editable === true, table: `${tablePath}${tableName}`, target });
    }
  }
  return found;
}
