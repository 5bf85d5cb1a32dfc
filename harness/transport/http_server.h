// A Beast HTTP/1.1 server (plain or TLS) around a pure handler, for the reference server, the
// per-case responder and tests. Writes each response header line exactly as the handler gives
// it: order, duplicates and bytes kept. Binds loopback port 0 in tests.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "core/http.h"
#include "core/result.h"

namespace corscheck::transport {

using Handler = std::function<core::HttpResponse(const core::HttpRequest&)>;

struct HttpServerOptions {
  std::string cert_pem;  // TLS when both are set
  std::string key_pem;
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;
  std::chrono::milliseconds idle_timeout{30000};
  // Read request header lines ourselves and keep their bytes: control characters a browser may
  // send in a value (DEL, 0x01..0x1F) are recorded instead of failing the parse (the browser
  // oracle's responder needs the request answered and seen as sent).
  bool raw_request_headers = false;
};

class HttpServer {
 public:
  explicit HttpServer(Handler handler, HttpServerOptions options = {});
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and starts serving on a background thread; port 0 picks a free port.
  core::Result<std::uint16_t> Start(const std::string& address, std::uint16_t port);
  void Stop();
  std::uint16_t port() const { return port_; }
  // "http://127.0.0.1:PORT" (or https).
  std::string BaseUrl() const;
  std::size_t requests_served() const { return served_; }

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::uint16_t port_ = 0;
  std::string address_;
  std::atomic<std::size_t> served_{0};
};

}  // namespace corscheck::transport
