// The CORS check and the preflight-response checks are where a server's bytes become a verdict.
// Expected values come from the digest's rule tables (CHECK-ACAO-*, PFR-*, MAXAGE-*, EXPOSE-*),
// which quote the WPT and Chromium unit-test vectors the browsers themselves are held to.
#include "model/cors_check.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "core/check.h"
#include "model/profile.h"
#include "model/request_rules.h"

namespace corscheck::model {
namespace {

using core::CorsError;
using core::EscapeForDisplay;
using core::HeaderList;
using Strings = std::vector<std::string>;

constexpr std::string_view kOrigin = "https://a.example";
constexpr CredentialsMode kOmit = CredentialsMode::kOmit;
constexpr CredentialsMode kSameOrigin = CredentialsMode::kSameOrigin;
constexpr CredentialsMode kInclude = CredentialsMode::kInclude;

const Profile& Spec() { return GetProfile(ProfileId::kSpec); }
const Profile& Chromium() { return GetProfile(ProfileId::kChromium); }
const Profile& Firefox() { return GetProfile(ProfileId::kFirefox); }
const Profile& WebKit() { return GetProfile(ProfileId::kWebKit); }

std::string Describe(const CheckResult& r) {
  return r.ok() ? "ok" : std::string(core::Name(*r.error)) + "('" + EscapeForDisplay(r.failed_parameter) + "')";
}

struct CorsCheckCase {
  const char* why;
  HeaderList headers;
  std::string_view origin;
  CredentialsMode credentials;
  std::optional<CorsError> error;
  std::optional<std::string> failed_parameter;  // checked when set
};

void RunCorsCheckCases(const std::vector<CorsCheckCase>& cases) {
  for (const CorsCheckCase& c : cases) {
    SCOPED_TRACE(c.why);
    const CheckResult r = CorsCheck(c.headers, c.origin, c.credentials);
    EXPECT_EQ(r.error, c.error) << Describe(r);
    EXPECT_EQ(r.ok(), !c.error.has_value());
    if (c.failed_parameter) {
      EXPECT_EQ(r.failed_parameter, *c.failed_parameter);
    }
  }
}

TEST(CorsCheckTest, MissingAllowOriginFails) {
  // CHECK-ACAO-REQUIRED: absence is not the value `null`.
  RunCorsCheckCases({
      {"no ACAO at all", {}, kOrigin, kOmit, CorsError::kMissingAllowOriginHeader, ""},
      {"ACAC alone does not help", {{"Access-Control-Allow-Credentials", "true"}}, kOrigin, kInclude,
       CorsError::kMissingAllowOriginHeader, ""},
      {"a tainted request still needs ACAO", {}, "null", kOmit, CorsError::kMissingAllowOriginHeader, ""},
  });
}

TEST(CorsCheckTest, WildcardPassesUnlessCredentialsAreIncluded) {
  // CHECK-ACAO-WILDCARD: `*` fails with `include` whatever ACAC says.
  RunCorsCheckCases({
      {"omit", {{"Access-Control-Allow-Origin", "*"}}, kOrigin, kOmit, std::nullopt, std::nullopt},
      {"same-origin (fetch default)", {{"Access-Control-Allow-Origin", "*"}}, kOrigin, kSameOrigin, std::nullopt,
       std::nullopt},
      {"outer whitespace is not part of the value (PARSE-VALUE-TRIM)", {{"Access-Control-Allow-Origin", "  *\t"}},
       kOrigin, kOmit, std::nullopt, std::nullopt},
      {"a tainted (null) origin is served by *", {{"Access-Control-Allow-Origin", "*"}}, "null", kOmit,
       std::nullopt, std::nullopt},
      {"include", {{"Access-Control-Allow-Origin", "*"}}, kOrigin, kInclude, CorsError::kWildcardOriginNotAllowed,
       std::nullopt},
      {"include with ACAC: true still fails",
       {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Allow-Credentials", "true"}}, kOrigin, kInclude,
       CorsError::kWildcardOriginNotAllowed, std::nullopt},
  });
}

TEST(CorsCheckTest, ExactOriginPassesByteForByte) {
  RunCorsCheckCases({
      {"exact echo", {{"Access-Control-Allow-Origin", "https://a.example"}}, kOrigin, kOmit, std::nullopt,
       std::nullopt},
      {"trailing whitespace is trimmed by the parser", {{"Access-Control-Allow-Origin", " https://a.example \t"}},
       kOrigin, kOmit, std::nullopt, std::nullopt},
      {"null matches a tainted request", {{"Access-Control-Allow-Origin", "null"}}, "null", kOmit, std::nullopt,
       std::nullopt},
      {"port is part of the origin", {{"Access-Control-Allow-Origin", "http://a.example:8080"}},
       "http://a.example:8080", kOmit, std::nullopt, std::nullopt},
  });
}

TEST(CorsCheckTest, MismatchesAreClassifiedLikeChromium) {
  // CHECK-ACAO-EXACT rule 29 and digest §2.1: pass/fail is a byte comparison; the error only picks
  // the console message. Space or comma -> Multiple; `null` -> Mismatch; GURL-invalid -> Invalid;
  // anything else -> Mismatch. The failed parameter is the ACAO value.
  struct Case {
    std::string_view acao;
    CorsError error;
  };
  static const Case kCases[] = {
      {"a, b", CorsError::kMultipleAllowOriginValues},
      {"https://a.example, https://b.example", CorsError::kMultipleAllowOriginValues},
      {"* *", CorsError::kMultipleAllowOriginValues},
      {"*, https://a.example", CorsError::kMultipleAllowOriginValues},
      {"https://a.example/ x", CorsError::kMultipleAllowOriginValues},
      {"null", CorsError::kAllowOriginMismatch},
      {"example.com", CorsError::kInvalidAllowOriginValue},
      {"", CorsError::kInvalidAllowOriginValue},  // an empty ACAO is present, and GURL("") is invalid
      {"-", CorsError::kInvalidAllowOriginValue},
      {"**", CorsError::kInvalidAllowOriginValue},
      {"'*'", CorsError::kInvalidAllowOriginValue},
      {"\"*\"", CorsError::kInvalidAllowOriginValue},
      {"Null", CorsError::kInvalidAllowOriginValue},
      {"HTTPS://A.EXAMPLE", CorsError::kAllowOriginMismatch},  // upper case
      {"https://a.example/", CorsError::kAllowOriginMismatch},  // trailing slash
      {"https://a.example:443", CorsError::kAllowOriginMismatch},  // explicit default port
      {"https://a.example/path", CorsError::kAllowOriginMismatch},
      {"https://a.example?", CorsError::kAllowOriginMismatch},
      {"https://a.example#", CorsError::kAllowOriginMismatch},
      {"https://b.example", CorsError::kAllowOriginMismatch},  // the server's own origin
      {"http://a.example", CorsError::kAllowOriginMismatch},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.acao));
    const CheckResult r = CorsCheck({{"Access-Control-Allow-Origin", std::string(c.acao)}}, kOrigin, kOmit);
    EXPECT_EQ(r.error, c.error) << Describe(r);
    EXPECT_EQ(r.failed_parameter, c.acao);
  }
}

TEST(CorsCheckTest, TwoAllowOriginLinesAreMultipleValues) {
  // PARSE-GET-COMBINE: two lines, even two correct ones, arrive as `a, a`.
  const CheckResult r = CorsCheck(
      {{"Access-Control-Allow-Origin", "https://a.example"}, {"Access-Control-Allow-Origin", "https://a.example"}},
      kOrigin, kOmit);
  EXPECT_EQ(r.error, CorsError::kMultipleAllowOriginValues) << Describe(r);
  EXPECT_EQ(r.failed_parameter, "https://a.example, https://a.example");
}

TEST(CorsCheckTest, OpaqueOriginRejectsUpperCaseNull) {
  // CHECK-ACAO-EXACT: `Null` when the origin is opaque fails; `null` is case-sensitive.
  const CheckResult r = CorsCheck({{"Access-Control-Allow-Origin", "Null"}}, "null", kOmit);
  EXPECT_FALSE(r.ok());
  const CheckResult tuple = CorsCheck({{"Access-Control-Allow-Origin", "https://a.example"}}, "null", kOmit);
  EXPECT_EQ(tuple.error, CorsError::kAllowOriginMismatch) << Describe(tuple);
}

TEST(CorsCheckTest, CredentialedRequestsNeedExactlyTrue) {
  // CHECK-ACAC: only with `include`, after ACAO matched; failed parameter is the value or ''.
  struct Case {
    std::optional<std::vector<std::string>> acac_lines;  // nullopt: absent
    CredentialsMode credentials;
    std::optional<CorsError> error;
    std::string failed_parameter;
  };
  static const Case kCases[] = {
      {Strings{"true"}, kInclude, std::nullopt, ""},
      {Strings{" true "}, kInclude, std::nullopt, ""},
      {std::nullopt, kInclude, CorsError::kInvalidAllowCredentials, ""},
      {Strings{"True"}, kInclude, CorsError::kInvalidAllowCredentials, "True"},
      {Strings{"TRUE"}, kInclude, CorsError::kInvalidAllowCredentials, "TRUE"},
      {Strings{"\"true\""}, kInclude, CorsError::kInvalidAllowCredentials, "\"true\""},
      {Strings{"1"}, kInclude, CorsError::kInvalidAllowCredentials, "1"},
      {Strings{"false"}, kInclude, CorsError::kInvalidAllowCredentials, "false"},
      {Strings{""}, kInclude, CorsError::kInvalidAllowCredentials, ""},
      {Strings{"true", "true"}, kInclude, CorsError::kInvalidAllowCredentials, "true, true"},
      // Without `include`, ACAC is ignored, even when wrong.
      {std::nullopt, kSameOrigin, std::nullopt, ""},
      {Strings{"false"}, kOmit, std::nullopt, ""},
      {Strings{"True"}, kSameOrigin, std::nullopt, ""},
  };
  for (const Case& c : kCases) {
    HeaderList headers{{"Access-Control-Allow-Origin", std::string(kOrigin)}};
    std::string trace = std::string(Name(c.credentials)) + ":";
    if (c.acac_lines) {
      for (const std::string& v : *c.acac_lines) {
        headers.Append("Access-Control-Allow-Credentials", v);
        trace += " [" + v + "]";
      }
    } else {
      trace += " absent";
    }
    SCOPED_TRACE(trace);
    const CheckResult r = CorsCheck(headers, kOrigin, c.credentials);
    EXPECT_EQ(r.error, c.error) << Describe(r);
    EXPECT_EQ(r.failed_parameter, c.failed_parameter);
  }
}

TEST(CorsCheckTest, AllowOriginIsCheckedBeforeCredentials) {
  // A wrong ACAO is reported even when ACAC is also wrong.
  const CheckResult r = CorsCheck({{"Access-Control-Allow-Origin", "https://b.example"}}, kOrigin, kInclude);
  EXPECT_EQ(r.error, CorsError::kAllowOriginMismatch) << Describe(r);
}

TEST(ParseAllowListTest, FollowsChromiumPreflightResultVectors) {
  // PARSE-CR-ALLOWLIST (preflight_result_unittest.cc) plus PARSE-EXTRACT list-rule examples.
  struct Case {
    std::optional<std::string> value;
    std::optional<Strings> items;
  };
  const Case kCases[] = {
      {"bad value", std::nullopt},
      {"GET, ", Strings{"GET"}},
      {"", Strings{}},
      {", GET, POST, ,", Strings{"GET", "POST"}},
      {"X-MY-HEADER, ", Strings{"X-MY-HEADER"}},  // case is kept here; ACAH is lowered later
      {",,PUT, GET", Strings{"PUT", "GET"}},
      {"\"PUT\"", std::nullopt},
      {"a/b", std::nullopt},
      {"GET, a/b", std::nullopt},  // one bad element invalidates the whole header
      {"*", Strings{"*"}},
      {"\tput\t,\tpatch", Strings{"put", "patch"}},
      {std::nullopt, Strings{}},  // absent header
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.value ? EscapeForDisplay(*c.value) : "absent");
    EXPECT_EQ(ParseAllowList(c.value), c.items);
  }
}

