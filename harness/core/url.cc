#include "core/url.h"

#include <idn2.h>

#include <array>
#include <cstdlib>
#include <vector>

#include "core/ascii.h"

namespace corscheck::core {
namespace {

bool IsSpecialScheme(std::string_view s) {
  return s == "http" || s == "https" || s == "ws" || s == "wss" || s == "ftp" || s == "file";
}

// https://url.spec.whatwg.org/#forbidden-domain-code-point
bool IsForbiddenDomainByte(unsigned char c) {
  if (c <= 0x20 || c == 0x7F) return true;
  switch (c) {
    case '#': case '%': case '/': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '^': case '|':
      return true;
    default:
      return false;
  }
}

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  return ToLowerAscii(c) - 'a' + 10;
}

std::string PercentDecode(std::string_view s) {
  std::string out;
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && IsAsciiHexDigit(s[i + 1]) && IsAsciiHexDigit(s[i + 2])) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

// https://url.spec.whatwg.org/#ipv4-number-parser; nullopt on failure.
std::optional<std::uint64_t> ParseIpv4Number(std::string_view s) {
  if (s.empty()) return std::nullopt;
  int radix = 10;
  if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
    radix = 16;
    s.remove_prefix(2);
  } else if (s.size() >= 2 && s[0] == '0') {
    radix = 8;
    s.remove_prefix(1);
  }
  if (s.empty()) return 0;
  std::uint64_t value = 0;
  for (char c : s) {
    int digit;
    if (radix == 16 && IsAsciiHexDigit(c)) {
      digit = HexValue(c);
    } else if (radix == 10 && IsAsciiDigit(c)) {
      digit = c - '0';
    } else if (radix == 8 && c >= '0' && c <= '7') {
      digit = c - '0';
    } else {
      return std::nullopt;
    }
    value = value * static_cast<std::uint64_t>(radix) + static_cast<std::uint64_t>(digit);
    if (value > (1ULL << 40)) value = 1ULL << 40;  // saturate: anything this large fails anyway
  }
  return value;
}

std::vector<std::string_view> SplitOnDot(std::string_view s) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = s.find('.', start);
    if (dot == std::string_view::npos) {
      parts.push_back(s.substr(start));
      return parts;
    }
    parts.push_back(s.substr(start, dot - start));
    start = dot + 1;
  }
}

// https://url.spec.whatwg.org/#ends-in-a-number-checker
bool EndsInANumber(std::string_view host) {
  std::vector<std::string_view> parts = SplitOnDot(host);
  if (parts.back().empty()) {
    if (parts.size() == 1) return false;
    parts.pop_back();
  }
  const std::string_view last = parts.back();
  if (!last.empty() && last.find_first_not_of("0123456789") == std::string_view::npos) return true;
  return ParseIpv4Number(last).has_value();
}

// https://url.spec.whatwg.org/#concept-ipv4-parser, serialized.
std::optional<std::string> ParseIpv4(std::string_view host) {
  std::vector<std::string_view> parts = SplitOnDot(host);
  if (parts.back().empty() && parts.size() > 1) parts.pop_back();
  if (parts.size() > 4) return std::nullopt;
  std::vector<std::uint64_t> numbers;
  for (std::string_view part : parts) {
    const auto n = ParseIpv4Number(part);
    if (!n) return std::nullopt;
    numbers.push_back(*n);
  }
  for (std::size_t i = 0; i + 1 < numbers.size(); ++i) {
    if (numbers[i] > 255) return std::nullopt;
  }
  const std::size_t n = numbers.size();
  if (numbers.back() >= (1ULL << (8 * (5 - n)))) return std::nullopt;
  std::uint64_t ipv4 = numbers.back();
  for (std::size_t i = 0; i + 1 < n; ++i) ipv4 += numbers[i] << (8 * (3 - i));
  std::string out;
  for (int shift = 24; shift >= 0; shift -= 8) {
    out += std::to_string((ipv4 >> shift) & 0xFF);
    if (shift) out += '.';
  }
  return out;
}

