// The HTTP target against real listeners on loopback port 0: the reference-style server, TLS with
// a certificate made in the test, and raw sockets that misbehave on purpose.
#include <gtest/gtest.h>

#include <boost/asio.hpp>
#include <thread>

#include "transport/http_client.h"
#include "transport/http_server.h"
#include "transport/tls_cert.h"

namespace corscheck::transport {
namespace {

namespace asio = boost::asio;
using target::TransportError;

core::HttpResponse Echo(const core::HttpRequest& req) {
  core::HttpResponse r;
  r.status = 200;
  // Exactly what a sloppy proxy + app produce: two ACAO lines, odd case, a tab and a high byte.
  r.headers.Append("Access-Control-Allow-Origin", "*");
  r.headers.Append("access-control-allow-origin", "https://app.example.com");
  r.headers.Append("X-Odd", "a\tb \xE9");
  r.headers.Append("X-Method", req.method);
  r.headers.Append("X-Origin-Seen", req.headers.Get("origin").value_or("-"));
  r.body = req.url;
  return r;
}

HttpClientOptions FastOptions() {
  HttpClientOptions o;
  o.connect_timeout = std::chrono::milliseconds(2000);
  o.read_timeout = std::chrono::milliseconds(300);
  o.total_timeout = std::chrono::milliseconds(3000);
  return o;
}

core::HttpRequest Get(const std::string& url) {
  core::HttpRequest r;
  r.url = url;
  r.headers.Append("Origin", "https://app.example.com");
  return r;
}

TEST(HttpTransportTest, KeepsEveryResponseHeaderLineAsSent) {
  HttpServer server(Echo);
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  HttpTarget target(server.BaseUrl(), FastOptions());
  auto res = target.Send(Get(server.BaseUrl() + "/x?y=1"));
  ASSERT_TRUE(res.ok()) << res.failure->detail;
  const auto& h = res.response->headers.entries();
  ASSERT_GE(h.size(), 5u);
  EXPECT_EQ(h[0], (core::Header{"Access-Control-Allow-Origin", "*"}));
  EXPECT_EQ(h[1], (core::Header{"access-control-allow-origin", "https://app.example.com"}));
  EXPECT_EQ(h[2], (core::Header{"X-Odd", "a\tb \xE9"}));
  EXPECT_EQ(res.response->headers.Get("x-origin-seen"), "https://app.example.com");
  EXPECT_EQ(res.response->body, server.BaseUrl() + "/x?y=1");
}

TEST(HttpTransportTest, ReusesKeepAliveConnections) {
  HttpServer server(Echo);
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  HttpClientOptions o = FastOptions();
  o.concurrency = 1;
  HttpTarget target(server.BaseUrl(), o);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(target.Send(Get(server.BaseUrl() + "/")).ok());
  EXPECT_EQ(target.connections_opened(), 1u);
  EXPECT_EQ(server.requests_served(), 5u);
}

TEST(HttpTransportTest, SendsArbitraryMethodsAndManyInParallel) {
  HttpServer server(Echo);
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  HttpClientOptions o = FastOptions();
  o.concurrency = 4;
  HttpTarget target(server.BaseUrl(), o);
  std::vector<std::thread> threads;
  std::atomic<int> ok{0};
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      core::HttpRequest r = Get(server.BaseUrl() + "/p");
      r.method = "patch";  // case kept on the wire
      auto res = target.Send(r);
      if (res.ok() && res.response->headers.Get("x-method") == "patch") ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 16);
  EXPECT_LE(target.connections_opened(), 4u);
}

TEST(HttpTransportTest, SpeaksTlsWithSniVerificationAndResolveOverride) {
  auto cert = MakeSelfSignedCertificate({"api.example.test"});
  ASSERT_TRUE(cert) << cert.error().message;
  HttpServer server(Echo, {cert->cert_pem, cert->key_pem});
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  const std::string host_port = "api.example.test:" + std::to_string(server.port());
  const std::string url = "https://" + host_port + "/secure";

  HttpClientOptions trusted = FastOptions();
  trusted.cacert_pem = cert->cert_pem;
  trusted.resolve[host_port] = "127.0.0.1";
  auto res = HttpTarget(url, trusted).Send(Get(url));
  ASSERT_TRUE(res.ok()) << res.failure->detail;
  EXPECT_EQ(res.response->body, url);

  HttpClientOptions untrusted = FastOptions();  // system store: the self-signed cert is unknown
  untrusted.resolve[host_port] = "127.0.0.1";
  auto bad = HttpTarget(url, untrusted).Send(Get(url));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.failure->kind, TransportError::kTls);

