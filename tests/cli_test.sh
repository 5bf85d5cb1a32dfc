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
  "$bin" serve --listen 127.0.0.1:0 "$@" > "$tmp/serve.out" 2>&1 &
  local pid=$! port="" i
  for i in $(seq 50); do
    port=$(grep -oE 'listening on http://127.0.0.1:[0-9]+' "$tmp/serve.out" | grep -oE '[0-9]+$')
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
    failed=$((failed + 1)); echo "FAIL serve $name: exit $code, port '$port', reply:"; echo "$reply"; cat "$tmp/serve.out"
  fi
}
serve_check "correct policy echoes the origin" 'Access-Control-Allow-Origin: https://app.example.com' --
serve_check "duplicate-acao sends two lines" $'Access-Control-Allow-Origin: \\*' -- --fault duplicate-acao
expect "serve rejects an unknown fault" 2 "unknown fault 'nope'" -- serve --fault nope
expect "serve rejects a bad --listen" 2 "expected ADDRESS:PORT" -- serve --listen nowhere
expect "serve rejects a bad policy" 2 "no-such-policy.json" -- serve --policy "$tmp/no-such-policy.json"
expect "serve lists faults" 0 'preflight-405' -- serve --list-faults
echo "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
