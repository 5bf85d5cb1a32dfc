// Runs probes against a Target: each probe is one fetch() through the browser model, whose
// requests go to the target for real (preflight, actual request, redirects). Then the expected
// outcome (policy) is compared with the observed one (model), and the deviation rules look at
// the raw exchanges. No printing, no sockets of its own: transport is the Target's business.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/http.h"
#include "core/policy.h"
#include "model/profile.h"
#include "model/types.h"
#include "runner/probe.h"
#include "runner/rules.h"
#include "target/target.h"

namespace corscheck::runner {

struct Exchange {
  bool preflight = false;
  core::HttpRequest request;                          // exactly what was sent
  std::optional<core::HttpResponse> response;         // exactly what came back
  std::optional<target::TransportFailure> failure;
};

struct ProbeResult {
  Probe probe;
  Expectation expected;
  model::FetchVerdict verdict;
  std::vector<Exchange> exchanges;
  std::optional<target::TransportFailure> failure;  // the probe could not complete
};

// A finding replayed in a real browser (`run --verify-in-browser`): the probe's fetch from a page
// at its origin against the real target. not_reproduced means the browser model is wrong.
struct Verification {
  enum class Status { kReproduced, kNotReproduced, kInconclusive };
  Status status = Status::kInconclusive;
  std::string browser_version;               // "156.0.8078.108"
  bool browser_allowed = false;              // the page's script could read the response
  std::optional<std::string> browser_error;  // Chromium's CorsError (or net error) when blocked
  std::string detail;                        // what the browser did against what the model said
  bool reproduced() const { return status == Status::kReproduced; }
};

struct Finding {
  std::string rule_id;
  Severity severity = Severity::kInfo;
  Category category = Category::kDeviation;
  std::size_t probe = 0;                // index into RunResult::probes
  std::vector<std::size_t> evidence;    // indexes into that probe's exchanges
  std::string message;                  // what happened, specific to this probe
  std::string browser_message;          // Chromium's console text, when the browser blocks
  std::string fix;
  std::optional<Verification> verification;  // set by --verify-in-browser
};

struct RunOptions {
  std::string base_url;  // scheme://host[:port] the probe paths are appended to
  model::ProfileId profile = model::ProfileId::kChromium;
  std::size_t concurrency = 8;
  std::function<void(std::size_t done, std::size_t total)> progress;  // called from worker threads
};

struct RunResult {
  std::string target;
  std::string profile;
  core::Policy policy;
  std::vector<ProbeResult> probes;
  std::vector<Finding> findings;  // sorted: severity (highest first), rule, probe
  double seconds = 0;
  std::size_t failed_probes = 0;
  bool unreachable() const { return !probes.empty() && failed_probes == probes.size(); }
};

RunResult RunProbes(target::Target& target, const core::Policy& policy, std::vector<Probe> probes,
                    const RunOptions& options);

// One probe: a fetch() through the browser model whose requests go to `target`.
ProbeResult RunProbe(target::Target& target, const Probe& probe, const core::Policy& policy, const RunOptions& options);
// Probes run concurrently (options.concurrency threads), results in input order; no rules.
std::vector<ProbeResult> RunBatch(target::Target& target, const core::Policy& policy, const std::vector<Probe>& probes,
                                  const RunOptions& options);

// The deviation and outcome rules over finished probes (exposed for tests).
std::vector<Finding> EvaluateRules(const std::vector<ProbeResult>& probes, const core::Policy& policy,
                                   const model::Profile& profile);

// Findings at or above `threshold`.
std::size_t CountAtOrAbove(const RunResult& result, Severity threshold);

}  // namespace corscheck::runner
