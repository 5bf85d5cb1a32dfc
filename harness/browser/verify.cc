#include "browser/verify.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "browser/case_responder.h"
#include "browser/chromium.h"
#include "browser/page_fetch.h"
#include "core/ascii.h"
#include "core/cors_error.h"
#include "core/url.h"
#include "transport/http_server.h"
#include "transport/tls_cert.h"

namespace corscheck::browser {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;
using runner::Verification;

// The sandboxed page for Origin "null" lives here (PageUrl).
constexpr const char* kOpaquePageHost = "app.example.com";

bool IsEchoRule(std::string_view id) {
  return id == "CORS-ORIGIN-REFLECTED" || id == "CORS-NULL-ORIGIN-ALLOWED" || id.starts_with("CORS-BYPASS-");
}

// Answers the page and the sandboxed page at every host; everything else is 404.
core::HttpResponse ServePage(const core::HttpRequest& request) {
  const auto url = core::ParseUrl(request.url);
  core::HttpResponse r;
  if (url && (url->path_and_query == kPagePath || url->path_and_query == kOpaquePagePath)) {
    r.status = 200;
    r.headers.Append("Content-Type", "text/html; charset=utf-8");
    r.headers.Append("Cache-Control", "no-store");
    // A sandboxed document without allow-same-origin has an opaque origin: Origin: null.
    if (url->path_and_query == kOpaquePagePath) r.headers.Append("Content-Security-Policy", "sandbox allow-scripts");
    r.body = PageHtml();
    return r;
  }
  r.status = 404;
  r.headers.Append("Content-Type", "text/plain");
  r.body = "corscheck: page server\n";
  return r;
}

std::uint16_t PortOf(const core::Url& u) { return u.port.value_or(core::DefaultPort(u.scheme).value_or(0)); }

std::string HostPort(const std::string& host, std::uint16_t port) { return host + ":" + std::to_string(port); }

bool IsIpLiteral(const std::string& host) {
  return host.starts_with("[") || (!host.empty() && std::all_of(host.begin(), host.end(), [](char c) {
    return (c >= '0' && c <= '9') || c == '.';
  }));
}

// One replay: the probe's fetch from a fresh browser context's page at the probe's origin.
struct Replay {
  std::size_t probe = 0;
  core::Origin page_origin;
  model::FetchRequest request;
  ObservedFetch observed;
  std::optional<std::string> error;  // could not run (page, browser)
  // Set when a page at page_origin has another origin in Chromium (its URL parser escapes a host
  // character), so Chromium never sends the probe's Origin: the fetch is not run.
  std::optional<std::string> chromium_origin;
};

class Replayer {
 public:
  Replayer(Chromium& chromium, const VerifyOptions& options) : chromium_(chromium), options_(options) {}

  void Run(Replay& r) {
    const milliseconds t(10000);
    auto context = chromium_.Call("Target.createBrowserContext", Json::object(), "", t);
    if (!context) {
      r.error = context.error().message + Death();
      return;
    }
    const std::string context_id = (*context)["browserContextId"].get<std::string>();
    RunIn(context_id, r);
    (void)chromium_.Call("Target.disposeBrowserContext", {{"browserContextId", context_id}}, "", t);
  }

 private:
  std::string Death() { return chromium_.alive() ? "" : " (Chromium " + chromium_.ExitDescription() + ")"; }

