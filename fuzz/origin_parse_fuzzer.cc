// Property: origin and URL parsing never crash, and
//  (1) round trip: for any URL ParseUrl accepts with a tuple origin, ParseSerializedOrigin accepts
//      GetOrigin().Serialize() and re-serializes it to the same bytes (ParseOriginLenient agrees);
//  (2) idempotence: ParseHost(ParseHost(x)) == ParseHost(x), and a serialized special URL parses
//      back to the same serialization;
//  (3) strict parsing agrees with an independent reference grammar for serialized-origin
//      (digest ORIGIN-SERIALIZE / ORIGIN-ABNF-CLOSED): "null", or scheme "://" host [":" port]
//      with a lower-case special scheme, a lower-case host without forbidden domain code points,
//      a canonical IPv4 when the host ends in a number, a canonical bracketed IPv6, and a port
//      without leading zeros that is not the scheme's default. Hosts with an "xn--" label are
//      judged by IDNA, which the reference does not reimplement: only (1) applies to them.
// Input: the raw bytes are the string under test (capped at 2048 bytes).
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/url.h"
#include "fuzz_util.h"

namespace {

using corscheck::core::Origin;
using corscheck::core::ParseHost;
using corscheck::core::ParseOriginLenient;
using corscheck::core::ParseSerializedOrigin;
using corscheck::core::ParseUrl;

enum class Verdict { kReject, kAccept, kUndecided };

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHex(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
bool AllOf(std::string_view s, bool (*pred)(char)) {
  for (char c : s) {
    if (!pred(c)) return false;
  }
  return true;
}

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t at = s.find(sep, start);
    if (at == std::string_view::npos) {
      out.push_back(s.substr(start));
      return out;
    }
    out.push_back(s.substr(start, at - start));
    start = at + 1;
  }
}

// dec-octet "." dec-octet "." dec-octet "." dec-octet, no leading zeros.
bool IsCanonicalIpv4(std::string_view host) {
  const auto parts = Split(host, '.');
  if (parts.size() != 4) return false;
  for (std::string_view p : parts) {
    if (p.empty() || p.size() > 3 || !AllOf(p, IsDigit)) return false;
    if (p.size() > 1 && p[0] == '0') return false;
    int v = 0;
    for (char c : p) v = v * 10 + (c - '0');
    if (v > 255) return false;
  }
  return true;
}

// RFC 5952 text of eight 16-bit pieces: lower-case hex without leading zeros, the first longest
// run of two or more zero pieces written "::".
std::string Rfc5952(const std::array<unsigned, 8>& pieces) {
  int best = -1;
  int best_len = 1;
  for (int i = 0; i < 8;) {
    int j = i;
    while (j < 8 && pieces[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = j == i ? i + 1 : j;
  }
  std::string out;
  for (int i = 0; i < 8; ++i) {
    if (i == best) {
      out += "::";
      i += best_len - 1;
      continue;
    }
    if (!out.empty() && out.back() != ':') out += ':';
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    unsigned v = pieces[i];
    do {
      hex.insert(hex.begin(), kHex[v % 16]);
      v /= 16;
    } while (v != 0);
    out += hex;
  }
  return out;
}

// The text between the brackets is exactly the RFC 5952 form of the address it denotes.
bool IsCanonicalIpv6(std::string_view inner) {
  const std::size_t dc = inner.find("::");
  if (dc != std::string_view::npos && inner.find("::", dc + 1) != std::string_view::npos) return false;
  auto groups = [](std::string_view side, std::vector<unsigned>& out) {
    if (side.empty()) return true;
    for (std::string_view g : Split(side, ':')) {
      if (g.empty() || g.size() > 4 || !AllOf(g, IsHex)) return false;
      unsigned v = 0;
      for (char c : g) v = v * 16 + static_cast<unsigned>(IsDigit(c) ? c - '0' : (c | 0x20) - 'a' + 10);
      out.push_back(v);
    }
    return true;
  };
  std::vector<unsigned> head;
  std::vector<unsigned> tail;
  if (dc == std::string_view::npos) {
    if (!groups(inner, head) || head.size() != 8) return false;
  } else {
    if (!groups(inner.substr(0, dc), head) || !groups(inner.substr(dc + 2), tail)) return false;
    if (head.size() + tail.size() > 7) return false;
  }
  std::array<unsigned, 8> pieces{};
  for (std::size_t i = 0; i < head.size(); ++i) pieces[i] = head[i];
  for (std::size_t i = 0; i < tail.size(); ++i) pieces[8 - tail.size() + i] = tail[i];
  return Rfc5952(pieces) == inner;
}

bool IsForbiddenDomainByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b <= 0x20 || b >= 0x7F) return true;  // C0, space, DEL and non-ASCII (IDNA would rewrite it)
  return std::string_view("#%/:<>?@[\\]^|").find(c) != std::string_view::npos;
}

