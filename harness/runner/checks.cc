// The rules of rules.h applied to finished probes. Each check reads the raw exchanges (header
// lines as received) and the probe's context; none of them sends anything.
#include <algorithm>
#include <map>
#include <set>

#include "core/ascii.h"
#include "core/check.h"
#include "core/url.h"
#include "model/cors_check.h"
#include "model/request_rules.h"
#include "runner/runner.h"
#include "target/reference.h"

namespace corscheck::runner {
namespace {

using core::HeaderList;

bool ListHas(const std::optional<std::string>& value, std::string_view item, bool ci) {
  if (!value) return false;
  for (std::string_view v : core::SplitList(*value)) {
    if (ci ? core::EqualsIgnoreCase(v, item) : v == item) return true;
  }
  return false;
}

bool VaryHasOrigin(const HeaderList& h) {
  const auto vary = h.Get("vary");
  return ListHas(vary, "origin", true) || ListHas(vary, "*", false);
}

bool AllDigits(std::string_view s) { return !s.empty() && std::all_of(s.begin(), s.end(), core::IsAsciiDigit); }

// The probe kinds whose origin the policy forbids on purpose, and the rule an echo triggers.
std::optional<std::string_view> EchoRule(std::string_view kind) {
  static const std::map<std::string_view, std::string_view> kRules = {
      {"reflection", "CORS-ORIGIN-REFLECTED"},         {"null", "CORS-NULL-ORIGIN-ALLOWED"},
      {"bypass-prefix", "CORS-BYPASS-PREFIX"},         {"bypass-suffix", "CORS-BYPASS-SUFFIX"},
      {"bypass-unescaped-dot", "CORS-BYPASS-UNESCAPED-DOT"}, {"bypass-scheme", "CORS-BYPASS-SCHEME"},
      {"bypass-port", "CORS-BYPASS-PORT"},             {"bypass-subdomain", "CORS-BYPASS-SUBDOMAIN"},
      {"bypass-case", "CORS-BYPASS-CASE"},             {"bypass-trailing", "CORS-BYPASS-TRAILING"},
      {"bypass-special-chars", "CORS-BYPASS-SPECIAL-CHARS"}, {"bypass-userinfo", "CORS-BYPASS-USERINFO"},
      {"bypass-idn", "CORS-BYPASS-IDN"},               {"bypass-localhost", "CORS-BYPASS-LOCALHOST"},
      {"error-reflection", "CORS-PERMISSIVE-ON-ERRORS"},
  };
  auto it = kRules.find(kind);
  if (it == kRules.end()) return std::nullopt;
  return it->second;
}

class Checker {
 public:
  Checker(const std::vector<ProbeResult>& probes, const core::Policy& policy, const model::Profile& profile)
      : probes_(probes), policy_(policy), profile_(profile) {}

  std::vector<Finding> Run() {
    for (std::size_t i = 0; i < probes_.size(); ++i) {
      if (probes_[i].failure) continue;
      CheckOutcome(i);
      for (std::size_t x = 0; x < probes_[i].exchanges.size(); ++x) CheckExchange(i, x);
    }
    CheckVary();
    CheckFallback();
    std::stable_sort(findings_.begin(), findings_.end(), [](const Finding& a, const Finding& b) {
      if (a.severity != b.severity) return a.severity > b.severity;
      if (a.rule_id != b.rule_id) return a.rule_id < b.rule_id;
      return a.probe < b.probe;
    });
    return std::move(findings_);
  }

 private:
  void Add(std::string_view rule, std::size_t probe, std::vector<std::size_t> evidence, std::string message,
           std::optional<Severity> severity = std::nullopt, std::string browser_message = {}) {
    const RuleInfo* info = FindRule(rule);
    CORSCHECK_CHECK(info != nullptr);
    Finding f;
    f.rule_id = std::string(rule);
    f.severity = severity.value_or(info->severity);
    f.category = info->category;
    f.probe = probe;
    f.evidence = std::move(evidence);
    f.message = std::move(message);
    f.browser_message = std::move(browser_message);
    f.fix = std::string(info->fix);
    findings_.push_back(std::move(f));
  }

  bool Include(const Probe& p) const { return p.credentials == model::CredentialsMode::kInclude; }

  // Security severity: critical when a credentialed read from an origin a browser can send,
  // high without credentials, low when no browser sends that Origin.
  Severity Exploitability(const Probe& p, const HeaderList& response) const {
    if (!p.origin_sendable) return Severity::kLow;
    return response.Get("access-control-allow-credentials") == "true" ? Severity::kCritical : Severity::kHigh;
  }