  void RunIn(const std::string& context_id, Replay& r) {
    const milliseconds t(10000);
    auto target = chromium_.Call("Target.createTarget", {{"url", "about:blank"}, {"browserContextId", context_id}}, "", t);
    if (!target) {
      r.error = target.error().message + Death();
      return;
    }
    auto attached = chromium_.Call("Target.attachToTarget", {{"targetId", (*target)["targetId"]}, {"flatten", true}}, "", t);
    if (!attached) {
      r.error = attached.error().message + Death();
      return;
    }
    const std::string session = (*attached)["sessionId"].get<std::string>();
    for (const char* domain : {"Network.enable", "Audits.enable", "Log.enable", "Page.enable"}) {
      auto enabled = chromium_.Call(domain, Json::object(), session, t);
      if (!enabled) {
        r.error = enabled.error().message + Death();
        return;
      }
    }
    const std::string page_url = PageUrl(r.page_origin);
    auto nav = chromium_.Call("Page.navigate", {{"url", page_url}}, session, t);
    if (!nav) {
      r.error = "loading the page " + page_url + ": " + nav.error().message + Death();
      return;
    }
    if (nav->contains("errorText")) {
      r.error = "loading the page " + page_url + ": " + (*nav)["errorText"].get<std::string>();
      return;
    }
    // Bounded polling until the page's script is ready; then check its origin is the probe's.
    const std::string want = r.page_origin.Serialize();
    std::string seen;
    for (const auto deadline = Clock::now() + t; Clock::now() < deadline;) {
      auto v = chromium_.Call("Runtime.evaluate",
                              {{"expression", "typeof window.__corscheck === 'function' ? self.origin : ''"},
                               {"returnByValue", true}},
                              session, t);
      if (!v) {
        r.error = v.error().message + Death();
        return;
      }
      seen = (*v)["result"].value("value", std::string());
      if (!seen.empty()) break;
      std::this_thread::sleep_for(milliseconds(20));
    }
    if (seen.empty()) {
      r.error = "the page " + page_url + " did not load its script";
      return;
    }
    if (seen != want) {
      // Chromium's URL parser made another origin of it: no Chromium page sends this Origin.
      r.chromium_origin = seen;
      return;
    }
    const std::size_t mark = chromium_.EventCount();
    const std::string expression = "window.__corscheck(" + FetchSpec(r.request).dump(-1, ' ', true) + ")";
    auto result = chromium_.Call("Runtime.evaluate",
                                 {{"expression", expression}, {"awaitPromise", true}, {"returnByValue", true}}, session,
                                 options_.fetch_timeout);
    if (!result || result->contains("exceptionDetails")) {
      r.error = (result ? "page script threw: " + (*result)["exceptionDetails"].dump() : result.error().message) + Death();
      return;
    }
    const Json& v = (*result)["result"]["value"];
    ReadScriptAnswer(v, r.observed);
    if (v.value("rejected", false)) {
      r.observed.error = "RequestRejected";
    } else if (!r.observed.allowed) {
      // Other replays run at the same time, on the same URL: only this page's events count.
      const bool explained = chromium_.WaitForEvents(
          mark,
          [&](const std::vector<Json>& events, std::size_t from) {
            std::vector<Json> own;
            for (std::size_t i = from; i < events.size(); ++i) {
              if (events[i].value("sessionId", "") == session) own.push_back(events[i]);
            }
            return ExplainFailure(own, 0, r.request.url, r.request.mode, r.observed);
          },
          options_.event_timeout);
      if (!explained) r.observed.error = "NetworkError";
    }
  }

  Chromium& chromium_;
  const VerifyOptions& options_;
};

std::string VersionNumber(const std::string& product) {
  const std::size_t slash = product.find('/');
  return slash == std::string::npos ? product : product.substr(slash + 1);
}

// Failures that are not the CORS verdict: the browser did not get a CORS answer to judge.
bool OutsideCors(const std::string& error) {
  return error == "NetworkError" || error == "MixedContent" || error.starts_with("net::") || error.starts_with("Blocked:");
}

// Compares Chromium's outcome with the model's verdict for the probe.
Verification Judge(const runner::ProbeResult& p, const Replay& r, const std::string& version) {
  Verification v;
  v.browser_version = VersionNumber(version);
  v.browser_allowed = r.observed.allowed;
  v.browser_error = r.observed.error;
  const std::string at = "a page at " + (p.probe.origin.empty() ? std::string("null") : p.probe.origin);
  if (r.error) {
    v.status = Verification::Status::kInconclusive;
    v.detail = "could not replay in Chromium: " + *r.error;
    return v;
  }
  if (r.chromium_origin) {
    v.status = Verification::Status::kNotReproduced;
    v.detail = "no Chromium page has the origin " + p.probe.origin + ": Chromium's URL parser makes it " +
               *r.chromium_origin + ", so Chromium never sends this Origin (the run counts it as an Origin a browser sends)";
    return v;
  }
  const std::string model_error = p.verdict.error ? std::string(core::Name(*p.verdict.error)) : "";
  const std::string model_says = p.verdict.allowed ? "the model says the page can read it"
                                                   : "the model says blocked (" + model_error + ")";
  const std::string chromium_did =
      r.observed.allowed ? "Chromium let " + at + " read it (status " + std::to_string(r.observed.status) + ")"
                         : "Chromium blocked " + at + ": " + r.observed.error.value_or("?") +
                               (r.observed.failed_parameter.empty() ? "" : " ('" + r.observed.failed_parameter + "')");
  if (!r.observed.allowed && OutsideCors(r.observed.error.value_or(""))) {
    v.status = Verification::Status::kInconclusive;
    v.detail = chromium_did + ", a failure outside CORS; " + model_says;
    return v;
  }
  bool same = r.observed.allowed == p.verdict.allowed;
  if (same && !p.verdict.allowed) same = r.observed.error.value_or("") == model_error;
  v.status = same ? Verification::Status::kReproduced : Verification::Status::kNotReproduced;
  v.detail = same ? chromium_did : chromium_did + ", but " + model_says;
  return v;
}

}  // namespace

