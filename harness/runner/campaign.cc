#include "runner/campaign.h"

#include <algorithm>
#include <map>

#include "core/ascii.h"
#include "core/url.h"
#include "model/request_rules.h"
#include "target/reference.h"

namespace corscheck::runner {
namespace {

using Clock = std::chrono::steady_clock;

constexpr const char* kSpecialChars[] = {"_", "-", "`", "{", "}", "!", "~", "$", "&", "'", "(", ")", "*", "+", ",", ";", "=", "%60", "%0b"};
constexpr const char* kOddMethods[] = {"PATCH", "patch", "PROPFIND", "OPTIONS", "HEAD", "put", "delete", "X-CORSCHECK"};

// "rule and shape": one finding per rule and kind of request, so a campaign reports each mistake
// once, not once per mutated origin.
std::string DedupKey(const Finding& f, const Probe& p) {
  return f.rule_id + "|" + p.kind + "|" + (model::IsCorsSafelistedMethod(model::NormalizeMethod(p.method)) ? "simple" : "method") +
         "|" + std::string(model::Name(p.credentials)) + "|" + (p.error_path ? "error" : "ok");
}

}  // namespace

Mutator::Mutator(std::uint64_t seed, const core::Policy& policy) : state_(seed * 0x9E3779B97F4A7C15ULL + 1), policy_(policy) {}

// splitmix64: small, fast, identical on every platform (reproducible campaigns).
std::uint64_t Mutator::Next() {
  std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31);
}

std::string Mutator::MutateOrigin(const std::string& origin) {
  const auto parsed = core::ParseSerializedOrigin(origin);
  if (!parsed || parsed->opaque()) {
    const std::vector<std::string> seeds = {"https://corscheck-evil.test", "null", "http://localhost"};
    return seeds[Below(seeds.size())];
  }
  const std::string scheme = parsed->scheme();
  std::string host = parsed->host();
  const std::string port = parsed->port() ? ":" + std::to_string(*parsed->port()) : "";
  const std::size_t dot = host.find('.');
  const std::string parent = dot == std::string::npos ? host : host.substr(dot + 1);
  const std::string label = "c" + std::to_string(Below(1000));
  switch (Below(14)) {
    case 0: return (scheme == "https" ? "http" : "https") + std::string("://") + host + port;
    case 1: return scheme + "://" + host + ":" + std::to_string(1024 + Below(60000));
    case 2: return scheme + "://" + host + "." + label + ".corscheck-evil.test" + port;
    case 3: return Below(2) ? scheme + "://" + label + host + port : scheme + "://not" + parent + port;
    case 4: {
      std::vector<std::size_t> dots;
      for (std::size_t i = 0; i < host.size(); ++i) {
        if (host[i] == '.') dots.push_back(i);
      }
      if (dots.empty()) return scheme + "://" + host + "x" + port;
      host[dots[Below(dots.size())]] = static_cast<char>('a' + Below(26));
      return scheme + "://" + host + port;
    }
    case 5: {
      switch (Below(3)) {
        case 0: return scheme + "://" + label + "." + host + port;
        case 1: return scheme + "://" + parent + port;
        default: return scheme + "://" + label + "." + parent + port;
      }
    }
    case 6: {
      for (char& c : host) {
        if (Below(2)) c = core::ToUpperAscii(c);
      }
      return scheme + "://" + host + port;
    }
    case 7: return scheme + "://" + host + kSpecialChars[Below(std::size(kSpecialChars))] + ".corscheck-evil.test" + port;
    case 8: return Below(2) ? scheme + "://" + host + "@corscheck-evil.test" : scheme + "://corscheck-evil.test@" + host + port;
    case 9: {
      static const std::pair<char, const char*> kLook[] = {{'a', "\xD0\xB0"}, {'e', "\xD0\xB5"}, {'o', "\xD0\xBE"}, {'c', "\xD1\x81"}, {'p', "\xD1\x80"}};
      for (const auto& [ascii, cyrillic] : kLook) {
        const std::size_t at = host.find(ascii);
        if (at == std::string::npos || at >= host.find('.')) continue;
        if (auto idn = core::ParseHost(host.substr(0, at) + cyrillic + host.substr(at + 1))) return scheme + "://" + *idn + port;
      }
      return scheme + "://xn--80ak6aa92e.com" + port;
    }
    case 10: return Below(2) ? origin + "/" : scheme + "://" + host + "." + port;
    case 11: return "null";
    case 12: return "https://" + label + ".corscheck-evil.test";
    default: {
      static const char* kLocal[] = {"http://localhost", "http://127.0.0.1", "http://localhost:8080", "http://[::1]", "http://0.0.0.0"};
      return kLocal[Below(std::size(kLocal))];
    }
  }
}

