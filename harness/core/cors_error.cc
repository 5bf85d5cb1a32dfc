#include "core/cors_error.h"

#include <array>

#include "core/ascii.h"

namespace corscheck::core {
namespace {

struct ErrorInfo {
  std::string_view name;
  std::string_view rule;
  std::string_view fix;
};

constexpr std::array<ErrorInfo, kCorsErrorCount> kErrors = {{
    {"DisallowedByMode", "MODE-TAINTING", "Use mode 'cors' for cross-origin requests, or serve the resource from the page's origin."},
    {"InvalidResponse", "PFR-OK-STATUS", "Make the preflight reach the server and return an HTTP response."},
    {"WildcardOriginNotAllowed", "CHECK-ACAO-WILDCARD", "For credentialed requests, echo the request's Origin (checked against an allowlist) instead of '*', and add 'Vary: Origin'."},
    {"MissingAllowOriginHeader", "CHECK-ACAO-REQUIRED", "Send 'Access-Control-Allow-Origin' with the page's origin (or '*' for public, uncredentialed data) on this response."},
    {"MultipleAllowOriginValues", "PARSE-GET-COMBINE", "Send exactly one 'Access-Control-Allow-Origin' line with one origin; remove the duplicate added by a proxy or framework."},
    {"InvalidAllowOriginValue", "CHECK-ACAO-EXACT", "Set 'Access-Control-Allow-Origin' to a serialized origin such as 'https://app.example.com' (scheme, host, optional port; nothing else)."},
    {"AllowOriginMismatch", "CHECK-ACAO-EXACT", "Echo the request's Origin byte for byte: same scheme, lower-case host, no default port, no trailing slash."},
    {"InvalidAllowCredentials", "CHECK-ACAC", "Send 'Access-Control-Allow-Credentials: true' (exactly, lower case, one line) on responses to credentialed requests."},
    {"CorsDisabledScheme", "MODE-TAINTING", "Fetch cross-origin resources over http or https only."},
    {"PreflightInvalidStatus", "PFR-OK-STATUS", "Answer the OPTIONS preflight with a 2xx status (204 is usual) before any authentication or routing that rejects it."},
    {"PreflightDisallowedRedirect", "REDIR-PREFLIGHT", "Answer the OPTIONS preflight directly; a redirect on a preflight always fails. Point the page at the final URL."},
    {"PreflightWildcardOriginNotAllowed", "PFR-CORS-CHECK-ACTUAL-CREDS", "On the preflight response too, echo the request's Origin instead of '*' when the actual request carries credentials."},
    {"PreflightMissingAllowOriginHeader", "PFR-CORS-CHECK-ACTUAL-CREDS", "Send 'Access-Control-Allow-Origin' on the OPTIONS preflight response, not only on the actual response."},
    {"PreflightMultipleAllowOriginValues", "PFR-CORS-CHECK-ACTUAL-CREDS", "Send exactly one 'Access-Control-Allow-Origin' line on the preflight response."},
    {"PreflightInvalidAllowOriginValue", "PFR-CORS-CHECK-ACTUAL-CREDS", "Set 'Access-Control-Allow-Origin' on the preflight response to a serialized origin."},
    {"PreflightAllowOriginMismatch", "PFR-CORS-CHECK-ACTUAL-CREDS", "Echo the request's Origin byte for byte on the preflight response."},
    {"PreflightInvalidAllowCredentials", "PFR-CORS-CHECK-ACTUAL-CREDS", "Send 'Access-Control-Allow-Credentials: true' on the preflight response as well when the actual request is credentialed."},
    {"InvalidAllowMethodsPreflightResponse", "PARSE-CR-ALLOWLIST", "List methods in 'Access-Control-Allow-Methods' as comma-separated tokens (e.g. 'GET, PUT, DELETE'), no quotes or spaces inside names."},
    {"InvalidAllowHeadersPreflightResponse", "PARSE-CR-ALLOWLIST", "List header names in 'Access-Control-Allow-Headers' as comma-separated tokens, no quotes or spaces inside names."},
    {"MethodDisallowedByPreflightResponse", "PFR-ACAM", "Add the method, in the exact case the page sends it, to 'Access-Control-Allow-Methods' on the preflight response."},
    {"HeaderDisallowedByPreflightResponse", "PFR-ACAH", "Add the header name to 'Access-Control-Allow-Headers' on the preflight response ('*' does not cover it with credentials, nor Authorization per spec)."},
    {"RedirectContainsCredentials", "REDIR-USERINFO", "Remove the user name and password from the redirect's Location."},
    {"RequestRejected", "SAFE-FORBIDDEN-METHOD", "Fix the request in the page: fetch() rejects it before it reaches the network."},
    {"TooManyRedirects", "REDIR-LIMITS", "Shorten the redirect chain to 20 hops or fewer."},
    {"RedirectSchemeNotAllowed", "REDIR-LIMITS", "Redirect only to http or https URLs."},
    {"InvalidRedirect", "REDIR-LIMITS", "Send a Location header that is a valid URL."},
}};

constexpr std::string_view kNoCorsHint = " Have the server send the header with a valid value.";
constexpr std::string_view kXhrCredentialsHint =
    " The credentials mode of requests initiated by the XMLHttpRequest is controlled by the withCredentials attribute.";

// Chromium writes non-printable and non-ASCII characters of a hint as \uXXXX (digest §2.2); a
// header byte is the code point of the same value.
std::string EscapeForConsole(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b >= 0x20 && b < 0x7F) {
      out.push_back(c);
    } else {
      static constexpr char kHex[] = "0123456789ABCDEF";
      out += "\\u00";
      out.push_back(kHex[b >> 4]);
      out.push_back(kHex[b & 15]);
    }
  }
  return out;
}

}  // namespace

