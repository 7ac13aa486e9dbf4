/*
 * `[activation]` tables: the scripts pixi's shell hook sources and the variables it exports, for
 * one environment on one platform. Internal. Follows pixi `crates/pixi_manifest/src/feature.rs`
 * (`Feature::activation_scripts`, `Feature::activation_env`) and
 * `crates/pixi_core/src/workspace/environment.rs` (`Environment::activation_scripts`, `activation_env`).
 */
import type { Fail } from './parsed';
import { resolveTargets, SelectedPlatform } from './targets';
import { isTable, TomlTable as Table } from '../util/toml';

/** One `activation` table: script paths as written, and variables in manifest order. */
export interface ActivationTable {
  readonly scripts?: string[];
  readonly env?: ReadonlyArray<readonly [string, string]>;
}

/** The activation tables of one feature: its own and those of its `[target.*]` tables, in manifest order. */
export interface FeatureActivation {
  readonly activation?: ActivationTable;
  readonly targetActivations?: ReadonlyArray<{ selector: string; value: ActivationTable }>;
}

/** What the shell hook of an environment does on one platform. */
export interface ResolvedActivation {
  /** Script paths as the manifest writes them, in the order they are sourced. */
  readonly scripts: string[];
  /** Exported after the scripts, in order; each name once. */
  readonly env: Array<[string, string]>;
}

/**
 * Reads `activation` from a feature (or target) table.
 * @param fail makes the error for a value pixi would refuse
 */
export function readActivation(table: Table, path: string, fail: Fail): ActivationTable | undefined {
  const activation = table.activation;
  if (activation === undefined) return undefined;
  if (!isTable(activation)) throw fail(`${path}activation`, activation, 'a table');
  const { scripts, env } = activation;
  if (scripts !== undefined && (!Array.isArray(scripts) || scripts.some((s) => typeof s !== 'string'))) {
    throw fail(`${path}activation.scripts`, activation.scripts, 'a list of paths');
  }
  if (env !== undefined && (!isTable(env) || Object.values(env).some((v) => typeof v !== 'string'))) {
    throw fail(`${path}activation.env`, activation.env, 'a table of strings');
  }
  return { scripts, env: env === undefined ? undefined : Object.entries(env as Record<string, string>) };
}

/**
 * The activation of an environment on a platform.
 * @param features the environment's features in pixi's order (`Environment::features`: its own
 *   features as listed, the default feature last)
 */
export function resolveActivation(features: FeatureActivation[], platform: SelectedPlatform): ResolvedActivation {
  const scripts: string[] = [];
  const env = new Map<string, string>();
  for (const feature of features) {
    const tables = resolveTargets(feature.activation, feature.targetActivations ?? [], platform);
    // Within a feature, the most specific table that sets `scripts` replaces the others.
    scripts.push(...(tables.find((t) => t.scripts !== undefined)?.scripts ?? []));
    // Variables merge: the most specific table, then the first feature, wins.
    for (const table of tables) {
      for (const [key, value] of table.env ?? []) if (!env.has(key)) env.set(key, value);
    }
  }
  return { scripts, env: [...env.entries()] };
}
