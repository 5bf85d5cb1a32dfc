// The URL subset decides the byte-serialized origin that ACAO is compared against
// (ORIGIN-SERIALIZE), which Location a redirect goes to, and whether an `Origin` value could have
// come from a browser at all (ORIGIN-ABNF-CLOSED). A host that serializes one byte differently
// from a browser flips a CORS verdict.
#include "core/url.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/ascii.h"

namespace corscheck::core {
namespace {

struct HostCase {
  std::string_view input;
  std::optional<std::string> host;  // nullopt: the host parser fails
};

void ExpectHosts(const HostCase* begin, const HostCase* end) {
  for (const HostCase* c = begin; c != end; ++c) {
    SCOPED_TRACE(EscapeForDisplay(c->input));
    EXPECT_EQ(ParseHost(c->input), c->host);
  }
}

TEST(ParseHostTest, LowercasesAsciiDomains) {
  static const HostCase kCases[] = {
      {"A.EXAMPLE", "a.example"},
      {"Api.B.Example", "api.b.example"},
      {"a.example.", "a.example."},  // a trailing dot is part of the host, and of the origin
      {"localhost", "localhost"},
      {"a_b.example", "a_b.example"},  // '_' is not a forbidden domain code point
  };
  ExpectHosts(std::begin(kCases), std::end(kCases));
}

TEST(ParseHostTest, SerializesEveryIpv4FormAsDottedDecimal) {
  // ORIGIN-SERIALIZE: `0x7f.1` is 127.0.0.1, so an ACAO written `http://0x7f.1` never matches.
  static const HostCase kCases[] = {
      {"127.0.0.1", "127.0.0.1"},
      {"0x7f.1", "127.0.0.1"},           // hex first part, last part fills the remaining 24 bits
      {"0X7F.0.0.1", "127.0.0.1"},       // the 0X prefix is case-insensitive
      {"127.1", "127.0.0.1"},            // two parts
      {"127.0.1", "127.0.0.1"},          // three parts: last fills 16 bits
      {"2130706433", "127.0.0.1"},       // one 32-bit number
      {"0x7f000001", "127.0.0.1"},       // one hex number
      {"0177.0.0.1", "127.0.0.1"},       // a leading 0 means octal
      {"017700000001", "127.0.0.1"},     // one octal number
      {"0x", "0.0.0.0"},                 // "0x" alone is zero
      {"0", "0.0.0.0"},
      {"1.2.3.4..", "1.2.3.4.."},        // two trailing dots: the last label is empty, so a domain
      {"1.2.3.4.", "1.2.3.4"},           // one trailing dot is dropped for IPv4
      {"192.168.0.257", std::nullopt},   // last part too large for 8 bits
      {"256.0.0.1", std::nullopt},       // non-last part over 255
      {"1.2.3.4.5", std::nullopt},       // more than four parts
      {"4294967296", std::nullopt},      // 2^32
      {"4294967295", "255.255.255.255"}, // 2^32 - 1
      {"09.0.0.1", std::nullopt},        // '9' is not an octal digit, and the host ends in a number
      {"foo.09", std::nullopt},          // ends in a number, so it must parse as IPv4, and cannot
      {"foo.0x", std::nullopt},          // "0x" is a number too
      {"1.2.3.0x10", "1.2.3.16"},        // radix prefixes work in any part
  };
  ExpectHosts(std::begin(kCases), std::end(kCases));
}

TEST(ParseHostTest, CompressesAndLowercasesIpv6) {
  // ORIGIN-SERIALIZE: bracketed, first longest zero run compressed, lower-case hex (RFC 5952).
  static const HostCase kCases[] = {
      {"[::1]", "[::1]"},
      {"[0:0:0:0:0:0:0:1]", "[::1]"},
      {"[2001:DB8::1]", "[2001:db8::1]"},
      {"[2001:0db8:0000:0000:0000:0000:0000:0001]", "[2001:db8::1]"},
      {"[1:0:0:2:0:0:0:3]", "[1:0:0:2::3]"},    // the longer run wins
      {"[1:0:0:2:0:0:3:4]", "[1::2:0:0:3:4]"},  // equal runs: the first wins
      {"[1:0:2:3:4:5:6:7]", "[1:0:2:3:4:5:6:7]"},  // a single zero piece is not compressed
      {"[1:2:3:4:5:6:7::]", "[1:2:3:4:5:6:7:0]"},  // "::" standing for one piece is not kept
      {"[::1:2:3:4:5:6:7]", "[0:1:2:3:4:5:6:7]"},
      {"[1:0:0:0:1:0:0:0]", "[1::1:0:0:0]"},       // equal-length runs: the first one wins
      {"[::]", "[::]"},
      {"[::ffff:192.168.0.1]", "[::ffff:c0a8:1]"},  // embedded IPv4 becomes two hex pieces
      {"[::1.2.3.4]", "[::102:304]"},
      {"[::ffff:1.2.3]", std::nullopt},     // embedded IPv4 needs four parts
      {"[::ffff:1.2.3.04]", std::nullopt},  // no leading zeros in embedded IPv4
      {"[::ffff:1.2.3.256]", std::nullopt},
      {"[1::2::3]", std::nullopt},  // two compressions
      {"[:1]", std::nullopt},
      {"[1:]", std::nullopt},
      {"[1:2:3:4:5:6:7:8:9]", std::nullopt},
      {"[1:2:3:4:5:6:7]", std::nullopt},  // too few pieces without compression
      {"[12345::]", std::nullopt},        // a piece has at most four hex digits
      {"[g::1]", std::nullopt},
      {"[::1", std::nullopt},
  };
  ExpectHosts(std::begin(kCases), std::end(kCases));
}

TEST(ParseHostTest, MapsInternationalDomainsToPunycode) {
  // ORIGIN-SERIALIZE: domains go through IDNA, so the origin a browser sends for bücher.example
  // is the xn-- form; a server echoing the Unicode form fails CHECK-ACAO-EXACT.
  static const HostCase kCases[] = {
      {"b\xC3\xBC" "cher.example", "xn--bcher-kva.example"},
      {"B\xC3\x9C" "CHER.example", "xn--bcher-kva.example"},  // UTS #46 maps upper case first
      {"xn--bcher-kva.example", "xn--bcher-kva.example"},     // already punycode: unchanged
      {"XN--BCHER-KVA.example", "xn--bcher-kva.example"},
      {"fa\xC3\x9F.de", "xn--fa-hia.de"},  // nontransitional: ß is kept, not mapped to "ss"
  };
  ExpectHosts(std::begin(kCases), std::end(kCases));
}

TEST(ParseHostTest, PercentDecodesBeforeMapping) {
  static const HostCase kCases[] = {
      {"ex%41mple.com", "example.com"},
      {"%62%C3%BC" "cher.example", "xn--bcher-kva.example"},
      {"%31%32%37.0.0.1", "127.0.0.1"},  // decoded digits still form an IPv4 address
      {"exa%20mple.com", std::nullopt},  // decodes to a space, which is forbidden
      {"a%zzb.example", std::nullopt},   // an invalid escape leaves '%', which is forbidden
  };
  ExpectHosts(std::begin(kCases), std::end(kCases));
}

TEST(ParseHostTest, RejectsForbiddenDomainCodePoints) {
  // https://url.spec.whatwg.org/#forbidden-domain-code-point
  static const char* const kForbidden[] = {
      "a b", "a#b", "a%b", "a/b", "a:b", "a<b", "a>b", "a?b", "a@b", "a[b", "a\\b", "a]b", "a^b", "a|b",
      "a\x7F" "b", "a\x01" "b", "a\x1F" "b", "",
  };
  for (const char* host : kForbidden) {
    SCOPED_TRACE(EscapeForDisplay(host));
    EXPECT_EQ(ParseHost(host), std::nullopt);
  }
}

TEST(UrlTest, ParsesSpecialUrlsIntoParts) {
  const auto url = ParseUrl("HTTPS://user:pw@API.Example:8443/a/b?q=1#frag");
  ASSERT_TRUE(url);
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->username, "user");
  EXPECT_EQ(url->password, "pw");
  EXPECT_EQ(url->host, "api.example");
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->path_and_query, "/a/b?q=1");
  EXPECT_EQ(url->fragment, "frag");
  EXPECT_TRUE(url->IsSpecial());
  EXPECT_TRUE(url->IsHttpFamily());
  EXPECT_TRUE(url->HasCredentials());
  EXPECT_EQ(url->Serialize(), "https://user:pw@api.example:8443/a/b?q=1#frag");
  EXPECT_EQ(url->Serialize(/*exclude_fragment=*/true), "https://user:pw@api.example:8443/a/b?q=1");
}

