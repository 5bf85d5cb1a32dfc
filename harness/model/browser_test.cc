// A handful of whole fetches through the browser model. The primitives have their own tests; these
// check that main fetch wires them in the right order: which requests go on the wire, with which
// Origin, and which verdict script sees.
#include "model/browser.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>

#include "core/url.h"
#include "model/profile.h"

namespace corscheck::model {
namespace {

using core::CorsError;
using core::HeaderList;

const Profile& Chromium() { return GetProfile(ProfileId::kChromium); }

const core::Origin kPage = core::Origin::Tuple("https", "a.example", std::nullopt);
const std::string kPageOrigin = "https://a.example";

FetchScenario Get(std::string url) {
  FetchScenario s;
  s.page_origin = kPage;
  s.request.url = std::move(url);
  return s;
}

ServerResponse Ok(HeaderList headers) { return {200, std::move(headers)}; }

RedirectHop Redirect(int status, std::string location, HeaderList extra = {}) {
  extra.Append("Location", std::move(location));
  return {{status, std::move(extra)}, std::nullopt};
}

std::optional<std::string> SentOrigin(const FetchVerdict& v, std::size_t i) {
  if (i >= v.sent.size()) return "<not sent>";
  return v.sent[i].headers.Get("origin");
}

std::string Describe(const FetchVerdict& v) {
  std::string out = v.allowed ? "allowed" : "blocked";
  if (v.error) out += " " + std::string(core::Name(*v.error)) + "('" + v.failed_parameter + "')";
  if (v.scenario_error) out += " scenario_error: " + *v.scenario_error;
  return out;
}

TEST(BrowserTest, SimpleCrossOriginGetSendsNoPreflight) {
  // PREFLIGHT-NOT-NEEDED / ORIGIN-WHEN-SENT: a CORS GET carries Origin and goes straight out.
  FetchScenario s = Get("https://b.example/data");
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}, {"Content-Type", "text/plain"}, {"X-Secret", "1"}});
  for (const Profile& profile : AllProfiles()) {
    SCOPED_TRACE(std::string(profile.name));
    const FetchVerdict v = Evaluate(s, profile);
    ASSERT_TRUE(v.allowed) << Describe(v);
    EXPECT_FALSE(v.scenario_error);
    EXPECT_EQ(v.type, ResponseType::kCors);
    EXPECT_EQ(v.status, 200);
    EXPECT_FALSE(v.preflight_sent);
    ASSERT_EQ(v.sent.size(), 1u);
    EXPECT_EQ(v.sent[0].method, "GET");
    EXPECT_FALSE(v.sent[0].preflight);
    EXPECT_EQ(SentOrigin(v, 0), kPageOrigin);
    EXPECT_EQ(v.exposed_headers, (std::vector<std::string>{"content-type"}));
  }
}

TEST(BrowserTest, SimpleGetWithoutAllowOriginIsANetworkError) {
  // CHECK-ACAO-REQUIRED / MISC-OPAQUE-FAILURE: the request went out; script sees status 0.
  FetchScenario s = Get("https://b.example/data");
  s.response = Ok({});
  const FetchVerdict v = Evaluate(s, Chromium());
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.error, CorsError::kMissingAllowOriginHeader) << Describe(v);
  EXPECT_EQ(v.status, 0);
  EXPECT_FALSE(v.type);
  EXPECT_EQ(v.sent.size(), 1u);
  EXPECT_EQ(v.message,
            "Access to fetch at 'https://b.example/data' from origin 'https://a.example' has been blocked by CORS "
            "policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
}

TEST(BrowserTest, PutSendsAPreflightShapedLikeABrowsers) {
  // PREFLIGHT-SHAPE / PREFLIGHT-ACRH-FORMAT / PREFLIGHT-ACRM-VALUE: `put` is normalized to PUT,
  // ACRH is the sorted lower-case list joined with ",".
  FetchScenario s = Get("https://b.example/item");
  s.request.method = "put";
  s.request.headers = {{"X-B", "1"}, {"x-a", "2"}, {"Content-Type", "application/json"}};
  s.preflight_response = ServerResponse{204,
                                        {{"Access-Control-Allow-Origin", kPageOrigin},
                                         {"Access-Control-Allow-Methods", "PUT"},
                                         {"Access-Control-Allow-Headers", "content-type, x-a, x-b"}}};
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_TRUE(v.preflight_sent);
  ASSERT_EQ(v.sent.size(), 2u);

  const SentRequest& preflight = v.sent[0];
  EXPECT_TRUE(preflight.preflight);
  EXPECT_EQ(preflight.method, "OPTIONS");
  EXPECT_EQ(preflight.url, "https://b.example/item");
  EXPECT_EQ(preflight.headers.Get("accept"), "*/*");
  EXPECT_EQ(preflight.headers.Get("access-control-request-method"), "PUT");
  EXPECT_EQ(preflight.headers.Get("access-control-request-headers"), "content-type,x-a,x-b");
  EXPECT_EQ(preflight.headers.Get("origin"), kPageOrigin);
  EXPECT_FALSE(preflight.headers.Contains("x-b"));  // the preflight never carries the request's headers

  const SentRequest& actual = v.sent[1];
  EXPECT_FALSE(actual.preflight);
  EXPECT_EQ(actual.method, "PUT");
  EXPECT_EQ(actual.headers.Get("x-b"), "1");
  EXPECT_EQ(actual.headers.Get("origin"), kPageOrigin);
}

