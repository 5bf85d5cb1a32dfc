// The process adapter against real child processes: a well-behaved adapter, the express `cors`
// example (real npm package, no socket), and adapters that die, hang or babble.
#include "target/exec_target.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "cases/adapter_protocol.h"
#include "target/factory.h"

namespace corscheck::target {
namespace {

core::HttpRequest Preflight(const std::string& origin) {
  core::HttpRequest r;
  r.method = "OPTIONS";
  r.url = "https://api.example.com/items";
  r.headers.Append("Origin", origin);
  r.headers.Append("Access-Control-Request-Method", "PUT");
  r.headers.Append("Access-Control-Request-Headers", "content-type");
  return r;
}

std::string Source(const std::string& rel) { return std::string(CORSCHECK_SOURCE_DIR) + "/" + rel; }

TEST(ExecTargetTest, ExpressCorsAdapterAnswersThroughExec) {
  const std::string dir = Source("examples/adapters/express-cors");
  ASSERT_TRUE(std::filesystem::exists(dir + "/node_modules/cors"))
      << "run `npm ci --prefix " << dir << "` (scripts/test.sh does) — the test needs the real cors package";
  const std::string policy = Source("tests/data/express_policy.json");
  auto made = MakeTarget("exec:node " + dir + "/adapter.js " + policy, {});
  ASSERT_TRUE(made) << made.error().message;
  Target& t = **made;

  auto ok = t.Send(Preflight("https://app.example.com"));
  ASSERT_TRUE(ok.ok()) << ok.failure->detail;
  EXPECT_EQ(ok.response->status, 204);
  EXPECT_EQ(ok.response->headers.Get("access-control-allow-origin"), "https://app.example.com");
  EXPECT_EQ(ok.response->headers.Get("access-control-allow-credentials"), "true");
  EXPECT_EQ(ok.response->headers.Get("access-control-allow-methods"), "GET,POST,PUT,DELETE");

  auto denied = t.Send(Preflight("https://app.example.com.evil.test"));
  ASSERT_TRUE(denied.ok());
  EXPECT_FALSE(denied.response->headers.Contains("access-control-allow-origin"));

  core::HttpRequest get;
  get.url = "https://api.example.com/items";
  get.headers.Append("Origin", "https://app.example.com");
  auto actual = t.Send(get);
  ASSERT_TRUE(actual.ok());
  EXPECT_EQ(actual.response->status, 200);
  EXPECT_EQ(actual.response->headers.Get("access-control-expose-headers"), "X-Total-Count");
  EXPECT_EQ(static_cast<ExecTarget&>(t).starts(), 1) << "one process serves every request";
}

struct BadAdapter {
  const char* what;
  const char* command;
  TransportError expected;
  const char* detail;
};

TEST(ExecTargetTest, BrokenAdaptersGiveTypedErrorsAndAreRestarted) {
  const BadAdapter kBad[] = {
      {"exits at once", "echo bye >&2; exit 3", TransportError::kAdapterFailed, "(stderr: bye)"},
      {"never answers", "sleep 30", TransportError::kTimeout, "no response within 300 ms"},
      {"answers garbage", "while read l; do echo 'not json'; done", TransportError::kAdapterFailed, "not a JSON object"},
      {"answers the wrong id", R"(while read l; do echo '{"v":1,"id":999,"status":200}'; done)",
       TransportError::kAdapterFailed, "another id"},
      {"reports an error", R"(while read l; do echo '{"v":1,"id":1,"error":"boom"}'; done)",
       TransportError::kAdapterFailed, "adapter reported: boom"},
      {"no such program", "/nonexistent/adapter", TransportError::kAdapterFailed, "not found"},
  };
  for (const BadAdapter& b : kBad) {
    SCOPED_TRACE(b.what);
    ExecTarget t(b.command, std::chrono::milliseconds(300));
    auto r = t.Send(Preflight("https://app.example.com"));
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(r.failure->kind, b.expected) << r.failure->detail;
    EXPECT_NE(r.failure->detail.find(b.detail), std::string::npos) << r.failure->detail;
    auto again = t.Send(Preflight("https://app.example.com"));  // a fresh process, not a hang
    EXPECT_FALSE(again.ok());
    EXPECT_EQ(t.starts(), 2);
  }
}

TEST(ExecTargetTest, ProtocolRoundTripsOddBytes) {
  core::HttpResponse r;
  r.status = 200;
  r.headers.Append("X-Odd", std::string("\x00\xff\t", 3));
  const std::string line = cases::EncodeAdapterResponse(5, r);
  auto back = cases::DecodeAdapterResponse(5, line);
  ASSERT_TRUE(back) << back.error().message;
  EXPECT_EQ(back->headers, r.headers);
}

TEST(ExecTargetTest, InProcessReferenceAdapterIsRegistered) {
  AdapterContext ctx;
  ctx.options = {"duplicate-acao"};
  auto made = MakeTarget("adapter:reference", {.http = {}, .adapter = ctx});
  ASSERT_TRUE(made) << made.error().message;
  core::HttpRequest get;
  get.url = "https://api.example.com/";
  get.headers.Append("Origin", "https://app.example.com");
  auto r = (*made)->Send(get);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.response->headers.Count("access-control-allow-origin"), 2u);
  EXPECT_EQ((*made)->Describe(), "adapter:reference");

  ctx.options = {"no-such-fault"};
  auto bad = MakeTarget("adapter:reference", {.http = {}, .adapter = ctx});
  ASSERT_FALSE(bad);
  EXPECT_NE(bad.error().message.find("unknown fault 'no-such-fault'"), std::string::npos);
  EXPECT_FALSE(MakeTarget("adapter:nope", {}));
  EXPECT_FALSE(MakeTarget("ftp://x", {}));
}

}  // namespace
}  // namespace corscheck::target
