#!/bin/bash
# A stand-in for pixi in the e2e images: it replaces only the solver and the downloads.
# - records every call, with its arguments, in /stub-log/calls.log when that directory is mounted;
# - emulates the pixi version in PIXI_STUB_VERSION and rejects flags that version lacks
#   (`--as-is` arrived in pixi 0.53.0), and flags no pixi has;
# - `install` needs the manifest and pixi.lock in the working directory and a known environment,
#   and, like pixi (pixi#1439), the files of every `path = "..."` dependency, which it "builds",
#   then writes an environment with a conda-meta/ directory, a binary-sized payload, an activation
#   script (etc/conda/activate.d) and the .pixi ignore files, and puts a package in the rattler cache;
#   an editable path dependency becomes a .pth file naming its absolute source path, as in a real env;
# - `shell-hook` prints what pixi's bash hook does: exports, then sources the activation scripts.
set -euo pipefail

version=${PIXI_STUB_VERSION:-0.77.0}
if [ -d /stub-log ]; then printf 'pixi %s\n' "$*" >> /stub-log/calls.log; fi

fail() { echo "error: $*" >&2; exit 2; }
at_least() {  # at_least 0.53.0: is the emulated version >= the given one?
  [ "$(printf '%s\n%s\n' "$1" "$version" | sort -V | head -n1)" = "$1" ]
}

command=${1:-}
[ $# -gt 0 ] && shift
environment=default
while [ $# -gt 0 ]; do
  case $1 in
    -e|--environment) environment=$2; shift 2 ;;
    -s|--shell) [ "$2" = bash ] || fail "stub supports --shell bash only"; shift 2 ;;
    --locked|--frozen|--no-install) shift ;;
    --as-is) at_least 0.53.0 || fail "unexpected argument '--as-is' found (pixi $version)"; shift ;;
    *) fail "unexpected argument '$1' found" ;;
  esac
done

manifest() {
  if [ -f pixi.toml ]; then echo pixi.toml; elif [ -f pyproject.toml ]; then echo pyproject.toml
  else fail "could not find pixi.toml or pyproject.toml in $PWD"; fi
}

prefix="$PWD/.pixi/envs/$environment"

# Path dependencies, one `name = { path = "...", ... }` per line: fails on a missing path, and
# records an editable one as pip does, a .pth file pointing at the source tree.
build_path_dependencies() {
  local line name path
  { grep -E '^[A-Za-z0-9_.-]+[[:space:]]*=.*[{,][[:space:]]*path[[:space:]]*=[[:space:]]*"' "$1" || true; } | while IFS= read -r line; do
    name=$(printf '%s' "$line" | sed -E 's/^([A-Za-z0-9_.-]+).*/\1/')
    path=$(printf '%s' "$line" | sed -E 's/.*path[[:space:]]*=[[:space:]]*"([^"]*)".*/\1/')
    [ -e "$path" ] || fail "failed to build '$name' from '$path': No such file or directory (os error 2)"
    if printf '%s' "$line" | grep -Eq 'editable[[:space:]]*=[[:space:]]*true'; then
      mkdir -p "$prefix/lib/python3/site-packages"
      realpath "$path" > "$prefix/lib/python3/site-packages/_editable_$name.pth"
    fi
  done
}
case $command in
  install)
    file=$(manifest)
    [ -f pixi.lock ] || fail "pixi.lock is missing in $PWD"
    if [ "$environment" != default ] && ! grep -Eq "^[[:space:]]*\"?$environment\"?[[:space:]]*=" "$file"; then
      fail "unknown environment '$environment' in $file"
    fi
    sleep "${PIXI_STUB_SLEEP:-0}"  # stands in for solving and downloading
    build_path_dependencies "$file"
    mkdir -p "$prefix/bin" "$prefix/conda-meta" "$prefix/etc/conda/activate.d" "$HOME/.cache/rattler/cache/pkgs"
    echo "environment=$environment cuda=${CONDA_OVERRIDE_CUDA:-none}" > "$prefix/conda-meta/stub-install"
    head -c "${PIXI_STUB_ENV_KB:-512}000" /dev/zero > "$prefix/lib-payload.so"
    echo 'export STUB_ACTIVATED=1' > "$prefix/etc/conda/activate.d/stub.sh"
    head -c 64000 /dev/zero > "$HOME/.cache/rattler/cache/pkgs/stub-package.conda"
    printf '*\n!config.toml\n' > .pixi/.gitignore
    printf '.pixi\n!.pixi/config.toml\n' > .pixi/.condapackageignore
    echo "stub pixi $version: installed environment '$environment'" ;;
  shell-hook)
    manifest > /dev/null
    [ -d "$prefix/conda-meta" ] || fail "environment '$environment' is not installed"
    echo "export PATH=\"$prefix/bin:\${PATH}\""
    echo "export CONDA_PREFIX=\"$prefix\""
    echo "export PIXI_ENVIRONMENT_NAME=\"$environment\""
    echo ". \"$prefix/etc/conda/activate.d/stub.sh\"" ;;
  --version) echo "pixi $version" ;;
  *) fail "stub pixi does not implement '$command'" ;;
esac
