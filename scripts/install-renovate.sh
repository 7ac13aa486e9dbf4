#!/usr/bin/env bash
# Installs Renovate and the Node.js it runs on for the end-to-end tests (npm run test:e2e), pinned, outside the
# project's dependencies: Renovate is a 341 MB install that nobody who only builds or uses projen-pixi needs.
# Renovate 44 requires Node.js 24; npm's `node` package brings one (24.9.0, the newest for x64 there).
set -euo pipefail

RENOVATE_VERSION=44.121.2
NODE_VERSION=24.9.0
dir="${RENOVATE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/projen-pixi/renovate-${RENOVATE_VERSION}-node-${NODE_VERSION}}"

installed() {
  [ -x "$dir/node_modules/.bin/node" ] && [ -f "$dir/node_modules/renovate/package.json" ] &&
    grep -q "\"version\": \"${RENOVATE_VERSION}\"" "$dir/node_modules/renovate/package.json"
}

if ! installed; then
  echo "install-renovate: installing renovate@${RENOVATE_VERSION} and node@${NODE_VERSION} into $dir"
  mkdir -p "$dir"
  [ -f "$dir/package.json" ] || echo '{ "private": true }' > "$dir/package.json"
  npm install --prefix "$dir" --no-audit --no-fund --loglevel=error "renovate@${RENOVATE_VERSION}" "node@${NODE_VERSION}" >/dev/null
  installed || { echo "install-renovate: renovate or node is still missing in $dir" >&2; exit 1; }
fi
echo "$dir"
