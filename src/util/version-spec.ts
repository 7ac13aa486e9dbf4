/*
 * The part of conda's version-spec syntax that `requires-pixi` uses: `>=0.40`, `>=0.40,<1`,
 * `0.77.*`, `==0.77.0`, alternatives with `|`. pixi parses the value as a conda `VersionSpec`
 * (`crates/pixi_manifest/src/discovery.rs`, `check_requires_pixi_early`).
 */
import { compareVersions } from './versions';

const CONSTRAINT = /^(>=|<=|==|!=|~=|>|<|=)?\s*(\d+(?:\.\d+)*)(\.\*)?$/;

/**
 * Whether `version` satisfies `spec`, or undefined when the spec uses syntax this reading does not know.
 * @param version a dotted version number, e.g. `0.77.0`
 * @param spec a conda version spec
 */
export function satisfiesVersionSpec(version: string, spec: string): boolean | undefined {
  const alternatives = spec.split('|').map((alternative) => alternative.split(',').map((c) => c.trim().match(CONSTRAINT)));
  if (alternatives.some((all) => all.some((match) => match === null))) return undefined;
  return alternatives.some((all) => all.every((match) => satisfies(version, match!)));
}

function satisfies(version: string, [, operator, bound, star]: RegExpMatchArray): boolean {
  const order = compareVersions(version, bound);
  // `1.2.*` and `=1.2` match every version that starts with 1.2.
  const prefix = () => version === bound || version.startsWith(`${bound}.`);
  if (operator === '=' || (star !== undefined && (operator === undefined || operator === '=='))) return prefix();
  if (star !== undefined && operator === '!=') return !prefix();
  switch (operator) {
    case '>=': return order >= 0;
    case '>': return order > 0;
    case '<=': return order <= 0;
    case '<': return order < 0;
    case '!=': return order !== 0;
    // `~=1.2.3`: at least 1.2.3, and the same release series 1.2.
    case '~=': return order >= 0 && (bound.split('.').length < 2 || prefixOf(version, bound.split('.').slice(0, -1).join('.')));
    default: return order === 0;
  }
}

function prefixOf(version: string, start: string): boolean {
  return version === start || version.startsWith(`${start}.`);
}
