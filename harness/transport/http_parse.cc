#include "transport/http_parse.h"

#include "transport/wire_order_parser.h"

#include <algorithm>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <cstdint>
#include <limits>
#include <string>

namespace corscheck::transport {
namespace {

namespace beast = boost::beast;
namespace http = beast::http;

}  // namespace

core::Result<core::HttpResponse> ParseHttpResponse(std::string_view bytes, const HttpParseLimits& limits) {
  // Beast's put_eof() completes a parser that has seen nothing; the client's read reports this
  // as end_of_stream instead.
  if (bytes.empty()) return core::Error("no HTTP response: the connection closed before any byte");
  WireOrderParser parser;
  parser.eager(true);
  parser.header_limit(static_cast<std::uint32_t>(
      std::min<std::size_t>(limits.max_header_bytes, std::numeric_limits<std::uint32_t>::max())));
  parser.body_limit(limits.max_body_bytes);
  if (limits.head_request) parser.skip(true);

  beast::error_code ec;
  boost::asio::const_buffer rest(bytes.data(), bytes.size());
  while (!parser.is_done()) {
    if (rest.size() == 0) {
      parser.put_eof(ec);  // the peer closed: ends an EOF-delimited body, or the message is partial
      break;
    }
    const std::size_t used = parser.put(rest, ec);
    rest += used;
    if (ec == http::error::need_more) ec = {};
    if (ec) break;
    if (used == 0) {  // the parser wants bytes this input does not have: the peer closed here
      parser.put_eof(ec);
      break;
    }
  }

  bool truncated = false;
  if (ec == http::error::body_limit) {
    truncated = true;
  } else if (ec == http::error::header_limit) {
    return core::Error("response header section above " + std::to_string(limits.max_header_bytes) + " bytes");
  } else if (ec == http::error::partial_message) {
    return core::Error("incomplete HTTP response");
  } else if (ec) {
    return core::Error("invalid HTTP response: " + ec.message());
  }
  if (!parser.is_header_done()) return core::Error("incomplete HTTP response");

  core::HttpResponse resp = std::move(parser.response);
  if (truncated) {
    resp.body.resize(std::min(resp.body.size(), limits.max_body_bytes));
    resp.body_truncated = true;
  }
  return resp;
}

}  // namespace corscheck::transport
