#!/usr/bin/env bash
# Installs the system tools the tests call, where this script can: Debian or Ubuntu, as root or with
# sudo. Elsewhere it names what to install and fails; a missing tool never makes a test skip.
set -euo pipefail

# npm test runs shellcheck on every generated script; buildah builds and runs the images with runc (npm run test:e2e).
TOOLS=(shellcheck buildah runc)

missing=()
for tool in "${TOOLS[@]}"; do
  command -v "$tool" >/dev/null || missing+=("$tool")
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
  Debian/Ubuntu: sudo apt-get install ${missing[*]}
  Fedora:        sudo dnf install ${missing[*]}
  macOS:         brew install shellcheck   (buildah needs Linux: run the e2e tests in a Linux VM or container)
The end-to-end tests also need root (buildah with runc).
MESSAGE
  exit 1
fi

echo "install-test-tools: installing ${missing[*]} with apt-get"
export DEBIAN_FRONTEND=noninteractive
"${as_root[@]}" apt-get update -qq
"${as_root[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
for tool in "${missing[@]}"; do
  command -v "$tool" >/dev/null || { echo "install-test-tools: $tool is still missing after apt-get install" >&2; exit 1; }
done