  void CheckOutcome(std::size_t i) {
    const ProbeResult& r = probes_[i];
    if (r.probe.mode == model::RequestMode::kNoCors || r.verdict.scenario_error) return;
    const std::size_t last = r.exchanges.empty() ? 0 : r.exchanges.size() - 1;
    if (r.expected.allowed && !r.verdict.allowed) {
      Add("CORS-POLICY-BLOCKED", i, {last},
          "the policy allows this request (" + r.probe.title + "), but " + std::string(profile_.name) + " blocks it: " +
              (r.verdict.error ? std::string(core::Name(*r.verdict.error)) : std::string("network error")),
          std::nullopt, r.verdict.message);
    } else if (!r.expected.allowed && r.verdict.allowed) {
      Severity s = Severity::kHigh;
      if (!r.probe.origin_sendable) {
        s = Severity::kLow;
      } else if (Include(r.probe)) {
        s = Severity::kCritical;
      }
      Add("CORS-POLICY-OVERPERMISSIVE", i, {last},
          std::string(profile_.name) + " lets a page at " + r.probe.origin + " read this response although " +
              r.expected.reason + (Include(r.probe) ? " (with the user's credentials)" : ""),
          s);
    }
  }

  void CheckExchange(std::size_t i, std::size_t xi) {
    const ProbeResult& r = probes_[i];
    const Exchange& x = r.exchanges[xi];
    if (!x.response) return;
    const HeaderList& h = x.response->headers;
    const Probe& p = r.probe;
    const std::vector<std::string> acao = h.Values("access-control-allow-origin");
    const std::optional<std::string> acac = h.Get("access-control-allow-credentials");
    const std::string sent_origin = x.request.headers.Get("origin").value_or("");
    const bool origin_allowed = !sent_origin.empty() && target::OriginAllowedByPolicy(policy_, sent_origin);

    if (acao.size() > 1) {
      Add("CORS-ACAO-MULTIPLE", i, {xi}, std::to_string(acao.size()) + " Access-Control-Allow-Origin lines: " + *h.Get("access-control-allow-origin"));
    } else if (acao.size() == 1 && acao[0].find(',') != std::string::npos) {
      Add("CORS-ACAO-LIST", i, {xi}, "Access-Control-Allow-Origin holds a list: " + acao[0]);
    }
    if (acao.size() == 1 && acao[0] == "*" && acac == "true") {
      Add("CORS-WILDCARD-CREDENTIALS", i, {xi}, "Access-Control-Allow-Origin: * with Access-Control-Allow-Credentials: true");
    }
    if (acao.size() == 1 && !sent_origin.empty() && acao[0] != sent_origin && acao[0] != "*") {
      const auto lenient = core::ParseOriginLenient(acao[0]);
      if (lenient && !lenient->opaque() && lenient->Serialize() == sent_origin) {
        Add("CORS-ACAO-MALFORMED", i, {xi}, "Access-Control-Allow-Origin '" + acao[0] + "' names " + sent_origin + " in a form browsers never match");
      }
    }
    if (acac && *acac != "true") Add("CORS-ACAC-INVALID", i, {xi}, "Access-Control-Allow-Credentials: '" + core::EscapeForDisplay(*acac) + "'");

    // Echo of an origin the policy forbids.
    if (!sent_origin.empty() && !origin_allowed && acao.size() == 1 && acao[0] == sent_origin) {
      std::string_view rule = EchoRule(p.kind).value_or("CORS-ORIGIN-REFLECTED");
      if (p.error_path && p.kind != "error-reflection") rule = "CORS-PERMISSIVE-ON-ERRORS";
      // Rules whose default is below high (localhost, case, special characters, userinfo, error
      // pages) keep it; the others are graded by exploitability.
      const Severity base = FindRule(rule)->severity;
      const Severity s = base < Severity::kHigh ? base : Exploitability(p, h);
      Add(rule, i, {xi}, "Access-Control-Allow-Origin echoes the forbidden origin " + sent_origin +
                             (acac == "true" ? " with credentials" : ""), s);
    }

    if (x.preflight) {
      CheckPreflight(i, xi, origin_allowed);
    } else {
      CheckActual(i, xi, origin_allowed);
    }
  }