TEST(ParseMaxAgeTest, FollowsTheInteropTablePerProfile) {
  // MAXAGE-NEGATIVE-INTEROP quick table; Firefox's "no cache" and WebKit's "expired" are 0.
  constexpr std::int64_t kMax = std::numeric_limits<std::int64_t>::max();
  struct Case {
    const char* why;
    std::optional<Strings> lines;  // nullopt: absent
    std::int64_t spec, chromium, firefox, webkit;
  };
  const Case kCases[] = {
      {"absent", std::nullopt, 5, 5, 5, 5},
      {"0", Strings{"0"}, 0, 0, 0, 0},
      {"-1", Strings{"-1"}, 5, 0, 0, 0},
      {"+10", Strings{"+10"}, 5, 10, 0, 10},
      {"abc", Strings{"abc"}, 5, 5, 0, 5},
      {"10, 20 (two lines; WebKit marked verify in the digest)", Strings{"10", "20"}, 5, 5, 0, 5},
      // The spec profile imposes no limit of its own, so "limit" is the value itself.
      {"100000", Strings{"100000"}, 100000, 7200, 86400, 600},
      {"25 digits", Strings{"1234567890123456789012345"}, kMax, 5, 86400, 5},
      {"plain 10", Strings{"10"}, 10, 10, 10, 10},
      {"7200 is the Chromium cap itself", Strings{"7200"}, 7200, 7200, 7200, 600},
      {"empty value", Strings{""}, 5, 5, 5, 5},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.why);
    HeaderList headers;
    if (c.lines) {
      for (const std::string& v : *c.lines) headers.Append("Access-Control-Max-Age", v);
    }
    EXPECT_EQ(ParseMaxAge(headers, Spec()), c.spec) << "spec";
    EXPECT_EQ(ParseMaxAge(headers, Chromium()), c.chromium) << "chromium";
    EXPECT_EQ(ParseMaxAge(headers, Firefox()), c.firefox) << "firefox";
    EXPECT_EQ(ParseMaxAge(headers, WebKit()), c.webkit) << "webkit";
  }
}

