#include "target/reference.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <set>
#include <sstream>

#include "cases/policy_loader.h"
#include "core/url.h"
#include "model/browser.h"
#include "model/cors_check.h"
#include "model/request_rules.h"

namespace corscheck::target {
namespace {

using core::CorsError;
using model::CredentialsMode;
using model::ProfileId;

constexpr const char* kApp = "https://app.example.com";
constexpr const char* kEvil = "https://evil.test";
constexpr const char* kPreflightVary = "Vary: Origin, Access-Control-Request-Method, Access-Control-Request-Headers\n";

// The documented example policy, with the subdomain pattern moved to another domain so that
// https://*.example.com look-alikes are not allowed by the pattern itself.
core::Policy AppPolicy() {
  auto policy = cases::ParsePolicy(
      R"({"origins": ["https://app.example.com", "http://localhost:3000"],
          "origin_patterns": ["https://*.partner.test"], "credentials": true,
          "methods": ["GET","POST","PUT","DELETE"], "headers": ["Content-Type","Authorization","X-Requested-With"],
          "expose_headers": ["X-Total-Count"], "max_age": 600, "private_network": false})",
      "test-policy");
  CORSCHECK_CHECK(policy.ok());
  return *policy;
}

ReferenceOptions With(std::vector<Fault> faults, core::Policy policy = AppPolicy()) {
  return ReferenceOptions{std::move(policy), std::move(faults)};
}

core::HttpRequest Request(std::string method, std::string path, std::optional<std::string> origin) {
  core::HttpRequest r;
  r.method = std::move(method);
  r.url = "https://api.example.com" + path;
  if (origin) r.headers.Append("Origin", *origin);
  return r;
}

core::HttpRequest Get(std::string path, std::optional<std::string> origin) {
  return Request("GET", std::move(path), std::move(origin));
}

core::HttpRequest Preflight(std::optional<std::string> origin, std::string method = "PUT",
                            std::string request_headers = "authorization,content-type") {
  core::HttpRequest r = Request("OPTIONS", "/items", std::move(origin));
  r.headers.Append("Access-Control-Request-Method", std::move(method));
  if (!request_headers.empty()) r.headers.Append("Access-Control-Request-Headers", std::move(request_headers));
  return r;
}

// Header lines as text, one "Name: value\n" each, so a failure shows the whole header section.
std::string Lines(const core::HttpResponse& response) {
  std::string out;
  for (const core::Header& h : response.headers) out += h.name + ": " + h.value + "\n";
  return out;
}

core::HttpResponse Serve(const ReferenceOptions& options, const core::HttpRequest& request) {
  return HandleReferenceRequest(options, request);
}

// What `page_origin`'s fetch() gets when the reference server answers both the preflight (when
// the browser sends one) and the actual request: the server sees the requests the browser builds.
model::FetchVerdict BrowserFetch(const ReferenceOptions& options, std::string_view page_origin,
                                 model::FetchRequest request, ProfileId profile_id = ProfileId::kChromium) {
  const model::Profile& profile = model::GetProfile(profile_id);
  const std::optional<core::Origin> origin = core::ParseSerializedOrigin(page_origin);
  CORSCHECK_CHECK(origin.has_value());
  const std::string method = model::NormalizeMethod(request.method);

  core::HttpRequest preflight{"OPTIONS", request.url, {}, {}};
  preflight.headers.Append("Accept", "*/*");
  preflight.headers.Append("Access-Control-Request-Method", method);
  if (std::string acrh = model::AccessControlRequestHeadersValue(request.headers, profile); !acrh.empty()) {
    preflight.headers.Append("Access-Control-Request-Headers", acrh);
  }
  preflight.headers.Append("Origin", std::string(page_origin));
  core::HttpRequest actual{method, request.url, request.headers, {}};
  actual.headers.Append("Origin", std::string(page_origin));

  const core::HttpResponse preflight_response = HandleReferenceRequest(options, preflight);
  const core::HttpResponse actual_response = HandleReferenceRequest(options, actual);
  model::FetchScenario scenario;
  scenario.page_origin = *origin;
  scenario.request = std::move(request);
  scenario.preflight_response = model::ServerResponse{preflight_response.status, preflight_response.headers};
  scenario.response = model::ServerResponse{actual_response.status, actual_response.headers};
  model::FetchVerdict verdict = model::Evaluate(scenario, profile);
  CORSCHECK_CHECK(!verdict.scenario_error.has_value());
  return verdict;
}

model::FetchRequest CredentialedPut() {
  model::FetchRequest r;
  r.url = "https://api.example.com/items";
  r.method = "PUT";
  r.headers = {{"Authorization", "Bearer t"}, {"Content-Type", "application/json"}};
  r.credentials = CredentialsMode::kInclude;
  return r;
}

model::FetchRequest SimpleGet(CredentialsMode credentials = CredentialsMode::kInclude, std::string path = "/items") {
  model::FetchRequest r;
  r.url = "https://api.example.com" + path;
  r.credentials = credentials;
  return r;
}

// ---------------------------------------------------------------------------------------------
// Fault names are a promise: CLI flags, reports and docs/faults.md use them.

