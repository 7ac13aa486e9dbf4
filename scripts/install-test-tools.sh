#!/usr/bin/env bash
# Installs the system tools the tests call, where this script can: Debian or Ubuntu, as root or with
# sudo. Elsewhere it names what to install and fails; a missing tool never makes a test skip.
set -euo pipefail

# npm test runs shellcheck on every generated script and jq in the workflow scripts it runs; npm run test:e2e builds
# and runs the images with buildah (and runc), and again with Docker's BuildKit: Debian's docker.io, dockerd 20.10 and the client that drives it. The
# job files' e2e tests start a single-node Slurm of their own: slurmctld, slurmd, the client commands and munge.
TOOLS=(shellcheck jq buildah runc dockerd slurmctld slurmd sbatch munged)

# The package that holds a tool, where its name differs (Debian and Ubuntu).
package_of() {
  case $1 in
    dockerd) echo docker.io ;;
    sbatch) echo slurm-client ;;
    munged) echo munge ;;
    *) echo "$1" ;;
  esac
}

# (dockerd, slurmctld, slurmd and munged live in /usr/sbin, in root's PATH: the end-to-end tests run as root.)
present() { command -v "$1" >/dev/null; }

missing=()
packages=()
for tool in "${TOOLS[@]}"; do
  present "$tool" || { missing+=("$tool"); packages+=("$(package_of "$tool")"); }
done
[ ${#missing[@]} -eq 0 ] && { echo "install-test-tools: ${TOOLS[*]} present"; exit 0; }

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo)
else
  as_root=(none)
fi

if ! command -v apt-get >/dev/null || [ "${as_root[*]}" = none ]; then
  cat >&2 <<MESSAGE
install-test-tools: missing ${missing[*]}, and this script installs only with apt-get as root or with sudo.
Install them yourself, then run the tests again:
  Debian/Ubuntu: sudo apt-get install ${packages[*]}
  Fedora:        sudo dnf install ${packages[*]/docker.io/moby-engine}   (Slurm: slurm-slurmctld slurm-slurmd slurm munge)
  macOS:         brew install shellcheck   (buildah and dockerd need Linux: run the e2e tests in a Linux VM or container)
The end-to-end tests also need root (buildah with runc, and a dockerd and a Slurm of their own).
MESSAGE
  exit 1
fi

echo "install-test-tools: installing ${packages[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${packages[@]}" >/dev/null
for tool in "${missing[@]}"; do
  present "$tool" || { echo "install-test-tools: $tool is still missing after apt-get install" >&2; exit 1; }
done
