#include "cases/model_case.h"

#include <gtest/gtest.h>

#include "cases/json_util.h"

namespace corscheck::cases {
namespace {

constexpr const char* kGood =
    R"({"id":"a.b","rule":"CHECK-ACAO-WILDCARD","title":"t","page_origin":"https://app.example.com",)"
    R"("request":{"url":"https://api.example.com/x","headers":[["X-A","1"],["x-a","2"]]},)"
    R"("response":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]},)"
    R"("expect":{"allowed":true,"error":null,"request_headers":{"origin":"https://app.example.com","access-control-request-method":"GET"}},)"
    R"("followups":[{"after_seconds":3,"expect":{"preflight":true}}]})";

TEST(ParseModelCasesTest, ReadsEveryFieldAndKeepsHeaderOrderAndDuplicates) {
  auto cases = ParseModelCases(std::string("[") + kGood + "]", "f.json");
  ASSERT_TRUE(cases) << cases.error().message;
  ASSERT_EQ(cases->size(), 1u);
  const ModelCase& c = cases->front();
  EXPECT_EQ(c.id, "a.b");
  ASSERT_EQ(c.steps.size(), 2u);
  const auto& headers = c.steps[0].scenario.request.headers.entries();
  ASSERT_EQ(headers.size(), 2u);
  EXPECT_EQ(headers[1].name, "x-a");
  ASSERT_TRUE(c.steps[0].expect);
  ASSERT_TRUE(c.steps[0].expect->error.has_value());  // present ...
  EXPECT_FALSE(c.steps[0].expect->error->has_value());  // ... and null: "no error expected"
  EXPECT_EQ(c.steps[0].expect->request_headers.at("access-control-request-method"), "GET");
  // A followup inherits the request and answers of the case, and carries its own expectation.
  EXPECT_EQ(c.steps[1].after_seconds, 3);
  EXPECT_EQ(c.steps[1].scenario.request.url, "https://api.example.com/x");
  EXPECT_EQ(c.steps[1].pointer, "/0/followups/0");
}

TEST(ParseModelCasesTest, HeaderValuesAreIsomorphicBytes) {
  // U+00E9 is the single byte 0xE9 on the wire, not UTF-8's two bytes.
  auto cases = ParseModelCases(
      R"({"cases":[{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"https://x.test/"},)"
      R"("response":{"status":200,"headers":[["X","\u00e9\u0000"]]}}]})",
      "f.json");
  ASSERT_TRUE(cases) << cases.error().message;
  EXPECT_EQ(cases->front().steps[0].scenario.response.headers.entries()[0].value, std::string("\xE9\0", 2));
  EXPECT_TRUE(cases->front().steps[0].scenario.page_origin.opaque());
}

struct BadInput {
  const char* why;
  const char* json;
  const char* message;  // a substring the error must contain
};

TEST(ParseModelCasesTest, RejectsMalformedCasesNamingFileCaseAndPointer) {
  static const BadInput kBad[] = {
      {"not JSON", "{", "f.json: not valid JSON"},
      {"no cases array", R"({"description":"x"})", "/cases: required field is missing"},
      {"unknown top-level key", R"({"cases":[],"cses":1})", "/cses: unknown field"},
      {"typo in a request field",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"https://x.test/","metod":"PUT"},"response":{"status":200}}])",
       "case 'a': /0/request/metod: unknown field"},
      {"missing id", R"([{"rule":"R"}])", "case '?': /0/id: required field is missing"},
      {"id is not a slug",
       R"([{"id":"Bad Id","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":200}}])",
       "/0/id: 'Bad Id' is not a lower-case slug"},
      {"page origin with a path",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"https://a.test/","request":{"url":"u"},"response":{"status":200}}])",
       "/0/page_origin: 'https://a.test/' is not a serialized origin"},
      {"header is an object",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":200,"headers":{"A":"b"}}}])",
       "/0/response/headers: a header list is an array"},
      {"header value above U+00FF",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":200,"headers":[["A","\u0100"]]}}])",
       "/0/response/headers/0/1: code point U+0100"},
      {"status out of range",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":42}}])",
       "/0/response/status: must be 100..999"},
      {"unknown error name",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":200},"expect":{"error":"Nope"}}])",
       "/0/expect/error: must be null or a CorsError name"},
      {"unknown profile",
       R"([{"id":"a","rule":"R","title":"t","profiles":["opera"],"page_origin":"null","request":{"url":"u"},"response":{"status":200}}])",
       "/0/profiles/0: must be spec, chromium, firefox or webkit"},
      {"redirect hop without Location",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"redirects":[{"status":302}],"response":{"status":200}}])",
       "/0/redirects/0: a redirect hop needs status"},
      {"negative followup delay",
       R"([{"id":"a","rule":"R","title":"t","page_origin":"null","request":{"url":"u"},"response":{"status":200},"followups":[{"after_seconds":-1}]}])",
       "/0/followups/0/after_seconds: must be a number >= 0"},
  };
  for (const BadInput& b : kBad) {
    SCOPED_TRACE(b.why);
    auto cases = ParseModelCases(b.json, "f.json");
    ASSERT_FALSE(cases);
    EXPECT_NE(cases.error().message.find(b.message), std::string::npos) << cases.error().message;
    EXPECT_EQ(cases.error().message.rfind("f.json", 0), 0u) << "the error starts with the file name";
  }
}

