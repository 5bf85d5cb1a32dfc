// The reference CORS server as a pure function: a request in, the response out. No sockets: the
// TCP server and the in-process adapter wrap HandleReferenceRequest, so the same logic runs over
// the wire, in-process and under the fuzzer. Faults switch on one real-world CORS mistake each
// (docs/faults.md); with none, the server follows the policy and the Vary guidance of digest §5.
#pragma once

#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "core/http.h"
#include "core/policy.h"

namespace corscheck::target {

// One common server-side CORS mistake. Names (Name/FaultFromName) are stable: CLI flags, reports
// and docs/faults.md use them. Add new values at the end.
enum class Fault {
  kWildcardWithCredentials,       // wildcard-with-credentials
  kReflectAnyOrigin,              // reflect-any-origin
  kReflectAnyOriginCredentials,   // reflect-any-origin-credentials
  kNullAllowed,                   // null-allowed
  kPrefixMatch,                   // prefix-match
  kSuffixMatch,                   // suffix-match
  kUnescapedDot,                  // unescaped-dot
  kHttpSchemeTrusted,             // http-scheme-trusted
  kAnySubdomainTrusted,           // any-subdomain-trusted
  kMissingVary,                   // missing-vary
  kVaryMissingOnDenied,           // vary-missing-on-denied
  kPreflight405,                  // preflight-405
  kPreflight401,                  // preflight-401
  kPreflightRedirect,             // preflight-redirect
  kAcahMissingRequested,          // acah-missing-requested
  kAcahWildcardWithCredentials,   // acah-wildcard-with-credentials
  kAcamMissingMethod,             // acam-missing-method
  kDuplicateAcao,                 // duplicate-acao
  kAcaoList,                      // acao-list
  kAcaoTrailingSlash,             // acao-trailing-slash
  kAcacWrongCase,                 // acac-wrong-case
  kCredentialsMissing,            // credentials-missing
  kMaxAgeInvalid,                 // max-age-invalid
  kExposeMissing,                 // expose-missing
  kPrivateNetworkByDefault,       // private-network-by-default
  kNoCorsOnErrors,                // no-cors-on-errors
  kFallbackFirstOrigin,           // fallback-first-origin
};

// "wildcard-with-credentials".
std::string_view Name(Fault fault);
std::optional<Fault> FaultFromName(std::string_view name);
// Every fault, in declaration order.
std::span<const Fault> AllFaults();
// One line: the mistake the fault reproduces.
std::string_view Describe(Fault fault);

struct ReferenceOptions {
  core::Policy policy;
  std::vector<Fault> faults;
};

// Whether the policy allows `origin` (the request's Origin header value, byte for byte):
//  * an exact byte match with an entry of policy.origins ("null" matches only a listed "null");
//  * a match with an origin pattern: "https://*.example.com" matches https://a.example.com and
//    https://a.b.example.com, not https://example.com, http://a.example.com or
//    https://a.example.com:8443 (scheme and port are part of the pattern);
//  * any origin when policy.origins lists "*" and credentials are off ("*" means nothing with
//    credentials: browsers reject ACAO: * on credentialed requests).
bool OriginAllowedByPolicy(const core::Policy& policy, std::string_view origin);

// The reference server. Routes: "/status/404" -> 404, "/status/500" -> 500, anything else -> 200,
// each with a JSON body {"ok":..,"path":..,"method":..}. OPTIONS with
// Access-Control-Request-Method is a preflight (204). CORS headers follow the policy on every
// status; `options.faults` bend them as documented in docs/faults.md.
core::HttpResponse HandleReferenceRequest(const ReferenceOptions& options, const core::HttpRequest& request);

}  // namespace corscheck::target
