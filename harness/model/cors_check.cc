#include "model/cors_check.h"

#include <algorithm>
#include <charconv>
#include <limits>

#include "core/ascii.h"
#include "core/url.h"
#include "model/request_rules.h"

namespace corscheck::model {
namespace {

using core::CorsError;

bool ContainsName(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// Chromium decides "invalid" with GURL; a value parses as a URL when it has a scheme and, for
// special schemes, a valid host.
bool LooksLikeUrl(std::string_view value) { return core::ParseUrl(value).has_value(); }

std::optional<std::int64_t> ParseInt64(std::string_view s, bool allow_plus) {
  if (allow_plus && !s.empty() && s.front() == '+') {
    s.remove_prefix(1);
    if (!s.empty() && (s.front() == '-' || s.front() == '+')) return std::nullopt;
  }
  std::int64_t v = 0;
  const auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (s.empty() || ec != std::errc() || ptr != s.data() + s.size()) return std::nullopt;
  return v;
}

}  // namespace

CheckResult CorsCheck(const core::HeaderList& headers, std::string_view origin, CredentialsMode credentials) {
  const std::optional<std::string> acao = headers.Get("access-control-allow-origin");
  if (!acao) return CheckResult::Fail(CorsError::kMissingAllowOriginHeader);
  if (*acao == "*") {
    // Chromium's CheckAccessInternal reports no failed parameter here (seen in Chromium 156,
    // docs/chromium-findings.md).
    if (credentials == CredentialsMode::kInclude) return CheckResult::Fail(CorsError::kWildcardOriginNotAllowed);
    return {};
  }
  if (*acao != origin) {
    if (acao->find_first_of(" ,") != std::string::npos) {
      return CheckResult::Fail(CorsError::kMultipleAllowOriginValues, *acao);
    }
    if (*acao != "null" && !LooksLikeUrl(*acao)) return CheckResult::Fail(CorsError::kInvalidAllowOriginValue, *acao);
    return CheckResult::Fail(CorsError::kAllowOriginMismatch, *acao);
  }
  if (credentials == CredentialsMode::kInclude) {
    const std::optional<std::string> acac = headers.Get("access-control-allow-credentials");
    if (acac != "true") return CheckResult::Fail(CorsError::kInvalidAllowCredentials, acac.value_or(""));
  }
  return {};
}

std::optional<std::vector<std::string>> ParseAllowList(const std::optional<std::string>& value) {
  std::vector<std::string> out;
  if (!value) return out;
  for (std::string_view item : core::SplitList(*value)) {
    if (!core::IsToken(item)) return std::nullopt;
    out.emplace_back(item);
  }
  return out;
}

std::int64_t ParseMaxAge(const core::HeaderList& headers, const Profile& profile) {
  constexpr std::int64_t kDefault = 5;
  const std::optional<std::string> value = headers.Get("access-control-max-age");
  std::int64_t seconds = kDefault;
  switch (profile.max_age_parsing) {
    case MaxAgeParsing::kSpecDeltaSeconds: {
      if (!value || value->empty() || !std::all_of(value->begin(), value->end(), core::IsAsciiDigit)) break;
      const auto v = ParseInt64(*value, false);
      seconds = v.value_or(std::numeric_limits<std::int64_t>::max());  // all digits: only overflow fails
      break;
    }
    case MaxAgeParsing::kChromiumInt64:
    case MaxAgeParsing::kWebKitInteger: {
      if (!value) break;
      const auto v = ParseInt64(*value, true);
      if (!v) break;
      seconds = *v < 0 ? 0 : *v;
      break;
    }
    case MaxAgeParsing::kFirefoxDigits: {
      if (!value || value->empty()) break;
      std::int64_t age = 0;
      for (char c : *value) {
        if (!core::IsAsciiDigit(c)) return 0;  // not cached at all
        age = std::min<std::int64_t>(age * 10 + (c - '0'), profile.max_age_cap);
      }
      seconds = age;
      break;
    }
  }
  return std::min(seconds, profile.max_age_cap);
}

bool IsRedirect(const ServerResponse& response) {
  const int s = response.status;
  return (s == 301 || s == 302 || s == 303 || s == 307 || s == 308) && response.headers.Contains("location");
}

PreflightEvaluation EvaluatePreflightResponse(const ServerResponse& response, std::string_view origin,
                                              CredentialsMode credentials, std::string_view method,
                                              bool use_preflight, const Profile& profile) {
  if (profile.preflight_redirect_error && IsRedirect(response)) {
    return {CheckResult::Fail(CorsError::kPreflightDisallowedRedirect), std::nullopt};
  }
  const bool ok_status = response.status >= 200 && response.status <= 299;
  if (profile.preflight_status_before_cors_check && !ok_status) {
    return {CheckResult::Fail(CorsError::kPreflightInvalidStatus), std::nullopt};
  }
  if (CheckResult check = CorsCheck(response.headers, origin, credentials); !check.ok()) {
    check.error = core::ToPreflightError(*check.error);
    return {check, std::nullopt};
  }
  if (!ok_status) return {CheckResult::Fail(CorsError::kPreflightInvalidStatus), std::nullopt};

  auto methods = ParseAllowList(response.headers.Get("access-control-allow-methods"));
  if (!methods) return {CheckResult::Fail(CorsError::kInvalidAllowMethodsPreflightResponse), std::nullopt};
  if (profile.method_check_before_acah_parse) {
    PreflightResult early;
    early.methods = *methods;
    if (!response.headers.Contains("access-control-allow-methods") && use_preflight) early.methods = {std::string(method)};
    early.credentials = credentials == CredentialsMode::kInclude;
    if (CheckResult m = CheckMethod(early, method); !m.ok()) return {m, std::nullopt};
  }
  auto headers = ParseAllowList(response.headers.Get("access-control-allow-headers"));
  if (!headers) return {CheckResult::Fail(CorsError::kInvalidAllowHeadersPreflightResponse), std::nullopt};

  PreflightResult result;
  if (!response.headers.Contains("access-control-allow-methods") && use_preflight) {
    result.methods = {std::string(method)};
  } else {
    result.methods = std::move(*methods);
  }
  for (std::string& h : *headers) result.headers.push_back(core::ToLower(h));
  result.credentials = credentials == CredentialsMode::kInclude;
  result.max_age = ParseMaxAge(response.headers, profile);
  return {{}, std::move(result)};
}

CheckResult CheckMethod(const PreflightResult& result, std::string_view method) {
  if (ContainsName(result.methods, method) || IsCorsSafelistedMethod(method)) return {};
  if (!result.credentials && ContainsName(result.methods, "*")) return {};
  return CheckResult::Fail(CorsError::kMethodDisallowedByPreflightResponse, std::string(method));
}

CheckResult CheckHeaders(const PreflightResult& result, const core::HeaderList& request_headers,
                         const Profile& profile) {
  const bool has_authorization = request_headers.Contains("authorization");
  const bool lists_authorization = ContainsName(result.headers, "authorization");
  if (!profile.wildcard_covers_authorization && has_authorization && !lists_authorization) {
    return CheckResult::Fail(CorsError::kHeaderDisallowedByPreflightResponse, "authorization");
  }
  if (!result.credentials && ContainsName(result.headers, "*")) return {};
  for (const std::string& name : CorsUnsafeRequestHeaderNames(request_headers, profile)) {
    if (!ContainsName(result.headers, name)) {
      return CheckResult::Fail(CorsError::kHeaderDisallowedByPreflightResponse, name);
    }
  }
  return {};
}

std::vector<std::string> ExposedHeaderNames(const core::HeaderList& headers, ResponseType type,
                                            CredentialsMode credentials) {
  std::vector<std::string> out;
  if (type == ResponseType::kOpaque) return out;
  std::vector<std::string> listed;
  bool all = type == ResponseType::kBasic;
  if (type == ResponseType::kCors) {
    // EXPOSE-FAILURE: one invalid element empties the whole list (Blink's HTTPHeaderNameListParser).
    if (auto parsed = ParseAllowList(headers.Get("access-control-expose-headers"))) {
      for (const std::string& n : *parsed) listed.push_back(core::ToLower(n));
    }
    all = credentials != CredentialsMode::kInclude && ContainsName(listed, "*");  // EXPOSE-WILDCARD
  }
  for (const core::Header& h : headers) {
    const std::string name = core::ToLower(h.name);
    if (IsForbiddenResponseHeaderName(name)) continue;
    if (all || IsCorsSafelistedResponseHeaderName(name) || ContainsName(listed, name)) out.push_back(name);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace corscheck::model