TEST(RunModelCaseTest, FollowupsShareThePreflightCache) {
  auto cases = ParseModelCases(
      R"([{"id":"a","rule":"CACHE-CHROMIUM","title":"t","page_origin":"https://app.example.com",)"
      R"("request":{"url":"https://api.example.com/x","method":"PUT"},)"
      R"("preflight_response":{"status":204,"headers":[["Access-Control-Allow-Origin","*"],["Access-Control-Allow-Methods","PUT"],["Access-Control-Max-Age","60"]]},)"
      R"("response":{"status":200,"headers":[["Access-Control-Allow-Origin","*"]]},)"
      R"("expect":{"preflight":true,"allowed":true,"max_age":60},)"
      R"("followups":[{"after_seconds":59,"expect":{"preflight":false}},{"after_seconds":1,"expect":{"preflight":true}}]}])",
      "f.json");
  ASSERT_TRUE(cases) << cases.error().message;
  const CaseOutcome outcome = RunModelCase(cases->front(), model::ProfileId::kChromium);
  EXPECT_TRUE(outcome.checked);
  EXPECT_TRUE(outcome.passed());
  for (const auto& m : outcome.mismatches) ADD_FAILURE() << m.step << " " << m.field << " " << m.actual;
}

TEST(RunModelCaseTest, ReportsAMissingPreflightAnswerAsAMalformedCase) {
  auto cases = ParseModelCases(
      R"([{"id":"a","rule":"R","title":"t","page_origin":"https://app.example.com","request":{"url":"https://api.example.com/x","method":"DELETE"},"response":{"status":200}}])",
      "f.json");
  ASSERT_TRUE(cases);
  const CaseOutcome outcome = RunModelCase(cases->front(), model::ProfileId::kSpec);
  ASSERT_TRUE(outcome.scenario_error);
  EXPECT_NE(outcome.scenario_error->find("f.json: case 'a': /0: a preflight"), std::string::npos);
}

TEST(IsomorphicTest, EncodeAndDecodeRoundTripEveryByte) {
  std::string all;
  for (int b = 0; b < 256; ++b) all.push_back(static_cast<char>(b));
  auto back = IsomorphicEncode(IsomorphicDecode(all));
  ASSERT_TRUE(back);
  EXPECT_EQ(*back, all);
  EXPECT_FALSE(IsomorphicEncode("\xff"));  // invalid UTF-8
}

}  // namespace
}  // namespace corscheck::cases
