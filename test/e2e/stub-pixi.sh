#!/bin/bash
# A stand-in for pixi in the e2e images: it replaces only the solver and the downloads.
# - records every call, with its arguments, in /stub-log/calls.log when that directory is mounted;
# - emulates the pixi version in PIXI_STUB_VERSION and rejects flags that version lacks
#   (`--as-is` arrived in pixi 0.53.0), and flags no pixi has;
# - `install` needs the manifest and pixi.lock in the working directory and a known environment,
#   and, like pixi (pixi#1439), the files of every `path = "..."` dependency, which it "builds",
#   then writes an environment with a conda-meta/ directory, a binary-sized payload, an activation
#   script (etc/conda/activate.d) and the .pixi ignore files, and puts a package in the rattler cache;
#   an editable path dependency (PyPI `editable = true`, or a pixi-build-python source, which pixi install builds
#   editable) becomes a .pth file naming its absolute source path, as in a real env;
#   the environment's bin/python answers `python -m NAME` by finding NAME on CPython's search path;
#   a `{ git = "..." }` dependency needs the git program, as pixi's does, and is recorded as fetched;
#   RATTLER_AUTH_FILE, when set, must name a readable file, which the stub records having read;
# - `install` chooses the platform as pixi 0.77 does (crates/pixi_core/src/workspace/environment.rs):
#   the one `--platform` names (`named_or_best_declared_platform`), else the first declared linux-64
#   platform the machine satisfies (`best_declared_platform`), a CUDA one only when CONDA_OVERRIDE_CUDA
#   is set or the builder "has a GPU" (/stub-log/host-cuda), and records it in conda-meta/stub-platform;
# - `install` reads the local `find-links` directories of [workspace.pypi-options], [pypi-options] and
#   the environment's features (pixi crates/pixi_manifest/src/features_ext.rs, `pypi_options`), fails on
#   a missing one, and "installs" each wheel in them;
# - `shell-hook` prints what pixi's bash hook does (rattler_shell's activation order): exports, the
#   environment's activate.d scripts, then the manifest's activation scripts for the installed
#   platform, each joined to the workspace root, a missing one dropped with pixi's warning
#   (crates/pixi_core/src/activation.rs, `get_activator`), then [activation.env].
# - `run [-e ENV] COMMAND...` runs a command (pixi's `Task::Custom`, crates/pixi_task/src/task_graph.rs) as pixi
#   does with PIXI_FROZEN in a built image, writing only what pixi writes there (all paths at 2b25fc76):
#   .pixi/.gitignore and .condapackageignore only when missing, a permission error being fatal
#   (crates/pixi_core/src/environment/mod.rs, `ensure_pixi_directory_and_gitignore`); the lock never;
#   the environment is reused when conda-meta/pixi holds the lock's hash and no path dependency is
#   installed, else pixi reinstalls, first opening conda-meta/.pixi-environment-fingerprint for writing,
#   fatal when it cannot (`cached_prefix`, crates/pixi_utils/src/environment_lock.rs); the activation
#   script goes to a temporary directory under $TMPDIR (rattler_shell's `Activator::run_activation`).
set -euo pipefail

version=${PIXI_STUB_VERSION:-0.77.0}
# (Not writable: a Docker build's GPU-builder marker left in the image, run as another user.)
if [ -d /stub-log ] && [ -w /stub-log ]; then printf 'pixi %s\n' "$*" >> /stub-log/calls.log; fi

fail() { echo "error: $*" >&2; exit 2; }
at_least() {  # at_least 0.53.0: is the emulated version >= the given one?
  [ "$(printf '%s\n%s\n' "$1" "$version" | sort -V | head -n1)" = "$1" ]
}

command=${1:-}
[ $# -gt 0 ] && shift
environment=default
platform=
while [ $# -gt 0 ]; do
  # `pixi run`: its options, then the command and its arguments, whatever they look like.
  if [ "$command" = run ] && [[ $1 != -* ]]; then break; fi
  case $1 in
    -e|--environment) environment=$2; shift 2 ;;
    -p|--platform) [ "$command" = install ] || fail "unexpected argument '$1' found"; platform=$2; shift 2 ;;
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

