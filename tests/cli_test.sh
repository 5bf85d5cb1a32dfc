#!/usr/bin/env bash
# Black-box checks of `corscheck model`: exit codes 0/1/2 and error messages that name the file,
# the case id and the JSON pointer. Usage: cli_test.sh CORSCHECK_BINARY SOURCE_DIR
set -u
bin=${1:?corscheck binary}; src=${2:?source dir}
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
passed=0; failed=0

expect() {  # expect NAME WANT_EXIT WANT_REGEX -- ARGS...
  local name=$1 want=$2 regex=$3; shift 4
  local out code
  out=$("$bin" "$@" 2>&1); code=$?
  if [[ $code -eq $want ]] && grep -qE -- "$regex" <<<"$out"; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL $name: exit $code (want $want), output:"; head -c 2000 <<<"$out"; echo
  fi
}

good='{"id":"x.ok","rule":"CHECK-ACAO-WILDCARD","title":"t","page_origin":"https://a.example","request":{"url":"https://b.example/"},"response":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]},"expect":{"allowed":true,"preflight":false}}'
bad_expect='{"id":"x.bad","rule":"CHECK-ACAO-WILDCARD","title":"t","page_origin":"https://a.example","request":{"url":"https://b.example/"},"response":{"status":200,"headers":[]},"expect":{"allowed":true}}'
echo "{\"cases\":[$good]}" > "$tmp/good.json"
echo "{\"cases\":[$good,$bad_expect]}" > "$tmp/fails.json"
echo '{"cases":[{"id":"x.typo","rule":"R","title":"t","page_origin":"https://a.example","request":{"url":"https://b.example/","credentails":"include"},"response":{"status":200}}]}' > "$tmp/typo.json"
echo '{"cases":[{"id":"x.cp","rule":"R","title":"t","page_origin":"https://a.example","request":{"url":"https://b.example/"},"response":{"status":200,"headers":[["X","\u0141"]]}}]}' > "$tmp/codepoint.json"
echo '{"cases":[{"id":"x.nopf","rule":"R","title":"t","page_origin":"https://a.example","request":{"url":"https://b.example/","method":"PUT"},"response":{"status":200}}]}' > "$tmp/nopreflight.json"
echo '{"cases":[' > "$tmp/broken.json"
echo "{\"cases\":[$good,$good]}" > "$tmp/dup.json"
echo '{"cases":[]}' > "$tmp/empty.json"
echo '{"origins":["https://app.example.com/"],"credentials":true}' > "$tmp/express_policy_bad.json"

expect "passing file exits 0" 0 '1 passed, 0 failed' -- model --cases "$tmp/good.json"
expect "failing case exits 1" 1 'FAIL  x.bad' -- model --cases "$tmp/fails.json"
expect "failing case names field" 1 'error: expected|allowed: expected' -- model --cases "$tmp/fails.json"
expect "unknown field exits 2 with pointer" 2 "typo.json: case 'x.typo': /cases/0/request/credentails: unknown field" -- model --cases "$tmp/typo.json"
expect "code point above U+00FF" 2 "codepoint.json: case 'x.cp': /cases/0/response/headers/0/1: code point U\+0141" -- model --cases "$tmp/codepoint.json"
expect "missing preflight answer" 2 "nopreflight.json: case 'x.nopf': /cases/0: a preflight .* no preflight_response" -- model --cases "$tmp/nopreflight.json"
expect "invalid JSON" 2 'broken.json: not valid JSON' -- model --cases "$tmp/broken.json"
expect "duplicate id" 2 "dup.json: case 'x.ok': /cases/1/id: duplicate id" -- model --cases "$tmp/dup.json"
expect "zero cases is an error" 2 'no cases selected' -- model --cases "$tmp/empty.json"
expect "missing path" 2 'no such file or directory' -- model --cases "$tmp/nope.json"
expect "unknown profile" 2 'profile' -- model --cases "$tmp/good.json" --profile netscape
expect "json output" 0 '"summary"' -- model --cases "$tmp/good.json" --format json
expect "shipped tables pass (chromium)" 0 ' 0 failed' -- model --cases "$src/conformance/model" --format text
for p in spec firefox webkit; do
  expect "shipped tables pass ($p)" 0 ' 0 failed' -- model --cases "$src/conformance/model" --profile "$p"
