#!/usr/bin/env bash
# Fetches the jsii runtime, pinned, for the end-to-end tests (npm run test:e2e): the node process that Python, Java,
# .NET and Go start to run a jsii library, talking jsii's kernel protocol over its standard input and output. Its
# webpack bundle holds the kernel, so the package's own tarball is all it needs (npm pack, no install).
set -euo pipefail

JSII_RUNTIME_VERSION=1.140.0
dir="${JSII_RUNTIME_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/projen-pixi/jsii-runtime-${JSII_RUNTIME_VERSION}}"
bin="$dir/package/webpack/bin/jsii-runtime.js"

if [ ! -f "$bin" ]; then
  echo "install-jsii-runtime: fetching @jsii/runtime@${JSII_RUNTIME_VERSION} into $dir" >&2
  mkdir -p "$dir"
  tarball=$(cd "$dir" && npm pack --silent --loglevel=error "@jsii/runtime@${JSII_RUNTIME_VERSION}" | tail -n 1)
  tar -xzf "$dir/$tarball" -C "$dir"
  rm -f "$dir/$tarball"
  [ -f "$bin" ] || { echo "install-jsii-runtime: $bin is still missing" >&2; exit 1; }
fi
echo "$bin"