std::string_view Name(CorsError error) { return kErrors[static_cast<std::size_t>(error)].name; }

std::optional<CorsError> CorsErrorFromName(std::string_view name) {
  for (int i = 0; i < kCorsErrorCount; ++i) {
    if (kErrors[static_cast<std::size_t>(i)].name == name) return static_cast<CorsError>(i);
  }
  return std::nullopt;
}

bool IsPreflightAccessError(CorsError error) {
  switch (error) {
    case CorsError::kPreflightWildcardOriginNotAllowed:
    case CorsError::kPreflightMissingAllowOriginHeader:
    case CorsError::kPreflightMultipleAllowOriginValues:
    case CorsError::kPreflightInvalidAllowOriginValue:
    case CorsError::kPreflightAllowOriginMismatch:
    case CorsError::kPreflightInvalidAllowCredentials:
    case CorsError::kPreflightInvalidStatus:
    case CorsError::kPreflightDisallowedRedirect:
      return true;
    default:
      return false;
  }
}

CorsError ToPreflightError(CorsError error) {
  switch (error) {
    case CorsError::kWildcardOriginNotAllowed: return CorsError::kPreflightWildcardOriginNotAllowed;
    case CorsError::kMissingAllowOriginHeader: return CorsError::kPreflightMissingAllowOriginHeader;
    case CorsError::kMultipleAllowOriginValues: return CorsError::kPreflightMultipleAllowOriginValues;
    case CorsError::kInvalidAllowOriginValue: return CorsError::kPreflightInvalidAllowOriginValue;
    case CorsError::kAllowOriginMismatch: return CorsError::kPreflightAllowOriginMismatch;
    case CorsError::kInvalidAllowCredentials: return CorsError::kPreflightInvalidAllowCredentials;
    default: return error;
  }
}