// https://url.spec.whatwg.org/#concept-ipv6-parser and #concept-ipv6-serializer.
std::optional<std::string> ParseIpv6(std::string_view input) {
  std::array<std::uint16_t, 8> address{};
  std::size_t piece = 0;
  std::optional<std::size_t> compress;
  std::size_t p = 0;
  auto at = [&](std::size_t i) -> char { return i < input.size() ? input[i] : '\0'; };
  if (at(p) == ':') {
    if (at(p + 1) != ':') return std::nullopt;
    p += 2;
    compress = ++piece;
  }
  while (p < input.size()) {
    if (piece == 8) return std::nullopt;
    if (at(p) == ':') {
      if (compress) return std::nullopt;
      ++p;
      compress = ++piece;
      continue;
    }
    unsigned value = 0;
    std::size_t length = 0;
    while (length < 4 && p < input.size() && IsAsciiHexDigit(at(p))) {
      value = value * 16 + static_cast<unsigned>(HexValue(at(p)));
      ++p;
      ++length;
    }
    if (at(p) == '.') {
      if (length == 0) return std::nullopt;
      p -= length;
      if (piece > 6) return std::nullopt;
      int numbers_seen = 0;
      while (p < input.size()) {
        int ipv4_piece = -1;
        if (numbers_seen > 0) {
          if (at(p) == '.' && numbers_seen < 4) {
            ++p;
          } else {
            return std::nullopt;
          }
        }
        if (!IsAsciiDigit(at(p))) return std::nullopt;
        while (IsAsciiDigit(at(p))) {
          const int number = at(p) - '0';
          if (ipv4_piece == -1) {
            ipv4_piece = number;
          } else if (ipv4_piece == 0) {
            return std::nullopt;
          } else {
            ipv4_piece = ipv4_piece * 10 + number;
          }
          if (ipv4_piece > 255) return std::nullopt;
          ++p;
        }
        address[piece] = static_cast<std::uint16_t>(address[piece] * 0x100 + ipv4_piece);
        ++numbers_seen;
        if (numbers_seen == 2 || numbers_seen == 4) ++piece;
      }
      if (numbers_seen != 4) return std::nullopt;
      break;
    } else if (at(p) == ':') {
      ++p;
      if (p >= input.size()) return std::nullopt;
    } else if (p < input.size()) {
      return std::nullopt;
    }
    address[piece++] = static_cast<std::uint16_t>(value);
  }
  if (compress) {
    std::size_t swaps = piece - *compress;
    piece = 7;
    while (piece != 0 && swaps > 0) {
      std::swap(address[piece], address[*compress + swaps - 1]);
      --piece;
      --swaps;
    }
  } else if (piece != 8) {
    return std::nullopt;
  }
  // Serialize: compress the first longest run of two or more zero pieces.
  std::optional<std::size_t> best;
  std::size_t best_len = 1;
  for (std::size_t i = 0; i < 8;) {
    std::size_t j = i;
    while (j < 8 && address[j] == 0) ++j;
    if (j - i > best_len) {
      best = i;
      best_len = j - i;
    }
    i = (j == i) ? i + 1 : j;
  }
  std::string out = "[";
  bool ignore0 = false;
  for (std::size_t i = 0; i < 8; ++i) {
    if (ignore0 && address[i] == 0) continue;
    ignore0 = false;
    if (best && *best == i) {
      out += (i == 0) ? "::" : ":";
      ignore0 = true;
      continue;
    }
    static constexpr char kHex[] = "0123456789abcdef";
    std::string hex;
    unsigned v = address[i];
    do {
      hex.insert(hex.begin(), kHex[v % 16]);
      v /= 16;
    } while (v);
    out += hex;
    if (i != 7) out += ':';
  }
  out += ']';
  return out;
}

