#include "cases/policy_loader.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include <unistd.h>

namespace corscheck::cases {
namespace {

constexpr const char* kDocumented =
    R"({"origins": ["https://app.example.com", "http://localhost:3000"],
        "origin_patterns": ["https://*.example.com"], "credentials": true,
        "methods": ["GET","POST","PUT","DELETE"], "headers": ["Content-Type","Authorization","X-Requested-With"],
        "expose_headers": ["X-Total-Count"], "max_age": 600, "private_network": false})";

void ExpectSamePolicy(const core::Policy& a, const core::Policy& b) {
  EXPECT_EQ(a.origins, b.origins);
  EXPECT_EQ(a.origin_patterns, b.origin_patterns);
  EXPECT_EQ(a.credentials, b.credentials);
  EXPECT_EQ(a.methods, b.methods);
  EXPECT_EQ(a.headers, b.headers);
  EXPECT_EQ(a.expose_headers, b.expose_headers);
  EXPECT_EQ(a.max_age, b.max_age);
  EXPECT_EQ(a.private_network, b.private_network);
}

TEST(ParsePolicyTest, ReadsTheDocumentedForm) {
  auto policy = ParsePolicy(kDocumented, "p.json");
  ASSERT_TRUE(policy) << policy.error().message;
  core::Policy want;
  want.origins = {"https://app.example.com", "http://localhost:3000"};
  want.origin_patterns = {"https://*.example.com"};
  want.credentials = true;
  want.methods = {"GET", "POST", "PUT", "DELETE"};
  want.headers = {"Content-Type", "Authorization", "X-Requested-With"};
  want.expose_headers = {"X-Total-Count"};
  want.max_age = 600;
  want.private_network = false;
  ExpectSamePolicy(*policy, want);
}

TEST(ParsePolicyTest, SerializedPolicyReadsBackUnchanged) {
  auto policy = ParsePolicy(kDocumented, "p.json");
  ASSERT_TRUE(policy) << policy.error().message;
  auto again = ParsePolicy(SerializePolicy(*policy), "round-trip");
  ASSERT_TRUE(again) << again.error().message;
  ExpectSamePolicy(*again, *policy);
  EXPECT_EQ(SerializePolicy(*again), SerializePolicy(*policy));
}

TEST(ParsePolicyTest, EveryFieldIsOptional) {
  auto policy = ParsePolicy("{}", "p.json");
  ASSERT_TRUE(policy) << policy.error().message;
  ExpectSamePolicy(*policy, core::Policy{});
  // max_age absent stays absent: the server then sends no Access-Control-Max-Age.
  EXPECT_EQ(SerializePolicy(*policy).find("max_age"), std::string::npos);
}

TEST(ParsePolicyTest, AcceptsWildcardsWithoutCredentialsAndExplicitNull) {
  auto policy = ParsePolicy(
      R"({"origins":["*","null"],"methods":["*"],"headers":["*"],"expose_headers":["*"],"max_age":0})", "p.json");
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_EQ(policy->origins, (std::vector<std::string>{"*", "null"}));
  EXPECT_EQ(policy->max_age, 0);
}

struct BadPolicy {
  const char* why;
  const char* json;
  const char* message;  // a substring the error must contain, pointer included
};

