#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages that running or testing the program needs, when missing.
# Usage: ensure_system_packages.sh run|test
# As root on Debian/Ubuntu it installs them with apt-get; otherwise it prints the exact command
# to run and exits 1. On other systems it says what is needed and carries on.
set -euo pipefail
what=${1:-run}
packages=(libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
          libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
          libxcb-randr0 libxcb-render-util0 libxcb-image0 libnss3 libxcomposite1 libxdamage1
          libxrandr2 libxtst6 libasound2 fonts-noto-cjk)
if [[ $what == test ]]; then
  packages+=(xvfb xauth postgresql poppler-utils poppler-data nginx)
fi
if ! command -v dpkg-query >/dev/null 2>&1 || ! command -v apt-get >/dev/null 2>&1; then
  echo "note: not a Debian/Ubuntu system; make sure Qt 6 runtime libraries and CJK fonts are installed" >&2
  exit 0
fi
missing=()
for p in "${packages[@]}"; do
  # a package may be replaced by a t64 variant on newer releases (libasound2t64)
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" &&
     ! dpkg-query -W -f='${Status}' "${p}t64" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done
[[ ${#missing[@]} -eq 0 ]] && exit 0
if [[ $(id -u) -ne 0 ]]; then
  echo "These system packages are missing. Install them, then run make again:" >&2
  echo "  sudo apt-get update && sudo apt-get install -y ${missing[*]}" >&2
  exit 1
fi
echo "Installing system packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
to_install=()
for p in "${missing[@]}"; do
  if apt-cache show "$p" >/dev/null 2>&1; then to_install+=("$p");
  elif apt-cache show "${p}t64" >/dev/null 2>&1; then to_install+=("${p}t64");
  else echo "warning: no package $p on this system" >&2; fi
done
apt-get install -y -qq --no-install-recommends "${to_install[@]}" >/dev/null
