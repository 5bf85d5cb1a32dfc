// The HTTP(S) target: HTTP/1.1 over Boost.Beast with a keep-alive pool, bounded concurrency,
// connect/read/total deadlines, header and body caps, TLS through OpenSSL (SNI, verification
// against the system store or a given CA), curl-style --resolve overrides, extra request headers
// and an optional rate limit. Hostile servers yield typed TransportErrors, never a crash or hang.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "core/header_list.h"
#include "target/target.h"

namespace corscheck::transport {

struct HttpClientOptions {
  std::size_t concurrency = 8;  // connections in flight at once
  std::chrono::milliseconds connect_timeout{5000};
  std::chrono::milliseconds read_timeout{10000};   // each read or write
  std::chrono::milliseconds total_timeout{30000};  // one request, end to end
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;  // longer bodies are truncated, the response kept
  bool insecure = false;                     // skip certificate verification (--insecure)
  std::string cacert_file;                   // PEM CA bundle instead of the system store (--cacert)
  std::string cacert_pem;                    // PEM CA certificates given in memory (tests)
  // "host:port" -> address, like curl --resolve host:port:addr.
  std::map<std::string, std::string> resolve;
  core::HeaderList extra_headers;  // added to every request (-H, cookies, Authorization)
  double rate_limit = 0;           // requests per second; 0 = unlimited
  std::string user_agent = "corscheck/0.1";
};

// Parses "host:port:addr" (addr may be [v6]); nullopt-like empty pair on error.
bool ParseResolveSpec(const std::string& spec, std::string& host_port, std::string& address);

class HttpTarget final : public target::Target {
 public:
  // `base_url` is what Describe() returns; requests carry their own absolute URLs.
  HttpTarget(std::string base_url, HttpClientOptions options);
  ~HttpTarget() override;
  HttpTarget(const HttpTarget&) = delete;
  HttpTarget& operator=(const HttpTarget&) = delete;

  target::SendResult Send(const core::HttpRequest& request) override;
  std::string Describe() const override { return base_url_; }

  // Connections opened so far (tests prove keep-alive reuse with it).
  std::size_t connections_opened() const;

 private:
  struct Impl;
  std::string base_url_;
  std::unique_ptr<Impl> impl_;
};

}  // namespace corscheck::transport