TEST(FaultTest, NamesAreStableAndRoundTrip) {
  static constexpr std::string_view kNames[] = {
      "wildcard-with-credentials", "reflect-any-origin", "reflect-any-origin-credentials", "null-allowed",
      "prefix-match", "suffix-match", "unescaped-dot", "http-scheme-trusted", "any-subdomain-trusted",
      "missing-vary", "vary-missing-on-denied", "preflight-405", "preflight-401", "preflight-redirect",
      "acah-missing-requested", "acah-wildcard-with-credentials", "acam-missing-method", "duplicate-acao",
      "acao-list", "acao-trailing-slash", "acac-wrong-case", "credentials-missing", "max-age-invalid",
      "expose-missing", "private-network-by-default", "no-cors-on-errors", "fallback-first-origin"};
  ASSERT_EQ(AllFaults().size(), std::size(kNames));
  for (std::size_t i = 0; i < std::size(kNames); ++i) {
    SCOPED_TRACE(kNames[i]);
    const Fault fault = AllFaults()[i];
    EXPECT_EQ(Name(fault), kNames[i]);
    EXPECT_EQ(FaultFromName(kNames[i]), fault);
    EXPECT_FALSE(Describe(fault).empty());
  }
  EXPECT_EQ(FaultFromName("Wildcard-With-Credentials"), std::nullopt);
  EXPECT_EQ(FaultFromName(""), std::nullopt);
}

TEST(FaultTest, DocsFaultsMdHasARowForEveryFault) {
  std::ifstream in("docs/faults.md");  // tests run from the source directory
  ASSERT_TRUE(in) << "docs/faults.md not found from the working directory";
  std::stringstream text;
  text << in.rdbuf();
  for (Fault fault : AllFaults()) {
    EXPECT_NE(text.str().find("\n| `" + std::string(Name(fault)) + "` |"), std::string::npos) << Name(fault);
  }
}

// ---------------------------------------------------------------------------------------------
// Correct behaviour.

TEST(ReferenceTest, AllowedOriginGetsEchoCredentialsExposeAndVary) {
  const core::HttpResponse r = Serve(With({}), Get("/items", kApp));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.reason, "OK");
  EXPECT_EQ(Lines(r),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://app.example.com\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  EXPECT_EQ(r.body, R"({"ok":true,"path":"/items","method":"GET"})");
}

TEST(ReferenceTest, DeniedAndOriginlessResponsesStillVaryOnOrigin) {
  // VARY-ORIGIN-DYNAMIC: without Vary a cache could hand the no-Origin answer to a CORS request.
  for (const std::optional<std::string>& origin : {std::optional<std::string>(kEvil), std::optional<std::string>()}) {
    SCOPED_TRACE(origin.value_or("(no Origin)"));
    const core::HttpResponse r = Serve(With({}), Get("/items", origin));
    EXPECT_EQ(r.status, 200);
    EXPECT_EQ(Lines(r), "Content-Type: application/json\nVary: Origin\n");
  }
}

