// One interface for everything corscheck can test: a live HTTP(S) server, a C++ library linked
// in-process, or a library in another language behind a process adapter. A Target sends one
// request and returns the response exactly as received; it never follows redirects (the browser
// model decides what a browser would do with a 3xx). Send() is thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/http.h"

namespace corscheck::target {

// Why a request got no HTTP response. Typed so reports can group them; never a crash or a hang.
enum class TransportError {
  kResolveFailed,      // host name did not resolve
  kConnectFailed,      // refused, unreachable
  kTimeout,            // connect, read or total deadline passed
  kTls,                // handshake or certificate verification failed
  kReset,              // the peer closed or reset the connection mid-exchange
  kMalformedResponse,  // not HTTP/1.x
  kTooLarge,           // header section above the limit
  kAdapterFailed,      // an in-process or process adapter failed or broke the protocol
};

inline std::string_view Name(TransportError e) {
  switch (e) {
    case TransportError::kResolveFailed: return "ResolveFailed";
    case TransportError::kConnectFailed: return "ConnectFailed";
    case TransportError::kTimeout: return "Timeout";
    case TransportError::kTls: return "Tls";
    case TransportError::kReset: return "Reset";
    case TransportError::kMalformedResponse: return "MalformedResponse";
    case TransportError::kTooLarge: return "TooLarge";
    case TransportError::kAdapterFailed: return "AdapterFailed";
  }
  return "Unknown";
}

struct TransportFailure {
  TransportError kind;
  std::string detail;  // human-readable, with the target URL
};

struct SendResult {
  std::optional<core::HttpResponse> response;
  std::optional<TransportFailure> failure;
  bool ok() const { return response.has_value(); }
  static SendResult Ok(core::HttpResponse r) { return {std::move(r), std::nullopt}; }
  static SendResult Fail(TransportError kind, std::string detail) {
    return {std::nullopt, TransportFailure{kind, std::move(detail)}};
  }
};

class Target {
 public:
  virtual ~Target() = default;
  virtual SendResult Send(const core::HttpRequest& request) = 0;
  // "https://api.example.com", "adapter:reference", "exec:node adapter.js": for reports.
  virtual std::string Describe() const = 0;
};

}  // namespace corscheck::target
