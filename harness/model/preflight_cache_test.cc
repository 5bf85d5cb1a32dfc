// The preflight cache decides whether a second fetch sends OPTIONS again. Engines disagree on its
// shape (CACHE-SPEC vs CACHE-CHROMIUM), and a server tuned against one of them can break in
// another, so each difference gets its own test. Time is injected: `now` is in seconds.
#include "model/preflight_cache.h"

#include <gtest/gtest.h>

#include <string>

#include "model/profile.h"

namespace corscheck::model {
namespace {

using core::HeaderList;

const std::string kOrigin = "https://a.example";
const std::string kUrl = "https://b.example/api";
constexpr CredentialsMode kOmit = CredentialsMode::kOmit;
constexpr CredentialsMode kInclude = CredentialsMode::kInclude;

const Profile& Spec() { return GetProfile(ProfileId::kSpec); }
const Profile& Chromium() { return GetProfile(ProfileId::kChromium); }
const Profile& Firefox() { return GetProfile(ProfileId::kFirefox); }
const Profile& WebKit() { return GetProfile(ProfileId::kWebKit); }

PreflightResult Allowing(std::vector<std::string> methods, std::vector<std::string> headers = {},
                         bool credentials = false, std::int64_t max_age = 60) {
  return {std::move(methods), std::move(headers), credentials, max_age};
}

bool Skips(PreflightCache& cache, const std::string& method, const HeaderList& headers = {},
           CredentialsMode credentials = kOmit, double now = 1, const std::string& url = kUrl,
           const std::string& origin = kOrigin) {
  return cache.CanSkipPreflight(origin, url, credentials, method, headers, /*use_preflight=*/false, now);
}

TEST(PreflightCacheTest, EmptyCacheNeverSkips) {
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    EXPECT_FALSE(Skips(cache, "PUT"));
    EXPECT_EQ(cache.size(), 0u);
  }
}

TEST(PreflightCacheTest, CoveredMethodAndHeadersSkipThePreflight) {
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}, {"x-a"}), 0);
    EXPECT_TRUE(Skips(cache, "PUT", {{"X-A", "1"}}));
    EXPECT_TRUE(Skips(cache, "PUT"));
  }
}

TEST(PreflightCacheTest, EntriesAreKeyedByOriginAndUrl) {
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}), 0);
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 1, "https://b.example/other"));
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 1, kUrl, "https://c.example"));
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 1, kUrl, "null"));
  }
}

TEST(PreflightCacheTest, ChromiumReplacesWhileTheSpecAccumulates) {
  // CACHE-CHROMIUM: one PreflightResult per key, replaced by each preflight (WebKit too).
  // CACHE-SPEC / CACHE-FIREFOX: one entry per method and header, so permissions add up.
  struct Case {
    const Profile* profile;
    bool first_method_still_cached;
  };
  const Case kCases[] = {{&Chromium(), false}, {&WebKit(), false}, {&Spec(), true}, {&Firefox(), true}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.profile->name));
    PreflightCache cache(*c.profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}, {"x-a"}), 0);
    cache.Store(kOrigin, kUrl, Allowing({"DELETE"}, {"x-b"}), 0);
    EXPECT_TRUE(Skips(cache, "DELETE", {{"X-B", "1"}}));
    EXPECT_EQ(Skips(cache, "PUT", {{"X-A", "1"}}), c.first_method_still_cached);
  }
}

TEST(PreflightCacheTest, AccumulatedEntriesCombineAcrossPreflights) {
  // CACHE-SPEC: a method from one preflight and a header from another together cover a request.
  PreflightCache cache(Spec());
  cache.Store(kOrigin, kUrl, Allowing({"PUT"}), 0);
  cache.Store(kOrigin, kUrl, Allowing({}, {"x-a"}), 0);
  EXPECT_TRUE(Skips(cache, "PUT", {{"x-a", "1"}}));
  EXPECT_FALSE(Skips(cache, "PUT", {{"x-a", "1"}, {"x-b", "1"}}));
}

