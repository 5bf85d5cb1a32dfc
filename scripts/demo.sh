#!/usr/bin/env bash
# The main job on the built-in demo targets, from a fresh Debian machine: installs dependencies,
# builds corscheck, and evaluates every shipped browser-model case under the Chromium profile.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target corscheck
exec build/default/harness/cli/corscheck model --cases conformance/model --profile chromium "$@"
