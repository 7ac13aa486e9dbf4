/*
 * The escape hatch for what no option covers: changes to the workflow's YAML data by key path, as projen's
 * `ObjectFile.addOverride` makes them (a `.` separates keys, `\.` is a dot inside one), and a list item by its
 * index. A workflow with overrides is checked as a whole before it is written (workflow-checks.ts).
 */
import { Yaml } from './workflow-model';
import { hasControlCharacter, invalidOption } from '../util/validate';

/** One change: a value set at a path, or the key at a path removed (`value` undefined). */
export interface WorkflowOverride {
  /** The method that made it. */
  readonly option: string;
  readonly path: string;
  readonly keys: readonly string[];
  readonly value?: unknown;
}

/** The keys of a path, `\.` read as a dot inside a key. */
function keysOf(path: string): string[] {
  return path.split(/(?<!\\)\./).map((key) => key.replace(/\\\./g, '.'));
}

/** Whether a value is YAML data: text, a finite number, a boolean, null, a list or a plain object of them. */
function isData(value: unknown): boolean {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return true;
  if (typeof value === 'number') return Number.isFinite(value);
  if (Array.isArray(value)) return value.every(isData);
  if (typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.entries(value as object).every(([key, item]) => !hasControlCharacter(key) && isData(item));
}

/** An override, checked: a path of non-empty keys and (for a value) YAML data. */
export function workflowOverride(owner: string, option: string, path: unknown, value: unknown, deletion: boolean): WorkflowOverride {
  if (typeof path !== 'string' || path === '' || hasControlCharacter(path)) {
    throw invalidOption(owner, option, path, 'a key path such as "jobs.build-gpu.timeout-minutes" ("\\." for a dot inside a key)');
  }
  const keys = keysOf(path);
  if (keys.some((key) => key === '' || key === '__proto__' || key === 'constructor' || key === 'prototype')) {
    throw invalidOption(owner, option, path, 'a key path of non-empty keys ("\\." for a dot inside a key)');
  }
  if (!deletion && !isData(value)) {
    throw invalidOption(owner, `${option}("${path}")`, value, 'YAML data: text, a number, true or false, null, a list or a plain object of them');
  }
  return deletion ? { option, path, keys } : { option, path, keys, value: JSON.parse(JSON.stringify(value)) };
}

/** The workflow with the overrides applied in order, on a copy. */
export function applyOverrides(workflow: Yaml, overrides: readonly WorkflowOverride[]): Yaml {
  const copy: Yaml = JSON.parse(JSON.stringify(workflow));
  for (const { keys, value } of overrides) {
    let node: any = copy;
    for (const key of keys.slice(0, -1)) {
      const index = Array.isArray(node) ? Number(key) : NaN;
      const at = Array.isArray(node) && Number.isInteger(index) ? index : key;
      if (typeof node[at] !== 'object' || node[at] === null) {
        if (value === undefined) { node = undefined; break; }
        node[at] = {};
      }
      node = node[at];
    }
    if (node === undefined) continue;
    const last = keys[keys.length - 1];
    const at = Array.isArray(node) && Number.isInteger(Number(last)) ? Number(last) : last;
    if (value !== undefined) node[at] = value;
    else if (Array.isArray(node) && typeof at === 'number') node.splice(at, 1);
    else delete node[at];
  }
  return copy;
}