TEST(PreflightCacheTest, ChromiumErasesAnInsufficientResultOnLookup) {
  // CACHE-CHROMIUM: "On lookup, an expired or insufficient entry is erased."
  PreflightCache cache(Chromium());
  cache.Store(kOrigin, kUrl, Allowing({"PUT"}), 0);
  EXPECT_FALSE(Skips(cache, "DELETE"));
  EXPECT_EQ(cache.size(), 0u);
  EXPECT_FALSE(Skips(cache, "PUT"));
}

TEST(PreflightCacheTest, CredentialedEntryServesUncredentialedExceptInFirefox) {
  // CACHE-SPEC / CACHE-CHROMIUM: credentialed entries match any request. CACHE-FIREFOX keeps them
  // apart.
  struct Case {
    const Profile* profile;
    bool serves_uncredentialed;
  };
  const Case kCases[] = {{&Spec(), true}, {&Chromium(), true}, {&WebKit(), true}, {&Firefox(), false}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.profile->name));
    PreflightCache cache(*c.profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}, {"x-a"}, /*credentials=*/true), 0);
    EXPECT_TRUE(Skips(cache, "PUT", {{"X-A", "1"}}, kInclude));
    EXPECT_EQ(Skips(cache, "PUT", {{"X-A", "1"}}, kOmit), c.serves_uncredentialed);
  }
}

TEST(PreflightCacheTest, UncredentialedEntryNeverServesInclude) {
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}), 0);
    EXPECT_FALSE(Skips(cache, "PUT", {}, kInclude));
  }
}

TEST(PreflightCacheTest, EntryExpiresExactlyAtMaxAge) {
  // Chromium's PreflightResult::IsExpired is `expiry <= now`: at exactly max-age the entry is gone.
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}, {}, false, /*max_age=*/5), 100);
    EXPECT_TRUE(Skips(cache, "PUT", {}, kOmit, 100));
    EXPECT_TRUE(Skips(cache, "PUT", {}, kOmit, 104.999));
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 105));
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 106));
  }
}

TEST(PreflightCacheTest, ZeroMaxAgeIsNotCached) {
  // MAXAGE-SPEC: 0 means the entry expires immediately; ParseMaxAge also maps Firefox's
  // "not cached" and negative values to 0.
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}, {}, false, 0), 0);
    EXPECT_EQ(cache.size(), 0u);
    EXPECT_FALSE(Skips(cache, "PUT", {}, kOmit, 0));
  }
}

TEST(PreflightCacheTest, ChromiumDoesNotCacheUrlsOf1024CharactersOrMore) {
  // CACHE-CHROMIUM: "URLs of 1024 characters or more are not cached."
  const std::string prefix = "https://b.example/";
  const std::string url1023 = prefix + std::string(1023 - prefix.size(), 'p');
  const std::string url1024 = prefix + std::string(1024 - prefix.size(), 'p');
  ASSERT_EQ(url1023.size(), 1023u);
  ASSERT_EQ(url1024.size(), 1024u);

  PreflightCache chromium(Chromium());
  chromium.Store(kOrigin, url1023, Allowing({"PUT"}), 0);
  chromium.Store(kOrigin, url1024, Allowing({"PUT"}), 0);
  EXPECT_TRUE(Skips(chromium, "PUT", {}, kOmit, 1, url1023));
  EXPECT_FALSE(Skips(chromium, "PUT", {}, kOmit, 1, url1024));

  // The spec sets no such limit.
  PreflightCache spec(Spec());
  spec.Store(kOrigin, url1024, Allowing({"PUT"}), 0);
  EXPECT_TRUE(Skips(spec, "PUT", {}, kOmit, 1, url1024));
}

TEST(PreflightCacheTest, WildcardEntriesServeOnlyUncredentialedRequests) {
  // CACHE-SPEC quirk: follow Chromium and never honour `*` from a credentialed entry.
  PreflightCache uncredentialed(Spec());
  uncredentialed.Store(kOrigin, kUrl, Allowing({"*"}, {"*"}), 0);
  EXPECT_TRUE(Skips(uncredentialed, "SUPER", {{"X-Any", "1"}}));

  PreflightCache credentialed(Spec());
  credentialed.Store(kOrigin, kUrl, Allowing({"*"}, {"*"}, /*credentials=*/true), 0);
  EXPECT_FALSE(Skips(credentialed, "SUPER", {}, kOmit));
  EXPECT_FALSE(Skips(credentialed, "SUPER", {}, kInclude));
  EXPECT_TRUE(Skips(credentialed, "*", {}, kInclude));  // a method literally named `*`
}

