/*
 * The switches of `projen new --from projen-pixi pixi`, with their defaults. projen's `--help` lists
 * only its built-in project types (it installs an external module after parsing the command line),
 * so the error of a misspelt switch lists them instead. They are read from the `.jsii` manifest the
 * package ships, whose `@default` tags projen itself reads.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { kebabCase } from './option-names';
import { packageRoot } from '../util/package-root';

/** One option of PixiProjectOptions as the jsii manifest describes it. */
interface JsiiProperty {
  readonly name: string;
  readonly docs?: { readonly default?: string };
  readonly type?: { readonly primitive?: string; readonly collection?: unknown };
}

/** A struct of the jsii manifest: its own properties and the structs it extends. */
interface JsiiStruct {
  readonly properties?: readonly JsiiProperty[];
  readonly interfaces?: readonly string[];
}

/**
 * The options of PixiProjectOptions and of the structs of this package it extends (its images'), from
 * the shipped jsii manifest, as projen's inventory collects them; undefined without one.
 */
function ownProperties(): readonly JsiiProperty[] | undefined {
  let types: Record<string, JsiiStruct | undefined>;
  try {
    types = JSON.parse(readFileSync(join(packageRoot(), '.jsii'), 'utf8')).types ?? {};
  } catch {
    return undefined;
  }
  // projen's own structs (GitHubProjectOptions) are in projen's manifest, not in this one.
  const collect = (fqn: string): JsiiProperty[] => {
    const struct = types[fqn];
    return struct === undefined ? [] : [...struct.properties ?? [], ...(struct.interfaces ?? []).flatMap(collect)];
  };
  const properties = collect('projen-pixi.PixiProjectOptions');
  return properties.length > 0 ? properties : undefined;
}

/**
 * One line per switch of PixiProject: `--environments (repeat for several)  default: ["default"]`;
 * `names` alone when the manifest is missing (the sources, before jsii has run).
 * @param names PixiProject's own option names
 */
export function switchLines(names: readonly string[]): string[] {
  const properties: readonly JsiiProperty[] = ownProperties() ?? names.map((name) => ({ name }));
  const rows = properties.filter((property) => names.includes(property.name))
    .sort((a, b) => names.indexOf(a.name) - names.indexOf(b.name)).map((property) => {
      const name = kebabCase(property.name);
      // jsii's "- text" is a default described in words.
      const described = property.docs?.default?.replace(/^\s*-\s*/, '').trim();
      if (property.type?.primitive === 'boolean') {
      // The switch that changes the default.
        return described === 'true' ? [`--no-${name}`, 'default: on'] as const : [`--${name}`, described ? 'default: off' : ''] as const;
      }
      const syntax = property.type?.collection !== undefined ? `--${name} (repeat for several)` : `--${name}`;
      return [syntax, described ? `default: ${described}` : ''] as const;
    });
  const width = Math.max(...rows.map(([syntax]) => syntax.length));
  return rows.map(([syntax, described]) => `  ${syntax.padEnd(width)}  ${described}`.trimEnd());
}
