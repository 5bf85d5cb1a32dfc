#include "model/profile.h"

#include <array>
#include <limits>

namespace corscheck::model {
namespace {

constexpr std::int64_t kNoCap = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kNoUrlLimit = std::numeric_limits<std::size_t>::max();

// Designated initializers: each knob is named next to its value (field docs: profile.h).
constexpr std::array<Profile, 4> kProfiles = {{
    {.id = ProfileId::kSpec,
     .name = "spec",
     .wildcard_covers_authorization = false,
     .preflight_status_before_cors_check = false,
     .method_check_before_acah_parse = false,
     .preflight_redirect_error = false,
     .max_age_parsing = MaxAgeParsing::kSpecDeltaSeconds,
     .max_age_cap = kNoCap,
     .cache_kind = PreflightCacheKind::kPerEntry,
     .credentialed_entry_serves_uncredentialed = true,
     .cache_even_if_request_not_allowed = false,
     .clear_cache_on_failure = true,
     .max_cacheable_url_length = kNoUrlLimit,
     .user_agent_forbidden = false,
     .client_hints_safelisted = false,
     .cache_lookup_head_is_safelisted = true,
     .host_escapes_asterisk = false,
     .combine_duplicate_request_headers = false,
     .cache_wildcard_covers_authorization = false,
     .cors_disabled_scheme_redirect_is_cors_error = false},
    {.id = ProfileId::kChromium,
     .name = "chromium",
     .wildcard_covers_authorization = true,
     .preflight_status_before_cors_check = false,
     .method_check_before_acah_parse = false,
     .preflight_redirect_error = true,
     .max_age_parsing = MaxAgeParsing::kChromiumInt64,
     .max_age_cap = 7200,
     .cache_kind = PreflightCacheKind::kReplacePerUrl,
     .credentialed_entry_serves_uncredentialed = true,
     .cache_even_if_request_not_allowed = false,
     .clear_cache_on_failure = false,
     .max_cacheable_url_length = 1024,
     .user_agent_forbidden = true,
     .client_hints_safelisted = true,
     .cache_lookup_head_is_safelisted = true,
     .host_escapes_asterisk = true,
     .combine_duplicate_request_headers = true,
     .cache_wildcard_covers_authorization = false,
     .cors_disabled_scheme_redirect_is_cors_error = true},
    {.id = ProfileId::kFirefox,
     .name = "firefox",
     .wildcard_covers_authorization = true,
     .preflight_status_before_cors_check = false,
     .method_check_before_acah_parse = true,
     .preflight_redirect_error = true,
     .max_age_parsing = MaxAgeParsing::kFirefoxDigits,
     .max_age_cap = 86400,
     .cache_kind = PreflightCacheKind::kPerEntry,
     .credentialed_entry_serves_uncredentialed = false,
     .cache_even_if_request_not_allowed = false,
     .clear_cache_on_failure = true,
     .max_cacheable_url_length = kNoUrlLimit,
     .user_agent_forbidden = false,
     .client_hints_safelisted = false,
     .cache_lookup_head_is_safelisted = false,
     .host_escapes_asterisk = false,
     .combine_duplicate_request_headers = true,
     .cache_wildcard_covers_authorization = true,
     .cors_disabled_scheme_redirect_is_cors_error = false},
    {.id = ProfileId::kWebKit,
     .name = "webkit",
     .wildcard_covers_authorization = true,
     .preflight_status_before_cors_check = true,
     .method_check_before_acah_parse = false,
     .preflight_redirect_error = false,
     .max_age_parsing = MaxAgeParsing::kWebKitInteger,
     .max_age_cap = 600,
     .cache_kind = PreflightCacheKind::kReplacePerUrl,
     .credentialed_entry_serves_uncredentialed = true,
     .cache_even_if_request_not_allowed = true,
     .clear_cache_on_failure = false,
     .max_cacheable_url_length = kNoUrlLimit,
     .user_agent_forbidden = false,
     .client_hints_safelisted = false,
     .cache_lookup_head_is_safelisted = true,
     .host_escapes_asterisk = false,
     .combine_duplicate_request_headers = true,
     .cache_wildcard_covers_authorization = true,
     .cors_disabled_scheme_redirect_is_cors_error = false},
}};
}  // namespace

const Profile& GetProfile(ProfileId id) { return kProfiles[static_cast<std::size_t>(id)]; }

std::optional<ProfileId> ProfileFromName(std::string_view name) {
  for (const Profile& p : kProfiles) {
    if (p.name == name) return p.id;
  }
  return std::nullopt;
}

std::span<const Profile> AllProfiles() { return kProfiles; }

}  // namespace corscheck::model
