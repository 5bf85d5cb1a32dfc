#include "transport/http_client.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <atomic>
#include <mutex>
#include <semaphore>
#include <thread>

#include "core/ascii.h"
#include "core/url.h"
#include "transport/wire_order_parser.h"

namespace corscheck::transport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;
using target::SendResult;
using target::TransportError;

struct Connection {
  std::unique_ptr<beast::tcp_stream> plain;
  std::unique_ptr<beast::ssl_stream<beast::tcp_stream>> tls;
  beast::flat_buffer buffer;
  beast::tcp_stream& lowest() { return plain ? *plain : tls->next_layer(); }
};

// The outcome of one request on one connection.
struct Exchanged {
  SendResult result;
  bool keep_alive = false;
  bool stale = false;  // a reused connection was already closed by the peer: retry on a new one
};

bool IsIpLiteral(const std::string& host) {
  boost::system::error_code ec;
  asio::ip::make_address(host, ec);
  return !ec;
}

std::string Unbracket(const std::string& host) {
  return host.size() > 2 && host.front() == '[' ? host.substr(1, host.size() - 2) : host;
}

}  // namespace

bool ParseResolveSpec(const std::string& spec, std::string& host_port, std::string& address) {
  const std::size_t first = spec.find(':');
  if (first == std::string::npos) return false;
  const std::size_t second = spec.find(':', first + 1);
  if (second == std::string::npos) return false;
  host_port = spec.substr(0, second);
  address = Unbracket(spec.substr(second + 1));
  const std::string port = spec.substr(first + 1, second - first - 1);
  boost::system::error_code ec;
  asio::ip::make_address(address, ec);
  return first > 0 && !port.empty() && port.find_first_not_of("0123456789") == std::string::npos && !ec;
}

struct HttpTarget::Impl {
  explicit Impl(HttpClientOptions o)
      : opt(std::move(o)), work(asio::make_work_guard(ioc)), slots(static_cast<std::ptrdiff_t>(std::max<std::size_t>(1, opt.concurrency))) {
    tls.set_verify_mode(opt.insecure ? ssl::verify_none : ssl::verify_peer);
    boost::system::error_code ec;
    if (!opt.cacert_pem.empty()) {
      tls.add_certificate_authority(asio::buffer(opt.cacert_pem), ec);
      if (ec) setup_error = "cannot load CA certificates from memory: " + ec.message();
    } else if (!opt.cacert_file.empty()) {
      tls.load_verify_file(opt.cacert_file, ec);
      if (ec) setup_error = "cannot load --cacert " + opt.cacert_file + ": " + ec.message();
    } else {
      tls.set_default_verify_paths(ec);
    }
    thread = std::thread([this] { ioc.run(); });
  }
  ~Impl() {
    work.reset();
    ioc.stop();
    thread.join();
  }

  std::unique_ptr<Connection> TakeIdle(const std::string& key) {
    std::lock_guard lock(mu);
    auto& list = idle[key];
    if (list.empty()) return nullptr;
    auto c = std::move(list.back());
    list.pop_back();
    return c;
  }
  void PutIdle(const std::string& key, std::unique_ptr<Connection> c) {
    std::lock_guard lock(mu);
    idle[key].push_back(std::move(c));
  }

  Clock::time_point Step(Clock::time_point deadline, std::chrono::milliseconds limit) const {
    return std::min(deadline, Clock::now() + limit);
  }

