// The network fuzzing campaign (`corscheck fuzz`): structure-aware mutation of Origin (scheme,
// host labels, port, userinfo, case, IDN, special characters, the bypass classes of the probe
// templates as seeds) and of the method, request headers and credentials, sent to a live
// target. Every probe is judged like `run` does (browser model vs policy, deviation rules).
// Reproducible from the seed; findings are deduplicated by rule and shape, minimized, and kept
// as concrete probes that `corscheck run --probes FILE` replays.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <vector>

#include "runner/runner.h"

namespace corscheck::runner {

struct CampaignOptions {
  RunOptions run;                        // base URL, profile, concurrency
  std::uint64_t seed = 1;
  std::size_t runs = 5000;               // mutated probes after the seed probes
  std::optional<std::chrono::milliseconds> duration;  // stop earlier when set
  std::size_t batch = 256;               // probes judged together (Vary needs several)
  std::function<void(std::size_t execs, std::size_t findings, double seconds)> progress;
};

struct CampaignResult {
  RunResult report;            // one representative probe per unique finding, plus its findings
  std::size_t executions = 0;  // probes sent (seeds + mutations + minimization)
  double execs_per_second = 0;
  std::vector<Probe> replay;   // minimized probes, one per unique finding, in report order
};

// `seeds` are the expanded probe templates: they run first, then mutations of them.
CampaignResult RunCampaign(target::Target& target, const core::Policy& policy, const std::vector<Probe>& seeds,
                           const CampaignOptions& options);

// The deterministic mutator (exposed for tests): a new probe derived from `base`.
class Mutator {
 public:
  Mutator(std::uint64_t seed, const core::Policy& policy);
  Probe Mutate(const Probe& base);
  std::string MutateOrigin(const std::string& origin);

 private:
  std::uint64_t Next();
  std::size_t Below(std::size_t n) { return n ? static_cast<std::size_t>(Next() % n) : 0; }
  std::uint64_t state_;
  const core::Policy& policy_;
};

}  // namespace corscheck::runner