TEST(UrlTest, NormalizesAbsoluteUrls) {
  struct Case {
    std::string_view input;
    std::optional<std::string> serialized;  // nullopt: parse failure
  };
  static const Case kCases[] = {
      {"https://a.example:443/x", "https://a.example/x"},  // the default port becomes null
      {"http://a.example:80", "http://a.example/"},         // empty path of a special URL is "/"
      {"ws://a.example:80/", "ws://a.example/"},
      {"wss://a.example:443/", "wss://a.example/"},
      {"ftp://a.example:21/", "ftp://a.example/"},
      {"http://a.example:443/", "http://a.example:443/"},  // 443 is not http's default
      {"http://a.example:0080/", "http://a.example/"},     // leading zeros: still port 80
      {"http://a.example:/", "http://a.example/"},         // an empty port is allowed
      {"http://a.example:65535/", "http://a.example:65535/"},
      {"http://a.example:65536/", std::nullopt},
      {"http://a.example:8a/", std::nullopt},
      {"http://a.example/a/./b/../c", "http://a.example/a/c"},
      {"http://a.example/a/%2e%2E/c", "http://a.example/c"},  // percent-encoded dot segments
      {"http://a.example/a/..", "http://a.example/"},
      {"http:\\\\a.example\\x\\y", "http://a.example/x/y"},  // backslashes act as slashes
      {"  http://a.example/ \x01", "http://a.example/"},     // outer C0/space stripped
      {"ht\ttp://a.\nexample/\r", "http://a.example/"},      // tab/newline removed anywhere
      {"http://a.example?q", "http://a.example/?q"},
      {"http://a.example/a?b/../c", "http://a.example/a?b/../c"},  // dot segments only in the path
      {"http://a.example//x", "http://a.example//x"},              // empty segments are kept
      {"https:c.example", "https://c.example/"},  // special scheme without slashes and no base
      {"http://a.example#f", "http://a.example/#f"},
      {"http://@a.example/", "http://a.example/"},  // empty userinfo is no credentials
      {"http://", std::nullopt},                    // empty host
      {"http://a b/", std::nullopt},
      {"http://[::1/", std::nullopt},
      {"http://[::1]x/", std::nullopt},
      {"https://0x7f.1:8443/", "https://127.0.0.1:8443/"},
      {"no-scheme", std::nullopt},
      {"", std::nullopt},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.input));
    const auto url = ParseUrl(c.input);
    ASSERT_EQ(url.has_value(), c.serialized.has_value());
    if (url) {
      EXPECT_EQ(url->Serialize(), *c.serialized);
    }
  }
}