TEST(IsRedirectTest, NeedsARedirectStatusAndALocation) {
  for (int status : {301, 302, 303, 307, 308}) {
    SCOPED_TRACE(status);
    EXPECT_TRUE(IsRedirect({status, {{"Location", "/x"}}}));
    EXPECT_FALSE(IsRedirect({status, {}}));
  }
  for (int status : {200, 300, 304, 305, 306, 399}) {
    SCOPED_TRACE(status);
    EXPECT_FALSE(IsRedirect({status, {{"Location", "/x"}}}));
  }
}

// A preflight response with the given status and extra headers.
ServerResponse Preflight(int status, HeaderList headers) { return {status, std::move(headers)}; }

struct PreflightCase {
  const char* why;
  const Profile* profile;
  ServerResponse response;
  CredentialsMode credentials;
  std::optional<CorsError> error;
};

void RunPreflightCases(const std::vector<PreflightCase>& cases) {
  for (const PreflightCase& c : cases) {
    SCOPED_TRACE(std::string(c.profile->name) + ": " + c.why);
    const PreflightEvaluation e = EvaluatePreflightResponse(c.response, kOrigin, c.credentials, "PUT", false, *c.profile);
    EXPECT_EQ(e.check.error, c.error) << Describe(e.check);
    EXPECT_EQ(e.result.has_value(), !c.error.has_value());
  }
}

