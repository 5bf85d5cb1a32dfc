// Parsing one raw HTTP/1.1 response held in memory, the way the HTTP target reads it from a
// socket (Beast's response_parser with the client's header and body caps). Pure: no I/O, so the
// http_response fuzzer drives it with raw bytes.
#pragma once

#include <cstddef>
#include <string_view>

#include "core/http.h"
#include "core/result.h"

namespace corscheck::transport {

struct HttpParseLimits {
  std::size_t max_header_bytes = 64 * 1024;
  std::size_t max_body_bytes = 1024 * 1024;  // longer bodies are truncated, the response kept
  bool head_request = false;                 // a response to HEAD has no body
};

// Parses the first response in `bytes`; `bytes` ending is the connection closing (a body
// delimited by EOF ends there). Header lines are kept in order, duplicates and case kept; the
// status is 100..999 (Beast accepts any three digits; 000..099 is an error). As in the HTTP client, a 1xx response is
// returned as it is. Errors name what is wrong: the header cap, an incomplete message, or the
// parser's reason.
core::Result<core::HttpResponse> ParseHttpResponse(std::string_view bytes, const HttpParseLimits& limits = {});

}  // namespace corscheck::transport