bool IsBrowserVerifiable(const runner::RunResult& result, const runner::Finding& f) {
  if (f.probe >= result.probes.size()) return false;
  const runner::ProbeResult& p = result.probes[f.probe];
  const bool meaning = f.category == runner::Category::kOverPermissive || f.category == runner::Category::kBlocked ||
                       IsEchoRule(f.rule_id);
  if (!meaning || p.failure || p.verdict.scenario_error) return false;
  if (p.probe.mode != model::RequestMode::kCors || p.probe.origin.empty() || !p.probe.origin_sendable) return false;
  return core::ParseSerializedOrigin(p.probe.origin).has_value();
}

core::Result<VerifySummary> VerifyInChromium(runner::RunResult& result, const VerifyOptions& options) {
  const auto start = Clock::now();
  VerifySummary summary;
  const auto base = core::ParseUrl(options.base_url);
  if (!base || !base->IsHttpFamily()) {
    return core::Error("browser verification needs an http(s) URL target, not '" + options.base_url + "'");
  }

  // (rule, probe) pairs, each rule's first probe before any rule's second, up to max_replays.
  std::map<std::pair<std::string, std::size_t>, std::vector<std::size_t>> findings_of;
  std::vector<std::pair<std::string, std::size_t>> order;
  for (std::size_t i = 0; i < result.findings.size(); ++i) {
    const runner::Finding& f = result.findings[i];
    if (!IsBrowserVerifiable(result, f)) continue;
    auto [it, added] = findings_of.try_emplace({f.rule_id, f.probe});
    it->second.push_back(i);
    if (added) order.push_back(it->first);
  }
  summary.eligible = order.size();
  std::vector<std::pair<std::string, std::size_t>> chosen;
  std::set<std::string> rules_seen;
  for (const auto& key : order) {
    if (rules_seen.insert(key.first).second && chosen.size() < options.max_replays) chosen.push_back(key);
  }
  for (const auto& key : order) {
    if (chosen.size() >= options.max_replays) break;
    if (std::find(chosen.begin(), chosen.end(), key) == chosen.end()) chosen.push_back(key);
  }
  summary.verified = chosen.size();
  if (chosen.empty()) {
    summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
    return summary;
  }
  if (::access(options.chromium.c_str(), X_OK) != 0) {
    return core::Error("Chromium not found at " + options.chromium + " (install it: " + kChromiumInstallHint + ")");
  }

  // One replay per distinct probe.
  const std::string target_host_port = HostPort(base->host, PortOf(*base));
  std::vector<Replay> replays;
  std::map<std::size_t, std::size_t> replay_of;  // probe -> replays index
  std::set<std::string> page_hosts = {kOpaquePageHost};
  std::map<std::string, std::string> page_scheme = {{HostPort(kOpaquePageHost, 443), "https"}};
  for (const auto& key : chosen) {
    if (replay_of.count(key.second)) continue;
    const runner::ProbeResult& p = result.probes[key.second];
    Replay r;
    r.probe = key.second;
    r.page_origin = *core::ParseSerializedOrigin(p.probe.origin);
    r.request.url = options.base_url + p.probe.path;
    r.request.method = p.probe.method;
    r.request.headers = p.probe.headers;
    r.request.credentials = p.probe.credentials;
    r.request.mode = p.probe.mode;
    if (!r.page_origin.opaque()) {
      const std::uint16_t port = r.page_origin.port().value_or(core::DefaultPort(r.page_origin.scheme()).value_or(0));
      const std::string hp = HostPort(r.page_origin.host(), port);
      if (hp == target_host_port) {
        r.error = "the page origin " + p.probe.origin + " is served where the target is (" + hp + ")";
      } else if (r.page_origin.scheme() != "http" && r.page_origin.scheme() != "https") {
        r.error = "no page can be served at " + p.probe.origin;
      } else {
        const auto [it, added] = page_scheme.emplace(hp, r.page_origin.scheme());
        if (!added && it->second != r.page_origin.scheme()) {
          r.error = "pages at both http and https on " + hp;
        } else {
          page_hosts.insert(r.page_origin.host());
        }
      }
    }
    replay_of[key.second] = replays.size();
    replays.push_back(std::move(r));
  }
  summary.replays = replays.size();

  // The page servers: https with a certificate made for this run, and plain http. Chromium ignores
  // certificate errors here, so hosts a certificate cannot name (bypass probes) are left out.
  std::vector<std::string> cert_names;
  for (const std::string& h : page_hosts) {
    if (std::all_of(h.begin(), h.end(), [](char c) { return core::IsAsciiAlpha(c) || core::IsAsciiDigit(c) || c == '.' || c == '-'; })) {
      cert_names.push_back(h);
    }
  }
  auto cert = transport::MakeSelfSignedCertificate(cert_names);
  if (!cert) return cert.error();
  transport::HttpServerOptions tls_options;
  tls_options.cert_pem = cert->cert_pem;
  tls_options.key_pem = cert->key_pem;
  transport::HttpServer https(ServePage, tls_options);
  transport::HttpServer http(ServePage);
  auto https_port = https.Start("127.0.0.1", 0);
  if (!https_port) return https_port.error();
  auto http_port = http.Start("127.0.0.1", 0);
  if (!http_port) return http_port.error();

  // The target first (rules apply in order), then every page, then nothing else resolves.
  std::string rules;
  if (auto it = options.resolve.find(target_host_port); it != options.resolve.end()) {
    rules += "MAP " + target_host_port + " " + HostPort(it->second, PortOf(*base)) + ", ";
  } else if (IsIpLiteral(base->host)) {
    rules += "MAP " + target_host_port + " " + target_host_port + ", ";
  } else if (base->host == "localhost" || base->host.ends_with(".localhost")) {
    rules += "MAP " + target_host_port + " " + HostPort("127.0.0.1", PortOf(*base)) + ", ";
  } else {
    rules += "EXCLUDE " + base->host + ", ";  // the system resolver, as for any browser
  }
  for (const auto& [hp, scheme] : page_scheme) {
    // The rules are a comma-separated list, so a ',' in a page host (an allowlist-bypass probe)
    // cannot be written; '*' (a rule wildcard) stands in for it and still matches that host.
    std::string pattern = hp;
    std::replace(pattern.begin(), pattern.end(), ',', '*');
    rules += "MAP " + pattern + " 127.0.0.1:" + std::to_string(scheme == "https" ? *https_port : *http_port) + ", ";
  }
  rules += "MAP * ~NOTFOUND";
  ChromiumOptions co;
  co.executable = options.chromium;
  co.extra_flags = {
      "--host-resolver-rules=" + rules,
      // The page certificate is made per run (the target's certificate was checked by the run).
      "--ignore-certificate-errors",
      // An http:// page must stay http.
      "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers",
  };
  auto chromium = Chromium::Launch(co);
  if (!chromium) return chromium.error();
  summary.chromium_version = (*chromium)->version();

  Replayer replayer(**chromium, options);
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t k; (k = next++) < replays.size();) {
      if (!replays[k].error) replayer.Run(replays[k]);
    }
  };
  std::vector<std::thread> workers;
  const std::size_t n = std::clamp<std::size_t>(options.parallel, 1, replays.size());
  for (std::size_t w = 1; w < n; ++w) workers.emplace_back(work);
  work();
  for (auto& w : workers) w.join();
  chromium->reset();
  https.Stop();
  http.Stop();

  for (const auto& key : chosen) {
    const Replay& r = replays[replay_of.at(key.second)];
    const Verification v = Judge(result.probes[key.second], r, summary.chromium_version);
    const std::string line = key.first + " " + result.probes[key.second].probe.id + ": " + v.detail;
    switch (v.status) {
      case Verification::Status::kReproduced: ++summary.reproduced; break;
      case Verification::Status::kNotReproduced:
        ++summary.not_reproduced;
        summary.not_reproduced_lines.push_back(line);
        break;
      case Verification::Status::kInconclusive:
        ++summary.inconclusive;
        summary.inconclusive_lines.push_back(line);
        break;
    }
    for (std::size_t i : findings_of.at(key)) result.findings[i].verification = v;
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  return summary;
}

}  // namespace corscheck::browser