  void CheckPreflight(std::size_t i, std::size_t xi, bool origin_allowed) {
    const ProbeResult& r = probes_[i];
    const Exchange& x = r.exchanges[xi];
    const HeaderList& h = x.response->headers;
    const bool creds = h.Get("access-control-allow-credentials") == "true";
    if (h.Get("access-control-allow-private-network") == "true" &&
        !x.request.headers.Contains("access-control-request-private-network")) {
      Add("CORS-PRIVATE-NETWORK-UNASKED", i, {xi}, "Access-Control-Allow-Private-Network: true on a preflight that did not ask for it");
    }
    if (const auto ma = h.Get("access-control-max-age")) {
      if (!AllDigits(*ma)) {
        Add("CORS-MAX-AGE-INVALID", i, {xi}, "Access-Control-Max-Age: '" + core::EscapeForDisplay(*ma) + "'");
      } else if (ma->size() > 4 || std::stoll(*ma) > 7200) {
        Add("CORS-MAX-AGE-OVER-CAP", i, {xi}, "Access-Control-Max-Age: " + *ma + " (Chromium caps at 7200, WebKit at 600)");
      }
    }
    if (creds && (ListHas(h.Get("access-control-allow-headers"), "*", false) ||
                  ListHas(h.Get("access-control-allow-methods"), "*", false))) {
      Add("CORS-WILDCARD-LIST-CREDENTIALS", i, {xi}, "'*' in Access-Control-Allow-Methods/-Headers while credentials are allowed");
    }
    if (!origin_allowed || !r.expected.allowed) return;
    const model::ServerResponse resp{x.response->status, h};
    if (model::IsRedirect(resp)) {
      Add("CORS-PREFLIGHT-REDIRECT", i, {xi}, "the preflight was answered " + std::to_string(resp.status) + " to " + h.Get("location").value_or(""));
      return;
    }
    if (resp.status < 200 || resp.status > 299) {
      Add("CORS-PREFLIGHT-NOT-OK", i, {xi}, "the preflight was answered " + std::to_string(resp.status));
      return;
    }
    const std::string method = x.request.headers.Get("access-control-request-method").value_or("");
    const auto acam = h.Get("access-control-allow-methods");
    const bool include = Include(r.probe);
    if (!method.empty() && !model::IsCorsSafelistedMethod(method) && !ListHas(acam, method, false) &&
        !(!include && ListHas(acam, "*", false))) {
      Add("CORS-ACAM-MISSING", i, {xi}, "Access-Control-Allow-Methods '" + acam.value_or("") + "' lacks " + method);
    }
    const auto acah = h.Get("access-control-allow-headers");
    if (const auto acrh = x.request.headers.Get("access-control-request-headers")) {
      for (std::string_view name : core::SplitList(*acrh)) {
        const bool star = !include && ListHas(acah, "*", false) && (name != "authorization" || profile_.wildcard_covers_authorization);
        if (!ListHas(acah, name, true) && !star) {
          Add("CORS-ACAH-MISSING", i, {xi}, "Access-Control-Allow-Headers '" + acah.value_or("") + "' lacks " + std::string(name));
          break;
        }
      }
    }
    if (include && policy_.credentials && h.Values("access-control-allow-origin").size() == 1 &&
        !h.Contains("access-control-allow-credentials")) {
      Add("CORS-ACAC-MISSING", i, {xi}, "the preflight for a credentialed request lacks Access-Control-Allow-Credentials");
    }
  }

  void CheckActual(std::size_t i, std::size_t xi, bool origin_allowed) {
    const ProbeResult& r = probes_[i];
    const Exchange& x = r.exchanges[xi];
    const HeaderList& h = x.response->headers;
    const int status = x.response->status;
    const bool creds = h.Get("access-control-allow-credentials") == "true";
    if (creds && ListHas(h.Get("access-control-expose-headers"), "*", false)) {
      Add("CORS-WILDCARD-LIST-CREDENTIALS", i, {xi}, "Access-Control-Expose-Headers: * while credentials are allowed");
    }
    if (!origin_allowed) return;
    const std::string origin = x.request.headers.Get("origin").value_or("");
    const auto acao = h.Get("access-control-allow-origin");
    if (status >= 400 && !acao) {
      Add("CORS-ERRORS-WITHOUT-CORS", i, {xi}, "the " + std::to_string(status) + " response carries no Access-Control-Allow-Origin");
      return;
    }
    if (acao != origin) return;
    if (Include(r.probe) && policy_.credentials && !h.Contains("access-control-allow-credentials")) {
      Add("CORS-ACAC-MISSING", i, {xi}, "the response to a credentialed request lacks Access-Control-Allow-Credentials");
    }
    if (status < 400 && !policy_.expose_headers.empty() && !model::IsRedirect({status, h})) {
      const auto aceh = h.Get("access-control-expose-headers");
      const bool star = !Include(r.probe) && ListHas(aceh, "*", false);
      for (const std::string& name : policy_.expose_headers) {
        if (!star && !ListHas(aceh, name, true)) {
          Add("CORS-ACEH-MISSING", i, {xi}, "Access-Control-Expose-Headers '" + aceh.value_or("") + "' lacks " + name);
          break;
        }
      }
    }
  }

