#!/usr/bin/env bash
# Builds corscheck and runs every test, from a fresh Debian machine: installs the Debian packages
# it needs, configures, builds and runs CTest through the `default` workflow preset.
#   scripts/test.sh           default preset (RelWithDebInfo, gcc)
#   scripts/test.sh asan      the same tests under ASan + UBSan
set -euo pipefail
cd "$(dirname "$0")/.."
preset=${1:-default}
scripts/install-deps.sh
# The express `cors` example adapter is tested through exec: with the real npm package.
npm ci --prefix examples/adapters/express-cors --no-audit --no-fund --loglevel=error
cmake --workflow --preset "$preset"