TEST(BrowserTest, PreflightIsOmittedWhileCachedAndSentAgainAfterMaxAge) {
  // CACHE-*: the Browser keeps its cache and clock across fetches; default max-age is 5 s.
  FetchScenario s = Get("https://b.example/item");
  s.request.method = "DELETE";
  s.preflight_response =
      ServerResponse{204, {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Methods", "DELETE"}}};
  s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  Browser browser(Chromium());
  EXPECT_TRUE(browser.Fetch(s).preflight_sent);
  browser.AdvanceClock(4);
  const FetchVerdict cached = browser.Fetch(s);
  EXPECT_TRUE(cached.allowed) << Describe(cached);
  EXPECT_FALSE(cached.preflight_sent);
  browser.AdvanceClock(1);  // exactly 5 s after the preflight
  EXPECT_TRUE(browser.Fetch(s).preflight_sent);
}

TEST(BrowserTest, RedirectToAThirdOriginTaintsTheOrigin) {
  // REDIR-TAINT: A -> B -> C sends `Origin: null` to C, and C must allow `null` or `*`.
  FetchScenario s = Get("https://b.example/r");
  s.redirects = {Redirect(302, "https://c.example/x", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", "null"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  ASSERT_EQ(v.sent.size(), 2u);
  EXPECT_EQ(SentOrigin(v, 0), kPageOrigin);
  EXPECT_EQ(SentOrigin(v, 1), "null");
  EXPECT_EQ(v.final_url, "https://c.example/x");

  // Echoing the page's origin at C fails: the comparand is now `null` (digest §2.2 example 3).
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}});
  const FetchVerdict blocked = Evaluate(s, Chromium());
  EXPECT_EQ(blocked.error, CorsError::kAllowOriginMismatch) << Describe(blocked);
  EXPECT_EQ(blocked.failed_parameter, kPageOrigin);
  EXPECT_NE(blocked.message.find("'https://c.example/x' (redirected from 'https://b.example/r')"),
            std::string::npos)
      << blocked.message;
}

TEST(BrowserTest, RedirectBackToThePageTaintsTheOrigin) {
  // REDIR-TAINT / REDIR-BACK-TO-SELF: A -> B -> A sends `Origin: null` to A; tainting stays cors.
  FetchScenario s = Get("https://b.example/r");
  s.redirects = {Redirect(307, "https://a.example/back", {{"Access-Control-Allow-Origin", "*"}})};
  s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_EQ(v.type, ResponseType::kCors);
  EXPECT_EQ(SentOrigin(v, 1), "null");

  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}});
  const FetchVerdict blocked = Evaluate(s, Chromium());
  EXPECT_EQ(blocked.error, CorsError::kAllowOriginMismatch) << Describe(blocked);
}

