// The closed vocabulary of CORS failures. Values mirror Chromium's network::mojom::CorsError
// (services/network/public/mojom/cors.mojom) by name, without the `k` prefix when printed, plus
// three corscheck values for failures Chromium reports as plain network errors. Never renumber;
// add new values at the end.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace corscheck::core {

enum class CorsError {
  kDisallowedByMode,
  kInvalidResponse,
  kWildcardOriginNotAllowed,
  kMissingAllowOriginHeader,
  kMultipleAllowOriginValues,
  kInvalidAllowOriginValue,
  kAllowOriginMismatch,
  kInvalidAllowCredentials,
  kCorsDisabledScheme,
  kPreflightInvalidStatus,
  kPreflightDisallowedRedirect,
  kPreflightWildcardOriginNotAllowed,
  kPreflightMissingAllowOriginHeader,
  kPreflightMultipleAllowOriginValues,
  kPreflightInvalidAllowOriginValue,
  kPreflightAllowOriginMismatch,
  kPreflightInvalidAllowCredentials,
  kInvalidAllowMethodsPreflightResponse,
  kInvalidAllowHeadersPreflightResponse,
  kMethodDisallowedByPreflightResponse,
  kHeaderDisallowedByPreflightResponse,
  kRedirectContainsCredentials,
  // corscheck's own, for network errors that carry no CorsError in Chromium:
  kRequestRejected,           // TypeError before any network activity (fetch() argument checks)
  kTooManyRedirects,          // the 21st redirect (net::ERR_TOO_MANY_REDIRECTS)
  kRedirectSchemeNotAllowed,  // Location is not http(s) (net::ERR_UNSAFE_REDIRECT)
  kInvalidRedirect,           // Location does not parse (net::ERR_INVALID_REDIRECT)
};

inline constexpr int kCorsErrorCount = static_cast<int>(CorsError::kInvalidRedirect) + 1;

// "MissingAllowOriginHeader" (the enumerator without `k`).
std::string_view Name(CorsError error);
std::optional<CorsError> CorsErrorFromName(std::string_view name);

// True for the errors Chromium prefixes with "Response to preflight request doesn't pass access
// control check: ".
bool IsPreflightAccessError(CorsError error);
// The preflight counterpart of a CORS-check error (kMissingAllowOriginHeader ->
// kPreflightMissingAllowOriginHeader); other values are returned unchanged.
CorsError ToPreflightError(CorsError error);

// The reason text Chromium prints for `error` (third_party/blink/renderer/platform/loader/cors/
// cors_error_string.cc), `failed_parameter` filled in with non-printable bytes as \uXXXX. `kind`
// is the initiator: the no-CORS hint is added only for "fetch", the withCredentials sentence
// only for "XMLHttpRequest" (digest §2.3).
std::string ReasonText(CorsError error, std::string_view failed_parameter, std::string_view kind = "fetch");

struct ConsoleContext {
  std::string kind = "fetch";  // "fetch", "XMLHttpRequest", ...
  std::string url;             // the last URL
  std::string initial_url;     // differs from `url` after redirects
  std::string origin;          // the page's serialized origin
};
// The whole console line: "Access to fetch at '<url>' from origin '<o>' has been blocked by CORS
// policy: <reason>" (digest §2.2).
std::string ConsoleMessage(CorsError error, std::string_view failed_parameter, const ConsoleContext& ctx);

// The digest rule (shared/spec/cors-digest.md §1) the error is about, e.g. "CHECK-ACAO-EXACT".
std::string_view DigestRule(CorsError error);

// One line in plain words: what the server (or page) has to change.
std::string_view Fix(CorsError error);

}  // namespace corscheck::core