TEST(UrlTest, EmptyUserinfoIsNotCredentials) {
  // REDIR-USERINFO: `http://@host/` passes (WPT cors/redirect-userinfo.htm).
  const auto empty = ParseUrl("http://@b.example/");
  ASSERT_TRUE(empty);
  EXPECT_FALSE(empty->HasCredentials());
  const auto user_only = ParseUrl("http://user@b.example/");
  ASSERT_TRUE(user_only);
  EXPECT_TRUE(user_only->HasCredentials());
  const auto password_only = ParseUrl("http://:pw@b.example/");
  ASSERT_TRUE(password_only);
  EXPECT_TRUE(password_only->HasCredentials());
}

// Found by origin_parse_fuzzer: a control byte or space kept raw at the end of a path made the
// serialized URL parse to a different URL (the parser strips them at the ends of its input).
TEST(UrlTest, PercentEncodesPathQueryAndFragmentBytes) {
  struct Case {
    std::string_view input;
    std::string_view serialized;
  };
  static constexpr Case kCases[] = {
      {std::string_view("ws:m/\0#", 7), "ws://m/%00"},
      {"https://a.example/ x?y z#f g", "https://a.example/%20x?y%20z#f%20g"},
      {"https://a.example/\xc3\xa9?\xc3\xa9'", "https://a.example/%C3%A9?%C3%A9%27"},
      {"https://a.example/%41{}?`", "https://a.example/%41%7B%7D?`"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.input));
    const auto url = ParseUrl(c.input);
    ASSERT_TRUE(url.has_value());
    EXPECT_EQ(url->Serialize(), c.serialized);
    const auto again = ParseUrl(url->Serialize());
    ASSERT_TRUE(again.has_value());
    EXPECT_EQ(again->Serialize(), c.serialized);
  }
}