TEST(ReferenceTest, OriginIsComparedByteForByte) {
  // A browser never sends these forms (ORIGIN-ABNF-CLOSED); the server must not normalize them.
  for (const char* origin : {"https://APP.example.com", "https://app.example.com/", "https://app.example.com:443",
                             " https://app.example.com,https://app.example.com", "Null", "https://app.example.co"}) {
    SCOPED_TRACE(origin);
    EXPECT_EQ(Lines(Serve(With({}), Get("/", origin))), "Content-Type: application/json\nVary: Origin\n");
  }
  EXPECT_EQ(Lines(Serve(With({}), Get("/", "http://localhost:3000"))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: http://localhost:3000\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
}

TEST(ReferenceTest, AllowedPreflightListsThePolicy) {
  const core::HttpResponse r = Serve(With({}), Preflight(kApp));
  EXPECT_EQ(r.status, 204);
  EXPECT_EQ(r.reason, "No Content");
  EXPECT_EQ(Lines(r), std::string("Access-Control-Allow-Origin: https://app.example.com\n"
                                  "Access-Control-Allow-Credentials: true\n"
                                  "Access-Control-Allow-Methods: GET, POST, PUT, DELETE\n"
                                  "Access-Control-Allow-Headers: Content-Type, Authorization, X-Requested-With\n"
                                  "Access-Control-Max-Age: 600\n") +
                          kPreflightVary);
  EXPECT_TRUE(r.body.empty());
}

TEST(ReferenceTest, DeniedPreflightIs204WithoutAllowHeaders) {
  for (const std::optional<std::string>& origin : {std::optional<std::string>(kEvil), std::optional<std::string>()}) {
    SCOPED_TRACE(origin.value_or("(no Origin)"));
    const core::HttpResponse r = Serve(With({}), Preflight(origin));
    EXPECT_EQ(r.status, 204);
    EXPECT_EQ(Lines(r), kPreflightVary);
  }
}

TEST(ReferenceTest, OptionsWithoutRequestMethodIsAnActualRequest) {
  const core::HttpResponse r = Serve(With({}), Request("OPTIONS", "/items", kApp));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(r.body, R"({"ok":true,"path":"/items","method":"OPTIONS"})");
  EXPECT_NE(Lines(r).find("Access-Control-Expose-Headers: X-Total-Count\nVary: Origin\n"), std::string::npos);
}

TEST(ReferenceTest, OmitsHeadersThePolicyLeavesEmpty) {
  core::Policy policy;
  policy.origins = {kApp};
  EXPECT_EQ(Lines(Serve(With({}, policy), Preflight(kApp))),
            std::string("Access-Control-Allow-Origin: https://app.example.com\n") + kPreflightVary);
  EXPECT_EQ(Lines(Serve(With({}, policy), Get("/", kApp))),
            "Content-Type: application/json\nAccess-Control-Allow-Origin: https://app.example.com\nVary: Origin\n");
}

TEST(ReferenceTest, NullOriginOnlyWhenListed) {
  EXPECT_EQ(Lines(Serve(With({}), Get("/", "null"))), "Content-Type: application/json\nVary: Origin\n");
  core::Policy policy = AppPolicy();
  policy.origins.push_back("null");
  EXPECT_EQ(Lines(Serve(With({}, policy), Get("/", "null"))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: null\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  // A sandboxed iframe (opaque origin) can then read the response.
  const model::FetchVerdict v = BrowserFetch(With({}, policy), "null", SimpleGet());
  EXPECT_TRUE(v.allowed) << v.message;
}

TEST(ReferenceTest, PatternAllowsSubdomainsOnly) {
  for (const char* origin : {"https://a.partner.test", "https://a.b.partner.test"}) {
    SCOPED_TRACE(origin);
    EXPECT_NE(Lines(Serve(With({}), Get("/", origin))).find(std::string("Access-Control-Allow-Origin: ") + origin),
              std::string::npos);
  }
  for (const char* origin : {"https://partner.test", "http://a.partner.test", "https://a.partner.test:8443",
                             "https://apartner.test", "https://a.partner.test.evil.test"}) {
    SCOPED_TRACE(origin);
    EXPECT_EQ(Lines(Serve(With({}), Get("/", origin))), "Content-Type: application/json\nVary: Origin\n");
  }
}

TEST(ReferenceTest, OriginAllowedByPolicyMatchesExactlyOrByPattern) {
  core::Policy policy;
  policy.origins = {"https://app.example.com"};
  policy.origin_patterns = {"https://*.example.com", "http://*.local.test:8080"};
  struct Case {
    const char* origin;
    bool allowed;
  };
  static const Case kCases[] = {
      {"https://app.example.com", true},
      {"https://a.example.com", true},
      {"https://a.b.example.com", true},
      {"https://example.com", false},           // the pattern's * is a whole label: one at least
      {"http://a.example.com", false},          // scheme is part of the pattern
      {"https://a.example.com:8443", false},    // so is the port
      {"https://a.example.com.evil.test", false},
      {"https://aexample.com", false},
      {"https://.example.com", false},
      {"https://a..example.com", false},
      {"https://A.example.com", false},         // byte match: a browser sends lower case
      {"http://x.local.test:8080", true},
      {"http://x.local.test", false},
      {"null", false},
      {"*", false},
      {"", false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.origin);
    EXPECT_EQ(OriginAllowedByPolicy(policy, c.origin), c.allowed);
  }
  policy.origins.push_back("null");
  EXPECT_TRUE(OriginAllowedByPolicy(policy, "null"));

  core::Policy wildcard;
  wildcard.origins = {"*"};
  EXPECT_TRUE(OriginAllowedByPolicy(wildcard, "https://anything.test"));
  wildcard.credentials = true;  // '*' means nothing with credentials (the loader refuses it)
  EXPECT_FALSE(OriginAllowedByPolicy(wildcard, "https://anything.test"));
}

TEST(ReferenceTest, ErrorStatusesCarryCorsHeadersAndJsonBodies) {
  // CHECK-STATUS-ANY: with CORS headers, script can read the 404/500 and show a real error.
  struct Case {
    const char* path;
    int status;
    const char* reason;
  };
  for (const Case& c : {Case{"/status/404", 404, "Not Found"}, Case{"/status/500?x=1", 500, "Internal Server Error"}}) {
    SCOPED_TRACE(c.path);
    const core::HttpResponse r = Serve(With({}), Get(c.path, kApp));
    EXPECT_EQ(r.status, c.status);
    EXPECT_EQ(r.reason, c.reason);
    EXPECT_EQ(Lines(r),
              "Content-Type: application/json\n"
              "Access-Control-Allow-Origin: https://app.example.com\n"
              "Access-Control-Allow-Credentials: true\n"
              "Access-Control-Expose-Headers: X-Total-Count\n"
              "Vary: Origin\n");
    const std::string path = std::string(c.path).substr(0, std::string(c.path).find('?'));
    EXPECT_EQ(r.body, R"({"ok":false,"status":)" + std::to_string(c.status) + R"(,"path":")" + path +
                          R"(","method":"GET"})");
    EXPECT_EQ(Lines(Serve(With({}), Get(c.path, kEvil))), "Content-Type: application/json\nVary: Origin\n");
  }
  const model::FetchVerdict v = BrowserFetch(With({}), kApp, SimpleGet(CredentialsMode::kInclude, "/status/500"));
  EXPECT_TRUE(v.allowed) << v.message;
  EXPECT_EQ(v.status, 500);
}

TEST(ReferenceTest, OtherPathsAnswer200AndBodiesAreValidJson) {
  EXPECT_EQ(Serve(With({}), Get("/status/418", kApp)).status, 200);
  EXPECT_EQ(Serve(With({}), Get("/", kApp)).body, R"({"ok":true,"path":"/","method":"GET"})");
  core::HttpRequest odd = Get("/a%22b", kApp);
  odd.method = "X\"\\\x01\xE9";
  EXPECT_EQ(Serve(With({}), odd).body, R"({"ok":true,"path":"/a%22b","method":"X\"\\\u0001\u00e9"})");
  core::HttpRequest origin_form = Get("/", kApp);
  origin_form.url = "/status/404?q";  // what a socket server sees on the request line
  EXPECT_EQ(Serve(With({}), origin_form).status, 404);
}

TEST(ReferenceTest, HeadHasNoBody) {
  const core::HttpResponse r = Serve(With({}), Request("HEAD", "/items", kApp));
  EXPECT_EQ(r.status, 200);
  EXPECT_TRUE(r.body.empty());
  EXPECT_NE(Lines(r).find("Access-Control-Allow-Origin: https://app.example.com\n"), std::string::npos);
}

TEST(ReferenceTest, StaticWildcardPolicyNeedsNoVary) {
  // VARY-ORIGIN-STATIC: the same ACAO on every response, so caches may share it.
  core::Policy policy;
  policy.origins = {"*"};
  policy.methods = {"GET", "PUT"};
  for (const std::optional<std::string>& origin :
       {std::optional<std::string>(kEvil), std::optional<std::string>("null"), std::optional<std::string>()}) {
    SCOPED_TRACE(origin.value_or("(no Origin)"));
    EXPECT_EQ(Lines(Serve(With({}, policy), Get("/", origin))),
              "Content-Type: application/json\nAccess-Control-Allow-Origin: *\n");
    EXPECT_EQ(Lines(Serve(With({}, policy), Get("/status/404", origin))),
              "Content-Type: application/json\nAccess-Control-Allow-Origin: *\n");
  }
  EXPECT_EQ(Lines(Serve(With({}, policy), Preflight(kEvil))),
            std::string("Access-Control-Allow-Origin: *\nAccess-Control-Allow-Methods: GET, PUT\n") + kPreflightVary);
  model::FetchRequest put = SimpleGet(CredentialsMode::kSameOrigin);
  put.method = "PUT";
  EXPECT_TRUE(BrowserFetch(With({}, policy), kEvil, put).allowed);
}

TEST(ReferenceTest, PrivateNetworkOnlyWhenAskedAndAllowed) {
  core::Policy policy = AppPolicy();
  policy.private_network = true;
  core::HttpRequest asked = Preflight(kApp);
  asked.headers.Append("Access-Control-Request-Private-Network", "true");
  EXPECT_NE(Lines(Serve(With({}, policy), asked)).find("Access-Control-Allow-Private-Network: true\n"),
            std::string::npos);
  EXPECT_EQ(Lines(Serve(With({}, policy), Preflight(kApp))).find("Private-Network"), std::string::npos);
  EXPECT_EQ(Lines(Serve(With({}), asked)).find("Private-Network"), std::string::npos);  // policy says no
  core::HttpRequest denied = Preflight(kEvil);
  denied.headers.Append("Access-Control-Request-Private-Network", "true");
  EXPECT_EQ(Lines(Serve(With({}, policy), denied)), kPreflightVary);
}

TEST(ReferenceTest, BrowserAllowsWhatThePolicyAllowsAndBlocksTheRest) {
  for (ProfileId profile : {ProfileId::kChromium, ProfileId::kSpec, ProfileId::kFirefox, ProfileId::kWebKit}) {
    SCOPED_TRACE(model::GetProfile(profile).name);
    const model::FetchVerdict ok = BrowserFetch(With({}), kApp, CredentialedPut(), profile);
    EXPECT_TRUE(ok.allowed) << ok.message;
    EXPECT_TRUE(ok.preflight_sent);
    EXPECT_EQ(ok.max_age, std::min<std::int64_t>(600, model::GetProfile(profile).max_age_cap));

    const model::FetchVerdict evil = BrowserFetch(With({}), kEvil, CredentialedPut(), profile);
    EXPECT_FALSE(evil.allowed);
    EXPECT_EQ(evil.error, CorsError::kPreflightMissingAllowOriginHeader);

    const model::FetchVerdict simple = BrowserFetch(With({}), kEvil, SimpleGet(), profile);
    EXPECT_EQ(simple.error, CorsError::kMissingAllowOriginHeader);
  }
  // A method outside the policy fails on the preflight.
  model::FetchRequest patch = CredentialedPut();
  patch.method = "PATCH";
  EXPECT_EQ(BrowserFetch(With({}), kApp, patch).error, CorsError::kMethodDisallowedByPreflightResponse);
}

// ---------------------------------------------------------------------------------------------
// Faults: each misbehaves exactly as docs/faults.md says, and the browser model shows the effect.

TEST(ReferenceFaultTest, WildcardWithCredentialsSendsStaticStarAndTrue) {
  const ReferenceOptions options = With({Fault::kWildcardWithCredentials});
  for (const std::optional<std::string>& origin : {std::optional<std::string>(kApp), std::optional<std::string>()}) {
    SCOPED_TRACE(origin.value_or("(no Origin)"));
    EXPECT_EQ(Lines(Serve(options, Get("/", origin))),
              "Content-Type: application/json\n"
              "Access-Control-Allow-Origin: *\n"
              "Access-Control-Allow-Credentials: true\n"
              "Access-Control-Expose-Headers: X-Total-Count\n");
  }
  EXPECT_EQ(BrowserFetch(options, kApp, SimpleGet()).error, CorsError::kWildcardOriginNotAllowed);
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightWildcardOriginNotAllowed);
  // Without credentials the star works, for every site: the policy's allowlist is gone.
  EXPECT_TRUE(BrowserFetch(options, kEvil, SimpleGet(CredentialsMode::kOmit)).allowed);
}

