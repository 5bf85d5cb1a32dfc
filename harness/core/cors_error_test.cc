// CorsError is the report vocabulary: its names are the strings users know from DevTools
// (digest §2.1), reports and case files refer to them by name, and the console line must read
// exactly like Chromium's (digest §2.2, §2.3) so users can match it against their browser.
#include "core/cors_error.h"

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <string_view>

namespace corscheck::core {
namespace {

constexpr std::string_view kPreflightPrefix = "Response to preflight request doesn't pass access control check: ";
constexpr std::string_view kNoCorsHint = " Have the server send the header with a valid value.";

TEST(CorsErrorTest, NamesMatchChromiumDevToolsStringsInEnumOrder) {
  // Digest §2.1, LNA era: values 0-21 carry Chromium's names in Chromium's order; corscheck's own
  // values follow. Reports and case files store these names, so they must never change.
  static constexpr std::string_view kNames[] = {
      "DisallowedByMode",
      "InvalidResponse",
      "WildcardOriginNotAllowed",
      "MissingAllowOriginHeader",
      "MultipleAllowOriginValues",
      "InvalidAllowOriginValue",
      "AllowOriginMismatch",
      "InvalidAllowCredentials",
      "CorsDisabledScheme",
      "PreflightInvalidStatus",
      "PreflightDisallowedRedirect",
      "PreflightWildcardOriginNotAllowed",
      "PreflightMissingAllowOriginHeader",
      "PreflightMultipleAllowOriginValues",
      "PreflightInvalidAllowOriginValue",
      "PreflightAllowOriginMismatch",
      "PreflightInvalidAllowCredentials",
      "InvalidAllowMethodsPreflightResponse",
      "InvalidAllowHeadersPreflightResponse",
      "MethodDisallowedByPreflightResponse",
      "HeaderDisallowedByPreflightResponse",
      "RedirectContainsCredentials",
      "RequestRejected",
      "TooManyRedirects",
      "RedirectSchemeNotAllowed",
      "InvalidRedirect",
  };
  ASSERT_EQ(std::size(kNames), static_cast<std::size_t>(kCorsErrorCount));
  for (int i = 0; i < kCorsErrorCount; ++i) {
    SCOPED_TRACE(i);
    EXPECT_EQ(Name(static_cast<CorsError>(i)), kNames[i]);
  }
}

TEST(CorsErrorTest, EveryValueRoundTripsThroughItsName) {
  std::set<std::string_view> seen;
  for (int i = 0; i < kCorsErrorCount; ++i) {
    const auto error = static_cast<CorsError>(i);
    SCOPED_TRACE(std::string(Name(error)));
    EXPECT_FALSE(Name(error).empty());
    EXPECT_TRUE(seen.insert(Name(error)).second) << "duplicate name";
    EXPECT_EQ(CorsErrorFromName(Name(error)), error);
  }
}

TEST(CorsErrorTest, FromNameRejectsAnythingButTheExactName) {
  // Case files are data: a misspelt error name must be caught by the loader, not matched loosely.
  for (std::string_view name : {"", "kMissingAllowOriginHeader", "missingalloworiginheader",
                                "MissingAllowOriginHeader ", "PreflightMissingAllowPrivateNetwork"}) {
    SCOPED_TRACE(std::string(name));
    EXPECT_EQ(CorsErrorFromName(name), std::nullopt);
  }
}

TEST(CorsErrorTest, EveryValueHasAFix) {
  for (int i = 0; i < kCorsErrorCount; ++i) {
    const auto error = static_cast<CorsError>(i);
    SCOPED_TRACE(std::string(Name(error)));
    EXPECT_FALSE(Fix(error).empty());
    EXPECT_FALSE(ReasonText(error, "x").empty());
  }
}

TEST(CorsErrorTest, PreflightPrefixAppliesToExactlyTheEightAccessErrors) {
  // Digest §2.2: the prefix is for kPreflight{WildcardOriginNotAllowed, MissingAllowOriginHeader,
  // MultipleAllowOriginValues, InvalidAllowOriginValue, AllowOriginMismatch,
  // InvalidAllowCredentials, InvalidStatus, DisallowedRedirect}; the method/header/parse errors
  // mention "preflight" in their own text instead.
  const std::set<CorsError> kPrefixed = {
      CorsError::kPreflightWildcardOriginNotAllowed, CorsError::kPreflightMissingAllowOriginHeader,
      CorsError::kPreflightMultipleAllowOriginValues, CorsError::kPreflightInvalidAllowOriginValue,
      CorsError::kPreflightAllowOriginMismatch,      CorsError::kPreflightInvalidAllowCredentials,
      CorsError::kPreflightInvalidStatus,            CorsError::kPreflightDisallowedRedirect,
  };
  for (int i = 0; i < kCorsErrorCount; ++i) {
    const auto error = static_cast<CorsError>(i);
    SCOPED_TRACE(std::string(Name(error)));
    EXPECT_EQ(IsPreflightAccessError(error), kPrefixed.count(error) == 1);
  }
}

TEST(CorsErrorTest, ToPreflightErrorMapsTheSixCorsCheckErrors) {
  // PFR-CORS-CHECK-ACTUAL-CREDS: the CORS check on a preflight reports the kPreflight* twin.
  struct Case {
    CorsError in, out;
  };
  static const Case kCases[] = {
      {CorsError::kWildcardOriginNotAllowed, CorsError::kPreflightWildcardOriginNotAllowed},
      {CorsError::kMissingAllowOriginHeader, CorsError::kPreflightMissingAllowOriginHeader},
      {CorsError::kMultipleAllowOriginValues, CorsError::kPreflightMultipleAllowOriginValues},
      {CorsError::kInvalidAllowOriginValue, CorsError::kPreflightInvalidAllowOriginValue},
      {CorsError::kAllowOriginMismatch, CorsError::kPreflightAllowOriginMismatch},
      {CorsError::kInvalidAllowCredentials, CorsError::kPreflightInvalidAllowCredentials},
      // Everything else is returned unchanged, including values that are already preflight errors.
      {CorsError::kPreflightInvalidStatus, CorsError::kPreflightInvalidStatus},
      {CorsError::kPreflightAllowOriginMismatch, CorsError::kPreflightAllowOriginMismatch},
      {CorsError::kMethodDisallowedByPreflightResponse, CorsError::kMethodDisallowedByPreflightResponse},
      {CorsError::kDisallowedByMode, CorsError::kDisallowedByMode},
      {CorsError::kInvalidRedirect, CorsError::kInvalidRedirect},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(Name(c.in)));
    EXPECT_EQ(ToPreflightError(c.in), c.out);
  }
}

TEST(CorsErrorTest, ReasonTextsQuoteChromiumVerbatim) {
  // Digest §2.3 (fetch initiator, LNA-era NoCorsInfo suffix).
  struct Case {
    CorsError error;
    std::string_view param;
    std::string text;
  };
  static const Case kCases[] = {
      {CorsError::kDisallowedByMode, "", "Cross origin requests are not allowed by request mode."},
      {CorsError::kInvalidResponse, "", "The response is invalid."},
      {CorsError::kWildcardOriginNotAllowed, "*",
       "The value of the 'Access-Control-Allow-Origin' header in the response must not be the wildcard '*' when "
       "the request's credentials mode is 'include'."},
      {CorsError::kMissingAllowOriginHeader, "",
       "No 'Access-Control-Allow-Origin' header is present on the requested resource."},
      {CorsError::kPreflightMultipleAllowOriginValues, "https://a.example, https://b.example",
       "The 'Access-Control-Allow-Origin' header contains multiple values 'https://a.example, https://b.example', "
       "but only one is allowed." + std::string(kNoCorsHint)},
      {CorsError::kInvalidAllowOriginValue, "example.com",
       "The 'Access-Control-Allow-Origin' header contains the invalid value 'example.com'." +
           std::string(kNoCorsHint)},
      {CorsError::kInvalidAllowOriginValue, "",
       "The 'Access-Control-Allow-Origin' header contains the invalid value ''." + std::string(kNoCorsHint)},
      {CorsError::kAllowOriginMismatch, "null",
       "The 'Access-Control-Allow-Origin' header has a value 'null' that is not equal to the supplied origin." +
           std::string(kNoCorsHint)},
      {CorsError::kInvalidAllowCredentials, "",
       "The value of the 'Access-Control-Allow-Credentials' header in the response is '' which must be 'true' "
       "when the request's credentials mode is 'include'."},
      {CorsError::kPreflightInvalidAllowCredentials, "True",
       "The value of the 'Access-Control-Allow-Credentials' header in the response is 'True' which must be 'true' "
       "when the request's credentials mode is 'include'."},
      {CorsError::kPreflightInvalidStatus, "", "It does not have HTTP ok status."},
      {CorsError::kPreflightDisallowedRedirect, "", "Redirect is not allowed for a preflight request."},
      {CorsError::kInvalidAllowMethodsPreflightResponse, "",
       "Cannot parse Access-Control-Allow-Methods response header field in preflight response."},
      {CorsError::kInvalidAllowHeadersPreflightResponse, "",
       "Cannot parse Access-Control-Allow-Headers response header field in preflight response."},
      {CorsError::kMethodDisallowedByPreflightResponse, "PATCH",
       "Method PATCH is not allowed by Access-Control-Allow-Methods in preflight response."},
      {CorsError::kHeaderDisallowedByPreflightResponse, "x-api-key",
       "Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight response."},
      {CorsError::kRedirectContainsCredentials, "https://u:p@c.example/",
       "Redirect location 'https://u:p@c.example/' contains a username and password, which is disallowed for "
       "cross-origin requests."},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(Name(c.error)));
    EXPECT_EQ(ReasonText(c.error, c.param), c.text);
  }
}

