#include "model/browser.h"

#include "core/ascii.h"
#include "model/cors_check.h"
#include "model/request_rules.h"

namespace corscheck::model {
namespace {

using core::CorsError;

// https://fetch.spec.whatwg.org/#concept-response-tainting (kNone: not decided yet)
enum class Tainting { kNone, kBasic, kCors, kOpaque };

bool IsRequestBodyHeaderName(std::string_view name) {
  for (std::string_view n : {"content-encoding", "content-language", "content-location", "content-type"}) {
    if (core::EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

// ORIGIN-WHEN-SENT / ORIGIN-NULL. https://fetch.spec.whatwg.org/#append-a-request-origin-header
std::optional<std::string> OriginHeaderValue(Tainting tainting, const std::string& method, const FetchRequest& req,
                                             const std::string& serialized, const core::Origin& origin,
                                             const core::Url& current) {
  if (tainting == Tainting::kCors) return serialized;
  if (method == "GET" || method == "HEAD") return std::nullopt;
  if (req.mode != RequestMode::kCors) {
    const std::string& policy = req.referrer_policy;
    const bool downgrade = !origin.opaque() && origin.scheme() == "https" && current.scheme != "https";
    if (policy == "no-referrer") return "null";
    if ((policy == "no-referrer-when-downgrade" || policy == "strict-origin" ||
         policy == "strict-origin-when-cross-origin") &&
        downgrade) {
      return "null";
    }
    if (policy == "same-origin" && !origin.IsSameOrigin(current.GetOrigin())) return "null";
  }
  return serialized;
}

// The request fetch() builds from script's arguments; nullopt plus a reason when it throws.
struct BuiltRequest {
  core::Url url;
  std::string method;
  core::HeaderList headers;
};

std::optional<BuiltRequest> BuildRequest(const FetchRequest& req, const Profile& profile, std::string& why) {
  auto url = core::ParseUrl(req.url);
  if (!url) {
    why = "invalid URL '" + req.url + "'";
    return std::nullopt;
  }
  if (url->HasCredentials()) {  // CRED-URL-USERINFO
    why = "the URL includes credentials";
    return std::nullopt;
  }
  if (!core::IsToken(req.method)) {
    why = "'" + req.method + "' is not a valid HTTP method";
    return std::nullopt;
  }
  if (IsForbiddenMethod(req.method)) {  // SAFE-FORBIDDEN-METHOD
    why = "'" + req.method + "' HTTP method is unsupported";
    return std::nullopt;
  }
  BuiltRequest out{*url, NormalizeMethod(req.method), {}};
  if (req.mode == RequestMode::kNoCors && !IsCorsSafelistedMethod(out.method)) {  // MODE-NO-CORS-LIMITS
    why = "'" + out.method + "' is unsupported in no-cors mode";
    return std::nullopt;
  }
  for (const core::Header& h : req.headers) {
    const std::string value(core::TrimHttpWhitespace(h.value));
    if (!core::IsToken(h.name)) {
      why = "'" + h.name + "' is not a valid HTTP header name";
      return std::nullopt;
    }
    if (value.find_first_of(std::string_view("\0\r\n", 3)) != std::string::npos) {
      why = "'" + core::EscapeForDisplay(value) + "' is not a valid HTTP header value";
      return std::nullopt;
    }
    if (IsForbiddenRequestHeader(h.name, value, profile)) continue;  // SAFE-FORBIDDEN-REQ: silently dropped
    if (req.mode == RequestMode::kNoCors) {
      if (!IsNoCorsSafelistedRequestHeaderName(h.name)) continue;
      const auto existing = out.headers.Get(h.name);
      if (!IsCorsSafelistedRequestHeader(h.name, existing ? *existing + ", " + value : value, profile)) continue;
    }
    if (profile.combine_duplicate_request_headers) {
      out.headers.Combine(h.name, value);
    } else {
      out.headers.Append(h.name, value);
    }
  }
  return out;
}

}  // namespace

NetworkAnswer ScenarioNetwork::Answer(const SentRequest& request, std::size_t hop) {
  if (request.preflight) {
    if (hop > 0 && hop <= s_->redirects.size() && s_->redirects[hop - 1].preflight_response) {
      return {s_->redirects[hop - 1].preflight_response, {}};
    }
    if (s_->preflight_response) return {s_->preflight_response, {}};
    return {std::nullopt, "a preflight to " + request.url + " is sent, but the case has no preflight_response for it"};
  }
  if (hop < s_->redirects.size()) return {s_->redirects[hop].response, {}};
  if (hop == s_->redirects.size()) return {s_->response, {}};
  return {std::nullopt, "the final response is a redirect: list it under redirects and add the response it leads to"};
}

FetchVerdict Browser::Fetch(const FetchScenario& s) {
  ScenarioNetwork network(s);
  return Fetch(s.page_origin, s.request, network);
}

FetchVerdict Browser::Fetch(const core::Origin& origin, const FetchRequest& req, Network& network) {
  const Profile& profile = *profile_;
  FetchVerdict v;
  v.initial_url = req.url;
  v.final_url = req.url;

  auto fail = [&](CorsError error, std::string param) -> FetchVerdict {
    v.allowed = false;
    v.error = error;
    v.failed_parameter = std::move(param);
    v.type.reset();
    v.status = 0;
    v.exposed_headers.clear();
    v.message = core::ConsoleMessage(error, v.failed_parameter,
                                     {"fetch", v.final_url, v.initial_url, origin.Serialize()});
    v.fix = std::string(core::Fix(error));
    return v;
  };

  std::string why;
  std::optional<BuiltRequest> built = BuildRequest(req, profile, why);
  if (!built) return fail(CorsError::kRequestRejected, why);
  core::Url current = built->url;
  std::string method = built->method;
  core::HeaderList headers = std::move(built->headers);
  v.initial_url = current.Serialize(true);

  bool tainted = false;  // REDIR-TAINT
  Tainting tainting = Tainting::kNone;
  std::size_t hop = 0;
  int redirect_count = 0;
  while (true) {
    const std::string url = current.Serialize(true);
    v.final_url = url;
    const std::string serialized_origin = tainted ? "null" : origin.Serialize();

    // MISC-DATA-URL: a data: URL is fetched locally, basic, whatever the mode; the scenario's
    // `response` stands for the decoded data: response. Nothing goes on the network.
    if (current.scheme == "data") {
      const NetworkAnswer answer = network.Answer(SentRequest{method, url, headers, false}, hop);
      if (!answer.response) {
        v.scenario_error = answer.failure;
        return v;
      }
      v.allowed = true;
      v.type = ResponseType::kBasic;
      v.status = answer.response->status;
      v.exposed_headers = ExposedHeaderNames(answer.response->headers, ResponseType::kBasic, req.credentials);
      return v;
    }
    // MODE-TAINTING: main fetch step 12.
    if (origin.IsSameOrigin(current.GetOrigin()) && (tainting == Tainting::kNone || tainting == Tainting::kBasic)) {
      tainting = Tainting::kBasic;
    } else if (req.mode == RequestMode::kSameOrigin) {
      return fail(CorsError::kDisallowedByMode, "");
    } else if (req.mode == RequestMode::kNoCors) {
      tainting = Tainting::kOpaque;
    } else if (!current.IsHttpFamily()) {
      return fail(CorsError::kCorsDisabledScheme, current.scheme);  // Blink's FetchManager names the scheme
    } else {
      tainting = Tainting::kCors;
    }

    // PREFLIGHT-NEEDED, then CACHE-*, then PREFLIGHT-SHAPE and §1.G.
    if (tainting == Tainting::kCors &&
        (req.use_preflight || !IsCorsSafelistedMethod(method) || !CorsUnsafeRequestHeaderNames(headers, profile).empty())) {
      const std::string cache_origin = profile.id == ProfileId::kSpec ? serialized_origin : origin.Serialize();
      if (!cache_.CanSkipPreflight(cache_origin, url, req.credentials, method, headers, req.use_preflight, now_)) {
        SentRequest preflight{"OPTIONS", url, {}, true};
        preflight.headers.Append("Accept", "*/*");
        preflight.headers.Append("Access-Control-Request-Method", method);
        if (std::string acrh = AccessControlRequestHeadersValue(headers, profile); !acrh.empty()) {
          preflight.headers.Append("Access-Control-Request-Headers", acrh);
        }
        preflight.headers.Append("Origin", serialized_origin);
        v.sent.push_back(preflight);
        v.preflight_sent = true;
        const NetworkAnswer answer = network.Answer(preflight, hop);
        if (!answer.response) {
          v.scenario_error = answer.failure;
          return v;
        }
        v.responses.push_back(*answer.response);

        PreflightEvaluation eval =
            EvaluatePreflightResponse(*answer.response, serialized_origin, req.credentials, method, req.use_preflight, profile);
        CheckResult check = eval.check;
        if (eval.result) {
          v.max_age = eval.result->max_age;
          check = CheckMethod(*eval.result, method);
          if (check.ok()) check = CheckHeaders(*eval.result, headers, profile);
          if (check.ok() || profile.cache_even_if_request_not_allowed) {
            cache_.Store(cache_origin, url, *eval.result, now_);
          }
        }
        if (!check.ok()) {
          if (profile.clear_cache_on_failure) cache_.Clear(cache_origin, url);
          return fail(*check.error, check.failed_parameter);
        }
      }
    }

    // The actual request.
    SentRequest actual{method, url, headers, false};
    if (auto o = OriginHeaderValue(tainting, method, req, serialized_origin, origin, current)) {
      actual.headers.Append("Origin", *o);
    }
    v.sent.push_back(actual);
    const NetworkAnswer answer = network.Answer(actual, hop);
    if (!answer.response) {
      v.scenario_error = answer.failure;
      return v;
    }
    v.responses.push_back(*answer.response);
    const ServerResponse& response = v.responses.back();
    const bool redirect = IsRedirect(response);

    std::optional<core::Url> location;
    if (redirect) {  // REDIR-LIMITS: the network layer rejects these before CORS sees the redirect.
      const std::string raw = *response.headers.Get("location");
      location = core::ParseUrl(raw, &current);
      if (!location) return fail(CorsError::kInvalidRedirect, raw);
      if (!location->IsHttpFamily()) {
        // REDIR-LIMITS [CR]: CorsURLLoader::OnReceiveRedirect rejects a cors-mode redirect to a
        // scheme outside its CORS-enabled list (ftp) before the network layer sees it; data: is on
        // that list and fails later as net::ERR_UNSAFE_REDIRECT.
        if (profile.cors_disabled_scheme_redirect_is_cors_error && req.mode == RequestMode::kCors &&
            location->scheme != "data") {
          return fail(CorsError::kCorsDisabledScheme, "");
        }
        return fail(CorsError::kRedirectSchemeNotAllowed, location->Serialize());
      }
    }

    // CHECK-WHERE / REDIR-EACH-HOP: every response of a CORS-tainted request, redirects included.
    if (tainting == Tainting::kCors) {
      if (CheckResult check = CorsCheck(response.headers, serialized_origin, req.credentials); !check.ok()) {
        if (profile.clear_cache_on_failure) {
          cache_.Clear(profile.id == ProfileId::kSpec ? serialized_origin : origin.Serialize(), url);
        }
        return fail(*check.error, check.failed_parameter);
      }
    }

    if (!redirect) {
      v.allowed = true;
      v.type = tainting == Tainting::kCors     ? ResponseType::kCors
               : tainting == Tainting::kOpaque ? ResponseType::kOpaque
                                               : ResponseType::kBasic;
      v.status = *v.type == ResponseType::kOpaque ? 0 : response.status;
      v.exposed_headers = ExposedHeaderNames(response.headers, *v.type, req.credentials);
      return v;
    }

    // https://fetch.spec.whatwg.org/#http-redirect-fetch
    if (++redirect_count > 20) return fail(CorsError::kTooManyRedirects, "");
    if (location->HasCredentials()) {  // REDIR-USERINFO
      const bool cross = tainted || !origin.IsSameOrigin(location->GetOrigin());
      if ((req.mode == RequestMode::kCors && cross) || tainting == Tainting::kCors) {
        // Chromium reports no failed parameter, so its console says "Redirect location ''" (Chromium
        // 156, docs/chromium-findings.md).
        return fail(CorsError::kRedirectContainsCredentials, "");
      }
    }
    // REDIR-METHOD-REWRITE
    if (((response.status == 301 || response.status == 302) && method == "POST") ||
        (response.status == 303 && method != "GET" && method != "HEAD")) {
      method = "GET";
      core::HeaderList kept;
      for (const core::Header& h : headers) {
        if (!IsRequestBodyHeaderName(h.name)) kept.Append(h.name, h.value);
      }
      headers = std::move(kept);
    }
    const core::Origin current_origin = current.GetOrigin();
    const core::Origin location_origin = location->GetOrigin();
    if (!current_origin.IsSameOrigin(location_origin)) headers.Remove("authorization");  // REDIR-AUTHZ-STRIP
    if (!location_origin.IsSameOrigin(current_origin) && !origin.IsSameOrigin(current_origin)) tainted = true;
    current = *location;
    ++hop;
  }
}

FetchVerdict Evaluate(const FetchScenario& scenario, const Profile& profile) {
  Browser browser(profile);
  return browser.Fetch(scenario);
}

}  // namespace corscheck::model
