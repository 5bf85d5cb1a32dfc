// The CORS check, the preflight-response checks and the exposed-header filter (digest §1.E, §1.G,
// §1.H, §1.I). Pure functions over header lists.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/header_list.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::model {

// CHECK-ACAO-* / CHECK-ACAC: the CORS check, with Chromium's classification of failures.
// `origin` is the byte-serialized request origin ("null" when opaque or tainted).
// https://fetch.spec.whatwg.org/#cors-check
CheckResult CorsCheck(const core::HeaderList& response_headers, std::string_view origin,
                      CredentialsMode credentials);

// PARSE-CR-ALLOWLIST: an Access-Control-Allow-Methods/-Headers value as a list of tokens (empty
// elements skipped); nullopt when any element is not a token. Absent header = empty list.
std::optional<std::vector<std::string>> ParseAllowList(const std::optional<std::string>& value);

// MAXAGE-*: the seconds a preflight result may be cached under `profile` (0 = not cached).
std::int64_t ParseMaxAge(const core::HeaderList& response_headers, const Profile& profile);

// What a successful preflight allows.
struct PreflightResult {
  std::vector<std::string> methods;  // as sent (case kept)
  std::vector<std::string> headers;  // lower-cased
  bool credentials = false;          // made for a credentialed request
  std::int64_t max_age = 5;
};

struct PreflightEvaluation {
  CheckResult check;
  std::optional<PreflightResult> result;  // when the response itself is acceptable
};

// PFR-OK-STATUS, PFR-CORS-CHECK-ACTUAL-CREDS, PFR-ORDER, PARSE-CR-ALLOWLIST, REDIR-PREFLIGHT:
// validates a preflight response (not yet the request against it).
// https://fetch.spec.whatwg.org/#cors-preflight-fetch-0
PreflightEvaluation EvaluatePreflightResponse(const ServerResponse& response, std::string_view origin,
                                              CredentialsMode credentials, std::string_view method,
                                              bool use_preflight, const Profile& profile);

// PFR-ACAM: the method check against a preflight result.
CheckResult CheckMethod(const PreflightResult& result, std::string_view method);
// PFR-ACAH / PFR-ACAH-AUTHZ-WILDCARD: the header check; the first failing name in request order.
CheckResult CheckHeaders(const PreflightResult& result, const core::HeaderList& request_headers,
                         const Profile& profile);

// EXPOSE-*: lower-case, sorted names of the response headers script can read.
// https://fetch.spec.whatwg.org/#concept-filtered-response-cors
std::vector<std::string> ExposedHeaderNames(const core::HeaderList& response_headers, ResponseType type,
                                            CredentialsMode credentials);

// A redirect status (301, 302, 303, 307, 308) with a Location header.
bool IsRedirect(const ServerResponse& response);

}  // namespace corscheck::model