# The manifest facts the stub needs, read with awk: mode=activation|findlinks|platforms.
read -r -d '' MANIFEST_AWK <<'AWK' || true
# Reads the pixi.toml facts the stub needs, for one environment:
#   awk -v mode=activation|findlinks|platforms -v env=NAME -v pname=PLATFORM -f manifest.awk pixi.toml
# Only one-line values, except for the workspace's platforms list, are read.
function trim(s) { sub(/^[ \t]+/, "", s); sub(/[ \t]+$/, "", s); return s }
function strings(v, arr,   n) { n = 0; while (match(v, /"[^"]*"/)) { arr[++n] = substr(v, RSTART + 1, RLENGTH - 2); v = substr(v, RSTART + RLENGTH) } return n }
function paths(v, arr,   n) { n = 0; while (match(v, /path[ \t]*=[ \t]*"[^"]*"/)) { arr[++n] = field(substr(v, RSTART, RLENGTH), "path"); v = substr(v, RSTART + RLENGTH) } return n }
function field(v, key) { if (match(v, key "[ \t]*=[ \t]*\"[^\"]*\"")) { v = substr(v, RSTART, RLENGTH); sub(/^[^"]*"/, "", v); sub(/"$/, "", v); return v } return "" }
# target.rs TargetSelector::matches, for a linux-64 platform named pname
function applies(t) { return t == "" || t == "unix" || t == "linux" || t == "linux-64" || t == pname }
function see(f, t) { if (!((f, t) in order)) order[f, t] = ++seen_targets }
function add_env(f, t, k, v) { see(f, t); n = ++nenv[f]; etgt[f, n] = t; ekey[f, n] = k; evalue[f, n] = v }
BEGIN { sec = "" }
collecting { platforms_text = platforms_text " " $0; if (index($0, "]")) collecting = 0; next }
/^[ \t]*\[/ { sec = $0; sub(/^[ \t]*\[+[ \t]*/, "", sec); sub(/[ \t]*\]+[ \t]*(#.*)?$/, "", sec); sub(/^tool\.pixi\./, "", sec); next }
/^[ \t]*(#|$)/ || index($0, "=") == 0 { next }
{
  key = trim(substr($0, 1, index($0, "=") - 1)); value = trim(substr($0, index($0, "=") + 1))
  if ((sec == "workspace" || sec == "project") && key == "platforms") { platforms_text = value; if (!index(value, "]")) collecting = 1; next }
  if (sec == "environments") { envs[key] = value; next }
  f = "default"; t = ""; rest = sec
  if (rest ~ /^feature\./) { rest = substr(rest, 9); f = substr(rest, 1, index(rest ".", ".") - 1); rest = substr(rest, length(f) + 2) }
  if (rest ~ /^target\./) { rest = substr(rest, 8); t = substr(rest, 1, index(rest ".", ".") - 1); rest = substr(rest, length(t) + 2) }
  if (rest == "activation" && key == "scripts") { see(f, t); scripts[f, t] = value }
  if (rest == "activation" && key == "env") { v = value; while (match(v, /[A-Za-z_][A-Za-z0-9_]*[ \t]*=[ \t]*"[^"]*"/)) { pair = substr(v, RSTART, RLENGTH); v = substr(v, RSTART + RLENGTH); k = pair; sub(/[ \t]*=.*/, "", k); add_env(f, t, k, field(pair, k)) } }
  if (rest == "activation.env") add_env(f, t, key, field($0, key))
  if (key == "find-links" && (rest == "pypi-options" || sec == "workspace.pypi-options" || sec == "project.pypi-options")) { if (sec ~ /^(workspace|project)\./) f = "*"; links[f] = links[f] " " value }
}
END {
  if (mode == "platforms") {
    # platform.rs: a table without `name` is named `<subdir>-cuda-<version>` (synthesize_name_string)
    v = platforms_text
    while (match(v, /\{[^}]*\}|"[^"]*"/)) {
      item = substr(v, RSTART, RLENGTH); v = substr(v, RSTART + RLENGTH)
      if (item ~ /^"/) { print substr(item, 2, length(item) - 2), substr(item, 2, length(item) - 2), "-"; continue }
      sub_ = field(item, "platform"); cuda = field(item, "cuda"); name = field(item, "name")
      if (sub_ == "") sub_ = name
      if (name == "") { name = sub_; if (cuda != "") { c = cuda; gsub(/[^A-Za-z0-9]+/, "-", c); name = name "-cuda-" c } }
      print name, sub_, (cuda == "" ? "-" : cuda)
    }
    exit
  }
  # environment.rs Environment::features: the listed features, the default feature last
  nf = 0; spec = envs[env]
  if (spec ~ /^\{/) { list = spec; sub(/.*features[ \t]*=[ \t]*/, "", list); sub(/\].*/, "]", list); if (spec !~ /features/) list = "" } else list = spec
  nf = strings(list, feats)
  if (spec !~ /no-default-feature[ \t]*=[ \t]*true/) feats[++nf] = "default"
  if (mode == "findlinks") {
    for (i = 1; i <= nf; i++) { c = paths(links[feats[i]], arr); for (j = 1; j <= c; j++) print arr[j] }
    c = paths(links["*"], arr); for (j = 1; j <= c; j++) print arr[j]
    exit
  }
  for (i = 1; i <= nf; i++) {
    f = feats[i]
    # feature.rs activation_scripts: the last-defined matching target with scripts, else the feature's own
    best = ""; bestorder = 0
    for (k in scripts) { split(k, parts, SUBSEP); if (parts[1] == f && parts[2] != "" && applies(parts[2]) && order[k] > bestorder) { best = parts[2]; bestorder = order[k] } }
    if (bestorder == 0 && !((f, "") in scripts)) continue
    c = strings(scripts[f, best], arr); for (j = 1; j <= c; j++) print "script", arr[j]
  }
  for (i = 1; i <= nf; i++) {
    f = feats[i]
    # feature.rs activation_env: most specific (last-defined) target first; the first value wins
    for (pass = seen_targets; pass >= 0; pass--) {
      for (n = 1; n <= nenv[f]; n++) {
        t = etgt[f, n]
        if (!applies(t) || (pass > 0 ? order[f, t] != pass || t == "" : t != "")) continue
        if (!(ekey[f, n] in done)) { done[ekey[f, n]] = 1; print "env", ekey[f, n], evalue[f, n] }
      }
    }
  }
}
AWK
facts() {  # facts MODE [PLATFORM_NAME]
  awk -v mode="$1" -v env="$environment" -v pname="${2:-linux-64}" "$MANIFEST_AWK" "$(manifest)"
}

# The builder's CUDA as pixi detects it: CONDA_OVERRIDE_CUDA when set (empty means none), else the
# driver; /stub-log/host-cuda stands for a builder with a GPU.
host_has_cuda() {
  if [ -n "${CONDA_OVERRIDE_CUDA+set}" ]; then [ -n "$CONDA_OVERRIDE_CUDA" ]; else [ -f /stub-log/host-cuda ]; fi
}

choose_platform() {
  local name subdir cuda
  while read -r name subdir cuda; do
    [ "$subdir" = linux-64 ] || continue
    if [ -n "$platform" ]; then [ "$name" = "$platform" ] && { echo "$name"; return; }; continue; fi
    if [ "$cuda" = - ] || host_has_cuda; then echo "$name"; return; fi
  done < <(facts platforms)
  if [ -n "$platform" ]; then fail "the workspace has no platform '$platform'"; fi
  # A manifest without platforms the stub can read: the host's subdir.
  [ -z "$(facts platforms)" ] && { echo linux-64; return; }
  fail "The workspace does not support 'linux-64'"
}

install_find_links() {
  local dir wheel
  while read -r dir; do
    [ -d "$dir" ] || fail "find-links directory '$dir' does not exist (os error 2)"
    for wheel in "$dir"/*.whl; do
      [ -e "$wheel" ] || continue
      mkdir -p "$prefix/lib/python3/site-packages"
      echo "$dir" > "$prefix/lib/python3/site-packages/$(basename "$wheel").from-find-links"
    done
  done < <(facts findlinks)
}

print_activation() {
  local kind key value installed missing=()
  installed=$(cat "$prefix/conda-meta/stub-platform")
  while read -r kind key value; do
    if [ "$kind" = script ]; then
      # root.join(script): an absolute script stays as it is (get_activator, crates/pixi_core/src/activation.rs).
      local full="$PWD/$key"
      [[ $key == /* ]] && full=$key
      if [ -f "$full" ]; then echo ". \"$full\""; else missing+=("$full"); fi
    elif [[ $value == *'$'* ]]; then echo "export $key=\"${value//\"/\\\"}\""
    else printf "export %s='%s'\n" "$key" "${value//\'/\'\\\'\'}"; fi
  done < <(facts activation "$installed")
  if [ ${#missing[@]} -gt 0 ]; then
    local IFS=,
    echo " WARN Could not find activation scripts: ${missing[*]}" >&2
  fi
}

# Path dependencies, one `name = { path = "...", ... }` per line: fails on a missing path, and
# records an editable one as pip does, a .pth file pointing at the source tree. A PyPI one is editable when it says
# so; a conda source (pixi-build) one when its backend honours the editable build pixi install always asks of a path
# source (BuildProfile::Development, crates/pixi_command_dispatcher/src/install_pixi/ext.rs): pixi-build-python.
build_path_dependencies() {
  local table line name path editable
  # (find-links directories are read by install_find_links, for the environment's features only)
  { awk '/^[[:space:]]*\[/ { table = $0 }
      /^[A-Za-z0-9_.-]+[[:space:]]*=.*[{,][[:space:]]*path[[:space:]]*=[[:space:]]*"/ && !/find-links/ { print table "\t" $0 }' "$1"; } |
  while IFS=$'\t' read -r table line; do
    name=$(printf '%s' "$line" | sed -E 's/^([A-Za-z0-9_.-]+).*/\1/')
    path=$(printf '%s' "$line" | sed -E 's/.*path[[:space:]]*=[[:space:]]*"([^"]*)".*/\1/')
    [ -e "$path" ] || fail "failed to build '$name' from '$path': No such file or directory (os error 2)"
    editable=false
    if printf '%s' "$line" | grep -Eq 'editable[[:space:]]*=[[:space:]]*true'; then editable=true; fi
    # (grep -q exits 0 on a match even when one of the files is missing)
    if [[ $table != *pypi-dependencies* ]] && grep -qs 'pixi-build-python' "$path/pixi.toml" "$path/pyproject.toml"; then editable=true; fi
    if $editable; then
      mkdir -p "$prefix/lib/python3/site-packages"
      realpath "$path" > "$prefix/lib/python3/site-packages/_editable_$name.pth"
    fi
  done
}
# Git dependencies, one `name = { git = "...", ... }` per line: pixi fetches them with the git program and fails
# without one (`GIT`, crates/pixi_git/src/git.rs at 2b25fc76); each is recorded as fetched.
fetch_git_dependencies() {
  local line name
  { grep -E '^[A-Za-z0-9_.-]+[[:space:]]*=.*[{,][[:space:]]*git[[:space:]]*=[[:space:]]*"' "$1" || true; } | while IFS= read -r line; do
    command -v git >/dev/null || fail "Git executable not found. Ensure that Git is installed and available."
    name=$(printf '%s' "$line" | sed -E 's/^([A-Za-z0-9_.-]+).*/\1/')
    git --version >/dev/null
    mkdir -p "$prefix/conda-meta"
    echo "$name" >> "$prefix/conda-meta/stub-git-fetched"
  done
}
# pixi reads its credentials from the file RATTLER_AUTH_FILE names, when it is set (crates/pixi_auth/src/lib.rs at
# 2b25fc76); the stub fails on one it cannot read, and records that it read one (never what it holds).
read_auth_file() {
  [ -n "${RATTLER_AUTH_FILE:-}" ] || return 0
  [ -r "$RATTLER_AUTH_FILE" ] || fail "failed to read the authentication file $RATTLER_AUTH_FILE"
  mkdir -p "$prefix/conda-meta"
  echo "read $(wc -c < "$RATTLER_AUTH_FILE") bytes of credentials" > "$prefix/conda-meta/stub-auth"
}
# What conda-meta/pixi records: the lock's hash, and whether a path dependency was built (pixi reinstalls those).
environment_file() {
  echo "lock-hash=$(sha256sum pixi.lock | cut -d' ' -f1)"
  if ls "$prefix"/lib/python3/site-packages/_editable_*.pth >/dev/null 2>&1; then echo "path-dependencies=yes"; fi
}

# The environment's python, for `python -m NAME` only: it finds NAME as CPython's -m does (sys.path: the current
# directory first, then PYTHONPATH, then site-packages and the directories its .pth files name) and says where, or
# fails with CPython's message. It imports nothing: a check that a package is where the image's layout puts it.
python_stand_in() {
  cat <<'PYTHON'
#!/bin/bash
if [ "${1:-}" != -m ] || [ -z "${2:-}" ]; then echo "python stand-in: only python -m NAME" >&2; exit 2; fi
name=${2%%.*}
site="$(dirname "$(dirname "$(realpath "$0")")")/lib/python3/site-packages"
paths=("$PWD")
IFS=: read -r -a extra <<< "${PYTHONPATH:-}"
paths+=("${extra[@]}" "$site")
for pth in "$site"/*.pth; do [ -f "$pth" ] && paths+=("$(head -n1 "$pth")"); done
for dir in "${paths[@]}"; do
  [ -n "$dir" ] || continue
  if [ -f "$dir/$name/__init__.py" ] || [ -f "$dir/$name.py" ]; then echo "python -m $2: $name from $dir"; exit 0; fi
done
echo "$0: No module named $name" >&2
exit 1
PYTHON
}

hook() {
  echo "export PATH=\"$prefix/bin:\${PATH}\""
  echo "export CONDA_PREFIX=\"$prefix\""
  echo "export PIXI_PROJECT_ROOT=\"$PWD\""
  echo "export PIXI_ENVIRONMENT_NAME=\"$environment\""
  echo ". \"$prefix/etc/conda/activate.d/stub.sh\""
  print_activation
}

case $command in
  run)
    manifest > /dev/null
    [ $# -gt 0 ] || fail "pixi run needs a task or a command"
    for ignore in .pixi/.gitignore .pixi/.condapackageignore; do
      [ -e "$ignore" ] || printf '*\n' 2>/dev/null > "$ignore" || fail "failed to write $PWD/$ignore: Permission denied (os error 13)"
    done
    recorded=$(cat "$prefix/conda-meta/pixi" 2>/dev/null || true)
    if [ "$recorded" != "lock-hash=$(sha256sum pixi.lock | cut -d' ' -f1)" ]; then
      # Out of date, or a path dependency: pixi installs again, first taking the prefix's lock file.
      : 2>/dev/null > "$prefix/conda-meta/.pixi-environment-fingerprint" \
        || fail "failed to acquire a lock on the environment: $prefix/conda-meta/.pixi-environment-fingerprint: Permission denied (os error 13)"
      fail "stub pixi does not reinstall in \`run\`"
    fi
    activation=$(mktemp -d) || fail "An activation error occurred"
    hook > "$activation/activation.sh"
    # shellcheck disable=SC1091
    . "$activation/activation.sh"
    rm -rf "$activation"
    exec "$@" ;;
  install)
    file=$(manifest)
    [ -f pixi.lock ] || fail "pixi.lock is missing in $PWD"
    if [ "$environment" != default ] && ! grep -Eq "^[[:space:]]*(\"?$environment\"?[[:space:]]*=|\[(tool\.pixi\.)?environments\.${environment}[].])" "$file"; then
      fail "unknown environment '$environment' in $file"
    fi
    chosen=$(choose_platform)
    sleep "${PIXI_STUB_SLEEP:-0}"  # stands in for solving and downloading
    build_path_dependencies "$file"
    fetch_git_dependencies "$file"
    read_auth_file
    mkdir -p "$prefix/bin" "$prefix/conda-meta" "$prefix/etc/conda/activate.d" "$HOME/.cache/rattler/cache/pkgs"
    install_find_links
    echo "environment=$environment cuda=${CONDA_OVERRIDE_CUDA:-none}" > "$prefix/conda-meta/stub-install"
    echo "$chosen" > "$prefix/conda-meta/stub-platform"
    environment_file > "$prefix/conda-meta/pixi"
    # Package contents are compressed already: random bytes stand in for them, so that a registry receives what a
    # rebuilt install layer really weighs. Random also makes every install differ, as pixi's do unless
    # SOURCE_DATE_EPOCH is set (wall-clock mtimes; crates/pixi_utils/src/reproducible.rs at 2b25fc76).
    head -c "${PIXI_STUB_ENV_KB:-512}000" /dev/urandom > "$prefix/lib-payload.so"
    echo 'export STUB_ACTIVATED=1' > "$prefix/etc/conda/activate.d/stub.sh"
    python_stand_in > "$prefix/bin/python" && chmod 0755 "$prefix/bin/python"
    head -c 64000 /dev/zero > "$HOME/.cache/rattler/cache/pkgs/stub-package.conda"
    printf '*\n!config.toml\n' > .pixi/.gitignore
    printf '.pixi\n!.pixi/config.toml\n' > .pixi/.condapackageignore
    echo "stub pixi $version: installed environment '$environment'" ;;
  shell-hook)
    manifest > /dev/null
    [ -d "$prefix/conda-meta" ] || fail "environment '$environment' is not installed"
    hook ;;
  --version) echo "pixi $version" ;;
  *) fail "stub pixi does not implement '$command'" ;;
esac
