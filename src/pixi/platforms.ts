/** Conda subdirs pixi knows (pixi 0.77 schema, `Platform`). */
export const KNOWN_SUBDIRS: readonly string[] = [
  'emscripten-wasm32', 'linux-32', 'linux-64', 'linux-aarch64', 'linux-armv6l', 'linux-armv7l', 'linux-ppc64',
  'linux-ppc64le', 'linux-riscv32', 'linux-riscv64', 'linux-s390x', 'noarch', 'osx-64', 'osx-arm64', 'unknown',
  'wasi-wasm32', 'win-32', 'win-64', 'win-arm64', 'zos-z',
];

/** Target selectors that stand for a family of platforms. */
export const PLATFORM_SELECTORS: readonly string[] = ['linux', 'osx', 'win', 'unix'];

/** Names of rich platforms (pixi schema `WorkspacePlatform.name`). */
export const PLATFORM_NAME = /^[a-zA-Z][a-zA-Z0-9-]*[a-zA-Z0-9]$|^[a-zA-Z]$/;

/** Names a rich platform may not take, because they are selectors. */
export const RESERVED_PLATFORM_NAMES: readonly string[] = ['linux', 'macos', 'osx', 'unix', 'win'];

/**
 * The name pixi gives a rich platform written without one: `<subdir>-<key>-<value>...` with the
 * keys in a fixed order (pixi `crates/pixi_manifest/src/toml/platform.rs`, `synthesize_name_string`
 * and `sanitize_name_segment`), e.g. `{ platform = "linux-64", cuda = "12.0" }` → `linux-64-cuda-12-0`.
 */
export function derivePlatformName(subdir: string, entry: Record<string, unknown>): string {
  const raw: Record<string, unknown> = Object.fromEntries(Object.entries(entry).filter(([key]) => key.startsWith('__')));
  const cuda = typeof entry.cuda === 'object' && entry.cuda !== null ? entry.cuda as Record<string, unknown> : { driver: entry.cuda };
  // `cuda = { driver, arch }`: the arch is the raw virtual package `__cuda_arch`.
  if (cuda.arch !== undefined) raw.__cuda_arch = cuda.arch;
  const friendly: Record<string, unknown> = {
    cuda: cuda.driver, archspec: entry.archspec, glibc: entry.glibc, linux: entry.linux, macos: entry.macos ?? entry.osx, windows: entry.windows,
  };
  const parts = [subdir];
  for (const [key, value] of Object.entries(friendly)) if (value !== undefined) parts.push(`${key}-${nameSegment(value)}`);
  for (const key of Object.keys(raw).sort()) parts.push(`${nameSegment(key.replace(/^_+/, ''))}-${nameSegment(raw[key])}`);
  return parts.join('-');
}

function nameSegment(value: unknown): string {
  return String(value).replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
}
