#!/usr/bin/env bash
# Prints probes per second for a full `corscheck run` against the reference server, in-process
# (adapter:reference) and over loopback HTTP (corscheck serve), plus model cases per second.
# Usage: bench/run_bench.sh [build-dir]   (default build/release, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
if [[ ! -x "$build/harness/cli/corscheck" ]]; then
  cmake --preset release >/dev/null && cmake --build --preset release --target corscheck >/dev/null
fi
bin="$build/harness/cli/corscheck"
policy=tests/data/express_policy.json
tmp=$(mktemp -d); trap 'rm -rf "$tmp"; [[ -n "${pid:-}" ]] && kill "$pid" 2>/dev/null || true' EXIT

rate() {  # rate LABEL ARGS...: runs `corscheck run ARGS --format json` 5 times, prints the best
  local label=$1; shift
  local best=0 probes=0
  for i in 1 2 3 4 5; do
    "$bin" run "$@" --policy "$policy" --no-progress --format json -o "$tmp/r.json" >/dev/null || true
    read -r probes secs < <(/usr/bin/python3 -c "import json;d=json.load(open('$tmp/r.json'));print(d['summary']['probes'], d['summary']['seconds'])")
    best=$(/usr/bin/python3 -c "print(max($best, $probes/max($secs,1e-9)))")
  done
  printf '%-60s %6d probes  %10.0f probes/s (best of 5)\n' "$label" "$probes" "$best"
}

rate "run adapter:reference (in-process)" adapter:reference --error-path /status/404 --error-path /status/500
"$bin" serve --listen 127.0.0.1:0 > "$tmp/serve.out" 2>&1 &
pid=$!
for _ in $(seq 50); do grep -q 'listening on' "$tmp/serve.out" && break; sleep 0.1; done
url=$(grep -oE 'http://127.0.0.1:[0-9]+' "$tmp/serve.out")
for c in 1 8 32; do
  rate "run $url (loopback HTTP, --concurrency $c)" "$url/api/items" --concurrency "$c" --error-path /status/404 --error-path /status/500
done
start=$(date +%s.%N)
n=$("$bin" model --cases conformance/model --format json | /usr/bin/python3 -c "import json,sys;print(json.load(sys.stdin)['summary']['total'])")
end=$(date +%s.%N)
/usr/bin/python3 -c "print('%-60s %6d cases   %10.0f cases/s' % ('model --cases conformance/model', $n, $n/($end-$start)))"