TEST(EvaluatePreflightTest, ChromiumReportsAllowOriginErrorsBeforeTheStatus) {
  // PFR-OK-STATUS [CR] ordering: a 404 without ACAO is a missing-ACAO error, not a status error.
  const HeaderList acao{{"Access-Control-Allow-Origin", std::string(kOrigin)}};
  RunPreflightCases({
      {"404 without ACAO", &Chromium(), Preflight(404, {}), kOmit, CorsError::kPreflightMissingAllowOriginHeader},
      {"500 with a wrong ACAO", &Chromium(), Preflight(500, {{"Access-Control-Allow-Origin", "https://b.example"}}),
       kOmit, CorsError::kPreflightAllowOriginMismatch},
      {"404 with a good ACAO", &Chromium(), Preflight(404, acao), kOmit, CorsError::kPreflightInvalidStatus},
      {"304 is not ok", &Chromium(), Preflight(304, acao), kOmit, CorsError::kPreflightInvalidStatus},
      {"300 without Location is just a bad status", &Chromium(), Preflight(300, acao), kOmit,
       CorsError::kPreflightInvalidStatus},
      {"302 without Location is just a bad status", &Chromium(), Preflight(302, acao), kOmit,
       CorsError::kPreflightInvalidStatus},
      {"200 passes", &Chromium(), Preflight(200, acao), kOmit, std::nullopt},
      {"204 passes", &Chromium(), Preflight(204, acao), kOmit, std::nullopt},
      {"299 passes", &Chromium(), Preflight(299, acao), kOmit, std::nullopt},
      {"199 is not ok", &Chromium(), Preflight(199, acao), kOmit, CorsError::kPreflightInvalidStatus},
      {"Firefox also checks ACAO first", &Firefox(), Preflight(404, {}), kOmit,
       CorsError::kPreflightMissingAllowOriginHeader},
  });
}

TEST(EvaluatePreflightTest, WebKitReportsTheStatusFirst) {
  // PFR-ORDER [WK]: status, then ACAO/ACAC.
  RunPreflightCases({
      {"404 without ACAO", &WebKit(), Preflight(404, {}), kOmit, CorsError::kPreflightInvalidStatus},
      {"200 without ACAO", &WebKit(), Preflight(200, {}), kOmit, CorsError::kPreflightMissingAllowOriginHeader},
  });
}

TEST(EvaluatePreflightTest, RedirectsOnAPreflightAreErrorsInChromiumAndFirefox) {
  // REDIR-PREFLIGHT: Chromium reports kPreflightDisallowedRedirect for any 3xx with Location, before
  // looking at ACAO; in WebKit and the spec the 3xx is only a status that is not ok.
  const HeaderList good{{"Access-Control-Allow-Origin", std::string(kOrigin)}, {"Location", "https://a.example/"}};
  std::vector<PreflightCase> cases;
  for (int status : {301, 302, 303, 307, 308}) {
    cases.push_back({"3xx + Location", &Chromium(), Preflight(status, good), kOmit,
                     CorsError::kPreflightDisallowedRedirect});
    cases.push_back({"3xx + Location", &Firefox(), Preflight(status, good), kOmit,
                     CorsError::kPreflightDisallowedRedirect});
    cases.push_back({"3xx + Location", &WebKit(), Preflight(status, good), kOmit,
                     CorsError::kPreflightInvalidStatus});
    cases.push_back({"3xx + Location", &Spec(), Preflight(status, good), kOmit, CorsError::kPreflightInvalidStatus});
  }
  cases.push_back({"redirect without ACAO is still a redirect error", &Chromium(),
                   Preflight(302, {{"Location", "/elsewhere"}}), kOmit, CorsError::kPreflightDisallowedRedirect});
  RunPreflightCases(cases);
}

