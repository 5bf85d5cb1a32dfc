// Request classification: which methods and headers are safelisted, forbidden or CORS-unsafe,
// and the exact Access-Control-Request-Headers value a browser sends (digest §1.C, §1.F).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/header_list.h"
#include "model/profile.h"

namespace corscheck::model {

// SAFE-METHOD: GET, HEAD, POST (byte-exact). https://fetch.spec.whatwg.org/#cors-safelisted-method
bool IsCorsSafelistedMethod(std::string_view method);
// SAFE-FORBIDDEN-METHOD: CONNECT, TRACE, TRACK (ci). https://fetch.spec.whatwg.org/#forbidden-method
bool IsForbiddenMethod(std::string_view method);
// SAFE-METHOD: DELETE/GET/HEAD/OPTIONS/POST/PUT matched ci are upper-cased; nothing else is.
// https://fetch.spec.whatwg.org/#concept-method-normalize
std::string NormalizeMethod(std::string_view method);

// SAFE-UNSAFE-BYTES. https://fetch.spec.whatwg.org/#cors-unsafe-request-header-byte
bool IsCorsUnsafeRequestHeaderByte(char c);

// SAFE-HDR-CT: the essence of a MIME type under the strict "parse a MIME type", or nullopt.
// https://mimesniff.spec.whatwg.org/#parse-a-mime-type
std::optional<std::string> ParseMimeTypeEssence(std::string_view value);
// SAFE-HDR-RANGE: `bytes=N-` or `bytes=N-M` (N <= M), no whitespace.
// https://fetch.spec.whatwg.org/#simple-range-header-value
bool IsSimpleRangeHeaderValue(std::string_view value);

// SAFE-HDR-*: one header judged alone (the 1024-byte total is applied by the list functions).
// https://fetch.spec.whatwg.org/#cors-safelisted-request-header
bool IsCorsSafelistedRequestHeader(std::string_view name, std::string_view value, const Profile& profile);
// SAFE-FORBIDDEN-REQ. https://fetch.spec.whatwg.org/#forbidden-request-header
bool IsForbiddenRequestHeader(std::string_view name, std::string_view value, const Profile& profile);
// MODE-NO-CORS-LIMITS: Accept, Accept-Language, Content-Language, Content-Type.
bool IsNoCorsSafelistedRequestHeaderName(std::string_view name);

// SAFE-UNSAFE-NAMES / SAFE-TOTAL-1024: lower-cased names of the CORS-unsafe headers, in request
// order (unsafe ones first, then every safelisted one when their values exceed 1024 bytes), with
// duplicates. Forbidden headers are skipped. https://fetch.spec.whatwg.org/#cors-unsafe-request-header-names
std::vector<std::string> CorsUnsafeRequestHeaderNames(const core::HeaderList& headers, const Profile& profile);
// PREFLIGHT-ACRH-FORMAT: sorted, de-duplicated, lower-case, joined with "," (no space).
std::string AccessControlRequestHeadersValue(const core::HeaderList& headers, const Profile& profile);

// ORIGIN-ABNF-CLOSED per engine: `origin` is a serialized origin this engine can put in an Origin
// header. Chromium's host canonicalizer percent-escapes '*' (GURL: "a*b.example" becomes
// "a%2Ab.example"), so an origin with '*' in its host never comes from Chromium (found by
// --verify-in-browser, docs/chromium-findings.md).
bool CanSendOrigin(std::string_view origin, const Profile& profile);

// SAFE-RESP-HDR. https://fetch.spec.whatwg.org/#cors-safelisted-response-header-name
bool IsCorsSafelistedResponseHeaderName(std::string_view name);
// Set-Cookie, Set-Cookie2. https://fetch.spec.whatwg.org/#forbidden-response-header-name
bool IsForbiddenResponseHeaderName(std::string_view name);

}  // namespace corscheck::model