TEST(UrlTest, NonSpecialSchemesHaveOpaqueOrigins) {
  // MISC-DATA-URL: a data: document's origin is opaque, so it sends `Origin: null`.
  for (std::string_view input : {"data:text/plain,hi", "blob:https://a.example/uuid", "about:blank",
                                 "javascript:alert(1)"}) {
    SCOPED_TRACE(input);
    const auto url = ParseUrl(input);
    ASSERT_TRUE(url);
    EXPECT_FALSE(url->IsSpecial());
    EXPECT_FALSE(url->IsHttpFamily());
    EXPECT_TRUE(url->GetOrigin().opaque());
    EXPECT_EQ(url->GetOrigin().Serialize(), "null");
  }
  const auto data = ParseUrl("DATA:text/plain,hi#x");
  ASSERT_TRUE(data);
  EXPECT_EQ(data->scheme, "data");
  EXPECT_EQ(data->Serialize(), "data:text/plain,hi#x");
}

TEST(UrlTest, FileUrlsHaveOpaqueOrigins) {
  const auto url = ParseUrl("file:///etc/hosts");
  ASSERT_TRUE(url);
  EXPECT_TRUE(url->IsSpecial());
  EXPECT_FALSE(url->IsHttpFamily());
  EXPECT_TRUE(url->GetOrigin().opaque());
}

TEST(UrlTest, ResolvesLocationAgainstTheCurrentUrl) {
  // A redirect's Location is parsed relative to the request's current URL (REDIR-*).
  const auto base = ParseUrl("https://a.example/dir/page?x=1#top");
  ASSERT_TRUE(base);
  struct Case {
    std::string_view location;
    std::optional<std::string> resolved;
  };
  static const Case kCases[] = {
      {"other", "https://a.example/dir/other"},
      {"./other", "https://a.example/dir/other"},
      {"../up", "https://a.example/up"},
      {"../../../up", "https://a.example/up"},  // cannot climb above the root
      {"/abs?y", "https://a.example/abs?y"},
      {"\\abs", "https://a.example/abs"},
      {"//b.example/p", "https://b.example/p"},  // scheme-relative: a new origin
      {"//B.EXAMPLE:443", "https://b.example/"},
      {"?q=2", "https://a.example/dir/page?q=2"},
      {"#frag", "https://a.example/dir/page?x=1#frag"},
      {"", "https://a.example/dir/page?x=1"},  // an empty Location is the current URL
      {"http://c.example/x", "http://c.example/x"},
      {"https:rel", "https://a.example/dir/rel"},  // same special scheme without slashes: relative
      {"http:rel", "http://rel/"},                // another special scheme: "rel" is the host
      {"https://user:pw@c.example/", "https://user:pw@c.example/"},
      {"data:text/plain,x", "data:text/plain,x"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.location));
    const auto url = ParseUrl(c.location, &*base);
    ASSERT_EQ(url.has_value(), c.resolved.has_value());
    if (url) {
      EXPECT_EQ(url->Serialize(), *c.resolved);
    }
  }
}

