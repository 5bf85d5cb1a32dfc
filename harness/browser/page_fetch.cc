#include "browser/page_fetch.h"

#include <set>

#include "browser/case_responder.h"
#include "cases/json_util.h"
#include "core/ascii.h"

namespace corscheck::browser {
namespace {

using Json = nlohmann::json;

std::string Bytes(const Json& j) {
  if (!j.is_string()) return {};
  auto bytes = cases::IsomorphicEncode(j.get<std::string>());
  return bytes ? *bytes : j.get<std::string>();
}

bool SameUrl(const std::string& a, const std::string& b) {
  if (a == b) return true;
  const std::string ka = CaseResponder::RouteKey(a);
  return !ka.empty() && ka == CaseResponder::RouteKey(b);
}

// Our names for failures that are not CorsErrors, from the net error Chromium reports.
std::string NetErrorName(const std::string& error_text) {
  if (error_text == "net::ERR_TOO_MANY_REDIRECTS") return "TooManyRedirects";
  if (error_text == "net::ERR_UNSAFE_REDIRECT" || error_text == "net::ERR_INVALID_REDIRECT") return "RedirectSchemeNotAllowed";
  return error_text.empty() ? "NetworkError" : error_text;
}

}  // namespace

std::string PageUrl(const core::Origin& origin) {
  if (origin.opaque()) return std::string("https://app.example.com") + kOpaquePagePath;
  return origin.Serialize() + kPagePath;
}

Json FetchSpec(const model::FetchRequest& r) {
  Json headers = Json::array();
  for (const core::Header& h : r.headers) headers.push_back({cases::IsomorphicDecode(h.name), cases::IsomorphicDecode(h.value)});
  return {{"url", cases::IsomorphicDecode(r.url)},
          {"xhr", r.use_preflight},
          {"init",
           {{"method", cases::IsomorphicDecode(r.method)},
            {"headers", headers},
            {"credentials", std::string(model::Name(r.credentials))},
            {"mode", std::string(model::Name(r.mode))},
            {"referrerPolicy", r.referrer_policy}}}};
}

void ReadScriptAnswer(const Json& v, ObservedFetch& fetch) {
  fetch.allowed = v.value("allowed", false);
  fetch.status = v.value("status", 0);
  fetch.type = v.value("type", "");
  fetch.body = Bytes(v.value("body", Json()));
  fetch.script_message = v.value("message", "");
  if (v.contains("headers")) {
    for (const Json& h : v["headers"]) fetch.visible_headers.Append(core::ToLower(Bytes(h[0])), Bytes(h[1]));
  }
}

bool ExplainFailure(const std::vector<Json>& events, std::size_t from, const std::string& url, model::RequestMode mode,
                    ObservedFetch& out) {
  std::set<std::string> ids;
  const Json* failed = nullptr;
  const Json* issue = nullptr;
  for (std::size_t i = from; i < events.size(); ++i) {
    const Json& e = events[i];
    const std::string& method = e["method"].get_ref<const std::string&>();
    const Json& p = e["params"];
    if (method == "Network.requestWillBeSent") {
      const bool preflight = p.value("type", "") == "Preflight" || p["initiator"].value("type", "") == "preflight";
      if (!preflight && SameUrl(p["request"].value("url", ""), url)) ids.insert(p.value("requestId", ""));
    } else if (method == "Network.loadingFailed") {
      // The first report that says why wins over a later plain net::ERR_ABORTED for the same load.
      const bool informative = p.contains("corsErrorStatus") || p.contains("blockedReason");
      if (ids.count(p.value("requestId", "")) && (!failed || (informative && !failed->contains("corsErrorStatus") &&
                                                                !failed->contains("blockedReason")))) {
        failed = &p;
      }
    } else if (method == "Audits.issueAdded") {
      const Json& d = p["issue"]["details"];
      if (d.contains("corsIssueDetails")) {
        const Json& req = d["corsIssueDetails"]["request"];
        if (ids.count(req.value("requestId", "")) || SameUrl(req.value("url", ""), url)) issue = &d["corsIssueDetails"];
      } else if (d.contains("mixedContentIssueDetails")) {
        if (SameUrl(d["mixedContentIssueDetails"].value("insecureURL", ""), url)) {
          out.error = "MixedContent";
          return true;
        }
      }
    } else if (method == "Log.entryAdded" && out.console.empty()) {
      const std::string text = p["entry"].value("text", "");
      if (text.find("CORS policy") != std::string::npos || text.find("Fetch API cannot load") != std::string::npos) {
        if (text.find(url) != std::string::npos) out.console = text;
      }
    }
  }
  const Json* status = nullptr;
  if (failed && failed->contains("corsErrorStatus")) status = &(*failed)["corsErrorStatus"];
  else if (issue && issue->contains("corsErrorStatus")) status = &(*issue)["corsErrorStatus"];
  if (status) {
    out.error = status->value("corsError", "");
    out.failed_parameter = Bytes((*status)["failedParameter"]);
    return true;
  }
  if (failed) {
    const std::string blocked = failed->value("blockedReason", "");
    if (blocked == "origin" && mode == model::RequestMode::kSameOrigin) {
      // Blink enforces mode "same-origin" on a redirect itself (ResourceRequestBlockedReason::kOrigin)
      // instead of the network service's kDisallowedByMode: the same check, named by its mode.
      out.error = "DisallowedByMode";
    } else {
      out.error = blocked.empty() ? NetErrorName(failed->value("errorText", "")) : "Blocked:" + blocked;
    }
    return true;
  }
  return false;
}

}  // namespace corscheck::browser