TEST(EvaluatePreflightTest, UsesTheActualRequestsCredentialsMode) {
  // PFR-CORS-CHECK-ACTUAL-CREDS: a credentialed request needs exact ACAO and ACAC: true on the
  // preflight too, and the errors are the kPreflight* twins.
  const std::string origin(kOrigin);
  RunPreflightCases({
      {"* with include", &Chromium(), Preflight(204, {{"Access-Control-Allow-Origin", "*"}}), kInclude,
       CorsError::kPreflightWildcardOriginNotAllowed},
      {"no ACAC with include", &Chromium(), Preflight(204, {{"Access-Control-Allow-Origin", origin}}), kInclude,
       CorsError::kPreflightInvalidAllowCredentials},
      {"ACAC True with include", &Spec(),
       Preflight(204, {{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Credentials", "True"}}),
       kInclude, CorsError::kPreflightInvalidAllowCredentials},
      {"two ACAO values", &Chromium(), Preflight(204, {{"Access-Control-Allow-Origin", "a, b"}}), kOmit,
       CorsError::kPreflightMultipleAllowOriginValues},
      {"invalid ACAO", &Chromium(), Preflight(204, {{"Access-Control-Allow-Origin", "example.com"}}), kOmit,
       CorsError::kPreflightInvalidAllowOriginValue},
      {"credentialed pass", &Chromium(),
       Preflight(204, {{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Credentials", "true"}}),
       kInclude, std::nullopt},
      {"* without credentials", &Chromium(), Preflight(204, {{"Access-Control-Allow-Origin", "*"}}), kOmit,
       std::nullopt},
  });
}

TEST(EvaluatePreflightTest, InvalidAllowListsFailMethodsFirst) {
  // PARSE-CR-ALLOWLIST / PFR-ORDER: ACAM is parsed before ACAH.
  const std::string origin(kOrigin);
  for (const Profile& profile : AllProfiles()) {
    RunPreflightCases({
        {"bad ACAM", &profile,
         Preflight(204, {{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Methods", "bad value"}}),
         kOmit, CorsError::kInvalidAllowMethodsPreflightResponse},
        {"bad ACAH", &profile,
         Preflight(204, {{"Access-Control-Allow-Origin", origin},
                         {"Access-Control-Allow-Methods", "PUT"},
                         {"Access-Control-Allow-Headers", "a/b"}}),
         kOmit, CorsError::kInvalidAllowHeadersPreflightResponse},
        {"both bad", &profile,
         Preflight(204, {{"Access-Control-Allow-Origin", origin},
                         {"Access-Control-Allow-Headers", "a/b"},
                         {"Access-Control-Allow-Methods", "\"PUT\""}}),
         kOmit, CorsError::kInvalidAllowMethodsPreflightResponse},
    });
  }
  // PFR-ORDER [FF]: Firefox checks the method between parsing ACAM and parsing ACAH, so a bad ACAH
  // behind a disallowed method reports the method; the others report the parse failure.
  const ServerResponse bad_acah =
      Preflight(204, {{"Access-Control-Allow-Origin", origin}, {"Access-Control-Allow-Headers", "a/b"}});
  RunPreflightCases({
      {"Firefox: method before ACAH parse", &Firefox(), bad_acah, kOmit, CorsError::kMethodDisallowedByPreflightResponse},
      {"Chromium: ACAH parse before method", &Chromium(), bad_acah, kOmit, CorsError::kInvalidAllowHeadersPreflightResponse},
  });
}

TEST(EvaluatePreflightTest, ResultKeepsMethodCaseAndLowersHeaders) {
  const ServerResponse response = Preflight(204, {{"Access-Control-Allow-Origin", "https://a.example"},
                                                  {"Access-Control-Allow-Credentials", "true"},
                                                  {"Access-Control-Allow-Methods", "GET, put"},
                                                  {"Access-Control-Allow-Methods", "PATCH"},
                                                  {"Access-Control-Allow-Headers", "X-MY-HEADER, "},
                                                  {"Access-Control-Max-Age", "600"}});
  const PreflightEvaluation e = EvaluatePreflightResponse(response, kOrigin, kInclude, "PUT", false, Chromium());
  ASSERT_TRUE(e.check.ok()) << Describe(e.check);
  ASSERT_TRUE(e.result);
  EXPECT_EQ(e.result->methods, (Strings{"GET", "put", "PATCH"}));  // EXPOSE-MULTI-style list concatenation
  EXPECT_EQ(e.result->headers, (Strings{"x-my-header"}));
  EXPECT_TRUE(e.result->credentials);
  EXPECT_EQ(e.result->max_age, 600);

  const PreflightEvaluation capped = EvaluatePreflightResponse(
      Preflight(204, {{"Access-Control-Allow-Origin", "*"}, {"Access-Control-Max-Age", "100000"}}), kOrigin, kOmit,
      "PUT", false, Chromium());
  ASSERT_TRUE(capped.result);
  EXPECT_FALSE(capped.result->credentials);
  EXPECT_EQ(capped.result->max_age, 7200);  // MAXAGE-CAP-CHROMIUM
}

TEST(EvaluatePreflightTest, UsePreflightFlagTurnsAbsentMethodsIntoTheRequestMethod) {
  // PFR-ACAM: "absent gives null; if the use-CORS-preflight flag is set, a null methods becomes
  // [request method]". An empty ACAM is an empty list, not null.
  struct Case {
    const char* why;
    HeaderList extra;
    bool use_preflight;
    Strings methods;
  };
  const Case kCases[] = {
      {"absent, flag set", {}, true, {"PUT"}},
      {"absent, flag unset", {}, false, {}},
      {"present but empty, flag set", {{"Access-Control-Allow-Methods", ""}}, true, {}},
      {"present, flag set", {{"Access-Control-Allow-Methods", "DELETE"}}, true, {"DELETE"}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.why);
    HeaderList headers = c.extra;
    headers.Append("Access-Control-Allow-Origin", "*");
    const PreflightEvaluation e =
        EvaluatePreflightResponse(Preflight(200, headers), kOrigin, kOmit, "PUT", c.use_preflight, Spec());
    ASSERT_TRUE(e.result) << Describe(e.check);
    EXPECT_EQ(e.result->methods, c.methods);
  }
}

// A successful preflight result for the given ACAM/ACAH, as EvaluatePreflightResponse builds it.
PreflightResult ResultFor(std::optional<std::string> acam, std::optional<std::string> acah,
                          CredentialsMode credentials, const Profile& profile = Chromium()) {
  HeaderList headers{{"Access-Control-Allow-Origin", std::string(kOrigin)},
                     {"Access-Control-Allow-Credentials", "true"}};
  if (acam) headers.Append("Access-Control-Allow-Methods", *acam);
  if (acah) headers.Append("Access-Control-Allow-Headers", *acah);
  PreflightEvaluation e = EvaluatePreflightResponse({204, headers}, kOrigin, credentials, "GET", false, profile);
  CORSCHECK_CHECK(e.result.has_value());
  return *e.result;
}

TEST(CheckMethodTest, FollowsTheCorsPreflightStarMatrix) {
  // PFR-ACAM matrix from WPT cors-preflight-star.any.js; the method is normalized first, as
  // fetch() does, then compared byte-exact.
  struct Case {
    std::string_view method_sent;
    std::string_view acam;
    CredentialsMode credentials;
    bool allowed;
  };
  static const Case kCases[] = {
      {"GET", "get", kOmit, true},  // GET is safelisted although `get` != `GET`
      {"SUPER", "*", kOmit, true},
      {"OK", "*", kInclude, false},  // with credentials `*` is a literal method name
      {"*", "*", kInclude, true},
      {"put", "put", kOmit, false},  // sent as PUT
      {"patch", "PATCH", kOmit, false},
      {"PATCH", "patch", kOmit, false},
      {"patch", "patch", kOmit, true},
      {"delete", "DELETE", kOmit, true},
      {"DELETE", "delete", kOmit, false},
      {"POST", "", kOmit, true},  // safelisted methods need no listing
      {"HEAD", "", kInclude, true},
      {"PUT", "GET, POST", kOmit, false},
      {"PUT", "GET, PUT", kInclude, true},
  };
  for (const Case& c : kCases) {
    const std::string method = NormalizeMethod(c.method_sent);
    SCOPED_TRACE(std::string(c.method_sent) + " vs ACAM '" + std::string(c.acam) + "' " +
                 std::string(Name(c.credentials)));
    const CheckResult r = CheckMethod(ResultFor(std::string(c.acam), std::nullopt, c.credentials), method);
    EXPECT_EQ(r.ok(), c.allowed) << Describe(r);
    if (!c.allowed) {
      EXPECT_EQ(r.error, CorsError::kMethodDisallowedByPreflightResponse);
      EXPECT_EQ(r.failed_parameter, method);
    }
  }
}

TEST(CheckHeadersTest, AuthorizationAndTheWildcardDependOnTheProfile) {
  // PFR-ACAH-AUTHZ-WILDCARD: in "spec" mode `*` does not cover Authorization; Chromium (and Firefox
  // and WebKit) let it through.
  const HeaderList request{{"Authorization", "Bearer t"}};
  struct Case {
    const Profile* profile;
    bool allowed;
  };
  const Case kCases[] = {{&Spec(), false}, {&Chromium(), true}, {&Firefox(), true}, {&WebKit(), true}};
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.profile->name));
    const CheckResult r = CheckHeaders(ResultFor(std::nullopt, "*", kOmit, *c.profile), request, *c.profile);
    EXPECT_EQ(r.ok(), c.allowed) << Describe(r);
    if (!c.allowed) {
      EXPECT_EQ(r.error, CorsError::kHeaderDisallowedByPreflightResponse);
      EXPECT_EQ(r.failed_parameter, "authorization");
    }
  }
}

TEST(CheckHeadersTest, MatchesUnsafeNamesCaseInsensitively) {
  // PFR-ACAH: ci match, `*` only without credentials, first failure in request order.
  struct Case {
    const char* why;
    const Profile* profile;
    HeaderList request;
    std::optional<std::string> acah;
    CredentialsMode credentials;
    std::optional<std::string> failing;  // nullopt: allowed
  };
  const Case kCases[] = {
      {"listed in another case", &Chromium(), {{"X-Foo", "1"}}, "x-FOO", kOmit, std::nullopt},
      {"not listed", &Chromium(), {{"X-Foo", "1"}}, "x-bar", kOmit, "x-foo"},
      {"absent ACAH", &Chromium(), {{"X-Foo", "1"}}, std::nullopt, kOmit, "x-foo"},
      {"wildcard without credentials", &Chromium(), {{"X-Foo", "1"}, {"X-Bar", "2"}}, "*", kOmit, std::nullopt},
      {"wildcard with credentials is a literal", &Chromium(), {{"X-Foo", "1"}}, "*", kInclude, "x-foo"},
      {"a header literally named * is allowed by *", &Chromium(), {{"*", "1"}}, "*", kInclude, std::nullopt},
      {"Authorization with credentials and * under Chromium", &Chromium(), {{"Authorization", "t"}}, "*", kInclude,
       "authorization"},
      {"first failure in request order", &Chromium(), {{"X-B", "1"}, {"X-A", "2"}}, "x-z", kOmit, "x-b"},
      {"Chromium names the first failure, Authorization included",
       &Chromium(), {{"X-A", "1"}, {"Authorization", "t"}}, "", kInclude, "x-a"},
      {"spec checks Authorization before the other names", &Spec(), {{"X-A", "1"}, {"Authorization", "t"}}, "*",
       kOmit, "authorization"},
      {"spec: listing Authorization explicitly works", &Spec(), {{"Authorization", "t"}}, "*, Authorization", kOmit,
       std::nullopt},
      {"safelisted headers need no listing", &Spec(), {{"Accept", "*/*"}, {"Content-Type", "text/plain"}}, "",
       kOmit, std::nullopt},
      {"an unsafe Content-Type must be listed", &Spec(), {{"Content-Type", "application/json"}}, "x-a", kOmit,
       "content-type"},
      {"forbidden headers are never checked", &Spec(), {{"Cookie", "a=1"}}, "", kOmit, std::nullopt},
      {"User-Agent needs listing except in Chromium", &Spec(), {{"User-Agent", "bot"}}, "", kOmit, "user-agent"},
      {"User-Agent is dropped in Chromium", &Chromium(), {{"User-Agent", "bot"}}, "", kOmit, std::nullopt},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.profile->name) + ": " + c.why);
    const CheckResult r =
        CheckHeaders(ResultFor(std::nullopt, c.acah, c.credentials, *c.profile), c.request, *c.profile);
    if (c.failing) {
      EXPECT_EQ(r.error, CorsError::kHeaderDisallowedByPreflightResponse) << Describe(r);
      EXPECT_EQ(r.failed_parameter, *c.failing);
    } else {
      EXPECT_TRUE(r.ok()) << Describe(r);
    }
  }
}

TEST(CheckHeadersTest, SafelistedHeadersOverThe1024TotalMustBeListed) {
  // SAFE-TOTAL-1024 feeds PFR-ACAH: once the total is exceeded, Accept needs to be in ACAH.
  HeaderList request;
  for (int i = 0; i < 9; ++i) request.Append("Accept", std::string(128, 'a'));
  const CheckResult missing = CheckHeaders(ResultFor(std::nullopt, "", kOmit), request, Chromium());
  EXPECT_EQ(missing.error, CorsError::kHeaderDisallowedByPreflightResponse) << Describe(missing);
  EXPECT_EQ(missing.failed_parameter, "accept");
  EXPECT_TRUE(CheckHeaders(ResultFor(std::nullopt, "Accept", kOmit), request, Chromium()).ok());
}

// Response headers used by the exposure tests: safelisted ones, custom ones and Set-Cookie.
HeaderList ExposureResponse(std::vector<std::string> aceh_lines) {
  HeaderList h{{"Content-Type", "text/plain"}, {"Content-Length", "3"}, {"Cache-Control", "no-store"},
               {"Set-Cookie", "a=1"},          {"Set-Cookie2", "b=2"},  {"X-A", "1"},
               {"x-a", "2"},                   {"B", "b"},              {"BB-8", "droid"},
               {"Date", "today"}};
  for (std::string& v : aceh_lines) h.Append("Access-Control-Expose-Headers", std::move(v));
  return h;
}

const Strings kSafelistedPresent = {"cache-control", "content-length", "content-type"};

Strings Plus(Strings base, const Strings& extra) {
  base.insert(base.end(), extra.begin(), extra.end());
  std::sort(base.begin(), base.end());
  return base;
}

TEST(ExposedHeaderNamesTest, FollowsChromiumExposedHeadersVectors) {
  // PARSE-CR-ACEH (cors_exposed_headers_test.cc): one invalid character empties the set, and the
  // response still loads with the safelisted headers visible (EXPOSE-FAILURE).
  struct Case {
    std::string aceh;
    Strings exposed_extra;
  };
  const Case kCases[] = {
      {"   x-a ,  b ", {"b", "x-a"}},
      {"x-a , ", {"x-a"}},
      {", , , bb-8,", {"bb-8"}},
      {"not valid", {}},
      {"///", {}},
      {",", {}},
      {"\xC5\x81", {}},  // U+0141
      {"x-a, x-a", {"x-a"}},
      {"X-a, bB-8", {"bb-8", "x-a"}},  // ci against the response names
      {"x-a, not valid", {}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.aceh));
    EXPECT_EQ(ExposedHeaderNames(ExposureResponse({c.aceh}), ResponseType::kCors, kOmit),
              Plus(kSafelistedPresent, c.exposed_extra));
  }
}

TEST(ExposedHeaderNamesTest, SafelistedOnlyWithoutAceh) {
  // SAFE-RESP-HDR: Content-Length included; Date and custom headers hidden.
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({}), ResponseType::kCors, kOmit), kSafelistedPresent);
}

TEST(ExposedHeaderNamesTest, WildcardExposesAllButSetCookieWithoutCredentials) {
  // EXPOSE-WILDCARD and EXPOSE-MULTI: `*` may be one of several values or lines.
  const Strings all = {"access-control-expose-headers", "b", "bb-8", "cache-control", "content-length",
                       "content-type", "date", "x-a"};
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"*"}), ResponseType::kCors, kOmit), all);
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"x-a, *"}), ResponseType::kCors, kSameOrigin), all);
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"x-a", "*"}), ResponseType::kCors, kOmit), all);
}