TEST(UrlTest, RelativeResolutionKeepsBaseHostAndPort) {
  const auto base = ParseUrl("http://a.example:8080/x/y");
  ASSERT_TRUE(base);
  const auto url = ParseUrl("z", &*base);
  ASSERT_TRUE(url);
  EXPECT_EQ(url->host, "a.example");
  EXPECT_EQ(url->port, 8080);
  EXPECT_EQ(url->Serialize(), "http://a.example:8080/x/z");
  EXPECT_TRUE(url->GetOrigin().IsSameOrigin(base->GetOrigin()));
}

TEST(OriginTest, SerializesTupleOriginsWithoutPathOrDefaultPort) {
  // ORIGIN-SERIALIZE: never a path or trailing '/', and the default port is elided by the parser.
  struct Case {
    std::string_view url;
    std::string origin;
  };
  static const Case kCases[] = {
      {"https://a.example:443/path?q#f", "https://a.example"},
      {"http://a.example:80/", "http://a.example"},
      {"http://a.example:8080/", "http://a.example:8080"},
      {"https://a.example:80/", "https://a.example:80"},
      {"HTTPS://A.EXAMPLE/", "https://a.example"},
      {"https://user:pw@a.example/", "https://a.example"},  // userinfo is not part of an origin
      {"https://b\xC3\xBC" "cher.example/", "https://xn--bcher-kva.example"},
      {"http://0x7f.1/", "http://127.0.0.1"},
      {"http://[0:0::1]:8000/", "http://[::1]:8000"},
      {"wss://a.example:443/", "wss://a.example"},
      {"ftp://a.example:21/", "ftp://a.example"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.url));
    const auto url = ParseUrl(c.url);
    ASSERT_TRUE(url);
    EXPECT_EQ(url->GetOrigin().Serialize(), c.origin);
  }
}

TEST(OriginTest, TupleSerializesPortOnlyWhenPresent) {
  EXPECT_EQ(Origin::Tuple("https", "a.example", std::nullopt).Serialize(), "https://a.example");
  EXPECT_EQ(Origin::Tuple("https", "a.example", 8443).Serialize(), "https://a.example:8443");
  EXPECT_EQ(Origin().Serialize(), "null");
  EXPECT_TRUE(Origin().opaque());
  EXPECT_FALSE(Origin::Tuple("https", "a.example", std::nullopt).opaque());
}

TEST(OriginTest, SameOriginComparesSchemeHostAndPort) {
  const Origin a = Origin::Tuple("https", "a.example", std::nullopt);
  EXPECT_TRUE(a.IsSameOrigin(Origin::Tuple("https", "a.example", std::nullopt)));
  EXPECT_FALSE(a.IsSameOrigin(Origin::Tuple("http", "a.example", std::nullopt)));
  EXPECT_FALSE(a.IsSameOrigin(Origin::Tuple("https", "b.example", std::nullopt)));
  EXPECT_FALSE(a.IsSameOrigin(Origin::Tuple("https", "a.example", 8443)));
  // An opaque origin is not same origin with anything, itself included in the model.
  EXPECT_FALSE(Origin().IsSameOrigin(Origin()));
  EXPECT_FALSE(a.IsSameOrigin(Origin()));
  EXPECT_FALSE(Origin().IsSameOrigin(a));
}

