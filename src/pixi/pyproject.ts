/*
 * What pixi reads from the standard tables of a pyproject.toml. Internal. Follows pixi
 * `crates/pixi_manifest/src/pyproject.rs` (`into_workspace_manifest`).
 */
import { tableAt, TomlTable as Table } from '../util/toml';

/**
 * Features pixi makes of `[project.optional-dependencies]` and `[dependency-groups]`: one per
 * extra or group, named by its key exactly as written (no normalization).
 */
export function implicitFeatureNames(document: Table): string[] {
  const extras = Object.keys(tableAt(tableAt(document, 'project'), 'optional-dependencies'));
  const groups = Object.keys(tableAt(document, 'dependency-groups'));
  return [...new Set([...extras, ...groups])];
}