  asio::awaitable<std::unique_ptr<Connection>> Connect(const core::Url& url, Clock::time_point deadline,
                                                       std::optional<target::TransportFailure>& failure) {
    const std::string host = Unbracket(url.host);
    const std::uint16_t port = url.port.value_or(url.scheme == "https" ? 443 : 80);
    const std::string desc = url.scheme + "://" + url.host + ":" + std::to_string(port);
    std::vector<tcp::endpoint> endpoints;
    boost::system::error_code ec;
    if (auto it = opt.resolve.find(url.host + ":" + std::to_string(port)); it != opt.resolve.end()) {
      endpoints.emplace_back(asio::ip::make_address(it->second, ec), port);
    } else if (IsIpLiteral(host)) {
      endpoints.emplace_back(asio::ip::make_address(host), port);
    } else {
      tcp::resolver resolver(ioc);
      auto results = co_await resolver.async_resolve(host, std::to_string(port), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        failure = target::TransportFailure{TransportError::kResolveFailed, desc + ": " + ec.message()};
        co_return nullptr;
      }
      for (const auto& r : results) endpoints.push_back(r.endpoint());
    }
    auto stream = std::make_unique<beast::tcp_stream>(ioc);
    stream->expires_at(Step(deadline, opt.connect_timeout));
    co_await stream->async_connect(endpoints, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      failure = target::TransportFailure{ec == beast::error::timeout ? TransportError::kTimeout : TransportError::kConnectFailed,
                                         desc + ": connect: " + ec.message()};
      co_return nullptr;
    }
    ++opened;
    auto conn = std::make_unique<Connection>();
    if (url.scheme != "https") {
      conn->plain = std::move(stream);
      co_return conn;
    }
    if (!setup_error.empty()) {
      failure = target::TransportFailure{TransportError::kTls, setup_error};
      co_return nullptr;
    }
    conn->tls = std::make_unique<beast::ssl_stream<beast::tcp_stream>>(std::move(*stream), tls);
    if (!IsIpLiteral(host)) SSL_set_tlsext_host_name(conn->tls->native_handle(), host.c_str());
    if (!opt.insecure) conn->tls->set_verify_callback(ssl::host_name_verification(host));
    conn->lowest().expires_at(Step(deadline, opt.connect_timeout));
    co_await conn->tls->async_handshake(ssl::stream_base::client, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) {
      failure = target::TransportFailure{ec == beast::error::timeout ? TransportError::kTimeout : TransportError::kTls,
                                         desc + ": TLS handshake: " + ec.message()};
      co_return nullptr;
    }
    co_return conn;
  }

  template <typename Stream>
  asio::awaitable<Exchanged> Exchange(Stream& stream, Connection& conn, const core::HttpRequest& req, const core::Url& url,
                                      Clock::time_point deadline, bool reused) {
    const Clock::time_point start = Clock::now();
    http::request<http::string_body> r;
    r.method_string(req.method);
    r.target(url.path_and_query.empty() ? "/" : url.path_and_query);
    r.version(11);
    if (!req.headers.Contains("host")) r.set(http::field::host, url.port ? url.host + ":" + std::to_string(*url.port) : url.host);
    for (const core::Header& h : req.headers) r.insert(h.name, h.value);
    for (const core::Header& h : opt.extra_headers) r.insert(h.name, h.value);
    if (!req.headers.Contains("user-agent") && !opt.extra_headers.Contains("user-agent")) r.set(http::field::user_agent, opt.user_agent);
    r.body() = req.body;
    if (!req.body.empty()) r.prepare_payload();

    boost::system::error_code ec;
    conn.lowest().expires_at(Step(deadline, opt.read_timeout));
    co_await http::async_write(stream, r, asio::redirect_error(asio::use_awaitable, ec));
    const std::string where = url.Serialize(true);
    auto fail = [&](TransportError kind, const std::string& what) {
      return Exchanged{SendResult::Fail(kind, where + ": " + what + ": " + ec.message()), false, false};
    };
    if (ec) {
      if (reused) co_return Exchanged{{}, false, true};
      co_return fail(ec == beast::error::timeout ? TransportError::kTimeout : TransportError::kReset, "write");
    }
    // Interim 1xx responses (100 Continue, 103 Early Hints) are skipped, as browsers do; 101 is final.
    bool truncated = false;
    std::unique_ptr<WireOrderParser> parser;
    for (int interim = 0; interim < 8; ++interim) {
      parser = std::make_unique<WireOrderParser>();
      parser->header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
      parser->body_limit(opt.max_body_bytes);
      if (core::EqualsIgnoreCase(req.method, "HEAD")) parser->skip(true);
      conn.lowest().expires_at(Step(deadline, opt.read_timeout));
      co_await http::async_read(stream, conn.buffer, *parser, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || parser->response.status < 100 || parser->response.status >= 200 || parser->response.status == 101) break;
    }
    if (ec == http::error::body_limit) {
      truncated = true;
    } else if (ec) {
      const bool nothing_read = !parser->got_some();
      if (reused && nothing_read && (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
                                     ec == asio::error::eof || ec == ssl::error::stream_truncated)) {
        co_return Exchanged{{}, false, true};
      }
      if (ec == beast::error::timeout) co_return fail(TransportError::kTimeout, "read");
      if (ec == http::error::header_limit) co_return fail(TransportError::kTooLarge, "response header section above " + std::to_string(opt.max_header_bytes) + " bytes");
      if (ec == http::error::end_of_stream || ec == asio::error::connection_reset || ec == asio::error::eof ||
          ec == ssl::error::stream_truncated || ec == http::error::partial_message) {
        co_return fail(TransportError::kReset, "read");
      }
      co_return fail(TransportError::kMalformedResponse, "invalid HTTP response");
    }
    core::HttpResponse resp = std::move(parser->response);
    if (truncated) {
      resp.body.resize(std::min(resp.body.size(), opt.max_body_bytes));
      resp.body_truncated = true;
    }
    resp.elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
    co_return Exchanged{SendResult::Ok(std::move(resp)), !truncated && parser->keep_alive(), false};
  }