TEST(PreflightCacheTest, WildcardHeaderEntryCoversAuthorizationPerProfile) {
  // CACHE-SPEC: a `*` header entry matches unless the header is Authorization (spec mode);
  // PFR-ACAH-AUTHZ-WILDCARD: Firefox lets `*` cover it.
  PreflightCache spec(Spec());
  spec.Store(kOrigin, kUrl, Allowing({"PUT"}, {"*"}), 0);
  EXPECT_FALSE(Skips(spec, "PUT", {{"Authorization", "t"}}));
  EXPECT_TRUE(Skips(spec, "PUT", {{"X-A", "1"}}));

  PreflightCache firefox(Firefox());
  firefox.Store(kOrigin, kUrl, Allowing({"PUT"}, {"*"}), 0);
  EXPECT_TRUE(Skips(firefox, "PUT", {{"Authorization", "t"}}));
}

TEST(PreflightCacheTest, MethodEntriesAreCaseSensitive) {
  // CACHE-FIREFOX: method tokens compared case-sensitively (as PFR-ACAM).
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"patch"}), 0);
    EXPECT_FALSE(Skips(cache, "PATCH"));
  }
}

TEST(PreflightCacheTest, UsePreflightFlagRequiresAMethodEntryEvenForGet) {
  // PREFLIGHT-NEEDED: with the use-CORS-preflight flag, a safelisted method needs a cached entry.
  PreflightCache cache(Spec());
  EXPECT_FALSE(cache.CanSkipPreflight(kOrigin, kUrl, kOmit, "GET", {}, /*use_preflight=*/true, 1));
  cache.Store(kOrigin, kUrl, Allowing({"GET"}), 0);
  EXPECT_TRUE(cache.CanSkipPreflight(kOrigin, kUrl, kOmit, "GET", {}, /*use_preflight=*/true, 1));
}

TEST(PreflightCacheTest, FirefoxLookupDoesNotTreatHeadAsSafelisted) {
  // CACHE-FIREFOX: "The cache lookup treats only GET/POST as safelisted (HEAD is missing)", so a
  // HEAD with a custom header needs a cached HEAD method token, or the preflight goes out again.
  PreflightCache firefox(Firefox());
  firefox.Store(kOrigin, kUrl, Allowing({}, {"x-a"}), 0);
  EXPECT_FALSE(Skips(firefox, "HEAD", {{"X-A", "1"}}));
  EXPECT_TRUE(Skips(firefox, "GET", {{"X-A", "1"}}));
}

TEST(PreflightCacheTest, HeadIsSafelistedInOtherProfilesLookups) {
  for (const Profile* profile : {&Spec(), &Chromium(), &WebKit()}) {
    SCOPED_TRACE(std::string(profile->name));
    PreflightCache cache(*profile);
    cache.Store(kOrigin, kUrl, Allowing({}, {"x-a"}), 0);
    EXPECT_TRUE(Skips(cache, "HEAD", {{"X-A", "1"}}));
  }
}

TEST(PreflightCacheTest, ClearRemovesEntriesForOriginAndUrlOnly) {
  // PFR-FAILURE-CACHE-CLEAR.
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    PreflightCache cache(profile);
    cache.Store(kOrigin, kUrl, Allowing({"PUT"}), 0);
    cache.Store(kOrigin, "https://b.example/keep", Allowing({"PUT"}), 0);
    cache.Clear(kOrigin, kUrl);
    EXPECT_FALSE(Skips(cache, "PUT"));
    EXPECT_TRUE(Skips(cache, "PUT", {}, kOmit, 1, "https://b.example/keep"));
  }
}

}  // namespace
}  // namespace corscheck::model
