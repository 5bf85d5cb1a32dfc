// Byte helpers: every comparison in CORS is either byte-exact or ASCII case-insensitive, and the
// difference decides verdicts (digest MISC-CASE-MATRIX). These helpers must never touch bytes
// outside A-Z/a-z, because header values are isomorphic bytes, not UTF-8.
#include "core/ascii.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace corscheck::core {
namespace {

using namespace std::string_view_literals;

TEST(AsciiTest, ClassifiesOnlyAsciiLettersDigitsAndHexDigits) {
  // Bytes >= 0x80 are Latin-1 letters in an isomorphic string; they must not count as ASCII.
  EXPECT_TRUE(IsAsciiAlpha('a'));
  EXPECT_TRUE(IsAsciiAlpha('Z'));
  EXPECT_FALSE(IsAsciiAlpha('0'));
  EXPECT_FALSE(IsAsciiAlpha('\xE9'));
  EXPECT_FALSE(IsAsciiAlpha('@'));  // 0x40, just below 'A'
  EXPECT_FALSE(IsAsciiAlpha('['));  // 0x5B, just above 'Z'
  EXPECT_TRUE(IsAsciiDigit('0'));
  EXPECT_TRUE(IsAsciiDigit('9'));
  EXPECT_FALSE(IsAsciiDigit('a'));
  EXPECT_TRUE(IsAsciiHexDigit('f'));
  EXPECT_TRUE(IsAsciiHexDigit('F'));
  EXPECT_FALSE(IsAsciiHexDigit('g'));
  EXPECT_FALSE(IsAsciiHexDigit('G'));
}

TEST(AsciiTest, CaseMappingTouchesOnlyAsciiLetters) {
  // A Latin-1 byte such as 0xC9 must survive lower-casing unchanged (no locale tolower).
  EXPECT_EQ(ToLower("Content-TYPE\xC9"), "content-type\xC9");
  EXPECT_EQ(ToUpper("get-\xE9z"), "GET-\xE9Z");
  EXPECT_EQ(ToLowerAscii('@'), '@');
  EXPECT_EQ(ToUpperAscii('`'), '`');  // 0x60, just below 'a'
  EXPECT_EQ(ToUpperAscii('{'), '{');  // 0x7B, just above 'z'
  EXPECT_EQ(ToLower(""), "");
}

TEST(AsciiTest, EqualsIgnoreCaseIsAsciiCaseInsensitiveOnly) {
  struct Case {
    std::string_view a, b;
    bool equal;
  };
  static const Case kCases[] = {
      {"Access-Control-Allow-Origin", "access-control-allow-origin", true},
      {"", "", true},
      {"a", "", false},
      {"abc", "abd", false},
      // Different lengths that share a prefix must not compare equal.
      {"origin", "origin2", false},
      // 0xC9 and 0xE9 are É/é in Latin-1; ASCII case-insensitivity must not fold them.
      {"\xC9", "\xE9", false},
      // '@' and '`' differ from 'A'/'a' by 0x01 and 0x20: a sloppy |0x20 would equate them.
      {"@", "`", false},
      {"[", "{", false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(std::string(c.a) + " vs " + std::string(c.b));
    EXPECT_EQ(EqualsIgnoreCase(c.a, c.b), c.equal);
    EXPECT_EQ(EqualsIgnoreCase(c.b, c.a), c.equal);
  }
}

TEST(AsciiTest, StartsWithIgnoreCaseMatchesForbiddenPrefixes) {
  // The proxy-/sec- forbidden-header prefixes are matched this way (SAFE-FORBIDDEN-REQ).
  EXPECT_TRUE(StartsWithIgnoreCase("Sec-Fetch-Mode", "sec-"));
  EXPECT_TRUE(StartsWithIgnoreCase("PROXY-Authorization", "proxy-"));
  EXPECT_TRUE(StartsWithIgnoreCase("sec-", "sec-"));
  EXPECT_FALSE(StartsWithIgnoreCase("sec", "sec-"));
  EXPECT_FALSE(StartsWithIgnoreCase("x-sec-foo", "sec-"));
  EXPECT_TRUE(StartsWithIgnoreCase("anything", ""));
}

TEST(AsciiTest, TrimHttpWhitespaceStripsOnlyOuterTabAndSpace) {
  // PARSE-VALUE-TRIM: `Access-Control-Allow-Origin:  *  ` behaves like `*`; inner whitespace and
  // other control bytes (CR, LF, VT, FF) stay, because only SP/HTAB are HTTP tab or space.
  struct Case {
    std::string_view in, out;
  };
  static const Case kCases[] = {
      {"  *  ", "*"},
      {"\t*\t", "*"},
      {" \t a b \t ", "a b"},
      {"", ""},
      {" \t ", ""},
      {"\n*\r", "\n*\r"},
      {"\v*\f", "\v*\f"},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.in));
    EXPECT_EQ(TrimHttpWhitespace(c.in), c.out);
  }
}

TEST(AsciiTest, TokenCharsAreExactlyRfc9110Tchar) {
  // Methods and header names are tokens; PARSE-CR-ALLOWLIST rejects a whole ACAM/ACAH header
  // when one element is not. Every byte outside tchar must be rejected.
  const std::string_view kTchar =
      "!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
  for (int b = 0; b < 256; ++b) {
    const char c = static_cast<char>(b);
    SCOPED_TRACE(b);
    EXPECT_EQ(IsTokenChar(c), kTchar.find(c) != std::string_view::npos);
  }
}

TEST(AsciiTest, IsTokenRequiresANonEmptyRunOfTchar) {
  struct Case {
    std::string_view in;
    bool token;
  };
  static const Case kCases[] = {
      {"GET", true},
      {"X-My-Header", true},
      {"*", true},  // ACAM/ACAH wildcard is itself a token
      {"", false},  // an empty element is skipped by the list parser, never a token
      {"bad value", false},
      {"\"PUT\"", false},
      {"a/b", false},
      {"x:y", false},
      {"\xC5\x81", false},  // U+0141 in UTF-8 (PARSE-CR-ACEH)
      {"a\tb", false},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.in));
    EXPECT_EQ(IsToken(c.in), c.token);
  }
}

TEST(AsciiTest, EscapeForDisplayKeepsPrintableAsciiAndHexEscapesTheRest) {
  // Failure messages quote attacker-controlled header bytes; they must come out printable.
  struct Case {
    std::string_view in, out;
  };
  static const Case kCases[] = {
      {"https://a.example", "https://a.example"},
      {"", ""},
      {"a\nb", "a\\x0Ab"},
      {std::string_view("\0*", 2), "\\x00*"},
      {"\x7F", "\\x7F"},
      {"\xC5\x81", "\\xC5\\x81"},
      {"a\\b", "a\\\\b"},  // a literal backslash is doubled so escapes stay unambiguous
      {" ~", " ~"},        // 0x20 and 0x7E are the printable bounds
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.out);
    EXPECT_EQ(EscapeForDisplay(c.in), c.out);
  }
}

}  // namespace
}  // namespace corscheck::core