TEST(CorsErrorTest, ConsoleMessageWithoutRedirect) {
  const ConsoleContext ctx{"fetch", "https://api.b.example/v1", "https://api.b.example/v1", "https://a.example"};
  EXPECT_EQ(ConsoleMessage(CorsError::kMissingAllowOriginHeader, "", ctx),
            "Access to fetch at 'https://api.b.example/v1' from origin 'https://a.example' has been blocked by CORS "
            "policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
  // Digest §2.2 worked example 4: the header error carries no preflight prefix.
  EXPECT_EQ(ConsoleMessage(CorsError::kHeaderDisallowedByPreflightResponse, "x-api-key", ctx),
            "Access to fetch at 'https://api.b.example/v1' from origin 'https://a.example' has been blocked by CORS "
            "policy: Request header field x-api-key is not allowed by Access-Control-Allow-Headers in preflight "
            "response.");
}

TEST(CorsErrorTest, ConsoleMessageAddsThePreflightPrefix) {
  // Digest §2.2 worked example 2, verbatim.
  const ConsoleContext ctx{"fetch", "https://api.b.example/v1", "", "https://a.example"};
  EXPECT_EQ(ConsoleMessage(CorsError::kPreflightInvalidStatus, "", ctx),
            "Access to fetch at 'https://api.b.example/v1' from origin 'https://a.example' has been blocked by CORS "
            "policy: Response to preflight request doesn't pass access control check: It does not have HTTP ok "
            "status.");
  const std::string missing = ConsoleMessage(CorsError::kPreflightMissingAllowOriginHeader, "", ctx);
  EXPECT_NE(missing.find(std::string(kPreflightPrefix) + "No 'Access-Control-Allow-Origin' header"),
            std::string::npos)
      << missing;
  // Method errors say "preflight" themselves and must not get the prefix twice.
  const std::string method = ConsoleMessage(CorsError::kMethodDisallowedByPreflightResponse, "PUT", ctx);
  EXPECT_EQ(method.find(kPreflightPrefix), std::string::npos) << method;
}

TEST(CorsErrorTest, ConsoleMessageNamesTheInitialUrlAfterRedirects) {
  // Digest §2.2: "(redirected from '<initial URL>')" appears only when it differs from the last URL;
  // the origin is "null" once the chain is tainted (REDIR-TAINT).
  const ConsoleContext ctx{"fetch", "https://c.example/x", "https://b.example/r", "null"};
  EXPECT_EQ(ConsoleMessage(CorsError::kAllowOriginMismatch, "https://a.example", ctx),
            "Access to fetch at 'https://c.example/x' (redirected from 'https://b.example/r') from origin 'null' has "
            "been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value 'https://a.example' "
            "that is not equal to the supplied origin." +
                std::string(kNoCorsHint));
}

TEST(CorsErrorTest, ConsoleMessageUsesTheGivenKind) {
  const ConsoleContext ctx{"script", "https://cdn.example/x.js", "", "https://a.example"};
  const std::string msg = ConsoleMessage(CorsError::kMissingAllowOriginHeader, "", ctx);
  EXPECT_EQ(msg.rfind("Access to script at 'https://cdn.example/x.js' from origin 'https://a.example' ", 0), 0u)
      << msg;
}

TEST(CorsErrorTest, XhrMessagesOmitTheFetchOnlyHint) {
  // Digest §2.2 worked example 3, verbatim.
  const ConsoleContext ctx{"XMLHttpRequest", "https://c.example/x", "https://b.example/r", "https://a.example"};
  EXPECT_EQ(ConsoleMessage(CorsError::kAllowOriginMismatch, "https://a.example", ctx),
            "Access to XMLHttpRequest at 'https://c.example/x' (redirected from 'https://b.example/r') from origin "
            "'https://a.example' has been blocked by CORS policy: The 'Access-Control-Allow-Origin' header has a value "
            "'https://a.example' that is not equal to the supplied origin.");
}

TEST(CorsErrorTest, XhrWildcardMessageMentionsWithCredentials) {
  const ConsoleContext ctx{"XMLHttpRequest", "https://b.example/", "", "https://a.example"};
  const std::string msg = ConsoleMessage(CorsError::kWildcardOriginNotAllowed, "*", ctx);
  EXPECT_NE(msg.find("when the request's credentials mode is 'include'. The credentials mode of requests initiated "
                     "by the XMLHttpRequest is controlled by the withCredentials attribute."),
            std::string::npos)
      << msg;
}

TEST(CorsErrorTest, ConsoleMessageEscapesNonPrintableValuesAsUnicode) {
  const ConsoleContext ctx{"fetch", "https://b.example/", "", "https://a.example"};
  const std::string msg = ConsoleMessage(CorsError::kAllowOriginMismatch, "https://a.example\x01", ctx);
  EXPECT_NE(msg.find("'https://a.example\\u0001'"), std::string::npos) << msg;
}

TEST(CorsErrorTest, EveryErrorNamesADigestRuleAndAFix) {
  // scan prints "blocked (Error, rule RULE)": every value needs both.
  for (int i = 0; i < kCorsErrorCount; ++i) {
    const auto e = static_cast<CorsError>(i);
    SCOPED_TRACE(std::string(Name(e)));
    EXPECT_FALSE(DigestRule(e).empty());
    EXPECT_FALSE(Fix(e).empty());
  }
  EXPECT_EQ(DigestRule(CorsError::kAllowOriginMismatch), "CHECK-ACAO-EXACT");
  EXPECT_EQ(DigestRule(CorsError::kPreflightInvalidStatus), "PFR-OK-STATUS");
}

}  // namespace
}  // namespace corscheck::core