TEST(BrowserTest, RedirectWithinTheSameOriginKeepsTheOrigin) {
  // REDIR-TAINT table: A -> B -> B sends A both times.
  FetchScenario s = Get("https://b.example/r");
  s.redirects = {Redirect(301, "/final", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_EQ(SentOrigin(v, 0), kPageOrigin);
  EXPECT_EQ(SentOrigin(v, 1), kPageOrigin);
  EXPECT_EQ(v.final_url, "https://b.example/final");
}

TEST(BrowserTest, SeeOtherTurnsPostIntoGetAndAvoidsThePreflight) {
  // REDIR-METHOD-REWRITE: 303 makes the POST a GET and drops Content-Type, so the cross-origin hop
  // that follows is a simple request: no preflight, though application/json would have needed one.
  FetchScenario s = Get("https://a.example/form");
  s.request.method = "POST";
  s.request.headers = {{"Content-Type", "application/json"}};
  s.redirects = {Redirect(303, "https://b.example/landing")};
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_FALSE(v.preflight_sent);
  ASSERT_EQ(v.sent.size(), 2u);
  EXPECT_EQ(v.sent[0].method, "POST");
  EXPECT_EQ(v.sent[0].headers.Get("content-type"), "application/json");
  EXPECT_EQ(v.sent[1].method, "GET");
  EXPECT_FALSE(v.sent[1].headers.Contains("content-type"));
  EXPECT_EQ(SentOrigin(v, 1), kPageOrigin);  // same-origin first hop: no taint
}

TEST(BrowserTest, LocationWithUserinfoIsRejected) {
  // REDIR-USERINFO: a CORS redirect to a URL with credentials is a network error.
  FetchScenario s = Get("https://b.example/r");
  s.redirects = {Redirect(302, "https://user:pw@c.example/", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  EXPECT_FALSE(v.allowed);
  EXPECT_EQ(v.error, CorsError::kRedirectContainsCredentials) << Describe(v);
  // Chromium 156 reports no failed parameter (its console prints "Redirect location ''").
  EXPECT_EQ(v.failed_parameter, "");
  EXPECT_EQ(v.sent.size(), 1u);
}

TEST(BrowserTest, LocationWithEmptyUserinfoIsFollowed) {
  // REDIR-USERINFO: `https://@host/` carries no credentials (WPT cors/redirect-userinfo.htm).
  FetchScenario s = Get("https://b.example/r");
  s.redirects = {Redirect(302, "https://@c.example/", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  EXPECT_TRUE(v.allowed) << Describe(v);
}

TEST(BrowserTest, TheTwentyFirstRedirectFails) {
  // REDIR-LIMITS: 20 redirects are followed, the 21st fails (net::ERR_TOO_MANY_REDIRECTS).
  // Same-origin hops keep CORS out of the way.
  for (int hops : {20, 21}) {
    SCOPED_TRACE(hops);
    FetchScenario s = Get("https://a.example/0");
    for (int i = 1; i <= hops; ++i) s.redirects.push_back(Redirect(302, "/" + std::to_string(i)));
    s.response = Ok({});
    const FetchVerdict v = Evaluate(s, Chromium());
    EXPECT_FALSE(v.scenario_error) << *v.scenario_error;
    if (hops == 20) {
      EXPECT_TRUE(v.allowed) << Describe(v);
      EXPECT_EQ(v.type, ResponseType::kBasic);
      EXPECT_EQ(v.final_url, "https://a.example/20");
    } else {
      EXPECT_FALSE(v.allowed);
      EXPECT_EQ(v.error, CorsError::kTooManyRedirects) << Describe(v);
    }
  }
}

TEST(BrowserTest, NoCorsGetIsOpaqueAndSendsNoOrigin) {
  // MODE-TAINTING / ORIGIN-WHEN-SENT / EXPOSE-TYPE: no-cors GET has no Origin, and script gets an
  // opaque response with status 0 and no headers, whatever the server said.
  FetchScenario s = Get("https://b.example/img.png");
  s.request.mode = RequestMode::kNoCors;
  s.response = Ok({{"Content-Type", "image/png"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_EQ(v.type, ResponseType::kOpaque);
  EXPECT_EQ(v.status, 0);
  EXPECT_TRUE(v.exposed_headers.empty());
  EXPECT_FALSE(v.preflight_sent);
  ASSERT_EQ(v.sent.size(), 1u);
  EXPECT_FALSE(v.sent[0].headers.Contains("origin"));
}

TEST(BrowserTest, ErrorStatusWithCorsHeadersIsShared) {
  // CHECK-STATUS-ANY: the CORS check ignores the status of a non-preflight response.
  FetchScenario s = Get("https://b.example/missing");
  s.response = {404, {{"Access-Control-Allow-Origin", "*"}}};
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  EXPECT_EQ(v.status, 404);
  EXPECT_EQ(v.type, ResponseType::kCors);
}

TEST(BrowserTest, RedirectAfterPreflightPreflightsAgainWithNullOrigin) {
  // REDIR-PREFLIGHT-AGAIN: the PUT still needs a preflight at the new URL, and the chain is now
  // tainted, so that OPTIONS carries `Origin: null`.
  FetchScenario s = Get("https://b.example/r");
  s.request.method = "PUT";
  s.preflight_response =
      ServerResponse{204, {{"Access-Control-Allow-Origin", kPageOrigin}, {"Access-Control-Allow-Methods", "PUT"}}};
  RedirectHop hop = Redirect(307, "https://c.example/x", {{"Access-Control-Allow-Origin", kPageOrigin}});
  hop.preflight_response =
      ServerResponse{204, {{"Access-Control-Allow-Origin", "null"}, {"Access-Control-Allow-Methods", "PUT"}}};
  s.redirects = {hop};
  s.response = Ok({{"Access-Control-Allow-Origin", "null"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  ASSERT_EQ(v.sent.size(), 4u);
  EXPECT_TRUE(v.sent[2].preflight);
  EXPECT_EQ(v.sent[2].url, "https://c.example/x");
  EXPECT_EQ(SentOrigin(v, 2), "null");
  EXPECT_EQ(v.sent[3].method, "PUT");
  EXPECT_EQ(SentOrigin(v, 3), "null");
}

TEST(BrowserTest, CrossOriginRedirectStripsAuthorization) {
  // REDIR-AUTHZ-STRIP: Authorization is deleted when the redirect changes origin, so the next hop
  // is a simple GET with no second preflight.
  FetchScenario s = Get("https://b.example/r");
  s.request.headers = {{"Authorization", "Bearer t"}};
  s.preflight_response = ServerResponse{
      204, {{"Access-Control-Allow-Origin", kPageOrigin}, {"Access-Control-Allow-Headers", "authorization"}}};
  s.redirects = {Redirect(302, "https://c.example/x", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  ASSERT_TRUE(v.allowed) << Describe(v);
  ASSERT_EQ(v.sent.size(), 3u);
  EXPECT_EQ(v.sent[1].headers.Get("authorization"), "Bearer t");
  EXPECT_FALSE(v.sent[2].preflight);
  EXPECT_FALSE(v.sent[2].headers.Contains("authorization"));
}

TEST(BrowserTest, CredentialedRedirectHopNeedsAllowCredentials) {
  // REDIR-EACH-HOP: a redirect of an `include` request must pass ACAO and ACAC itself.
  FetchScenario s = Get("https://b.example/r");
  s.request.credentials = CredentialsMode::kInclude;
  s.redirects = {Redirect(302, "/y", {{"Access-Control-Allow-Origin", kPageOrigin}})};
  s.response = Ok({{"Access-Control-Allow-Origin", kPageOrigin}, {"Access-Control-Allow-Credentials", "true"}});
  const FetchVerdict v = Evaluate(s, Chromium());
  EXPECT_EQ(v.error, CorsError::kInvalidAllowCredentials) << Describe(v);
  EXPECT_EQ(v.sent.size(), 1u);
}

TEST(BrowserTest, WebKitCachesAPreflightEvenWhenTheRequestFailsIt) {
  // CACHE-WEBKIT: the item is stored even when the method check then fails; Chromium stores only
  // a preflight that allowed the request, so its next PUT is preflighted again.
  FetchScenario del = Get("https://b.example/item");
  del.request.method = "DELETE";
  del.preflight_response =
      ServerResponse{204, {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Methods", "PUT"}}};
  del.response = Ok({{"Access-Control-Allow-Origin", "*"}});
  FetchScenario put = del;
  put.request.method = "PUT";
  struct Case {
    ProfileId profile;
    bool put_preflighted;
  };
  for (const Case& c : {Case{ProfileId::kWebKit, false}, Case{ProfileId::kChromium, true}}) {
    Browser browser(GetProfile(c.profile));
    SCOPED_TRACE(std::string(browser.profile().name));
    const FetchVerdict first = browser.Fetch(del);
    EXPECT_EQ(first.error, CorsError::kMethodDisallowedByPreflightResponse) << Describe(first);
    EXPECT_EQ(first.failed_parameter, "DELETE");
    const FetchVerdict second = browser.Fetch(put);
    EXPECT_TRUE(second.allowed) << Describe(second);
    EXPECT_EQ(second.preflight_sent, c.put_preflighted);
  }
}

TEST(BrowserTest, ForbiddenMethodIsRejectedBeforeAnythingIsSent) {
  // SAFE-FORBIDDEN-METHOD: fetch() throws a TypeError; nothing reaches the network.
  for (const char* method : {"TRACE", "trace", "CONNECT", "Track"}) {
    SCOPED_TRACE(method);
    FetchScenario s = Get("https://b.example/x");
    s.request.method = method;
    s.response = Ok({{"Access-Control-Allow-Origin", "*"}});
    const FetchVerdict v = Evaluate(s, Chromium());
    EXPECT_FALSE(v.allowed);
    EXPECT_EQ(v.error, CorsError::kRequestRejected) << Describe(v);
    EXPECT_TRUE(v.sent.empty());
    EXPECT_FALSE(v.preflight_sent);
  }
}

}  // namespace
}  // namespace corscheck::model