TEST(ReferenceFaultTest, ReflectAnyOriginEchoesWithoutCredentials) {
  const ReferenceOptions options = With({Fault::kReflectAnyOrigin});
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://evil.test\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  EXPECT_NE(Lines(Serve(options, Get("/", kApp))).find("Access-Control-Allow-Credentials: true"), std::string::npos);
  EXPECT_TRUE(BrowserFetch(options, kEvil, SimpleGet(CredentialsMode::kOmit)).allowed);
  EXPECT_EQ(BrowserFetch(options, kEvil, SimpleGet()).error, CorsError::kInvalidAllowCredentials);
}

TEST(ReferenceFaultTest, ReflectAnyOriginCredentialsHandsEverySiteTheUsersData) {
  const ReferenceOptions options = With({Fault::kReflectAnyOriginCredentials});
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://evil.test\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  const model::FetchVerdict v = BrowserFetch(options, kEvil, CredentialedPut());
  EXPECT_TRUE(v.allowed) << v.message;
  EXPECT_EQ(Lines(Serve(options, Get("/", std::nullopt))), "Content-Type: application/json\nVary: Origin\n");
}

TEST(ReferenceFaultTest, NullAllowedTrustsOpaqueOriginsWithCredentials) {
  const ReferenceOptions options = With({Fault::kNullAllowed});
  EXPECT_EQ(Lines(Serve(options, Get("/", "null"))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: null\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))), "Content-Type: application/json\nVary: Origin\n");
  // Any site can get an opaque origin (a sandboxed iframe) and read credentialed responses.
  EXPECT_TRUE(BrowserFetch(options, "null", CredentialedPut()).allowed);
  EXPECT_FALSE(BrowserFetch(With({}), "null", CredentialedPut()).allowed);
}

