// `corscheck run --verify-in-browser`: replays the probes behind findings that say "a page at
// origin X can read this" (over-permissive, origin echoes a browser can send) or "the browser
// blocks this" (blocked although the policy allows it) in a real headless Chromium, against the
// real target, and marks each finding reproduced or not. A finding Chromium does not reproduce is
// a bug in the browser model.
//
// How: every page origin (and https://app.example.com for the sandboxed "null" page) is mapped by
// --host-resolver-rules to a local page server on a loopback port; the target's host:port goes to
// its --resolve address, or to loopback for localhost, or to the real resolver (EXCLUDE); every
// other name fails to resolve. Each replay runs in a fresh browser context, so the preflight and
// HTTP caches of one replay never serve another.
#pragma once

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "core/result.h"
#include "runner/runner.h"

namespace corscheck::browser {

struct VerifyOptions {
  std::string chromium = "/usr/bin/chromium";
  std::string base_url;                        // scheme://host[:port] the probe paths were appended to
  std::map<std::string, std::string> resolve;  // "host:port" -> address, as curl --resolve
  std::size_t max_replays = 50;                // (rule, probe) pairs verified per run
  std::size_t parallel = 4;                    // replays in flight
  std::chrono::milliseconds fetch_timeout{15000};
  std::chrono::milliseconds event_timeout{3000};
};

struct VerifySummary {
  std::string chromium_version;  // "Chrome/156.0.8078.108"
  std::size_t eligible = 0;      // (rule, probe) pairs with a browser-checkable meaning
  std::size_t verified = 0;      // of those, replayed (the rest exceed max_replays)
  std::size_t replays = 0;       // distinct probes fetched in Chromium
  std::size_t reproduced = 0;
  std::size_t not_reproduced = 0;
  std::size_t inconclusive = 0;
  double seconds = 0;
  // One line per (rule, probe) that was not reproduced or inconclusive: "RULE probe: detail".
  std::vector<std::string> not_reproduced_lines;
  std::vector<std::string> inconclusive_lines;
};

// Whether the finding means "a page at origin X can read this" or "the browser blocks this" and
// its probe can be sent from a page: a cors-mode probe with an Origin a browser sends.
bool IsBrowserVerifiable(const runner::RunResult& result, const runner::Finding& finding);

// Replays the verifiable findings' probes in Chromium and sets Finding::verification on each of
// them (findings beyond max_replays stay unset). An Error when nothing can run (no Chromium, the
// base URL is not http(s), no listening socket).
core::Result<VerifySummary> VerifyInChromium(runner::RunResult& result, const VerifyOptions& options);

}  // namespace corscheck::browser
