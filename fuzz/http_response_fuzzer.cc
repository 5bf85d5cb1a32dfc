// Property: the HTTP target's response parsing (transport::ParseHttpResponse: Beast's
// response_parser with the client's caps) never crashes on any bytes, and an accepted response
//  * has a status in 100..999;
//  * keeps every header line, in order, duplicates and name case kept: the names equal an
//    independent scan of the raw header section (CRLF lines up to the first empty line, obs-fold
//    continuations belonging to the line before);
//  * respects the caps: a truncated body is at most max_body_bytes, a HEAD response has no body;
//  * does not depend on the caps when it fits them: accepted untruncated under small caps implies
//    the same status, reason, headers and body under the default caps.
// Input: the raw bytes are what the server sent before closing (capped at 128 KiB).
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_util.h"
#include "transport/http_parse.h"

namespace {

using corscheck::core::HttpResponse;
using corscheck::transport::HttpParseLimits;
using corscheck::transport::ParseHttpResponse;

// Header field names as written, from the raw bytes (an oracle independent of Beast).
std::vector<std::string_view> RawHeaderNames(std::string_view bytes) {
  std::vector<std::string_view> names;
  const std::size_t end = bytes.find("\r\n\r\n");
  if (end == std::string_view::npos) return names;
  std::string_view block = bytes.substr(0, end + 2);
  block.remove_prefix(block.find("\r\n") + 2);  // the status line
  while (!block.empty()) {
    const std::size_t eol = block.find("\r\n");
    const std::string_view line = block.substr(0, eol);
    block.remove_prefix(eol + 2);
    if (!line.empty() && (line[0] == ' ' || line[0] == '\t')) continue;  // obs-fold continuation
    names.push_back(line.substr(0, line.find(':')));
  }
  return names;
}

void CheckAccepted(std::string_view bytes, const HttpResponse& r, const HttpParseLimits& limits) {
  FUZZ_CHECK(r.status >= 100 && r.status <= 999, "an accepted response has a status in 100..999");
  const std::vector<std::string_view> raw = RawHeaderNames(bytes);
  FUZZ_CHECK(raw.size() == r.headers.size(), "every header line is kept, duplicates included");
  for (std::size_t i = 0; i < raw.size(); ++i) {
    FUZZ_CHECK(raw[i] == r.headers.entries()[i].name, "header lines keep their order and name bytes");
  }
  if (r.body_truncated) FUZZ_CHECK(r.body.size() <= limits.max_body_bytes, "a truncated body is within the cap");
  if (limits.head_request) FUZZ_CHECK(r.body.empty(), "a HEAD response has no body");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 128 * 1024) return 0;
  const std::string_view bytes = corscheck::fuzz::AsView(data, size);

  const HttpParseLimits standard;
  const auto full = ParseHttpResponse(bytes, standard);
  if (full) CheckAccepted(bytes, *full, standard);

  HttpParseLimits small;
  small.max_header_bytes = 512;
  small.max_body_bytes = 64;
  const auto capped = ParseHttpResponse(bytes, small);
  if (capped) {
    CheckAccepted(bytes, *capped, small);
    if (!capped->body_truncated) {
      FUZZ_CHECK(full.ok(), "a response within small caps is accepted under the default caps");
      FUZZ_CHECK(full->status == capped->status && full->reason == capped->reason &&
                     full->headers == capped->headers && full->body == capped->body && !full->body_truncated,
                 "caps do not change a response that fits them");
    }
  }

  HttpParseLimits head;
  head.head_request = true;
  const auto head_response = ParseHttpResponse(bytes, head);
  if (head_response) CheckAccepted(bytes, *head_response, head);
  return 0;
}