struct LookAlike {
  const char* origin;
  bool passes;
};

void ExpectLookAlikes(const ReferenceOptions& options, std::initializer_list<LookAlike> cases) {
  for (const LookAlike& c : cases) {
    SCOPED_TRACE(c.origin);
    const std::string lines = Lines(Serve(options, Get("/", c.origin)));
    if (c.passes) {
      EXPECT_EQ(lines, std::string("Content-Type: application/json\n") + "Access-Control-Allow-Origin: " + c.origin +
                           "\nAccess-Control-Allow-Credentials: true\nAccess-Control-Expose-Headers: X-Total-Count\n"
                           "Vary: Origin\n");
      EXPECT_TRUE(BrowserFetch(options, c.origin, CredentialedPut()).allowed);
      // The same origin is refused by the correct server.
      EXPECT_EQ(Lines(Serve(With({}, options.policy), Get("/", c.origin))),
                "Content-Type: application/json\nVary: Origin\n");
    } else {
      EXPECT_EQ(lines, "Content-Type: application/json\nVary: Origin\n");
    }
  }
}

TEST(ReferenceFaultTest, PrefixMatchAcceptsOriginsThatStartWithAnAllowedOne) {
  ExpectLookAlikes(With({Fault::kPrefixMatch}), {{"https://app.example.com.evil.test", true},
                                                 {"https://app.example.community", true},
                                                 {"http://localhost:30000", true},
                                                 {"https://evilapp.example.com", false},
                                                 {"https://evil.test", false}});
}

TEST(ReferenceFaultTest, SuffixMatchAcceptsOriginsThatEndWithAnAllowedHost) {
  ExpectLookAlikes(With({Fault::kSuffixMatch}), {{"https://evilapp.example.com", true},
                                                 {"http://evilapp.example.com", true},
                                                 {"http://evillocalhost:3000", true},
                                                 {"https://evilpartner.test", true},  // pattern *.partner.test
                                                 {"https://app.example.com.evil.test", false},
                                                 {"https://evil.test", false}});
  core::Policy pattern_only = AppPolicy();
  pattern_only.origins.clear();
  pattern_only.origin_patterns = {"https://*.example.com"};
  ExpectLookAlikes(With({Fault::kSuffixMatch}, pattern_only),
                   {{"https://notexample.com", true}, {"https://example.community", false}});
}

TEST(ReferenceFaultTest, UnescapedDotLetsAnyByteStandInForADot) {
  ExpectLookAlikes(With({Fault::kUnescapedDot}), {{"https://appxexample.com", true},
                                                  {"https://app-example.com", true},
                                                  {"https://a.partnerxtest", true},  // https://*.partner.test
                                                  {"https://evilpartner.test", true},
                                                  {"https://appxexample.co", false},
                                                  {"https://app.example.com.evil.test", false}});
}

TEST(ReferenceFaultTest, HttpSchemeTrustedAcceptsHttpTwins) {
  ExpectLookAlikes(With({Fault::kHttpSchemeTrusted}), {{"http://app.example.com", true},
                                                       {"http://a.partner.test", true},
                                                       {"http://evil.test", false},
                                                       {"https://localhost:3000", false}});
}

TEST(ReferenceFaultTest, AnySubdomainTrustedAcceptsSiblings) {
  ExpectLookAlikes(With({Fault::kAnySubdomainTrusted}), {{"https://evil.example.com", true},
                                                         {"https://a.b.example.com", true},
                                                         {"https://example.com", false},
                                                         {"http://evil.example.com", false},
                                                         {"https://evil.example.com:8443", false},
                                                         {"https://evilexample.com", false}});
}

