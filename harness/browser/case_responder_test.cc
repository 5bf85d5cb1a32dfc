// The per-case responder answers each request of a case in the order the browser makes them and
// records what it received, so the browser oracle observes preflights instead of assuming them.
#include "browser/case_responder.h"

#include <gtest/gtest.h>

#include "transport/http_client.h"
#include "transport/http_server.h"

namespace corscheck::browser {
namespace {

// A preflighted PUT redirected once; the hop carries its own preflight answer, and the final
// response repeats ACAO on two lines with odd bytes, as a sloppy proxy would.
constexpr const char* kCases = R"({"cases":[
 {"id":"a.redirect","rule":"R","title":"t","page_origin":"https://app.example.com",
  "request":{"url":"https://api.example.com/a/start","method":"PUT"},
  "preflight_response":{"status":204,"headers":[["Access-Control-Allow-Origin","*"],["Access-Control-Allow-Methods","PUT"]]},
  "redirects":[{"status":307,"headers":[["Location","https://data.example.net/a/next"],["Access-Control-Allow-Origin","*"]],
                "preflight_response":{"status":200,"headers":[["X-Hop","1"]]}}],
  "response":{"status":200,"headers":[["Access-Control-Allow-Origin","*"],["access-control-allow-origin","null"],["X-Odd","a\tb \u00e9"]]},
  "followups":[{"after_seconds":1,"response":{"status":404}}]},
 {"id":"b.plain","rule":"R","title":"t","page_origin":"http://app.example.com:8080",
  "request":{"url":"http://api.example.com:8080/b"},"response":{"status":204}}
]})";

std::vector<cases::ModelCase> Load() {
  auto loaded = cases::ParseModelCases(kCases, "responder_test.json");
  EXPECT_TRUE(loaded) << loaded.error().message;
  return loaded ? std::move(*loaded) : std::vector<cases::ModelCase>{};
}

core::HttpRequest Req(std::string method, std::string url, bool preflight = false) {
  core::HttpRequest r;
  r.method = std::move(method);
  r.url = std::move(url);
  r.headers.Append("Origin", "https://app.example.com");
  if (preflight) r.headers.Append("Access-Control-Request-Method", "PUT");
  return r;
}

TEST(CaseResponderTest, AnswersPreflightHopHopPreflightAndFinalInOrderAndRecordsThem) {
  const auto cases = Load();
  ASSERT_EQ(cases.size(), 2u);
  CaseResponder responder(cases);
  responder.BeginStep(0, 0);
  EXPECT_EQ(responder.Handle(Req("OPTIONS", "https://api.example.com/a/start", true)).status, 204);
  const auto hop = responder.Handle(Req("PUT", "https://api.example.com/a/start"));
  EXPECT_EQ(hop.status, 307);
  EXPECT_EQ(hop.headers.Get("location"), "https://data.example.net/a/next");
  // After the hop, a preflight to its target gets the hop's own preflight_response.
  const auto hop_preflight = responder.Handle(Req("OPTIONS", "https://data.example.net/a/next", true));
  EXPECT_EQ(hop_preflight.headers.Get("x-hop"), "1");
  const auto final_response = responder.Handle(Req("PUT", "https://data.example.net/a/next"));
  EXPECT_EQ(final_response.status, 200);
  ASSERT_EQ(final_response.headers.size(), 3u);
  EXPECT_EQ(final_response.headers.entries()[2].value, "a\tb \xE9");

  const auto recorded = responder.EndStep(0);
  ASSERT_EQ(recorded.size(), 4u);
  EXPECT_TRUE(recorded[0].IsPreflight());
  EXPECT_FALSE(recorded[1].IsPreflight());
  EXPECT_EQ(recorded[2].url, "https://data.example.net/a/next");

  // A followup's own answers replace the case's.
  responder.BeginStep(0, 1);
  EXPECT_EQ(responder.Handle(Req("PUT", "https://api.example.com/a/start")).status, 307);
  EXPECT_EQ(responder.Handle(Req("PUT", "https://data.example.net/a/next")).status, 404);
  EXPECT_EQ(responder.EndStep(0).size(), 2u);
}

