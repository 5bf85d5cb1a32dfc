#!/usr/bin/env bash
# The main job on the built-in demo targets, from a fresh Debian machine: installs dependencies,
# builds corscheck, and runs `corscheck demo`: `corscheck run` against the in-process reference
# server with its correct policy and five common faulty variants, with the full report.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-deps.sh
cmake --preset default >/dev/null
cmake --build --preset default --target corscheck
exec build/default/harness/cli/corscheck demo "$@"
