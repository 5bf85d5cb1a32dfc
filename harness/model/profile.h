// Where browser engines differ from the Fetch Standard and from each other (digest §4), a
// Profile decides. Every knob names the rule it serves.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace corscheck::model {

enum class ProfileId { kSpec, kChromium, kFirefox, kWebKit };

enum class MaxAgeParsing {
  kSpecDeltaSeconds,  // MAXAGE-SPEC: 1*DIGIT or failure (-> default)
  kChromiumInt64,     // MAXAGE-CAP-CHROMIUM: base::StringToInt64; '+' ok; negative -> 0; failure -> default
  kFirefoxDigits,     // MAXAGE-CAP-FIREFOX: any non-digit -> not cached; saturating digits
  kWebKitInteger,     // MAXAGE-CAP-WEBKIT: parseInteger<int64_t>; '+' ok; negative -> 0; failure -> default
};

enum class PreflightCacheKind {
  kPerEntry,    // CACHE-SPEC / CACHE-FIREFOX: one entry per method and header name; entries add up
  kReplacePerUrl,  // CACHE-CHROMIUM / CACHE-WEBKIT: one result per (origin, URL), replaced
};

struct Profile {
  ProfileId id;
  std::string_view name;
  // PFR-ACAH-AUTHZ-WILDCARD: `Access-Control-Allow-Headers: *` covers Authorization.
  bool wildcard_covers_authorization;
  // PFR-ORDER / PFR-OK-STATUS: WebKit checks the preflight status before ACAO/ACAC.
  bool preflight_status_before_cors_check;
  // PFR-ORDER [FF]: the method is checked right after ACAM is parsed, before ACAH is parsed.
  bool method_check_before_acah_parse;
  // REDIR-PREFLIGHT: a 3xx with Location on a preflight is reported as a disallowed redirect
  // (Chromium, Firefox); elsewhere it is just a status that is not ok.
  bool preflight_redirect_error;
  MaxAgeParsing max_age_parsing;
  std::int64_t max_age_cap;  // seconds; MAXAGE-CAP-*
  PreflightCacheKind cache_kind;
  // CACHE-FIREFOX keeps credentialed and uncredentialed entries apart; elsewhere a credentialed
  // entry also serves uncredentialed requests.
  bool credentialed_entry_serves_uncredentialed;
  // CACHE-WEBKIT: the preflight result is stored even when the method/header check then fails.
  bool cache_even_if_request_not_allowed;
  // PFR-FAILURE-CACHE-CLEAR: a failed CORS-with-preflight fetch clears the cache entries.
  bool clear_cache_on_failure;
  // CACHE-CHROMIUM: URLs of 1024 characters or more are not cached.
  std::size_t max_cacheable_url_length;
  // SAFE-FORBIDDEN-REQ [CR] deviation: script-set User-Agent is dropped.
  bool user_agent_forbidden;
  // SAFE-HDR-OTHER [CR] deviation: client-hint headers are safelisted when well-formed.
  bool client_hints_safelisted;
  // CACHE-FIREFOX: the cache lookup treats only GET and POST as safelisted (HEAD needs a token).
  bool cache_lookup_head_is_safelisted;
  // Chromium's URL host canonicalizer percent-escapes '*' (no such origin is ever sent).
  bool host_escapes_asterisk;
  // Blink, Gecko and WebKit keep one entry per request header name, joining repeated
  // Headers.append() values with ", "; the spec's header list keeps them apart.
  bool combine_duplicate_request_headers;
  // CACHE-CHROMIUM: a cached `Access-Control-Allow-Headers: *` never covers Authorization (the
  // cache lookup checks with non-wildcard request-header support on), even where a fresh
  // preflight's `*` does.
  bool cache_wildcard_covers_authorization;
  // REDIR-LIMITS [CR]: a cors-mode redirect to a non-CORS-enabled scheme is kCorsDisabledScheme.
  bool cors_disabled_scheme_redirect_is_cors_error;
};

const Profile& GetProfile(ProfileId id);
std::optional<ProfileId> ProfileFromName(std::string_view name);
std::span<const Profile> AllProfiles();

}  // namespace corscheck::model