TEST(ReferenceFaultTest, MissingVaryDropsVaryEverywhere) {
  const ReferenceOptions options = With({Fault::kMissingVary});
  EXPECT_EQ(Lines(Serve(options, Get("/", kApp))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://app.example.com\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n");
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))), "Content-Type: application/json\n");
  EXPECT_EQ(Lines(Serve(options, Get("/", std::nullopt))), "Content-Type: application/json\n");
  EXPECT_EQ(Lines(Serve(options, Preflight(kApp))).find("Vary"), std::string::npos);
  EXPECT_EQ(Lines(Serve(options, Preflight(kEvil))), "");
}

TEST(ReferenceFaultTest, VaryMissingOnDeniedKeepsVaryOnlyWhenAllowed) {
  const ReferenceOptions options = With({Fault::kVaryMissingOnDenied});
  EXPECT_NE(Lines(Serve(options, Get("/", kApp))).find("Vary: Origin\n"), std::string::npos);
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))), "Content-Type: application/json\n");
  EXPECT_EQ(Lines(Serve(options, Get("/", std::nullopt))), "Content-Type: application/json\n");
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find(kPreflightVary), std::string::npos);
  EXPECT_EQ(Lines(Serve(options, Preflight(kEvil))), "");
}

TEST(ReferenceFaultTest, Preflight405HasNoCorsHeaders) {
  const ReferenceOptions options = With({Fault::kPreflight405});
  const core::HttpResponse r = Serve(options, Preflight(kApp));
  EXPECT_EQ(r.status, 405);
  EXPECT_EQ(Lines(r), "Allow: GET, HEAD, POST\nContent-Type: application/json\n");
  // PFR-ORDER: Chromium checks ACAO before the status, WebKit the status first.
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightMissingAllowOriginHeader);
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut(), ProfileId::kWebKit).error,
            CorsError::kPreflightInvalidStatus);
  // Simple requests need no preflight and still work.
  EXPECT_TRUE(BrowserFetch(options, kApp, SimpleGet()).allowed);
}

TEST(ReferenceFaultTest, Preflight401AnswersAuthBeforeCors) {
  const ReferenceOptions options = With({Fault::kPreflight401});
  const core::HttpResponse r = Serve(options, Preflight(kApp));
  EXPECT_EQ(r.status, 401);
  EXPECT_EQ(Lines(r), std::string("WWW-Authenticate: Bearer realm=\"reference\"\n"
                                  "Content-Type: application/json\n"
                                  "Access-Control-Allow-Origin: https://app.example.com\n"
                                  "Access-Control-Allow-Credentials: true\n"
                                  "Access-Control-Allow-Methods: GET, POST, PUT, DELETE\n"
                                  "Access-Control-Allow-Headers: Content-Type, Authorization, X-Requested-With\n"
                                  "Access-Control-Max-Age: 600\n") +
                          kPreflightVary);
  // The preflight never carries credentials, so it can never pass this server's auth.
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightInvalidStatus);
}

TEST(ReferenceFaultTest, PreflightRedirectSends307ToAnotherHost) {
  const ReferenceOptions options = With({Fault::kPreflightRedirect});
  const core::HttpResponse r = Serve(options, Preflight(kApp));
  EXPECT_EQ(r.status, 307);
  EXPECT_EQ(r.reason, "Temporary Redirect");
  const std::string lines = Lines(r);
  EXPECT_EQ(lines.rfind("Location: https://redirected.invalid/items\n"
                        "Access-Control-Allow-Origin: https://app.example.com\n",
                        0),
            0u)
      << lines;
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightDisallowedRedirect);
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut(), ProfileId::kWebKit).error,
            CorsError::kPreflightInvalidStatus);
}

TEST(ReferenceFaultTest, AcahMissingRequestedDropsAuthorization) {
  const ReferenceOptions options = With({Fault::kAcahMissingRequested});
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find("Access-Control-Allow-Headers: Content-Type, X-Requested-With\n"),
            std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, CredentialedPut());
  EXPECT_EQ(v.error, CorsError::kHeaderDisallowedByPreflightResponse);
  EXPECT_EQ(v.failed_parameter, "authorization");
  // Without Authorization in the policy, the last listed header goes.
  core::Policy policy = AppPolicy();
  policy.headers = {"Content-Type", "X-Requested-With"};
  EXPECT_NE(Lines(Serve(With({Fault::kAcahMissingRequested}, policy), Preflight(kApp)))
                .find("Access-Control-Allow-Headers: Content-Type\n"),
            std::string::npos);
}

TEST(ReferenceFaultTest, AcahWildcardWithCredentialsAllowsOnlyAHeaderNamedStar) {
  const ReferenceOptions options = With({Fault::kAcahWildcardWithCredentials});
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find("Access-Control-Allow-Headers: *\n"), std::string::npos);
  model::FetchRequest request = CredentialedPut();
  request.headers = {{"X-Requested-With", "XMLHttpRequest"}};
  const model::FetchVerdict v = BrowserFetch(options, kApp, request);
  EXPECT_EQ(v.error, CorsError::kHeaderDisallowedByPreflightResponse);
  EXPECT_EQ(v.failed_parameter, "x-requested-with");
  // The same request without credentials passes: '*' is a wildcard there.
  request.credentials = CredentialsMode::kSameOrigin;
  EXPECT_TRUE(BrowserFetch(options, kApp, request).allowed);
}