// https://url.spec.whatwg.org/#concept-domain-to-ascii with beStrict false.
std::optional<std::string> DomainToAscii(const std::string& domain) {
  bool ascii = true;
  for (char c : domain) ascii = ascii && static_cast<unsigned char>(c) < 0x80;
  bool has_xn = false;
  for (std::string_view label : SplitOnDot(domain)) has_xn = has_xn || StartsWithIgnoreCase(label, "xn--");
  if (ascii && !has_xn) return ToLower(domain);
  char* out = nullptr;
  if (idn2_to_ascii_8z(domain.c_str(), &out, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT) != IDN2_OK) {
    return std::nullopt;
  }
  std::string result(out);
  idn2_free(out);
  if (result.empty()) return std::nullopt;
  return ToLower(result);
}

// https://url.spec.whatwg.org/#percent-encoded-bytes: the C0 control percent-encode set (C0
// controls and bytes above 0x7E) plus `extra`. Without it a path ending in a control byte or a
// space serializes to a URL that parses differently (the parser strips them at the ends).
std::string PercentEncode(std::string_view s, std::string_view extra) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x20 || b > 0x7E || extra.find(c) != std::string_view::npos) {
      out += '%';
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += c;
    }
  }
  return out;
}
// https://url.spec.whatwg.org/#path-percent-encode-set, #special-query-percent-encode-set,
// #fragment-percent-encode-set (beyond the C0 control set).
constexpr std::string_view kPathExtra = " \"#<>?`{}";
constexpr std::string_view kSpecialQueryExtra = " \"#<>'";
constexpr std::string_view kFragmentExtra = " \"<>`";

std::string RemoveDotSegments(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1;  // path starts with '/'
  bool trailing = false;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    const std::string segment = ToLower(path.substr(start, slash - start));
    const bool single = segment == "." || segment == "%2e";
    const bool dbl = segment == ".." || segment == ".%2e" || segment == "%2e." || segment == "%2e%2e";
    const bool last = slash == path.size();
    if (dbl) {
      if (!segments.empty()) segments.pop_back();
      trailing = last;
    } else if (single) {
      trailing = last;
    } else {
      segments.emplace_back(path.substr(start, slash - start));
      trailing = false;
    }
    start = slash + 1;
  }
  std::string out;
  for (const std::string& s : segments) out += "/" + s;
  if (trailing || out.empty()) out += "/";
  return out;
}

}  // namespace

std::optional<std::uint16_t> DefaultPort(std::string_view scheme) {
  if (scheme == "http" || scheme == "ws") return 80;
  if (scheme == "https" || scheme == "wss") return 443;
  if (scheme == "ftp") return 21;
  return std::nullopt;
}

Origin Origin::Tuple(std::string scheme, std::string host, std::optional<std::uint16_t> port) {
  Origin o;
  o.opaque_ = false;
  o.scheme_ = std::move(scheme);
  o.host_ = std::move(host);
  o.port_ = port;
  return o;
}

std::string Origin::Serialize() const {
  if (opaque_) return "null";
  std::string out = scheme_ + "://" + host_;
  if (port_) out += ":" + std::to_string(*port_);
  return out;
}

bool Origin::IsSameOrigin(const Origin& other) const {
  return !opaque_ && !other.opaque_ && scheme_ == other.scheme_ && host_ == other.host_ &&
         port_ == other.port_;
}

bool Url::IsSpecial() const { return IsSpecialScheme(scheme); }

Origin Url::GetOrigin() const {
  if (scheme == "http" || scheme == "https" || scheme == "ws" || scheme == "wss" || scheme == "ftp") {
    return Origin::Tuple(scheme, host, port);
  }
  return Origin();
}

std::string Url::Serialize(bool exclude_fragment) const {
  std::string out = scheme + ":";
  if (IsSpecial() && scheme != "file") {
    out += "//";
    if (HasCredentials()) {
      out += username;
      if (!password.empty()) out += ":" + password;
      out += "@";
    }
    out += host;
    if (port) out += ":" + std::to_string(*port);
  } else if (scheme == "file") {
    out += "//" + host;
  }
  out += path_and_query;
  if (!exclude_fragment && !fragment.empty()) out += "#" + fragment;
  return out;
}

