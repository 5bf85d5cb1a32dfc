// Origins and the subset of the WHATWG URL Standard that CORS needs: scheme, userinfo, host
// (domain with IDNA, IPv4 in every legacy form, IPv6), port, and the rest of the URL kept as
// text. https://url.spec.whatwg.org/
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace corscheck::core {

// https://html.spec.whatwg.org/multipage/browsers.html#concept-origin
class Origin {
 public:
  // An opaque origin (serializes as "null").
  Origin() = default;
  static Origin Tuple(std::string scheme, std::string host, std::optional<std::uint16_t> port);

  bool opaque() const { return opaque_; }
  const std::string& scheme() const { return scheme_; }
  const std::string& host() const { return host_; }
  std::optional<std::uint16_t> port() const { return port_; }

  // ORIGIN-SERIALIZE: "null", or scheme "://" host [":" port].
  // https://html.spec.whatwg.org/multipage/browsers.html#ascii-serialisation-of-an-origin
  std::string Serialize() const;
  // Same origin: two tuple origins with equal scheme, host and port. An opaque origin is never
  // same origin with anything here, because the model never holds two copies of one.
  bool IsSameOrigin(const Origin& other) const;

 private:
  bool opaque_ = true;
  std::string scheme_;
  std::string host_;
  std::optional<std::uint16_t> port_;
};

struct Url {
  std::string scheme;    // lower-case, without ':'
  std::string username;  // percent-encoded as written
  std::string password;
  std::string host;      // serialized host (lower-case, punycode, canonical IPv4, [IPv6])
  std::optional<std::uint16_t> port;  // null when absent or the scheme's default
  std::string path_and_query;  // from the first '/', '?' after the host; '/' when empty (special)
  std::string fragment;        // without '#'

  bool IsSpecial() const;
  bool IsHttpFamily() const { return scheme == "http" || scheme == "https"; }
  bool HasCredentials() const { return !username.empty() || !password.empty(); }
  Origin GetOrigin() const;
  // The URL serializer, without the fragment when `exclude_fragment`.
  std::string Serialize(bool exclude_fragment = false) const;
};

// Parses an absolute URL, or `input` relative to `base` when given. nullopt on failure.
// https://url.spec.whatwg.org/#concept-basic-url-parser (special schemes fully; others are kept
// opaque: their origin is opaque, which is all CORS needs).
std::optional<Url> ParseUrl(std::string_view input, const Url* base = nullptr);

// The host parser for special schemes: percent-decodes, maps through IDNA (UTS #46,
// nontransitional) to punycode, recognizes IPv4 in every form the URL Standard accepts and IPv6,
// and returns the serialized host. nullopt on failure.
// https://url.spec.whatwg.org/#concept-host-parser
std::optional<std::string> ParseHost(std::string_view input);

// Parses an origin written by a person or a server: any absolute URL whose origin is a tuple
// ("https://APP.example.com:443/" -> https://app.example.com), or "null". Lenient.
std::optional<Origin> ParseOriginLenient(std::string_view input);

// ORIGIN-ABNF-CLOSED: accepts exactly what a browser could send in an `Origin` header: "null", or
// a serialized http(s)/ws(s)/ftp origin that re-serializes to the same bytes. Anything else
// (path, upper case, default port, whitespace, userinfo) did not come from a browser.
std::optional<Origin> ParseSerializedOrigin(std::string_view input);

// Default port of a special scheme, or nullopt.
std::optional<std::uint16_t> DefaultPort(std::string_view scheme);

}  // namespace corscheck::core