done
# corscheck serve: the reference server over TCP answers with its fault, and stops on SIGTERM.
serve_check() {  # serve_check NAME REGEX -- SERVE_ARGS...
  local name=$1 regex=$2; shift 3
  local log; log=$(mktemp -p "$tmp")  # a fresh file: never read an earlier server's port
  "$bin" serve --listen 127.0.0.1:0 "$@" > "$log" 2>&1 &
  local pid=$! port="" i
  for i in $(seq 50); do
    port=$(grep -oE 'listening on http://127.0.0.1:[0-9]+' "$log" | grep -oE '[0-9]+$')
    [[ -n "$port" ]] && break; sleep 0.1
  done
  local reply=""
  if [[ -n "$port" ]]; then
    exec 3<>"/dev/tcp/127.0.0.1/$port"
    printf 'GET /x HTTP/1.1\r\nHost: api.example.com\r\nOrigin: https://app.example.com\r\nConnection: close\r\n\r\n' >&3
    reply=$(timeout 5 cat <&3); exec 3>&-
  fi
  kill -TERM "$pid" 2>/dev/null; wait "$pid"; local code=$?
  if grep -qE -- "$regex" <<<"$reply" && [[ $code -eq 0 ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1)); echo "FAIL serve $name: exit $code, port '$port', reply:"; echo "$reply"; cat "$log"
  fi
}
serve_check "correct policy echoes the origin" 'Access-Control-Allow-Origin: https://app.example.com' --
serve_check "duplicate-acao sends two lines" $'Access-Control-Allow-Origin: \\*' -- --fault duplicate-acao
expect "serve rejects an unknown fault" 2 "unknown fault 'nope'" -- serve --fault nope
expect "serve rejects a bad --listen" 2 "expected ADDRESS:PORT" -- serve --listen nowhere
expect "serve rejects a bad policy" 2 "no-such-policy.json" -- serve --policy "$tmp/no-such-policy.json"
expect "serve lists faults" 0 'preflight-405' -- serve --list-faults
# corscheck run: exit codes 0/1/2/3, reports in every format, hostile header bytes.
pol="$src/tests/data/express_policy.json"
expect "run: correct reference exits 0" 0 'result: PASS' -- run adapter:reference --policy "$pol" --error-path /status/404 --no-progress
expect "run: --target works like the positional TARGET" 0 'result: PASS' -- run --target adapter:reference --policy "$pol" --no-progress
expect "run: a fault exits 1 and names the rule" 1 'CORS-ACAO-MULTIPLE' -- run adapter:reference --policy "$pol" --adapter-option duplicate-acao --no-progress
expect "run: --verify-in-browser needs a URL target (a note, the run goes on)" 1 'needs an http\(s\) URL target' -- run adapter:reference --policy "$pol" --adapter-option duplicate-acao --verify-in-browser --no-progress
expect "run: --fail-on critical ignores a low finding" 0 'CORS-MAX-AGE-INVALID' -- run adapter:reference --policy "$pol" --adapter-option max-age-invalid --fail-on critical --no-progress
expect "run: bad policy exits 2" 2 'express_policy_bad.json' -- run adapter:reference --policy "$tmp/express_policy_bad.json"
expect "run: unknown format exits 2" 2 'unknown format' -- run adapter:reference --policy "$pol" --format yaml
expect "run: unknown adapter exits 2" 2 "unknown adapter 'nope'" -- run adapter:nope --policy "$pol"
expect "run: dead target exits 3" 3 'target unreachable' -- run http://127.0.0.1:1/ --policy "$pol" --connect-timeout 300 --no-progress
expect "run: several formats in one run" 1 '' -- run adapter:reference --policy "$pol" --adapter-option duplicate-acao --no-progress \
  --format json -o "$tmp/r.json" --format sarif -o "$tmp/r.sarif" --format junit -o "$tmp/r.xml" --format svg -o "$tmp/r.svg" \
  --format html -o "$tmp/r.html" --format markdown -o "$tmp/r.md"
out=$(/usr/bin/python3 "$src/tests/validate_reports.py" "$src/docs/report.schema.json" json="$tmp/r.json" sarif="$tmp/r.sarif" \
      junit="$tmp/r.xml" svg="$tmp/r.svg" html="$tmp/r.html" 2>&1) && grep -q 'reports valid' <<<"$out" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL report validation: $out"; }
# An adapter that answers hostile header bytes: NUL, CR/LF, markup, high bytes, a huge value.
cat > "$tmp/evil.sh" <<'SH'
while read -r line; do
  id=$(sed -E 's/.*"id":([0-9]+).*/\1/' <<<"$line")
  printf '{"v":1,"id":%s,"status":200,"headers":[["Access-Control-Allow-Origin","\\u0000</x>&\\r\\n\\u00ff\\""],["X-Big","%s"]],"body":"]]>"}\n' "$id" "$(head -c 5000 /dev/zero | tr '\0' a)"
done
SH
expect "run: hostile bytes still give reports" 1 '' -- run "exec:bash $tmp/evil.sh" --policy "$pol" --no-progress \
  --format json -o "$tmp/e.json" --format sarif -o "$tmp/e.sarif" --format junit -o "$tmp/e.xml" --format svg -o "$tmp/e.svg" --format html -o "$tmp/e.html"
out=$(/usr/bin/python3 "$src/tests/validate_reports.py" "$src/docs/report.schema.json" json="$tmp/e.json" sarif="$tmp/e.sarif" \
      junit="$tmp/e.xml" svg="$tmp/e.svg" html="$tmp/e.html" 2>&1) && grep -q 'reports valid' <<<"$out" && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL hostile report validation: $out"; }