// https://url.spec.whatwg.org/#ends-in-a-number-checker, for an ASCII lower-case host.
bool EndsInANumber(std::string_view host) {
  auto labels = Split(host, '.');
  if (labels.size() > 1 && labels.back().empty()) labels.pop_back();
  const std::string_view last = labels.back();
  if (!last.empty() && AllOf(last, IsDigit)) return true;
  return last.size() >= 2 && last[0] == '0' && last[1] == 'x' && AllOf(last.substr(2), IsHex);
}

Verdict ReferenceSerializedOrigin(std::string_view s) {
  if (s == "null") return Verdict::kAccept;
  const std::size_t sep = s.find("://");
  if (sep == std::string_view::npos) return Verdict::kReject;
  const std::string_view scheme = s.substr(0, sep);
  std::optional<unsigned> default_port;
  if (scheme == "http" || scheme == "ws") {
    default_port = 80;
  } else if (scheme == "https" || scheme == "wss") {
    default_port = 443;
  } else if (scheme == "ftp") {
    default_port = 21;
  } else {
    return Verdict::kReject;
  }
  const std::string_view rest = s.substr(sep + 3);
  std::string_view host;
  std::string_view after;
  if (!rest.empty() && rest[0] == '[') {
    const std::size_t close = rest.find(']');
    if (close == std::string_view::npos) return Verdict::kReject;
    host = rest.substr(0, close + 1);
    after = rest.substr(close + 1);
  } else {
    const std::size_t colon = rest.find(':');
    host = rest.substr(0, colon);
    after = colon == std::string_view::npos ? std::string_view() : rest.substr(colon);
  }
  if (!after.empty()) {
    const std::string_view port = after.substr(1);
    if (after[0] != ':' || port.empty() || port.size() > 5 || !AllOf(port, IsDigit)) return Verdict::kReject;
    if (port.size() > 1 && port[0] == '0') return Verdict::kReject;
    unsigned v = 0;
    for (char c : port) v = v * 10 + static_cast<unsigned>(c - '0');
    if (v > 65535 || v == *default_port) return Verdict::kReject;
  }
  if (host.empty()) return Verdict::kReject;
  if (host[0] == '[') {
    return IsCanonicalIpv6(host.substr(1, host.size() - 2)) ? Verdict::kAccept : Verdict::kReject;
  }
  for (char c : host) {
    if (IsForbiddenDomainByte(c) || (c >= 'A' && c <= 'Z')) return Verdict::kReject;
  }
  for (std::string_view label : Split(host, '.')) {
    if (label.starts_with("xn--")) return Verdict::kUndecided;
  }
  if (EndsInANumber(host)) return IsCanonicalIpv4(host) ? Verdict::kAccept : Verdict::kReject;
  return Verdict::kAccept;
}

void CheckRoundTrip(std::string_view input) {
  const auto url = ParseUrl(input);
  if (!url) return;
  if (url->IsSpecial() && url->scheme != "file") {
    FUZZ_CHECK(ParseHost(url->host) == url->host, "a parsed URL's host is a fixed point of ParseHost");
    const std::string text = url->Serialize();
    const auto again = ParseUrl(text);
    FUZZ_CHECK(again.has_value(), "a serialized URL parses again");
    FUZZ_CHECK(again->Serialize() == text, "URL serialization is idempotent");
  }
  const Origin origin = url->GetOrigin();
  if (origin.opaque()) return;
  const std::string serialized = origin.Serialize();
  const auto strict = ParseSerializedOrigin(serialized);
  FUZZ_CHECK(strict.has_value(), "ParseSerializedOrigin accepts every Origin::Serialize() output");
  FUZZ_CHECK(strict->Serialize() == serialized, "a serialized origin re-serializes identically");
  FUZZ_CHECK(strict->IsSameOrigin(origin), "the re-parsed origin is the same origin");
  const auto lenient = ParseOriginLenient(serialized);
  FUZZ_CHECK(lenient && lenient->IsSameOrigin(origin), "ParseOriginLenient agrees on a serialized origin");
  FUZZ_CHECK(ReferenceSerializedOrigin(serialized) != Verdict::kReject,
             "the reference grammar accepts every Origin::Serialize() output");
}

void CheckStrict(std::string_view input) {
  const auto strict = ParseSerializedOrigin(input);
  if (strict) FUZZ_CHECK(strict->Serialize() == input, "ParseSerializedOrigin accepts only what it re-serializes");
  const Verdict reference = ReferenceSerializedOrigin(input);
  if (reference == Verdict::kAccept) FUZZ_CHECK(strict.has_value(), "reference grammar accepts, ParseSerializedOrigin rejects");
  if (reference == Verdict::kReject) FUZZ_CHECK(!strict.has_value(), "reference grammar rejects, ParseSerializedOrigin accepts");
}

void CheckHost(std::string_view input) {
  const auto host = ParseHost(input);
  if (!host) return;
  FUZZ_CHECK(!host->empty(), "ParseHost never returns an empty host");
  const auto again = ParseHost(*host);
  FUZZ_CHECK(again == host, "ParseHost is idempotent");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 2048) return 0;
  const std::string_view input = corscheck::fuzz::AsView(data, size);
  CheckStrict(input);
  CheckRoundTrip(input);
  CheckHost(input);
  return 0;
}
