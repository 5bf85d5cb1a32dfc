#include "transport/http_server.h"

#include <boost/asio.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <thread>

namespace corscheck::transport {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

// The header lines of a request head ("request-line CRLF *(field CRLF) CRLF"), bytes kept,
// values without their outer spaces and tabs.
core::HeaderList RawHeaderLines(const std::string& head) {
  core::HeaderList out;
  std::size_t pos = head.find("\r\n");
  while (pos != std::string::npos && pos + 2 < head.size()) {
    const std::size_t start = pos + 2;
    const std::size_t end = head.find("\r\n", start);
    if (end == std::string::npos || end == start) break;
    const std::string line = head.substr(start, end - start);
    const std::size_t colon = line.find(':');
    if (colon != std::string::npos) {
      std::size_t b = colon + 1, e = line.size();
      while (b < e && (line[b] == ' ' || line[b] == '\t')) ++b;
      while (e > b && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
      out.Append(line.substr(0, colon), line.substr(b, e - b));
    }
    pos = end;
  }
  return out;
}

// Beast refuses control characters in field values; the raw lines are kept apart, so the copy
// Beast parses (for method, target and body framing) can have them blanked.
std::string SanitizeForBeast(std::string head) {
  for (char& ch : head) {
    const auto u = static_cast<unsigned char>(ch);
    if ((u < 0x20 && ch != '\r' && ch != '\n' && ch != '\t') || u == 0x7F) ch = ' ';
  }
  return head;
}

}  // namespace

struct HttpServer::Impl {
  Impl(Handler h, HttpServerOptions o, std::atomic<std::size_t>& served)
      : handler(std::move(h)), opt(std::move(o)), served_count(served) {}

  template <typename Stream>
  asio::awaitable<void> Serve(Stream& stream, beast::tcp_stream& lowest, bool tls_on) {
    beast::flat_buffer buffer;
    while (true) {
      http::request_parser<http::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.max_header_bytes));
      parser.body_limit(opt.max_body_bytes);
      boost::system::error_code ec;
      lowest.expires_after(opt.idle_timeout);
      core::HeaderList raw_headers;
      if (opt.raw_request_headers) {
        std::size_t n = 0;
        while (n == 0) {
          const std::string_view have(static_cast<const char*>(buffer.data().data()), buffer.size());
          if (const auto end = have.find("\r\n\r\n"); end != std::string_view::npos) {
            n = end + 4;
          } else {
            if (buffer.size() > opt.max_header_bytes) co_return;
            const std::size_t got =
                co_await stream.async_read_some(buffer.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
            if (ec) co_return;
            buffer.commit(got);
          }
        }
        const std::string head(static_cast<const char*>(buffer.data().data()), n);
        raw_headers = RawHeaderLines(head);
        parser.put(asio::buffer(SanitizeForBeast(head)), ec);
        buffer.consume(n);
        if (ec) co_return;
        if (!parser.is_done()) {
          co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
        }
      } else {
        co_await http::async_read(stream, buffer, parser, asio::redirect_error(asio::use_awaitable, ec));
      }
      if (ec) co_return;
      const auto& msg = parser.get();
      core::HttpRequest req;
      req.method = std::string(msg.method_string());
      const auto host = msg.find(http::field::host);
      req.url = std::string(tls_on ? "https://" : "http://") +
                (host != msg.end() ? std::string(host->value()) : "localhost") + std::string(msg.target());
      if (opt.raw_request_headers) {
        req.headers = std::move(raw_headers);
      } else {
        for (const auto& f : msg) req.headers.Append(std::string(f.name_string()), std::string(f.value()));
      }
      req.body = msg.body();

      ++served_count;  // counted before the write, so a client that got the answer sees the count
      core::HttpResponse out;
      try {
        out = handler(req);
      } catch (const std::exception& e) {
        out.status = 500;
        out.body = std::string("handler failed: ") + e.what();
      }
      http::response<http::string_body> res;
      res.version(11);
      res.result(static_cast<unsigned>(out.status));
      if (!out.reason.empty()) res.reason(out.reason);
      for (const core::Header& h : out.headers) res.insert(h.name, h.value);
      res.body() = std::move(out.body);
      const bool has_length = res.find(http::field::content_length) != res.end() ||
                              res.find(http::field::transfer_encoding) != res.end();
      if (!has_length && out.status != 204 && out.status != 304 && out.status >= 200) {
        res.content_length(res.body().size());
      }
      res.keep_alive(msg.keep_alive());
      if (req.method == "HEAD") res.body().clear();
      lowest.expires_after(opt.idle_timeout);
      co_await http::async_write(stream, res, asio::redirect_error(asio::use_awaitable, ec));
      if (ec || !msg.keep_alive()) co_return;
    }
  }