  HttpClientOptions insecure = untrusted;
  insecure.insecure = true;
  EXPECT_TRUE(HttpTarget(url, insecure).Send(Get(url)).ok());

  // The certificate names api.example.test; another name must fail verification.
  HttpClientOptions wrong_name = trusted;
  const std::string other = "other.example.test:" + std::to_string(server.port());
  wrong_name.resolve[other] = "127.0.0.1";
  auto mismatch = HttpTarget(url, wrong_name).Send(Get("https://" + other + "/"));
  ASSERT_FALSE(mismatch.ok());
  EXPECT_EQ(mismatch.failure->kind, TransportError::kTls);
}

// A listener that answers every connection with `behaviour` (raw bytes, hang, close).
class RawServer {
 public:
  explicit RawServer(std::function<void(asio::ip::tcp::socket&)> behaviour)
      : acceptor_(ioc_, {asio::ip::make_address("127.0.0.1"), 0}), behaviour_(std::move(behaviour)) {
    thread_ = std::thread([this] {
      while (true) {
        asio::ip::tcp::socket s(ioc_);
        boost::system::error_code ec;
        acceptor_.accept(s, ec);
        if (ec || stop_) return;
        behaviour_(s);
        held_.push_back(std::move(s));
      }
    });
  }
  ~RawServer() {
    stop_ = true;
    boost::system::error_code ec;
    asio::ip::tcp::socket poke(ioc_);
    poke.connect(acceptor_.local_endpoint(), ec);
    thread_.join();
  }
  std::string Url() const { return "http://127.0.0.1:" + std::to_string(acceptor_.local_endpoint().port()) + "/"; }

 private:
  asio::io_context ioc_;
  asio::ip::tcp::acceptor acceptor_;
  std::function<void(asio::ip::tcp::socket&)> behaviour_;
  std::vector<asio::ip::tcp::socket> held_;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

void ReadRequest(asio::ip::tcp::socket& s) {
  asio::streambuf buf;
  boost::system::error_code ec;
  asio::read_until(s, buf, "\r\n\r\n", ec);
}

struct HostileCase {
  const char* what;
  std::function<void(asio::ip::tcp::socket&)> behaviour;
  TransportError expected;
};

TEST(HttpTransportTest, HostileServersGiveTypedErrorsNotCrashesOrHangs) {
  const HostileCase kCases[] = {
      {"accepts and never answers", [](auto& s) { ReadRequest(s); }, TransportError::kTimeout},
      {"closes without a byte", [](auto& s) { ReadRequest(s); s.close(); }, TransportError::kReset},
      {"speaks garbage", [](auto& s) { ReadRequest(s); asio::write(s, asio::buffer(std::string("HELLO THERE\r\n\r\n"))); s.close(); },
       TransportError::kMalformedResponse},
      {"sends a 100 KB header",
       [](auto& s) {
         ReadRequest(s);
         std::string big = "HTTP/1.1 200 OK\r\nX-Big: " + std::string(100 * 1024, 'a') + "\r\n\r\n";
         boost::system::error_code ec;
         asio::write(s, asio::buffer(big), ec);
       },
       TransportError::kTooLarge},
      {"stops mid-headers", [](auto& s) { ReadRequest(s); asio::write(s, asio::buffer(std::string("HTTP/1.1 200 OK\r\nAccess-Con"))); s.close(); },
       TransportError::kReset},
  };
  for (const HostileCase& c : kCases) {
    SCOPED_TRACE(c.what);
    RawServer server(c.behaviour);
    HttpTarget target(server.Url(), FastOptions());
    const auto start = std::chrono::steady_clock::now();
    auto res = target.Send(Get(server.Url()));
    ASSERT_FALSE(res.ok());
    EXPECT_EQ(res.failure->kind, c.expected) << res.failure->detail;
    EXPECT_NE(res.failure->detail.find("127.0.0.1"), std::string::npos) << "the error names the target";
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(3));
  }
}