std::string ReasonText(CorsError error, std::string_view failed_parameter, std::string_view kind) {
  const std::string v = EscapeForConsole(failed_parameter);
  const std::string hint = kind == "fetch" ? std::string(kNoCorsHint) : std::string();
  const std::string xhr = kind == "XMLHttpRequest" ? std::string(kXhrCredentialsHint) : std::string();
  switch (error) {
    case CorsError::kDisallowedByMode:
      return "Cross origin requests are not allowed by request mode.";
    case CorsError::kInvalidResponse:
      return "The response is invalid.";
    case CorsError::kWildcardOriginNotAllowed:
    case CorsError::kPreflightWildcardOriginNotAllowed:
      return "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard "
             "'*' when the request's credentials mode is 'include'." + xhr;
    case CorsError::kMissingAllowOriginHeader:
    case CorsError::kPreflightMissingAllowOriginHeader:
      return "No 'Access-Control-Allow-Origin' header is present on the requested resource.";
    case CorsError::kMultipleAllowOriginValues:
    case CorsError::kPreflightMultipleAllowOriginValues:
      return "The 'Access-Control-Allow-Origin' header contains multiple values '" + v +
             "', but only one is allowed." + hint;
    case CorsError::kInvalidAllowOriginValue:
    case CorsError::kPreflightInvalidAllowOriginValue:
      return "The 'Access-Control-Allow-Origin' header contains the invalid value '" + v + "'." +
             std::string(kNoCorsHint);
    case CorsError::kAllowOriginMismatch:
    case CorsError::kPreflightAllowOriginMismatch:
      return "The 'Access-Control-Allow-Origin' header has a value '" + v +
             "' that is not equal to the supplied origin." + hint;
    case CorsError::kInvalidAllowCredentials:
    case CorsError::kPreflightInvalidAllowCredentials:
      return "The value of the 'Access-Control-Allow-Credentials' header in the response is '" + v +
             "' which must be 'true' when the request's credentials mode is 'include'." + xhr;
    case CorsError::kCorsDisabledScheme:
      return "Cross origin requests are only supported for protocol schemes: http, https.";
    case CorsError::kPreflightInvalidStatus:
      return "It does not have HTTP ok status.";
    case CorsError::kPreflightDisallowedRedirect:
      return "Redirect is not allowed for a preflight request.";
    case CorsError::kInvalidAllowMethodsPreflightResponse:
      return "Cannot parse Access-Control-Allow-Methods response header field in preflight response.";
    case CorsError::kInvalidAllowHeadersPreflightResponse:
      return "Cannot parse Access-Control-Allow-Headers response header field in preflight response.";
    case CorsError::kMethodDisallowedByPreflightResponse:
      return "Method " + v + " is not allowed by Access-Control-Allow-Methods in preflight response.";
    case CorsError::kHeaderDisallowedByPreflightResponse:
      return "Request header field " + v + " is not allowed by Access-Control-Allow-Headers in preflight response.";
    case CorsError::kRedirectContainsCredentials:
      return "Redirect location '" + v +
             "' contains a username and password, which is disallowed for cross-origin requests.";
    case CorsError::kRequestRejected:
      return "The request was rejected before it was sent: " + v + ".";
    case CorsError::kTooManyRedirects:
      return "The request was redirected more than 20 times (net::ERR_TOO_MANY_REDIRECTS).";
    case CorsError::kRedirectSchemeNotAllowed:
      return "Redirect to '" + v + "' is not an http(s) URL (net::ERR_UNSAFE_REDIRECT).";
    case CorsError::kInvalidRedirect:
      return "Redirect location '" + v + "' is not a valid URL (net::ERR_INVALID_REDIRECT).";
  }
  return {};
}

std::string ConsoleMessage(CorsError error, std::string_view failed_parameter, const ConsoleContext& ctx) {
  std::string out = "Access to " + ctx.kind + " at '" + ctx.url + "' ";
  if (!ctx.initial_url.empty() && ctx.initial_url != ctx.url) out += "(redirected from '" + ctx.initial_url + "') ";
  out += "from origin '" + ctx.origin + "' has been blocked by CORS policy: ";
  if (IsPreflightAccessError(error)) out += "Response to preflight request doesn't pass access control check: ";
  out += ReasonText(error, failed_parameter, ctx.kind);
  return out;
}

std::string_view DigestRule(CorsError error) { return kErrors[static_cast<std::size_t>(error)].rule; }

std::string_view Fix(CorsError error) { return kErrors[static_cast<std::size_t>(error)].fix; }

}  // namespace corscheck::core