expect "rules: json catalog" 0 '"CORS-WILDCARD-CREDENTIALS"' -- rules --format json
if diff <("$bin" rules --format markdown) "$src/docs/rules.md" >/dev/null; then passed=$((passed + 1)); else
  failed=$((failed + 1)); echo "FAIL docs/rules.md is stale: regenerate with corscheck rules --format markdown > docs/rules.md"; fi
# corscheck scan and run over loopback HTTP against `corscheck serve`.
start_serve() {  # start_serve SERVE_ARGS...: sets serve_pid, serve_url
  local log; log=$(mktemp -p "$tmp")
  "$bin" serve --listen 127.0.0.1:0 "$@" > "$log" 2>&1 &
  serve_pid=$!; serve_url=""
  for _ in $(seq 50); do
    serve_url=$(grep -oE 'http://127.0.0.1:[0-9]+' "$log" || true); [[ -n "$serve_url" ]] && break; sleep 0.1
  done
}
start_serve --policy "$src/tests/data/single_origin_policy.json"
expect "scan: correct server has no security finding" 0 'result: PASS' -- scan "$serve_url/api/items" --origin https://app.example.com --no-progress
expect "scan: explains nothing is blocked" 0 '0 of 7 typical requests are blocked' -- scan "$serve_url/api/items" --origin https://app.example.com --no-progress
expect "run over HTTP: correct server exits 0" 0 'result: PASS' -- run "$serve_url/api/items" --policy "$src/tests/data/single_origin_policy.json" --error-path /status/404 --no-progress
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null
start_serve --fault reflect-any-origin-credentials --fault preflight-405
expect "scan: reflection is critical" 1 'critical.*CORS-ORIGIN-REFLECTED|CORS-ORIGIN-REFLECTED' -- scan "$serve_url/api/items" --origin https://app.example.com --no-progress
expect "scan: names the failing rule" 1 'blocked \(PreflightMissingAllowOriginHeader, rule PFR-CORS-CHECK-ACTUAL-CREDS\)' -- scan "$serve_url/api/items" --origin https://app.example.com --no-progress
expect "scan: says why the browser blocks" 1 "Response to preflight request doesn't pass access control check" -- scan "$serve_url/api/items" --origin https://app.example.com --no-progress
expect "scan: rejects a bad origin" 2 'not a serialized origin' -- scan "$serve_url/" --origin https://app.example.com/
kill "$serve_pid"; wait "$serve_pid" 2>/dev/null
# corscheck fuzz: a campaign against a faulty in-process server finds the fault, saves replayable
# probes, and `run --probes` replays them; the correct server gives nothing.
expect "fuzz: correct server is clean" 0 '0 unique findings' -- fuzz adapter:reference --policy "$pol" --runs 2000 --no-progress --save "$tmp/none.json"
[[ ! -e "$tmp/none.json" ]] && passed=$((passed + 1)) || { failed=$((failed + 1)); echo "FAIL fuzz saved a file without findings"; }
expect "fuzz: finds a suffix-match allowlist" 1 'CORS-BYPASS-SUFFIX' -- fuzz adapter:reference --policy "$pol" --adapter-option suffix-match --runs 2000 --seed 3 --no-progress --save "$tmp/found.json"
expect "fuzz: findings replay through run" 1 'CORS-BYPASS-SUFFIX' -- run adapter:reference --policy "$pol" --adapter-option suffix-match --probes "$tmp/found.json" --no-progress
expect "fuzz: replayed probes are clean on the correct server" 0 'result: PASS' -- run adapter:reference --policy "$pol" --probes "$tmp/found.json" --no-progress
expect "fuzz: bad duration" 2 'expected e.g. 60s' -- fuzz adapter:reference --policy "$pol" --duration soon
expect "fuzz: duration bounds the campaign" 0 'executions in' -- fuzz adapter:reference --policy "$pol" --duration 300ms --no-progress --save ''
if [[ -x /usr/bin/chromium ]]; then
  start_serve --fault suffix-match
  expect "fuzz --verify-in-browser: findings reproduce in Chromium" 1 ' 0 NOT reproduced' -- fuzz "$serve_url/api/items" --policy "$pol" --runs 300 --no-progress --save '' --verify-in-browser
  kill "$serve_pid"; wait "$serve_pid" 2>/dev/null
else
  echo "SKIP fuzz --verify-in-browser: /usr/bin/chromium is not installed (apt-get install -y chromium)"
fi
expect "fuzz --verify-in-browser on an adapter explains the skip" 1 'needs an http\(s\) URL target' -- fuzz adapter:reference --policy "$pol" --adapter-option suffix-match --runs 100 --no-progress --save '' --verify-in-browser
expect "demo: every variant as expected" 0 'ok  duplicate-acao' -- demo --no-color
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