  asio::awaitable<SendResult> DoSend(core::HttpRequest req, core::Url url) {
    const Clock::time_point deadline = Clock::now() + opt.total_timeout;
    const std::string key = url.scheme + "://" + url.host + ":" + std::to_string(url.port.value_or(0));
    std::unique_ptr<Connection> conn = TakeIdle(key);
    bool reused = conn != nullptr;
    for (int attempt = 0; attempt < 2; ++attempt) {
      if (!conn) {
        std::optional<target::TransportFailure> failure;
        conn = co_await Connect(url, deadline, failure);
        if (!conn) co_return SendResult{std::nullopt, failure};
        reused = false;
      }
      // No co_await inside ?: — GCC 12 miscompiles it.
      Exchanged x;
      if (conn->plain) {
        x = co_await Exchange(*conn->plain, *conn, req, url, deadline, reused);
      } else {
        x = co_await Exchange(*conn->tls, *conn, req, url, deadline, reused);
      }
      if (x.stale) {
        conn.reset();
        continue;
      }
      if (x.keep_alive) {
        conn->lowest().expires_never();
        PutIdle(key, std::move(conn));
      }
      co_return std::move(x.result);
    }
    co_return SendResult::Fail(TransportError::kReset, url.Serialize(true) + ": connection closed twice");
  }

  void WaitForRate() {
    if (opt.rate_limit <= 0) return;
    const auto interval = std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(1.0 / opt.rate_limit));
    Clock::time_point at;
    {
      std::lock_guard lock(rate_mu);
      at = std::max(Clock::now(), next_send);
      next_send = at + interval;
    }
    std::this_thread::sleep_until(at);
  }

  HttpClientOptions opt;
  asio::io_context ioc;
  asio::executor_work_guard<asio::io_context::executor_type> work;
  ssl::context tls{ssl::context::tls_client};
  std::string setup_error;
  std::mutex mu;
  std::map<std::string, std::vector<std::unique_ptr<Connection>>> idle;
  std::counting_semaphore<1024> slots;
  std::atomic<std::size_t> opened{0};
  std::mutex rate_mu;
  Clock::time_point next_send{};
  std::thread thread;
};

HttpTarget::HttpTarget(std::string base_url, HttpClientOptions options)
    : base_url_(std::move(base_url)), impl_(std::make_unique<Impl>(std::move(options))) {}

HttpTarget::~HttpTarget() = default;

std::size_t HttpTarget::connections_opened() const { return impl_->opened; }

target::SendResult HttpTarget::Send(const core::HttpRequest& request) {
  const auto url = core::ParseUrl(request.url);
  if (!url || !url->IsHttpFamily()) {
    return SendResult::Fail(TransportError::kConnectFailed, "'" + request.url + "' is not an http(s) URL");
  }
  impl_->slots.acquire();
  struct Release {
    std::counting_semaphore<1024>& s;
    ~Release() { s.release(); }
  } release{impl_->slots};
  impl_->WaitForRate();
  auto future = asio::co_spawn(impl_->ioc, impl_->DoSend(request, *url), asio::use_future);
  try {
    return future.get();
  } catch (const std::exception& e) {  // an exception escaping Asio itself: report, never crash
    return SendResult::Fail(TransportError::kReset, request.url + ": " + e.what());
  }
}

}  // namespace corscheck::transport
