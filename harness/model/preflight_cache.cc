#include "model/preflight_cache.h"

#include <algorithm>

#include "core/ascii.h"
#include "model/request_rules.h"

namespace corscheck::model {

bool PreflightCache::EntryMatches(const Entry& e, const std::string& origin, const std::string& url,
                                  CredentialsMode credentials, double now) const {
  if (e.origin != origin || e.url != url || e.expiry <= now) return false;
  const bool include = credentials == CredentialsMode::kInclude;
  if (profile_->credentialed_entry_serves_uncredentialed) return e.credentials || !include;
  return e.credentials == include;
}

bool PreflightCache::CanSkipPreflight(const std::string& origin, const std::string& url,
                                      CredentialsMode credentials, const std::string& method,
                                      const core::HeaderList& headers, bool use_preflight, double now) {
  if (profile_->cache_kind == PreflightCacheKind::kReplacePerUrl) {
    auto it = std::find_if(results_.begin(), results_.end(),
                           [&](const Result& r) { return r.origin == origin && r.url == url; });
    if (it == results_.end()) return false;
    Profile lookup = *profile_;  // CACHE-CHROMIUM: the lookup may not let `*` cover Authorization
    lookup.wildcard_covers_authorization = profile_->cache_wildcard_covers_authorization;
    const bool usable = it->expiry > now &&
                        !(!it->result.credentials && credentials == CredentialsMode::kInclude) &&
                        CheckMethod(it->result, method).ok() && CheckHeaders(it->result, headers, lookup).ok();
    if (!usable) results_.erase(it);
    return usable;
  }
  // kPerEntry: https://fetch.spec.whatwg.org/#cors-preflight-cache
  const bool include = credentials == CredentialsMode::kInclude;
  auto has_match = [&](bool is_method, const std::string& name) {
    return std::any_of(entries_.begin(), entries_.end(), [&](const Entry& e) {
      if (e.is_method != is_method || !EntryMatches(e, origin, url, credentials, now)) return false;
      if (is_method) return e.name == name || (e.name == "*" && !include && !e.credentials);
      if (e.name == name) return true;
      return e.name == "*" && !include && !e.credentials &&
             (name != "authorization" || profile_->wildcard_covers_authorization);
    });
  };
  const bool safelisted =
      IsCorsSafelistedMethod(method) && (method != "HEAD" || profile_->cache_lookup_head_is_safelisted);
  if ((use_preflight || !safelisted) && !has_match(true, method)) return false;
  for (const std::string& name : CorsUnsafeRequestHeaderNames(headers, *profile_)) {
    if (!has_match(false, name)) return false;
  }
  return true;
}

void PreflightCache::Store(const std::string& origin, const std::string& url, const PreflightResult& result,
                           double now) {
  if (url.size() >= profile_->max_cacheable_url_length || result.max_age <= 0) {
    if (profile_->cache_kind == PreflightCacheKind::kReplacePerUrl) Clear(origin, url);
    return;
  }
  const double expiry = now + static_cast<double>(result.max_age);
  if (profile_->cache_kind == PreflightCacheKind::kReplacePerUrl) {
    Clear(origin, url);
    results_.push_back({origin, url, result, expiry});
    return;
  }
  auto upsert = [&](bool is_method, const std::string& name) {
    for (Entry& e : entries_) {
      if (e.origin == origin && e.url == url && e.credentials == result.credentials && e.is_method == is_method &&
          e.name == name) {
        e.expiry = expiry;
        return;
      }
    }
    entries_.push_back({origin, url, result.credentials, is_method, name, expiry});
  };
  for (const std::string& m : result.methods) upsert(true, m);
  for (const std::string& h : result.headers) upsert(false, h);
}

void PreflightCache::Clear(const std::string& origin, const std::string& url) {
  std::erase_if(results_, [&](const Result& r) { return r.origin == origin && r.url == url; });
  std::erase_if(entries_, [&](const Entry& e) { return e.origin == origin && e.url == url; });
}

}  // namespace corscheck::model
