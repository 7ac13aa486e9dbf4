#!/bin/bash
# Makes a tiny root filesystem from this machine's own programs (no registry is reachable):
# bash, dash as /bin/sh, coreutils, grep, sed, awk (the stub pixi reads manifests with it) and the libraries they load,
# and a stand-in apt-get.
#   make-rootfs.sh DIR [STUB_PIXI]   with STUB_PIXI, installs it as /usr/local/bin/pixi
set -euo pipefail
root=$1
stub=${2:-}
rm -rf "$root"
mkdir -p "$root"/{usr/bin,usr/lib,usr/lib64,usr/local/bin,etc,tmp,root,proc,sys,dev}
for link in bin lib lib64 sbin; do
  target=usr/${link/sbin/bin}
  ln -s "$target" "$root/$link"
done
chmod 1777 "$root/tmp"

command -v awk >/dev/null || { echo "make-rootfs.sh: awk is missing (Debian: mawk)" >&2; exit 1; }
mapfile -t programs < <(dpkg -L coreutils | grep -E '/bin/[^/]+$' | xargs -n1 basename)
for program in bash dash grep sed awk "${programs[@]}"; do
  path=$(type -P "$program") || continue
  cp -L "$path" "$root/usr/bin/$program"
  ldd "$path" 2>/dev/null | grep -oE '/[^ ]+' | while read -r lib; do
    mkdir -p "$root/usr$(dirname "${lib#/usr}")"
    cp -Ln "$lib" "$root/usr${lib#/usr}"
  done
done
ln -sf dash "$root/usr/bin/sh"
echo 'root:x:0:0:root:/root:/bin/bash' > "$root/etc/passwd"
echo 'root:x:0:' > "$root/etc/group"
# Ubuntu's images have apt: a stand-in for it, with apt-get's rules (stub-apt-get.sh).
install -m 0755 "$(dirname "$0")/stub-apt-get.sh" "$root/usr/bin/apt-get"
if [ -n "$stub" ]; then
  install -m 0755 "$stub" "$root/usr/local/bin/pixi"
fi
