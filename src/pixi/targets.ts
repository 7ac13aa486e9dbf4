/*
 * Which `[target.<selector>]` tables apply to a platform, as pixi decides it. Internal.
 * Follows pixi `crates/pixi_manifest/src/target.rs`: `TargetSelector::from_str` (family names,
 * then conda subdirs, then `*` globs, then platform names) and `TargetSelector::matches`.
 */
import { KNOWN_SUBDIRS } from './platforms';

/** The platform a selector is matched against: its name and its conda subdir. */
export interface SelectedPlatform {
  readonly name: string;
  readonly subdir: string;
}

/** `TargetSelector::matches`: families test the subdir, subdirs compare it, globs and names the platform name. */
export function selectorMatches(selector: string, platform: SelectedPlatform): boolean {
  const family = platform.subdir.split('-')[0];
  switch (selector) {
    case 'linux': return family === 'linux';
    case 'unix': return family === 'linux' || family === 'osx';
    case 'win': return family === 'win';
    case 'osx':
    case 'macos': return family === 'osx';
  }
  if (KNOWN_SUBDIRS.includes(selector)) return selector === platform.subdir;
  // `PlatformGlob`: `*` is the only wildcard, matched against the platform name.
  if (selector.includes('*')) return globPattern(selector).test(platform.name);
  return selector === platform.name;
}

function globPattern(glob: string): RegExp {
  const escaped = glob.split('*').map((part) => part.replace(/[.+?^${}()|[\]\\-]/g, '\\$&'));
  return new RegExp(`^${escaped.join('.*')}$`);
}

/**
 * The tables of one feature that apply to a platform, most specific first: the matching
 * `[target.*]` tables in reverse manifest order, then the feature's own (pixi
 * `Targets::resolve_for_platform`: the last-defined matching target wins, the default comes last).
 */
export function resolveTargets<T>(
  defaultTarget: T | undefined, targets: ReadonlyArray<{ selector: string; value: T }>, platform: SelectedPlatform,
): T[] {
  const matching = targets.filter((t) => selectorMatches(t.selector, platform)).map((t) => t.value);
  return [...(defaultTarget === undefined ? [] : [defaultTarget]), ...matching].reverse();
}