  asio::awaitable<void> Session(tcp::socket socket) {
    beast::tcp_stream stream(std::move(socket));
    if (!tls_ctx) {
      co_await Serve(stream, stream, false);
      boost::system::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      co_return;
    }
    beast::ssl_stream<beast::tcp_stream> tls(std::move(stream), *tls_ctx);
    boost::system::error_code ec;
    tls.next_layer().expires_after(opt.idle_timeout);
    co_await tls.async_handshake(ssl::stream_base::server, asio::redirect_error(asio::use_awaitable, ec));
    if (ec) co_return;
    co_await Serve(tls, tls.next_layer(), true);
    tls.next_layer().expires_after(std::chrono::seconds(2));
    co_await tls.async_shutdown(asio::redirect_error(asio::use_awaitable, ec));
  }

  asio::awaitable<void> Accept() {
    while (true) {
      boost::system::error_code ec;
      tcp::socket socket = co_await acceptor->async_accept(asio::redirect_error(asio::use_awaitable, ec));
      if (ec) {
        if (ec == asio::error::operation_aborted || !acceptor->is_open()) co_return;
        continue;
      }
      asio::co_spawn(ioc, Session(std::move(socket)), asio::detached);
    }
  }

  Handler handler;
  HttpServerOptions opt;
  std::atomic<std::size_t>& served_count;
  asio::io_context ioc;
  std::unique_ptr<ssl::context> tls_ctx;
  std::unique_ptr<tcp::acceptor> acceptor;
  std::thread thread;
};

HttpServer::HttpServer(Handler handler, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(handler), std::move(options), served_)) {}

HttpServer::~HttpServer() { Stop(); }

core::Result<std::uint16_t> HttpServer::Start(const std::string& address, std::uint16_t port) {
  boost::system::error_code ec;
  const auto addr = asio::ip::make_address(address, ec);
  if (ec) return core::Error("--listen: '" + address + "' is not an IP address");
  if (!impl_->opt.cert_pem.empty()) {
    impl_->tls_ctx = std::make_unique<ssl::context>(ssl::context::tls_server);
    impl_->tls_ctx->use_certificate_chain(asio::buffer(impl_->opt.cert_pem), ec);
    if (!ec) impl_->tls_ctx->use_private_key(asio::buffer(impl_->opt.key_pem), ssl::context::pem, ec);
    if (ec) return core::Error("TLS certificate: " + ec.message());
  }
  impl_->acceptor = std::make_unique<tcp::acceptor>(impl_->ioc);
  const tcp::endpoint endpoint(addr, port);
  impl_->acceptor->open(endpoint.protocol(), ec);
  if (!ec) impl_->acceptor->set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) impl_->acceptor->bind(endpoint, ec);
  if (!ec) impl_->acceptor->listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return core::Error("cannot listen on " + address + ":" + std::to_string(port) + ": " + ec.message());
  port_ = impl_->acceptor->local_endpoint().port();
  address_ = address;
  asio::co_spawn(impl_->ioc, impl_->Accept(), asio::detached);
  impl_->thread = std::thread([this] { impl_->ioc.run(); });
  return port_;
}

void HttpServer::Stop() {
  if (!impl_ || !impl_->thread.joinable()) return;
  asio::post(impl_->ioc, [this] {
    boost::system::error_code ec;
    impl_->acceptor->close(ec);
  });
  impl_->ioc.stop();
  impl_->thread.join();
}

std::string HttpServer::BaseUrl() const {
  const bool v6 = address_.find(':') != std::string::npos;
  return std::string(impl_->tls_ctx ? "https://" : "http://") + (v6 ? "[" + address_ + "]" : address_) + ":" +
         std::to_string(port_);
}

}  // namespace corscheck::transport