TEST(ReferenceFaultTest, AcamMissingMethodListsOnlyGetAndPost) {
  const ReferenceOptions options = With({Fault::kAcamMissingMethod});
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find("Access-Control-Allow-Methods: GET, POST\n"), std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, CredentialedPut());
  EXPECT_EQ(v.error, CorsError::kMethodDisallowedByPreflightResponse);
  EXPECT_EQ(v.failed_parameter, "PUT");
}

TEST(ReferenceFaultTest, DuplicateAcaoSendsTwoLines) {
  const ReferenceOptions options = With({Fault::kDuplicateAcao});
  EXPECT_EQ(Lines(Serve(options, Get("/", kApp))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: *\n"
            "Access-Control-Allow-Origin: https://app.example.com\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  // The browser combines the lines into one value: "*, https://app.example.com".
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet(CredentialsMode::kOmit));
  EXPECT_EQ(v.error, CorsError::kMultipleAllowOriginValues);
  EXPECT_EQ(v.failed_parameter, "*, https://app.example.com");
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightMultipleAllowOriginValues);
}

TEST(ReferenceFaultTest, AcaoListSendsTheWholeAllowlist) {
  const ReferenceOptions options = With({Fault::kAcaoList});
  EXPECT_NE(Lines(Serve(options, Get("/", kApp)))
                .find("Access-Control-Allow-Origin: https://app.example.com, http://localhost:3000\n"),
            std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet());
  EXPECT_EQ(v.error, CorsError::kMultipleAllowOriginValues);
  EXPECT_EQ(v.failed_parameter, "https://app.example.com, http://localhost:3000");
}

TEST(ReferenceFaultTest, AcaoTrailingSlashNeverMatches) {
  const ReferenceOptions options = With({Fault::kAcaoTrailingSlash});
  EXPECT_NE(Lines(Serve(options, Get("/", kApp))).find("Access-Control-Allow-Origin: https://app.example.com/\n"),
            std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet());
  EXPECT_EQ(v.error, CorsError::kAllowOriginMismatch);
  EXPECT_EQ(v.failed_parameter, "https://app.example.com/");
}

TEST(ReferenceFaultTest, AcacWrongCaseIsNotTrue) {
  const ReferenceOptions options = With({Fault::kAcacWrongCase});
  EXPECT_NE(Lines(Serve(options, Get("/", kApp))).find("Access-Control-Allow-Credentials: True\n"), std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet());
  EXPECT_EQ(v.error, CorsError::kInvalidAllowCredentials);
  EXPECT_EQ(v.failed_parameter, "True");
  EXPECT_TRUE(BrowserFetch(options, kApp, SimpleGet(CredentialsMode::kOmit)).allowed);  // ACAC only counts with include
}

TEST(ReferenceFaultTest, CredentialsMissingBlocksCredentialedRequests) {
  const ReferenceOptions options = With({Fault::kCredentialsMissing});
  EXPECT_EQ(Lines(Serve(options, Get("/", kApp))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://app.example.com\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  EXPECT_EQ(Lines(Serve(options, Preflight(kApp))).find("Credentials"), std::string::npos);
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet());
  EXPECT_EQ(v.error, CorsError::kInvalidAllowCredentials);
  EXPECT_EQ(v.failed_parameter, "");
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut()).error, CorsError::kPreflightInvalidAllowCredentials);
}

TEST(ReferenceFaultTest, MaxAgeInvalidCarriesAUnit) {
  const ReferenceOptions options = With({Fault::kMaxAgeInvalid});
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find("Access-Control-Max-Age: 600s\n"), std::string::npos);
  // The preflight still passes, but the cache time is the default (Chromium) or nothing (Firefox).
  const model::FetchVerdict chromium = BrowserFetch(options, kApp, CredentialedPut());
  EXPECT_TRUE(chromium.allowed);
  EXPECT_EQ(chromium.max_age, 5);
  EXPECT_EQ(BrowserFetch(options, kApp, CredentialedPut(), ProfileId::kFirefox).max_age, 0);
  core::Policy no_max_age = AppPolicy();
  no_max_age.max_age.reset();
  EXPECT_NE(Lines(Serve(With({Fault::kMaxAgeInvalid}, no_max_age), Preflight(kApp))).find("Access-Control-Max-Age: 600s\n"),
            std::string::npos);
}

TEST(ReferenceFaultTest, ExposeMissingHidesCustomResponseHeaders) {
  const ReferenceOptions options = With({Fault::kExposeMissing});
  core::HttpResponse faulty = Serve(options, Get("/", kApp));
  EXPECT_EQ(Lines(faulty).find("Expose"), std::string::npos);
  core::HttpResponse correct = Serve(With({}), Get("/", kApp));
  // The application's own X-Total-Count header: readable by script only when listed.
  faulty.headers.Append("X-Total-Count", "3");
  correct.headers.Append("X-Total-Count", "3");
  const auto exposed = [](const core::HttpResponse& r) {
    const std::vector<std::string> names =
        model::ExposedHeaderNames(r.headers, model::ResponseType::kCors, CredentialsMode::kInclude);
    return std::find(names.begin(), names.end(), "x-total-count") != names.end();
  };
  EXPECT_FALSE(exposed(faulty));
  EXPECT_TRUE(exposed(correct));
}