TEST(CaseResponderTest, ServesPagesAndCountsStrayRequests) {
  const auto cases = Load();
  CaseResponder responder(cases);
  const auto page = responder.Handle(Req("GET", std::string("https://app.example.com") + kPagePath));
  EXPECT_EQ(page.status, 200);
  EXPECT_FALSE(page.headers.Contains("content-security-policy"));
  const auto opaque = responder.Handle(Req("GET", std::string("https://app.example.com") + kOpaquePagePath));
  EXPECT_EQ(opaque.headers.Get("content-security-policy"), "sandbox allow-scripts");
  EXPECT_EQ(responder.Handle(Req("GET", "https://app.example.com/favicon.ico")).status, 404);
  EXPECT_EQ(responder.unrouted(), 1u);
}

TEST(CaseResponderTest, KnowsEveryHostAndPortTheCasesUse) {
  const auto cases = Load();
  CaseResponder responder(cases);
  const auto hosts = responder.HostNames();
  EXPECT_TRUE(hosts.count("data.example.net"));
  EXPECT_TRUE(hosts.count("api.example.com"));
  const auto ports = responder.SchemePorts();
  EXPECT_TRUE(ports.count({"https", 443}));
  EXPECT_TRUE(ports.count({"http", 8080}));
}

TEST(CaseResponderTest, WritesTheCaseHeaderLinesOnTheWire) {
  const auto cases = Load();
  CaseResponder responder(cases);
  transport::HttpServer server([&](const core::HttpRequest& r) { return responder.Handle(r); });
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  transport::HttpTarget client(server.BaseUrl(), transport::HttpClientOptions{});
  responder.BeginStep(1, 0);
  // The server builds the URL from Host, as it does for Chromium's mapped host names.
  core::HttpRequest request = Req("GET", server.BaseUrl() + "/b");
  request.headers.Append("Host", "api.example.com:8080");
  auto sent = client.Send(request);
  ASSERT_TRUE(sent.ok()) << sent.failure->detail;
  EXPECT_EQ(sent.response->status, 204);
  const auto recorded = responder.EndStep(1);
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].headers.Get("origin"), "https://app.example.com");
}

TEST(CaseResponderTest, ACaseThatSharesAUrlWithAnotherCannotRun) {
  // Answers are routed by URL and Chromium caches preflights per URL: a shared URL would leak.
  auto loaded = cases::ParseModelCases(
      R"({"cases":[{"id":"x.one","rule":"R","title":"t","page_origin":"https://app.example.com",
                    "request":{"url":"https://api.example.com/same"},"response":{"status":200}},
                   {"id":"x.two","rule":"R","title":"t","page_origin":"https://app.example.com",
                    "request":{"url":"https://API.example.com:443/same"},"response":{"status":200}}]})",
      "shared.json");
  ASSERT_TRUE(loaded) << loaded.error().message;
  CaseResponder responder(*loaded);
  EXPECT_EQ(responder.Conflict(0), "");
  EXPECT_NE(responder.Conflict(1).find("x.one"), std::string::npos) << responder.Conflict(1);
}

TEST(CaseResponderTest, RecordsControlBytesChromiumSendsInHeaderValues) {
  // Chromium sends DEL and C0 controls in script-set values (they only make the header unsafe);
  // Beast's own parser would drop such a request, so the responder's server reads raw lines.
  const auto cases = Load();
  CaseResponder responder(cases);
  transport::HttpServerOptions options;
  options.raw_request_headers = true;
  transport::HttpServer server([&](const core::HttpRequest& r) { return responder.Handle(r); }, options);
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  transport::HttpTarget client(server.BaseUrl(), transport::HttpClientOptions{});
  responder.BeginStep(1, 0);
  core::HttpRequest request = Req("GET", server.BaseUrl() + "/b");
  request.headers.Append("Host", "api.example.com:8080");
  request.headers.Append("Accept", "a\x7F\x01b");
  auto sent = client.Send(request);
  ASSERT_TRUE(sent.ok()) << sent.failure->detail;
  EXPECT_EQ(sent.response->status, 204);
  const auto recorded = responder.EndStep(1);
  ASSERT_EQ(recorded.size(), 1u);
  EXPECT_EQ(recorded[0].headers.Get("accept"), "a\x7F\x01b");
}

}  // namespace
}  // namespace corscheck::browser
