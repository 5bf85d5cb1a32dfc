#!/usr/bin/env bash
# core/ and model/ hold no I/O and no third-party headers (CONVENTIONS.md "One oracle"): the
# fuzzers and every transport rely on that. Fails naming each offending include.
set -u
root=${1:?source dir}
bad=$(grep -nE '#include *<(boost/|nlohmann/|CLI/|fstream|iostream|filesystem|thread|chrono|random)' \
      "$root"/harness/core/*.h "$root"/harness/core/*.cc "$root"/harness/model/*.h "$root"/harness/model/*.cc 2>/dev/null \
      | grep -v '_test.cc:')
if [[ -n "$bad" ]]; then
  echo "core/model must not include I/O or third-party headers:"; echo "$bad"; exit 1
fi
echo "layering ok: core/ and model/ include no I/O or third-party headers"