TEST(ParsePolicyTest, RejectsMalformedPoliciesNamingFileAndPointer) {
  static const BadPolicy kBad[] = {
      {"not JSON", "{", "p.json: not valid JSON"},
      {"not an object", "[]", "p.json: /: a policy is a JSON object"},
      {"unknown key (typo)", R"({"origin":["https://a.example"]})", "p.json: /origin: unknown field 'origin'"},
      {"pointer escapes '/' in a key", R"({"a/b":1})", "p.json: /a~1b: unknown field"},
      {"origins not an array", R"({"origins":"https://a.example"})", "p.json: /origins: must be an array of strings"},
      {"origin not a string", R"({"origins":[1]})", "p.json: /origins/0: must be a string"},
      {"origin with trailing slash", R"({"origins":["https://a.example/"]})",
       "p.json: /origins/0: 'https://a.example/' is not a serialized origin"},
      {"origin with default port", R"({"origins":["https://a.example","https://b.example:443"]})",
       "/origins/1: 'https://b.example:443' is not a serialized origin"},
      {"origin in upper case", R"({"origins":["HTTPS://A.EXAMPLE"]})", "/origins/0: 'HTTPS://A.EXAMPLE' is not"},
      {"bare host", R"({"origins":["a.example"]})", "/origins/0: 'a.example' is not a serialized origin"},
      {"Null is case-sensitive", R"({"origins":["Null"]})", "/origins/0: 'Null' is not a serialized origin"},
      {"duplicate origin", R"({"origins":["https://a.example","https://a.example"]})",
       "/origins/1: duplicate entry 'https://a.example' (also at /origins/0)"},
      {"* origin with credentials", R"({"credentials":true,"origins":["https://a.example","*"]})",
       "p.json: /origins/1: '*' with \"credentials\": true is refused"},
      {"credentials not a boolean", R"({"credentials":"true"})", "p.json: /credentials: must be a boolean"},
      {"pattern without *", R"({"origin_patterns":["https://example.com"]})",
       "/origin_patterns/0: 'https://example.com' is not an origin pattern"},
      {"* not a whole label", R"({"origin_patterns":["https://*example.com"]})",
       "/origin_patterns/0: 'https://*example.com' is not an origin pattern"},
      {"* not leftmost", R"({"origin_patterns":["https://a.*.example.com"]})", "/origin_patterns/0: 'https://a.*"},
      {"two stars", R"({"origin_patterns":["https://*.*.example.com"]})", "/origin_patterns/0:"},
      {"pattern with path", R"({"origin_patterns":["https://*.example.com/"]})", "/origin_patterns/0:"},
      {"pattern with default port", R"({"origin_patterns":["https://*.example.com:443"]})", "/origin_patterns/0:"},
      {"pattern on an IP address", R"({"origin_patterns":["http://*.0.0.1"]})", "/origin_patterns/0:"},
      {"pattern with empty label", R"({"origin_patterns":["https://*..example.com"]})", "/origin_patterns/0:"},
      {"pattern without scheme", R"({"origin_patterns":["*.example.com"]})", "/origin_patterns/0:"},
      {"method not a token", R"({"methods":["GET","PA TCH"]})", "p.json: /methods/1: 'PA TCH' is not a valid method"},
      {"* method with credentials", R"({"credentials":true,"methods":["GET","*"]})",
       "p.json: /methods/1: '*' with \"credentials\": true means nothing"},
      {"header not a token", R"({"headers":["X-A:"]})", "p.json: /headers/0: 'X-A:' is not a valid header name"},
      {"forbidden header", R"({"headers":["Content-Type","Cookie"]})",
       "p.json: /headers/1: 'Cookie' is a forbidden request header"},
      {"forbidden Sec- prefix", R"({"headers":["Sec-Fetch-Mode"]})", "/headers/0: 'Sec-Fetch-Mode' is a forbidden"},
      {"duplicate header, other case", R"({"headers":["X-A","x-a"]})", "/headers/1: duplicate entry 'x-a'"},
      {"* header with credentials", R"({"credentials":true,"headers":["*"]})", "/headers/0: '*' with \"credentials\""},
      {"expose header not a token", R"({"expose_headers":["X Total"]})", "/expose_headers/0: 'X Total' is not"},
      {"* expose with credentials", R"({"expose_headers":["*"],"credentials":true})",
       "/expose_headers/0: '*' with \"credentials\": true means nothing"},
      {"negative max_age", R"({"max_age":-1})", "p.json: /max_age: must be >= 0"},
      {"fractional max_age", R"({"max_age":1.5})", "p.json: /max_age: must be an integer"},
      {"max_age as a string", R"({"max_age":"600"})", "p.json: /max_age: must be an integer"},
      {"huge max_age", R"({"max_age":18446744073709551615})", "p.json: /max_age: is too large"},
      {"private_network not a boolean", R"({"private_network":1})", "p.json: /private_network: must be a boolean"},
  };
  for (const BadPolicy& bad : kBad) {
    SCOPED_TRACE(bad.why);
    auto policy = ParsePolicy(bad.json, "p.json");
    ASSERT_FALSE(policy);
    EXPECT_NE(policy.error().message.find(bad.message), std::string::npos) << policy.error().message;
  }
}

TEST(LoadPolicyTest, ReadsAFileAndNamesItInErrors) {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / ("corscheck_policy_loader_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string good = (dir / "good.json").string();
  const std::string bad = (dir / "bad.json").string();
  std::ofstream(good) << kDocumented;
  std::ofstream(bad) << R"({"max_age": -5})";

  auto policy = LoadPolicy(good);
  ASSERT_TRUE(policy) << policy.error().message;
  EXPECT_EQ(policy->max_age, 600);

  auto failed = LoadPolicy(bad);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().message, bad + ": /max_age: must be >= 0 (0 disables preflight caching)");

  auto missing = LoadPolicy((dir / "missing.json").string());
  ASSERT_FALSE(missing);
  EXPECT_NE(missing.error().message.find("missing.json: cannot open file"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace corscheck::cases
