#include "model/profile.h"

#include <array>
#include <limits>

namespace corscheck::model {
namespace {

constexpr std::int64_t kNoCap = std::numeric_limits<std::int64_t>::max();
constexpr std::size_t kNoUrlLimit = std::numeric_limits<std::size_t>::max();

// Field order: id, name, wildcard_covers_authorization, preflight_status_before_cors_check,
// method_check_before_acah_parse, preflight_redirect_error, max_age_parsing, max_age_cap, cache_kind,
// credentialed_entry_serves_uncredentialed, cache_even_if_request_not_allowed,
// clear_cache_on_failure, max_cacheable_url_length, user_agent_forbidden,
// client_hints_safelisted, cache_lookup_head_is_safelisted, combine_duplicate_request_headers,
// cache_wildcard_covers_authorization, cors_disabled_scheme_redirect_is_cors_error.
constexpr std::array<Profile, 4> kProfiles = {{
    {ProfileId::kSpec, "spec", false, false, false, false, MaxAgeParsing::kSpecDeltaSeconds, kNoCap,
     PreflightCacheKind::kPerEntry, true, false, true, kNoUrlLimit, false, false, true, false, false, false},
    {ProfileId::kChromium, "chromium", true, false, false, true, MaxAgeParsing::kChromiumInt64, 7200,
     PreflightCacheKind::kReplacePerUrl, true, false, false, 1024, true, true, true, true, false, true},
    {ProfileId::kFirefox, "firefox", true, false, true, true, MaxAgeParsing::kFirefoxDigits, 86400,
     PreflightCacheKind::kPerEntry, false, false, true, kNoUrlLimit, false, false, false, true, true, false},
    {ProfileId::kWebKit, "webkit", true, true, false, false, MaxAgeParsing::kWebKitInteger, 600,
     PreflightCacheKind::kReplacePerUrl, true, true, false, kNoUrlLimit, false, false, true, true, true, false},
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
