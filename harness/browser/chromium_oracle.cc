#include "browser/chromium_oracle.h"

#include <algorithm>
#include <atomic>
#include <latch>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

#include "browser/case_responder.h"
#include "browser/chromium.h"
#include "browser/page_fetch.h"
#include "cases/json_util.h"
#include "core/ascii.h"
#include "core/cors_error.h"
#include "transport/http_server.h"
#include "transport/tls_cert.h"

namespace corscheck::browser {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

double SecondsSince(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// One Chromium and the pages opened in it, shared by the workers until it dies.
class Session {
 public:
  explicit Session(std::unique_ptr<Chromium> chromium) : chromium_(std::move(chromium)) {}
  Chromium& chromium() { return *chromium_; }

  // The DevTools session of a page at `origin`, opened on first use.
  core::Result<std::string> PageFor(const core::Origin& origin) {
    const std::string key = origin.Serialize();
    std::lock_guard<std::mutex> lock(mu_);
    if (auto it = pages_.find(key); it != pages_.end()) return it->second;
    const milliseconds t(10000);
    auto target = chromium_->Call("Target.createTarget", {{"url", "about:blank"}}, "", t);
    if (!target) return target.error();
    auto attached = chromium_->Call("Target.attachToTarget", {{"targetId", (*target)["targetId"]}, {"flatten", true}}, "", t);
    if (!attached) return attached.error();
    const std::string session = (*attached)["sessionId"].get<std::string>();
    for (const char* domain : {"Network.enable", "Audits.enable", "Log.enable", "Page.enable"}) {
      auto enabled = chromium_->Call(domain, Json::object(), session, t);
      if (!enabled) return enabled.error();
    }
    const std::string url = PageUrl(origin);
    auto nav = chromium_->Call("Page.navigate", {{"url", url}}, session, t);
    if (!nav) return nav.error();
    if (nav->contains("errorText")) return core::Error("loading the page " + url + ": " + (*nav)["errorText"].dump());
    // Bounded polling until the page's script is ready; then check its origin is the one asked for.
    const auto deadline = Clock::now() + t;
    std::string seen;
    while (Clock::now() < deadline) {
      auto r = chromium_->Call("Runtime.evaluate",
                               {{"expression", "typeof window.__corscheck === 'function' ? self.origin : ''"},
                                {"returnByValue", true}},
                               session, t);
      if (!r) return r.error();
      seen = (*r)["result"].value("value", std::string());
      if (!seen.empty()) break;
      std::this_thread::sleep_for(milliseconds(20));
    }
    if (seen != key) {
      return core::Error("the page " + url + " has origin '" + seen + "', not '" + key + "'");
    }
    pages_[key] = session;
    return session;
  }

 private:
  std::unique_ptr<Chromium> chromium_;
  std::mutex mu_;
  std::map<std::string, std::string> pages_;
};

struct Servers {
  std::unique_ptr<transport::HttpServer> https;
  std::unique_ptr<transport::HttpServer> http;
};

class Runner {
 public:
  Runner(const std::vector<cases::ModelCase>& cases, const OracleOptions& options, CaseResponder& responder,
         std::vector<std::string> flags)
      : cases_(cases), options_(options), responder_(responder), flags_(std::move(flags)) {}

  core::Result<std::shared_ptr<Session>> Current() {
    std::lock_guard<std::mutex> lock(restart_mu_);
    if (session_ && session_->chromium().alive() &&
        (options_.cases_per_browser == 0 || cases_on_session_ < options_.cases_per_browser)) {
      ++cases_on_session_;
      return session_;
    }
    ChromiumOptions co;
    co.executable = options_.chromium;
    co.extra_flags = flags_;
    auto launched = Chromium::Launch(co);
    if (!launched) return launched.error();
    if (version_.empty()) version_ = (*launched)->version();
    session_ = std::make_shared<Session>(std::move(*launched));
    cases_on_session_ = 1;
    ++starts_;
    return session_;
  }

  // After a failure: if Chromium no longer answers, kill it so the next case starts a new one.
  void CheckHealth(const std::shared_ptr<Session>& s) {
    if (!s->chromium().alive()) return;
    auto ok = s->chromium().Call("Browser.getVersion", Json::object(), "", milliseconds(5000));
    if (!ok) s->chromium().Kill();
  }

  CaseRun RunCase(std::size_t index) {
    const cases::ModelCase& c = cases_[index];
    CaseRun run;
    run.model_case = &c;
    const auto start = Clock::now();
    if (const std::string conflict = responder_.Conflict(index); !conflict.empty()) {
      run.error = conflict;
      return run;
    }
    auto session = Current();
    if (!session) {
      run.error = "cannot start Chromium: " + session.error().message;
      return run;
    }
    std::shared_ptr<Session> s = *session;
    for (std::size_t i = 0; i < c.steps.size(); ++i) {
      const cases::Step& step = c.steps[i];
      auto page = s->PageFor(step.scenario.page_origin);
      if (!page) {
        run.error = "step " + std::to_string(i) + ": " + page.error().message + Death(*s);
        CheckHealth(s);
        break;
      }
      responder_.BeginStep(index, i);
      if (i > 0 && step.after_seconds > 0) {
        std::this_thread::sleep_for(std::chrono::duration<double>(step.after_seconds));
      }
      const std::size_t mark = s->chromium().EventCount();
      const std::string expression = "window.__corscheck(" + FetchSpec(step.scenario.request).dump(-1, ' ', true) + ")";
      auto result = s->chromium().Call(
          "Runtime.evaluate", {{"expression", expression}, {"awaitPromise", true}, {"returnByValue", true}}, *page,
          options_.fetch_timeout);
      ObservedFetch fetch;
      if (!result || result->contains("exceptionDetails")) {
        run.error = "step " + std::to_string(i) + ": " +
                    (result ? "page script threw: " + (*result)["exceptionDetails"].dump() : result.error().message) +
                    Death(*s);
        responder_.EndStep(index);
        CheckHealth(s);
        break;
      }
      const Json& v = (*result)["result"]["value"];
      ReadScriptAnswer(v, fetch);
      const std::string& url = step.scenario.request.url;
      if (v.value("rejected", false)) {
        fetch.error = "RequestRejected";
      } else if (!fetch.allowed) {
        const bool explained = s->chromium().WaitForEvents(
            mark, [&](const std::vector<Json>& events, std::size_t from) { return ExplainFailure(events, from, url, step.scenario.request.mode, fetch); },
            options_.event_timeout);
        if (!explained) fetch.error = "NetworkError";
      } else {
        // Allowed: pick up the console text of nothing; the events are not needed.
      }
      if (const char* debug = std::getenv("CORSCHECK_ORACLE_DEBUG"); debug && c.id == debug) {
        for (const Json& e : s->chromium().EventsSince(mark)) std::fprintf(stderr, "%s\n", e.dump().c_str());
        std::fprintf(stderr, "script: %s\n", v.dump().c_str());
      }
      for (RecordedRequest& r : responder_.EndStep(index)) {
        ObservedRequest o;
        o.method = r.method;
        o.url = r.url;
        o.preflight = r.IsPreflight();
        o.origin = r.headers.Get("origin");
        o.acrm = r.headers.Get("access-control-request-method");
        o.acrh = r.headers.Get("access-control-request-headers");
        fetch.requests.push_back(std::move(o));
      }
      run.steps.push_back(std::move(fetch));
    }
    run.seconds = SecondsSince(start);
    return run;
  }

  std::string Death(Session& s) {
    return s.chromium().alive() ? "" : " (Chromium " + s.chromium().ExitDescription() + ")";
  }

  const std::string& version() const { return version_; }
  std::size_t starts() const { return starts_; }
  void Shutdown() {
    std::lock_guard<std::mutex> lock(restart_mu_);
    session_.reset();
  }

 private:
  const std::vector<cases::ModelCase>& cases_;
  const OracleOptions& options_;
  CaseResponder& responder_;
  std::vector<std::string> flags_;
  std::mutex restart_mu_;
  std::shared_ptr<Session> session_;
  std::size_t cases_on_session_ = 0;
  std::size_t starts_ = 0;
  std::string version_;
};

double TotalSleep(const cases::ModelCase& c) {
  double t = 0;
  for (std::size_t i = 1; i < c.steps.size(); ++i) t += c.steps[i].after_seconds;
  return t;
}

}  // namespace

bool ObservedFetch::preflight_sent() const {
  return std::any_of(requests.begin(), requests.end(), [](const ObservedRequest& r) { return r.preflight; });
}

core::Result<OracleRun> RunInChromium(const std::vector<cases::ModelCase>& cases, const OracleOptions& options) {
  const auto start = Clock::now();
  if (::access(options.chromium.c_str(), X_OK) != 0) {
    return core::Error("Chromium not found at " + options.chromium + " (install it: " + kChromiumInstallHint + ")");
  }
  CaseResponder responder(cases);
  const auto hosts = responder.HostNames();
  auto cert = transport::MakeSelfSignedCertificate(std::vector<std::string>(hosts.begin(), hosts.end()));
  if (!cert) return cert.error();
  Servers servers;
  transport::HttpServerOptions tls_options;
  tls_options.raw_request_headers = true;
  tls_options.cert_pem = cert->cert_pem;
  tls_options.key_pem = cert->key_pem;
  auto handler = [&responder](const core::HttpRequest& r) { return responder.Handle(r); };
  servers.https = std::make_unique<transport::HttpServer>(handler, tls_options);
  transport::HttpServerOptions plain_options;
  plain_options.raw_request_headers = true;
  servers.http = std::make_unique<transport::HttpServer>(handler, plain_options);
  auto https_port = servers.https->Start("127.0.0.1", 0);
  if (!https_port) return https_port.error();
  auto http_port = servers.http->Start("127.0.0.1", 0);
  if (!http_port) return http_port.error();

  // Every host name resolves to loopback, and each port the cases use goes to the server of its
  // scheme, so no fixed port is bound. Everything else fails to resolve: no network.
  std::string rules;
  for (const auto& [scheme, port] : responder.SchemePorts()) {
    rules += "MAP *:" + std::to_string(port) + " 127.0.0.1:" + std::to_string(scheme == "https" ? *https_port : *http_port) + ", ";
  }
  rules += "MAP * ~NOTFOUND";
  std::vector<std::string> flags = {
      "--host-resolver-rules=" + rules,
      // The certificate is made per run; pages stay secure contexts (checked: isSecureContext).
      "--ignore-certificate-errors",
      // An http:// page must stay http (no automatic upgrade to our https server).
      "--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,HttpsFirstModeV2ForTypicallySecureUsers",
  };

  Runner runner(cases, options, responder, flags);
  // Longest sleepers first, so their waits overlap with the quick cases.
  std::vector<std::size_t> order(cases.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return TotalSleep(cases[a]) > TotalSleep(cases[b]); });

