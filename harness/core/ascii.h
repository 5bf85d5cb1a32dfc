// Byte-level helpers shared by every module. Strings are isomorphic byte strings: one char is one
// byte (Fetch "byte sequence"); nothing here decodes UTF-8.
#pragma once

#include <string>
#include <string_view>

namespace corscheck::core {

constexpr bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
constexpr bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
constexpr bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
constexpr char ToLowerAscii(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }
constexpr char ToUpperAscii(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 32) : c; }

// HTTP tab or space (https://fetch.spec.whatwg.org/#http-tab-or-space).
constexpr bool IsHttpTabOrSpace(char c) { return c == ' ' || c == '\t'; }

// RFC 9110 tchar (https://fetch.spec.whatwg.org/#token via RFC 9110 §5.6.2).
constexpr bool IsTokenChar(char c) {
  if (IsAsciiAlpha(c) || IsAsciiDigit(c)) return true;
  switch (c) {
    case '!': case '#': case '$': case '%': case '&': case '\'': case '*': case '+':
    case '-': case '.': case '^': case '_': case '`': case '|': case '~':
      return true;
    default:
      return false;
  }
}

std::string ToLower(std::string_view s);
std::string ToUpper(std::string_view s);
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix);
// Strips leading and trailing HTTP tab or space, as an HTTP parser does with field values.
std::string_view TrimHttpWhitespace(std::string_view s);
// A non-empty run of tchar (RFC 9110 token); methods and header names are tokens.
bool IsToken(std::string_view s);
// Printable form for messages: bytes outside 0x20..0x7E become \xHH.
std::string EscapeForDisplay(std::string_view s);

}  // namespace corscheck::core
