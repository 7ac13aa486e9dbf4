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