TEST(ReferenceFaultTest, PrivateNetworkByDefaultOnEveryPreflight) {
  const ReferenceOptions options = With({Fault::kPrivateNetworkByDefault});  // policy.private_network is false
  EXPECT_NE(Lines(Serve(options, Preflight(kApp))).find("Access-Control-Allow-Private-Network: true\n"),
            std::string::npos);
  EXPECT_EQ(Lines(Serve(options, Preflight(kEvil))),
            std::string("Access-Control-Allow-Private-Network: true\n") + kPreflightVary);
  EXPECT_EQ(Lines(Serve(options, Get("/", kApp))).find("Private-Network"), std::string::npos);
}

TEST(ReferenceFaultTest, NoCorsOnErrorsHidesErrorsFromScript) {
  const ReferenceOptions options = With({Fault::kNoCorsOnErrors});
  for (const char* path : {"/status/404", "/status/500"}) {
    SCOPED_TRACE(path);
    EXPECT_EQ(Lines(Serve(options, Get(path, kApp))), "Content-Type: application/json\n");
  }
  EXPECT_NE(Lines(Serve(options, Get("/", kApp))).find("Access-Control-Allow-Origin"), std::string::npos);
  // Script sees a network error instead of the 500 (CHECK-STATUS-ANY).
  const model::FetchVerdict v = BrowserFetch(options, kApp, SimpleGet(CredentialsMode::kInclude, "/status/500"));
  EXPECT_EQ(v.error, CorsError::kMissingAllowOriginHeader);
  EXPECT_EQ(v.status, 0);
  // Stacked with preflight-401, the auth error loses its CORS headers too.
  EXPECT_EQ(Lines(Serve(With({Fault::kPreflight401, Fault::kNoCorsOnErrors}), Preflight(kApp))),
            "WWW-Authenticate: Bearer realm=\"reference\"\nContent-Type: application/json\n");
}

TEST(ReferenceFaultTest, FallbackFirstOriginAnswersDeniedOriginsWithTheFirstAllowed) {
  const ReferenceOptions options = With({Fault::kFallbackFirstOrigin});
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: https://app.example.com\n"
            "Access-Control-Allow-Credentials: true\n"
            "Access-Control-Expose-Headers: X-Total-Count\n"
            "Vary: Origin\n");
  EXPECT_EQ(Lines(Serve(options, Get("/", std::nullopt))), "Content-Type: application/json\nVary: Origin\n");
  const model::FetchVerdict v = BrowserFetch(options, "http://localhost:3000", SimpleGet());
  EXPECT_TRUE(v.allowed);  // allowed origins are still echoed
  const model::FetchVerdict evil = BrowserFetch(options, kEvil, SimpleGet());
  EXPECT_EQ(evil.error, CorsError::kAllowOriginMismatch);
  EXPECT_EQ(evil.failed_parameter, kApp);
}

TEST(ReferenceFaultTest, FaultsCombine) {
  const ReferenceOptions options =
      With({Fault::kReflectAnyOriginCredentials, Fault::kAcacWrongCase, Fault::kMissingVary, Fault::kDuplicateAcao});
  EXPECT_EQ(Lines(Serve(options, Get("/", kEvil))),
            "Content-Type: application/json\n"
            "Access-Control-Allow-Origin: *\n"
            "Access-Control-Allow-Origin: https://evil.test\n"
            "Access-Control-Allow-Credentials: True\n"
            "Access-Control-Expose-Headers: X-Total-Count\n");
  EXPECT_EQ(Lines(Serve(With({Fault::kAcaoList, Fault::kAcaoTrailingSlash}), Get("/", kApp)))
                .find("Access-Control-Allow-Origin: https://app.example.com, http://localhost:3000/\n"),
            Lines(Serve(With({}), Get("/", kApp))).find("Access-Control-Allow-Origin"));
}

// Every fault is observable: over a fixed battery of requests, it changes at least one response.
TEST(ReferenceFaultTest, EveryFaultChangesSomeResponse) {
  core::Policy policy = AppPolicy();
  std::vector<core::HttpRequest> battery = {
      Get("/", kApp),          Get("/", kEvil),          Get("/", std::nullopt),      Get("/", "null"),
      Get("/status/404", kApp), Get("/status/500", kApp), Preflight(kApp),             Preflight(kEvil),
      Get("/", "https://app.example.com.evil.test"),     Get("/", "https://evilapp.example.com"),
      Get("/", "https://appxexample.com"),               Get("/", "http://app.example.com"),
      Get("/", "https://evil.example.com"),
  };
  std::set<std::string> seen;
  for (Fault fault : AllFaults()) {
    SCOPED_TRACE(Name(fault));
    bool differs = false;
    std::string signature;
    for (const core::HttpRequest& request : battery) {
      const core::HttpResponse faulty = Serve(With({fault}, policy), request);
      const core::HttpResponse correct = Serve(With({}, policy), request);
      differs = differs || faulty.status != correct.status || !(faulty.headers == correct.headers);
      signature += std::to_string(faulty.status) + Lines(faulty) + "|";
    }
    EXPECT_TRUE(differs);
    EXPECT_TRUE(seen.insert(signature).second) << "two faults behave identically on the battery";
  }
}

}  // namespace
}  // namespace corscheck::target
