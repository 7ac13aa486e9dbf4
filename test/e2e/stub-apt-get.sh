#!/bin/bash
# A stand-in for apt-get in the e2e base images (Ubuntu's, like pixi's own images): an offline catalogue instead of
# the archive, and apt-get's rules wherever a Dockerfile's correctness depends on them:
# - `update` and `install` need root (apt takes the lock in /var/lib/apt/lists and /var/lib/dpkg: "Permission denied");
# - `install` finds only what `update` listed: a fresh image has no lists ("E: Unable to locate package", exit 100),
#   so an install in a layer whose lists were removed fails as the real one does;
# - without `-y`, and no terminal to answer on, it aborts at "Do you want to continue? [Y/n]";
# - without `--no-install-recommends` it installs the recommended packages too (APT::Install-Recommends is on);
# - an installed package leaves its /usr/share/doc/<name> directory and a line in /var/lib/dpkg/status; git also
#   a /usr/bin/git that answers --version.
set -euo pipefail

LISTS=/var/lib/apt/lists
INDEX=$LISTS/stub.archive_dists_noble_main_binary-amd64_Packages
# name: recommended packages
CATALOGUE='curl: ca-certificates
libgl1: libglx-mesa0
locales:
git: less
ca-certificates:
libglx-mesa0:
less:'

if [ -d /stub-log ] && [ -w /stub-log ]; then printf 'apt-get %s\n' "$*" >> /stub-log/apt.log; fi
fail() { echo "E: $1" >&2; exit "${2:-100}"; }
need_root() {
  [ "$(id -u)" = 0 ] || fail "Could not open lock file $1/lock - open (13: Permission denied)"
}
recommends_of() { printf '%s\n' "$CATALOGUE" | sed -n "s/^$1: *//p"; }

command=${1:-}
[ -n "$command" ] || fail "No command given" 1
shift
case $command in
  update)
    need_root "$LISTS"
    mkdir -p "$LISTS"
    printf '%s\n' "$CATALOGUE" | cut -d: -f1 | sed 's/^/Package: /' > "$INDEX"
    echo "Reading package lists... Done" ;;
  install)
    yes=false recommends=true packages=()
    for arg in "$@"; do
      case $arg in
        -y|--yes|--assume-yes) yes=true ;;
        --no-install-recommends) recommends=false ;;
        -*) fail "Command line option '$arg' is not understood in combination with the other options" ;;
        *) packages+=("$arg") ;;
      esac
    done
    need_root /var/lib/dpkg
    wanted=()
    for package in "${packages[@]}"; do
      name=${package%%=*}
      if [ ! -f "$INDEX" ] || ! grep -qx "Package: $name" "$INDEX"; then fail "Unable to locate package $name"; fi
      wanted+=("$name")
      if $recommends; then
        for extra in $(recommends_of "$name"); do wanted+=("$extra"); done
      fi
    done
    if ! $yes && [ ! -t 0 ]; then echo "Do you want to continue? [Y/n] Abort."; exit 1; fi
    mkdir -p /var/lib/dpkg
    for name in "${wanted[@]}"; do
      mkdir -p "/usr/share/doc/$name" && echo "stub package $name" > "/usr/share/doc/$name/copyright"
      # A program the package provides, where a stub needs it (pixi needs git for git dependencies).
      if [ "$name" = git ]; then printf '#!/bin/sh\necho "git version 2.43.0 (stub)"\n' > /usr/bin/git && chmod 0755 /usr/bin/git; fi
      echo "Package: $name Status: install ok installed" >> /var/lib/dpkg/status
    done
    echo "Setting up ${wanted[*]}" ;;
  *) fail "Invalid operation $command" 1 ;;
esac