TEST(OriginTest, DefaultPortsOfSpecialSchemes) {
  EXPECT_EQ(DefaultPort("http"), 80);
  EXPECT_EQ(DefaultPort("ws"), 80);
  EXPECT_EQ(DefaultPort("https"), 443);
  EXPECT_EQ(DefaultPort("wss"), 443);
  EXPECT_EQ(DefaultPort("ftp"), 21);
  EXPECT_EQ(DefaultPort("file"), std::nullopt);
  EXPECT_EQ(DefaultPort("data"), std::nullopt);
  EXPECT_EQ(DefaultPort("HTTP"), std::nullopt);  // callers pass the parsed, lower-case scheme
}

TEST(ParseSerializedOriginTest, AcceptsOnlyWhatABrowserCouldSend) {
  // ORIGIN-ABNF-CLOSED: a browser emits `serialized-origin` or `null`, nothing else.
  struct Case {
    std::string_view input;
    bool accepted;
    const char* why;
  };
  static const Case kCases[] = {
      {"https://a.example", true, "plain origin"},
      {"http://a.example:8080", true, "non-default port"},
      {"https://127.0.0.1", true, "canonical IPv4"},
      {"http://[::1]:8000", true, "canonical IPv6"},
      {"https://xn--bcher-kva.example", true, "punycode host"},
      {"wss://a.example", true, "ws(s) and ftp origins serialize too"},
      {"null", true, "opaque origin"},
      {"https://a.example/", false, "trailing slash"},
      {"https://a.example/path", false, "path"},
      {"https://a.example?", false, "empty query"},
      {"https://a.example#", false, "empty fragment"},
      {"HTTPS://a.example", false, "upper-case scheme"},
      {"https://A.example", false, "upper-case host"},
      {"https://a.example:443", false, "explicit default port"},
      {"http://a.example:80", false, "explicit default port"},
      {" https://a.example", false, "leading whitespace"},
      {"https://a.example ", false, "trailing whitespace"},
      {"https://user@a.example", false, "userinfo"},
      {"https://user:pw@a.example", false, "userinfo with password"},
      {"https://@a.example", false, "an empty userinfo still re-serializes differently"},
      {"Null", false, "null is case-sensitive"},
      {"NULL", false, "null is case-sensitive"},
      {" null", false, "whitespace around null"},
      {"", false, "empty"},
      {"https://0x7f.1", false, "non-canonical IPv4"},
      {"http://[0:0::1]", false, "uncompressed IPv6"},
      {"https://b\xC3\xBC" "cher.example", false, "Unicode host"},
      {"file://", false, "file origins are opaque"},
      {"data:text/plain,x", false, "non-special scheme"},
      {"a.example", false, "no scheme"},
      {"https://a.example, https://b.example", false, "two origins"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.why) + ": " + EscapeForDisplay(c.input));
    const auto origin = ParseSerializedOrigin(c.input);
    ASSERT_EQ(origin.has_value(), c.accepted);
    if (origin) {
      EXPECT_EQ(origin->Serialize(), c.input);
    }
  }
}

TEST(ParseSerializedOriginTest, NullIsOpaque) {
  const auto origin = ParseSerializedOrigin("null");
  ASSERT_TRUE(origin);
  EXPECT_TRUE(origin->opaque());
}

TEST(ParseOriginLenientTest, AcceptsAnyAbsoluteUrlAndNormalizes) {
  // Used for origins written by people (case files, CLI); unlike ParseSerializedOrigin it forgives.
  struct Case {
    std::string_view input;
    std::optional<std::string> origin;
  };
  static const Case kCases[] = {
      {"https://APP.example.com:443/", "https://app.example.com"},
      {"https://a.example/path?q", "https://a.example"},
      {"null", "null"},
      {"  null  ", "null"},
      {"http://a.example:8080", "http://a.example:8080"},
      {"file:///x", std::nullopt},
      {"data:text/plain,x", std::nullopt},
      {"a.example", std::nullopt},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.input));
    const auto origin = ParseOriginLenient(c.input);
    ASSERT_EQ(origin.has_value(), c.origin.has_value());
    if (origin) {
      EXPECT_EQ(origin->Serialize(), *c.origin);
    }
  }
}

}  // namespace
}  // namespace corscheck::core