TEST(ExposedHeaderNamesTest, WildcardIsALiteralNameWithCredentials) {
  HeaderList headers = ExposureResponse({"*, b"});
  headers.Append("*", "star");
  EXPECT_EQ(ExposedHeaderNames(headers, ResponseType::kCors, kInclude), Plus(kSafelistedPresent, {"*", "b"}));
}

TEST(ExposedHeaderNamesTest, SetCookieIsNeverExposed) {
  // SAFE-RESP-HDR: even when listed, and even on a basic (same-origin) response.
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"Set-Cookie, set-cookie2"}), ResponseType::kCors, kOmit),
            kSafelistedPresent);
  const Strings basic = ExposedHeaderNames(ExposureResponse({}), ResponseType::kBasic, kInclude);
  EXPECT_EQ(std::count(basic.begin(), basic.end(), "set-cookie"), 0);
  EXPECT_EQ(std::count(basic.begin(), basic.end(), "set-cookie2"), 0);
  EXPECT_EQ(basic, (Strings{"b", "bb-8", "cache-control", "content-length", "content-type", "date", "x-a"}));
}

TEST(ExposedHeaderNamesTest, SeveralAcehLinesAreConcatenated) {
  // EXPOSE-MULTI. The spec also exposes bb-8 after an empty first line; Chromium has a known
  // failure there (CR-exp access-control-expose-headers-parsing), but this function takes no
  // profile, so it follows the spec.
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"x-a", "b"}), ResponseType::kCors, kOmit),
            Plus(kSafelistedPresent, {"b", "x-a"}));
  EXPECT_EQ(ExposedHeaderNames(ExposureResponse({"", "bb-8"}), ResponseType::kCors, kOmit),
            Plus(kSafelistedPresent, {"bb-8"}));
}

TEST(ExposedHeaderNamesTest, OpaqueResponsesExposeNothing) {
  // EXPOSE-TYPE: a no-cors response has an empty header list.
  EXPECT_TRUE(ExposedHeaderNames(ExposureResponse({"*"}), ResponseType::kOpaque, kOmit).empty());
}

}  // namespace
}  // namespace corscheck::model