  // VARY-ORIGIN-DYNAMIC: when any response echoes the Origin, every actual response (allowed,
  // denied, Origin-less) needs Vary: Origin. One finding per kind of response, with a count.
  void CheckVary() {
    bool dynamic = false;
    bool any_vary = false;
    bool all_static_star = true;
    for (const ProbeResult& r : probes_) {
      for (const Exchange& x : r.exchanges) {
        if (!x.response || x.preflight) continue;
        const auto origin = x.request.headers.Get("origin");
        const auto acao = x.response->headers.Get("access-control-allow-origin");
        if (origin && acao && *acao == *origin && *acao != "*") dynamic = true;
        if (acao != "*") all_static_star = false;
        any_vary = any_vary || VaryHasOrigin(x.response->headers);
      }
    }
    if (all_static_star && any_vary) {
      for (std::size_t i = 0; i < probes_.size(); ++i) {
        for (std::size_t xi = 0; xi < probes_[i].exchanges.size(); ++xi) {
          const Exchange& x = probes_[i].exchanges[xi];
          if (x.response && !x.preflight && VaryHasOrigin(x.response->headers)) {
            Add("CORS-VARY-NEEDLESS", i, {xi}, "Access-Control-Allow-Origin is always '*', yet the response varies on Origin");
            return;
          }
        }
      }
    }
    if (!dynamic) return;
    struct Group {
      std::size_t count = 0;
      std::size_t probe = 0, exchange = 0;
    };
    std::map<std::string, Group> groups;  // "allowed" / "denied" / "without Origin"
    for (std::size_t i = 0; i < probes_.size(); ++i) {
      for (std::size_t xi = 0; xi < probes_[i].exchanges.size(); ++xi) {
        const Exchange& x = probes_[i].exchanges[xi];
        if (!x.response || x.preflight || VaryHasOrigin(x.response->headers)) continue;
        const auto origin = x.request.headers.Get("origin");
        const auto acao = x.response->headers.Get("access-control-allow-origin");
        const std::string kind = !origin ? "without Origin" : (acao == origin ? "allowed" : "denied");
        Group& g = groups[kind];
        if (g.count++ == 0) {
          g.probe = i;
          g.exchange = xi;
        }
      }
    }
    for (const auto& [kind, g] : groups) {
      Add("CORS-VARY-MISSING", g.probe, {g.exchange},
          std::to_string(g.count) + " " + kind + " response(s) lack Vary: Origin although Access-Control-Allow-Origin depends on the Origin");
    }
  }

  // A dynamic server that answers denied origins with another, fixed origin.
  void CheckFallback() {
    for (std::size_t i = 0; i < probes_.size(); ++i) {
      for (std::size_t xi = 0; xi < probes_[i].exchanges.size(); ++xi) {
        const Exchange& x = probes_[i].exchanges[xi];
        if (!x.response || x.preflight) continue;
        const auto origin = x.request.headers.Get("origin");
        const auto acao = x.response->headers.Get("access-control-allow-origin");
        if (!origin || !acao || *acao == "*" || *acao == *origin || target::OriginAllowedByPolicy(policy_, *origin)) continue;
        if (acao->find(',') != std::string::npos) continue;  // CORS-ACAO-LIST / -MULTIPLE already say it
        const auto named = core::ParseSerializedOrigin(*acao);
        if (!named || named->opaque()) continue;
        const auto lenient = core::ParseOriginLenient(*acao);
        if (lenient && lenient->Serialize() == *origin) continue;
        if (!target::OriginAllowedByPolicy(policy_, *acao)) continue;
        Add("CORS-ACAO-FALLBACK-ORIGIN", i, {xi}, "the denied origin " + *origin + " got Access-Control-Allow-Origin: " + *acao);
        return;  // one is enough: it is a property of the server
      }
    }
  }

  const std::vector<ProbeResult>& probes_;
  const core::Policy& policy_;
  const model::Profile& profile_;
  std::vector<Finding> findings_;
};

}  // namespace

std::vector<Finding> EvaluateRules(const std::vector<ProbeResult>& probes, const core::Policy& policy,
                                   const model::Profile& profile) {
  return Checker(probes, policy, profile).Run();
}

}  // namespace corscheck::runner