Probe Mutator::Mutate(const Probe& base) {
  Probe p = base;
  if (p.origin.empty() || Below(4) != 0) {
    p.origin = MutateOrigin(p.origin.empty() ? "https://corscheck-page.invalid" : p.origin);
    p.mode = model::RequestMode::kCors;
  }
  if (Below(3) == 0) {
    std::vector<std::string> methods(policy_.methods.begin(), policy_.methods.end());
    for (const char* m : kOddMethods) methods.emplace_back(m);
    p.method = methods[Below(methods.size())];
  }
  if (Below(3) == 0) {
    switch (Below(5)) {
      case 0:
        if (!policy_.headers.empty()) p.headers.Append(policy_.headers[Below(policy_.headers.size())], "corscheck");
        break;
      case 1: p.headers.Set("Authorization", "Bearer corscheck"); break;
      case 2: p.headers.Set("Content-Type", "application/json"); break;
      case 3: p.headers.Append("X-Corscheck-" + std::to_string(Below(100)), "1"); break;
      default: p.headers = {}; break;
    }
  }
  if (Below(5) == 0) {
    p.credentials = p.credentials == model::CredentialsMode::kInclude ? model::CredentialsMode::kOmit
                                                                      : model::CredentialsMode::kInclude;
  }
  p.origin_sendable = core::ParseSerializedOrigin(p.origin).has_value();
  // Name the mutation after the probe class its origin now belongs to, so an echo maps to the
  // right bypass rule.
  if (target::OriginAllowedByPolicy(policy_, p.origin)) {
    p.kind = "allowed";
  } else if (p.origin == "null") {
    p.kind = "null";
  } else if (p.kind == "allowed" || p.kind == "no-origin") {
    p.kind = "reflection";
  }
  p.id = "fuzz." + p.kind;
  p.title = "mutated probe (" + p.kind + ")";
  return p;
}

CampaignResult RunCampaign(target::Target& target, const core::Policy& policy, const std::vector<Probe>& seeds,
                           const CampaignOptions& options) {
  const auto start = Clock::now();
  CampaignResult out;
  out.report.target = target.Describe();
  out.report.profile = std::string(model::GetProfile(options.run.profile).name);
  out.report.policy = policy;
  Mutator mutator(options.seed, policy);
  std::map<std::string, std::size_t> seen;  // dedup key -> index into out.report.findings
  std::vector<Probe> interesting = seeds;   // probes that raised something grow the corpus
  RunOptions run = options.run;
  run.progress = nullptr;
  auto elapsed = [&] { return std::chrono::duration<double>(Clock::now() - start).count(); };
  auto out_of_time = [&] {
    return options.duration && Clock::now() - start >= *options.duration;
  };

  std::size_t mutated = 0;
  std::size_t next_seed = 0;
  while (!out_of_time() && (next_seed < seeds.size() || mutated < options.runs)) {
    std::vector<Probe> batch;
    while (batch.size() < options.batch && next_seed < seeds.size()) batch.push_back(seeds[next_seed++]);
    while (batch.size() < options.batch && mutated < options.runs && next_seed >= seeds.size()) {
      batch.push_back(mutator.Mutate(interesting[static_cast<std::size_t>(mutated * 2654435761u % interesting.size())]));
      ++mutated;
    }
    std::vector<ProbeResult> results = RunBatch(target, policy, batch, run);
    out.executions += results.size();
    for (Finding& f : EvaluateRules(results, policy, model::GetProfile(options.run.profile))) {
      const std::string key = DedupKey(f, results[f.probe].probe);
      if (seen.count(key)) continue;
      seen[key] = out.report.findings.size();
      interesting.push_back(results[f.probe].probe);
      out.report.probes.push_back(results[f.probe]);
      f.probe = out.report.probes.size() - 1;
      out.report.findings.push_back(std::move(f));
    }
    for (const ProbeResult& r : results) out.report.failed_probes += r.failure ? 1 : 0;
    if (options.progress) options.progress(out.executions, out.report.findings.size(), elapsed());
    if (out.report.failed_probes == out.executions && out.executions >= seeds.size()) break;  // unreachable
  }

  // Minimize: drop headers, then credentials, as long as the probe alone still raises the rule.
  for (Finding& f : out.report.findings) {
    ProbeResult& kept = out.report.probes[f.probe];
    // Accepts `candidate` when, run alone, it raises the same rule; the finding then points at
    // the smaller probe's exchanges.
    auto try_smaller = [&](const Probe& candidate) {
      ProbeResult r = RunProbe(target, candidate, policy, run);
      ++out.executions;
      for (const Finding& g : EvaluateRules({r}, policy, model::GetProfile(options.run.profile))) {
        if (g.rule_id != f.rule_id) continue;
        kept = std::move(r);
        f.evidence = g.evidence;
        f.message = g.message;
        f.browser_message = g.browser_message;
        return;
      }
    };
    for (std::size_t h = kept.probe.headers.size(); h-- > 0;) {
      Probe candidate = kept.probe;
      core::HeaderList fewer;
      for (std::size_t k = 0; k < candidate.headers.size(); ++k) {
        if (k != h) fewer.Append(candidate.headers.entries()[k].name, candidate.headers.entries()[k].value);
      }
      candidate.headers = fewer;
      try_smaller(candidate);
    }
    if (kept.probe.credentials == model::CredentialsMode::kInclude) {
      Probe candidate = kept.probe;
      candidate.credentials = model::CredentialsMode::kOmit;
      try_smaller(candidate);
    }
  }
  std::stable_sort(out.report.findings.begin(), out.report.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    return a.rule_id < b.rule_id;
  });
  for (const Finding& f : out.report.findings) out.replay.push_back(out.report.probes[f.probe].probe);
  out.report.seconds = elapsed();
  out.execs_per_second = out.report.seconds > 0 ? static_cast<double>(out.executions) / out.report.seconds : 0;
  return out;
}

}  // namespace corscheck::runner
