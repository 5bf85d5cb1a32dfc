#include "runner/runner.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "core/ascii.h"
#include "core/url.h"
#include "model/browser.h"
#include "model/request_rules.h"

namespace corscheck::runner {
namespace {

// The browser model's requests go to the target; every exchange is kept as evidence.
class LiveNetwork final : public model::Network {
 public:
  LiveNetwork(target::Target& target, std::vector<Exchange>& log) : target_(target), log_(log) {}

  model::NetworkAnswer Answer(const model::SentRequest& sent, std::size_t) override {
    Exchange x;
    x.preflight = sent.preflight;
    x.request.method = sent.method;
    x.request.url = sent.url;
    x.request.headers = sent.headers;
    // What a browser adds besides the CORS headers; some servers route on them.
    if (!x.request.headers.Contains("accept")) x.request.headers.Append("Accept", "*/*");
    if (sent.headers.Contains("origin")) x.request.headers.Append("Sec-Fetch-Mode", "cors");
    target::SendResult r = target_.Send(x.request);
    model::NetworkAnswer answer;
    if (r.ok()) {
      answer.response = model::ServerResponse{r.response->status, r.response->headers};
      x.response = std::move(r.response);
    } else {
      answer.failure = std::string(target::Name(r.failure->kind)) + ": " + r.failure->detail;
      failure = r.failure;
      x.failure = std::move(r.failure);
    }
    log_.push_back(std::move(x));
    return answer;
  }

  std::optional<target::TransportFailure> failure;

 private:
  target::Target& target_;
  std::vector<Exchange>& log_;
};

// A probe's page origin for the model. Origins no browser can send are modelled as if an engine
// sent them verbatim (the tuple's host holds everything after "://").
core::Origin PageOrigin(const std::string& origin) {
  if (auto o = core::ParseSerializedOrigin(origin)) return *o;
  const std::size_t sep = origin.find("://");
  if (sep == std::string::npos) return core::Origin();
  return core::Origin::Tuple(origin.substr(0, sep), origin.substr(sep + 3), std::nullopt);
}

}  // namespace

ProbeResult RunProbe(target::Target& target, const Probe& probe, const core::Policy& policy, const RunOptions& options) {
  ProbeResult r;
  r.probe = probe;
  const model::Profile& profile = model::GetProfile(options.profile);
  // Whether this engine can send the Origin at all decides how bad an echo of it is.
  r.probe.origin_sendable = probe.origin.empty() || model::CanSendOrigin(probe.origin, profile);
  r.expected = ExpectFromPolicy(policy, probe, profile);
  model::FetchRequest request;
  request.url = options.base_url + probe.path;
  request.method = probe.method;
  request.headers = probe.headers;
  request.credentials = probe.credentials;
  request.mode = probe.mode;
  // A page origin for no-Origin probes: any origin cross-origin to the target.
  const core::Origin page = probe.origin.empty() ? PageOrigin("https://corscheck-page.invalid") : PageOrigin(probe.origin);
  model::Browser browser(profile);
  LiveNetwork network(target, r.exchanges);
  r.verdict = browser.Fetch(page, request, network);
  r.failure = network.failure;
  return r;
}

std::size_t CountAtOrAbove(const RunResult& result, Severity threshold) {
  return static_cast<std::size_t>(std::count_if(result.findings.begin(), result.findings.end(),
                                                [&](const Finding& f) { return f.severity >= threshold; }));
}

std::vector<ProbeResult> RunBatch(target::Target& target, const core::Policy& policy, const std::vector<Probe>& probes,
                                  const RunOptions& options) {
  std::vector<ProbeResult> results(probes.size());
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> done{0};
  auto worker = [&] {
    for (std::size_t i = next++; i < probes.size(); i = next++) {
      results[i] = RunProbe(target, probes[i], policy, options);
      const std::size_t d = ++done;
      if (options.progress) options.progress(d, probes.size());
    }
  };
  const std::size_t threads = std::max<std::size_t>(1, std::min(options.concurrency, probes.size()));
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
  worker();
  for (auto& t : pool) t.join();
  return results;
}

RunResult RunProbes(target::Target& target, const core::Policy& policy, std::vector<Probe> probes,
                    const RunOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  RunResult result;
  result.target = target.Describe();
  result.profile = std::string(model::GetProfile(options.profile).name);
  result.policy = policy;
  result.probes = RunBatch(target, policy, probes, options);
  for (const ProbeResult& p : result.probes) result.failed_probes += p.failure ? 1 : 0;
  result.findings = EvaluateRules(result.probes, policy, model::GetProfile(options.profile));
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

}  // namespace corscheck::runner