TEST(HttpTransportTest, KeepsWireOrderSkipsInterimResponsesAndRejectsBadStatus) {
  // Beast's own fields container would regroup A, B, A as A, A, B; the evidence must show the
  // lines as the server wrote them. A 103 before the answer is skipped, as browsers do.
  RawServer server([](auto& s) {
    ReadRequest(s);
    asio::write(s, asio::buffer(std::string("HTTP/1.1 103 Early Hints\r\nLink: </x>\r\n\r\n"
                                            "HTTP/1.1 200 OK\r\nA: 1\r\nB: 2\r\nA: 3\r\nContent-Length: 2\r\n\r\nok")));
  });
  auto res = HttpTarget(server.Url(), FastOptions()).Send(Get(server.Url()));
  ASSERT_TRUE(res.ok()) << res.failure->detail;
  EXPECT_EQ(res.response->status, 200);
  const auto& h = res.response->headers.entries();
  ASSERT_EQ(h.size(), 4u);
  EXPECT_EQ(h[0], (core::Header{"A", "1"}));
  EXPECT_EQ(h[1], (core::Header{"B", "2"}));
  EXPECT_EQ(h[2], (core::Header{"A", "3"}));
  EXPECT_EQ(res.response->body, "ok");

  RawServer bad([](auto& s) {
    ReadRequest(s);
    asio::write(s, asio::buffer(std::string("HTTP/1.1 042 Nope\r\nContent-Length: 0\r\n\r\n")));
  });
  auto rejected = HttpTarget(bad.Url(), FastOptions()).Send(Get(bad.Url()));
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.failure->kind, TransportError::kMalformedResponse);
}

TEST(HttpTransportTest, DeadPortIsConnectFailed) {
  std::uint16_t port;
  {
    asio::io_context ioc;
    asio::ip::tcp::acceptor a(ioc, {asio::ip::make_address("127.0.0.1"), 0});
    port = a.local_endpoint().port();
  }  // closed again: nothing listens there now
  const std::string url = "http://127.0.0.1:" + std::to_string(port) + "/";
  auto res = HttpTarget(url, FastOptions()).Send(Get(url));
  ASSERT_FALSE(res.ok());
  EXPECT_EQ(res.failure->kind, TransportError::kConnectFailed);
}

TEST(HttpTransportTest, TruncatesLongBodiesButKeepsTheResponse) {
  HttpServer server([](const core::HttpRequest&) {
    core::HttpResponse r;
    r.status = 200;
    r.body = std::string(64 * 1024, 'x');
    return r;
  });
  ASSERT_TRUE(server.Start("127.0.0.1", 0));
  HttpClientOptions o = FastOptions();
  o.max_body_bytes = 1000;
  auto res = HttpTarget(server.BaseUrl(), o).Send(Get(server.BaseUrl() + "/"));
  ASSERT_TRUE(res.ok()) << res.failure->detail;
  EXPECT_TRUE(res.response->body_truncated);
  EXPECT_LE(res.response->body.size(), 1000u);
}

TEST(HttpTransportTest, ParsesResolveSpecsLikeCurl) {
  std::string hp, addr;
  EXPECT_TRUE(ParseResolveSpec("api.example.com:443:127.0.0.1", hp, addr));
  EXPECT_EQ(hp, "api.example.com:443");
  EXPECT_EQ(addr, "127.0.0.1");
  EXPECT_TRUE(ParseResolveSpec("api.example.com:8443:[::1]", hp, addr));
  EXPECT_EQ(addr, "::1");
  EXPECT_FALSE(ParseResolveSpec("api.example.com:443", hp, addr));
  EXPECT_FALSE(ParseResolveSpec("api.example.com:x:127.0.0.1", hp, addr));
  EXPECT_FALSE(ParseResolveSpec("api.example.com:443:not-an-ip", hp, addr));
}

}  // namespace
}  // namespace corscheck::transport