  OracleRun run;
  run.cases.resize(cases.size());
  // Start Chromium once up front, so "no browser at all" is one error, not one per case.
  auto first = runner.Current();
  if (!first) return first.error();
  std::atomic<std::size_t> next{0};
  const std::size_t worker_count = std::max<std::size_t>(1, options.parallel);
  // A relaunched Chromium dies with the worker thread that launched it (PR_SET_PDEATHSIG), so no
  // worker leaves before every case has run.
  std::latch all_done(static_cast<std::ptrdiff_t>(worker_count));
  auto work = [&] {
    for (std::size_t k; (k = next++) < order.size();) run.cases[order[k]] = runner.RunCase(order[k]);
    all_done.arrive_and_wait();
  };
  std::vector<std::thread> workers;
  for (std::size_t w = 0; w < worker_count; ++w) workers.emplace_back(work);
  for (auto& t : workers) t.join();
  run.chromium_version = runner.version();
  run.browser_starts = runner.starts();
  runner.Shutdown();
  servers.https->Stop();
  servers.http->Stop();
  run.unrouted_requests = responder.unrouted();
  run.seconds = SecondsSince(start);
  return run;
}

std::vector<Difference> CompareStep(const cases::Step& step, const model::FetchVerdict& verdict,
                                    const ObservedFetch& observed, std::size_t step_index) {
  std::vector<Difference> out;
  auto add = [&](std::string field, std::string m, std::string c) {
    out.push_back({step_index, std::move(field), std::move(m), std::move(c)});
  };
  auto b = [](bool x) { return std::string(x ? "true" : "false"); };
  auto show = [](const std::optional<std::string>& v) { return v ? "'" + core::EscapeForDisplay(*v) + "'" : "(not sent)"; };

  if (verdict.allowed != observed.allowed) add("allowed", b(verdict.allowed), b(observed.allowed));
  const std::string model_error = verdict.error ? std::string(core::Name(*verdict.error)) : "null";
  const std::string chromium_error = observed.error.value_or("null");
  if (model_error != chromium_error) add("error", model_error, chromium_error);
  // Chromium names a failed parameter only for its CorsErrors.
  const bool cors_error = verdict.error && *verdict.error != core::CorsError::kRequestRejected &&
                          *verdict.error != core::CorsError::kTooManyRedirects &&
                          *verdict.error != core::CorsError::kRedirectSchemeNotAllowed;
  if (cors_error && model_error == chromium_error && verdict.failed_parameter != observed.failed_parameter) {
    add("failed_parameter", show(verdict.failed_parameter), show(observed.failed_parameter));
  }
  if (verdict.preflight_sent != observed.preflight_sent()) add("preflight", b(verdict.preflight_sent), b(observed.preflight_sent()));

  const auto model_headers = cases::ObservedRequestHeaders(verdict);
  std::map<std::string, std::optional<std::string>> seen = {
      {"origin", std::nullopt}, {"access-control-request-method", std::nullopt}, {"access-control-request-headers", std::nullopt}};
  if (!observed.requests.empty()) seen["origin"] = observed.requests.back().origin;
  for (auto it = observed.requests.rbegin(); it != observed.requests.rend(); ++it) {
    if (!it->preflight) continue;
    seen["access-control-request-method"] = it->acrm;
    seen["access-control-request-headers"] = it->acrh;
    break;
  }
  for (const auto& [name, value] : model_headers) {
    if (seen[name] != value) add("request_headers." + name, show(value), show(seen[name]));
  }

  if (verdict.allowed && observed.allowed) {
    if (verdict.status != observed.status) add("status", std::to_string(verdict.status), std::to_string(observed.status));
    if (verdict.type && !observed.type.empty() && std::string(model::Name(*verdict.type)) != observed.type) {
      add("type", std::string(model::Name(*verdict.type)), observed.type);
    }
  }
  std::set<std::string> declared;
  for (const core::Header& h : step.scenario.response.headers) declared.insert(core::ToLower(h.name));
  std::set<std::string> model_exposed, chromium_exposed;
  for (const std::string& n : verdict.exposed_headers) {
    if (declared.count(n)) model_exposed.insert(n);
  }
  for (const core::Header& h : observed.visible_headers) {
    if (declared.count(h.name)) chromium_exposed.insert(h.name);
  }
  if (model_exposed != chromium_exposed) {
    auto join = [](const std::set<std::string>& s) {
      std::string r = "[";
      for (const auto& n : s) r += (r.size() > 1 ? ", " : "") + n;
      return r + "]";
    };
    add("exposed_headers", join(model_exposed), join(chromium_exposed));
  }
  return out;
}

}  // namespace corscheck::browser
