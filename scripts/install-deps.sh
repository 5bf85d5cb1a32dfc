#!/usr/bin/env bash
# Installs every Debian package corscheck needs to build, test and fuzz. Idempotent: packages
# already present are skipped, so a second run costs one dpkg query.
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --browser  also Debian's chromium (the `browser` CTest label)
set -euo pipefail

packages=(
  cmake ninja-build g++ clang lld libclang-rt-14-dev pkg-config
  libgtest-dev libgmock-dev
  libboost1.81-dev
  nlohmann-json3-dev libcli11-dev libidn2-dev libssl-dev
  nodejs npm python3 python3-jsonschema
  chromium
)
[[ "${1:-}" == "--browser" ]] && packages+=(chromium)

missing=()
for p in "${packages[@]}"; do
  # node and npm may come from outside Debian (e.g. a preinstalled toolchain); accept those.
  case "$p" in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo_cmd=(); [[ $(id -u) -ne 0 ]] && sudo_cmd=(sudo)
  echo "install-deps: installing ${missing[*]}"
  "${sudo_cmd[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