std::optional<std::string> ParseHost(std::string_view input) {
  if (!input.empty() && input.front() == '[') {
    if (input.size() < 2 || input.back() != ']') return std::nullopt;
    return ParseIpv6(input.substr(1, input.size() - 2));
  }
  const std::string domain = PercentDecode(input);
  const std::optional<std::string> ascii = DomainToAscii(domain);
  if (!ascii || ascii->empty()) return std::nullopt;
  for (char c : *ascii) {
    if (IsForbiddenDomainByte(static_cast<unsigned char>(c))) return std::nullopt;
  }
  if (EndsInANumber(*ascii)) return ParseIpv4(*ascii);
  return ascii;
}

std::optional<Url> ParseUrl(std::string_view raw, const Url* base) {
  // Strip leading/trailing C0 control or space; remove ASCII tab or newline everywhere.
  while (!raw.empty() && static_cast<unsigned char>(raw.front()) <= 0x20) raw.remove_prefix(1);
  while (!raw.empty() && static_cast<unsigned char>(raw.back()) <= 0x20) raw.remove_suffix(1);
  std::string input;
  for (char c : raw) {
    if (c != '\t' && c != '\n' && c != '\r') input += c;
  }
  std::string_view in = input;

  Url url;
  std::size_t colon = std::string_view::npos;
  if (!in.empty() && IsAsciiAlpha(in[0])) {
    std::size_t i = 1;
    while (i < in.size() && (IsAsciiAlpha(in[i]) || IsAsciiDigit(in[i]) || in[i] == '+' || in[i] == '-' ||
                             in[i] == '.')) {
      ++i;
    }
    if (i < in.size() && in[i] == ':') colon = i;
  }

  std::string_view rest;
  std::string joined;  // storage for a relative path joined to the base directory
  bool have_authority = false;
  if (colon != std::string_view::npos) {
    url.scheme = ToLower(in.substr(0, colon));
    rest = in.substr(colon + 1);
    if (!IsSpecialScheme(url.scheme)) {
      // Non-special URLs: keep everything after the scheme; their origin is opaque.
      const std::size_t hash = rest.find('#');
      url.path_and_query = std::string(rest.substr(0, hash));
      if (hash != std::string_view::npos) url.fragment = std::string(rest.substr(hash + 1));
      return url;
    }
    const bool slashes = !rest.empty() && (rest[0] == '/' || rest[0] == '\\');
    if (!slashes && base && base->scheme == url.scheme) {
      in = rest;  // "http:foo" relative to an http base
    } else {
      have_authority = true;
    }
  } else {
    if (!base) return std::nullopt;
    url.scheme = base->scheme;
    rest = in;
    if (rest.size() >= 2 && (rest[0] == '/' || rest[0] == '\\') && (rest[1] == '/' || rest[1] == '\\')) {
      have_authority = true;
    }
  }

  if (have_authority) {
    while (!rest.empty() && (rest[0] == '/' || rest[0] == '\\')) rest.remove_prefix(1);
    const std::size_t end = rest.find_first_of("/\\?#");
    std::string_view authority = rest.substr(0, end);
    rest = end == std::string_view::npos ? std::string_view() : rest.substr(end);
    const std::size_t at = authority.rfind('@');
    if (at != std::string_view::npos) {
      const std::string_view userinfo = authority.substr(0, at);
      const std::size_t c = userinfo.find(':');
      url.username = std::string(userinfo.substr(0, c));
      if (c != std::string_view::npos) url.password = std::string(userinfo.substr(c + 1));
      authority = authority.substr(at + 1);
    }
    std::string_view host_text = authority;
    std::string_view port_text;
    bool has_port = false;
    if (!authority.empty() && authority[0] == '[') {
      const std::size_t close = authority.find(']');
      if (close == std::string_view::npos) return std::nullopt;
      host_text = authority.substr(0, close + 1);
      if (close + 1 < authority.size()) {
        if (authority[close + 1] != ':') return std::nullopt;
        port_text = authority.substr(close + 2);
        has_port = true;
      }
    } else if (const std::size_t c = authority.find(':'); c != std::string_view::npos) {
      host_text = authority.substr(0, c);
      port_text = authority.substr(c + 1);
      has_port = true;
    }
    if (url.scheme == "file") {
      url.host = ToLower(host_text);
    } else {
      if (host_text.empty()) return std::nullopt;
      const auto host = ParseHost(host_text);
      if (!host) return std::nullopt;
      url.host = *host;
    }
    if (has_port && !port_text.empty()) {
      if (port_text.find_first_not_of("0123456789") != std::string_view::npos) return std::nullopt;
      std::uint32_t port = 0;
      for (char c : port_text) {
        port = port * 10 + static_cast<std::uint32_t>(c - '0');
        if (port > 65535) return std::nullopt;
      }
      if (DefaultPort(url.scheme) != port) url.port = static_cast<std::uint16_t>(port);
    }
  } else {
    // Relative reference against `base` (same scheme): path, query or fragment only.
    url.username = base->username;
    url.password = base->password;
    url.host = base->host;
    url.port = base->port;
    rest = in;
    std::string base_path = base->path_and_query.substr(0, base->path_and_query.find('?'));
    if (rest.empty()) {
      url.path_and_query = base->path_and_query;
      return url;
    }
    if (rest[0] == '#') {
      url.path_and_query = base->path_and_query;
      url.fragment = PercentEncode(rest.substr(1), kFragmentExtra);
      return url;
    }
    if (rest[0] == '?') {
      rest = std::string_view(input).substr(input.size() - rest.size());
      const std::size_t hash = rest.find('#');
      url.path_and_query = base_path + "?" + PercentEncode(rest.substr(1, hash == std::string_view::npos ? hash : hash - 1), kSpecialQueryExtra);
      if (hash != std::string_view::npos) url.fragment = PercentEncode(rest.substr(hash + 1), kFragmentExtra);
      return url;
    }
    if (rest[0] != '/' && rest[0] != '\\') {
      const std::size_t slash = base_path.rfind('/');
      const std::string dir = slash == std::string::npos ? "/" : base_path.substr(0, slash + 1);
      joined = dir + std::string(rest);
      rest = joined;
    }
  }

  // Path, query, fragment.
  const std::size_t hash = rest.find('#');
  std::string_view before_fragment = rest.substr(0, hash);
  if (hash != std::string_view::npos) url.fragment = PercentEncode(rest.substr(hash + 1), kFragmentExtra);
  const std::size_t q = before_fragment.find('?');
  std::string path(before_fragment.substr(0, q));
  for (char& c : path) {
    if (c == '\\') c = '/';
  }
  if (path.empty() || path[0] != '/') path.insert(path.begin(), '/');
  url.path_and_query = PercentEncode(RemoveDotSegments(path), kPathExtra);
  if (q != std::string_view::npos) url.path_and_query += "?" + PercentEncode(before_fragment.substr(q + 1), kSpecialQueryExtra);
  return url;
}

std::optional<Origin> ParseOriginLenient(std::string_view input) {
  if (TrimHttpWhitespace(input) == "null") return Origin();
  const auto url = ParseUrl(input);
  if (!url || !url->IsSpecial() || url->scheme == "file") return std::nullopt;
  return url->GetOrigin();
}

std::optional<Origin> ParseSerializedOrigin(std::string_view input) {
  if (input == "null") return Origin();
  const auto url = ParseUrl(input);
  if (!url || url->scheme == "file" || !url->IsSpecial() || url->HasCredentials()) return std::nullopt;
  const Origin origin = url->GetOrigin();
  if (origin.Serialize() != input) return std::nullopt;
  return origin;
}

}  // namespace corscheck::core
