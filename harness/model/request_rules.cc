#include "model/request_rules.h"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdint>

#include "core/ascii.h"
#include "core/url.h"

namespace corscheck::model {
namespace {

using core::EqualsIgnoreCase;
using core::IsAsciiDigit;

bool AllDigits(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), IsAsciiDigit);
}

bool NoUnsafeBytes(std::string_view value) {
  return std::none_of(value.begin(), value.end(), IsCorsUnsafeRequestHeaderByte);
}

// SAFE-HDR-LANG: 0-9 A-Z a-z SP * , - . ; =
bool IsLanguageValue(std::string_view value) {
  return std::all_of(value.begin(), value.end(), [](char c) {
    return core::IsAsciiAlpha(c) || IsAsciiDigit(c) || c == ' ' || c == '*' || c == ',' || c == '-' ||
           c == '.' || c == ';' || c == '=';
  });
}

// 1*DIGIT ["." 1*DIGIT]
bool IsDecimal(std::string_view v) {
  const std::size_t dot = v.find('.');
  if (dot == std::string_view::npos) return AllDigits(v);
  return AllDigits(v.substr(0, dot)) && AllDigits(v.substr(dot + 1));
}

// SAFE-HDR-OTHER [CR]: the client hints Chromium safelists (cors.cc IsCorsSafelistedHeader).
bool IsChromiumSafelistedClientHint(const std::string& name, std::string_view value) {
  if (name == "intervention") return true;
  if (name == "device-memory" || name == "dpr") return IsDecimal(value);
  if (name == "width" || name == "viewport-width" || name == "rtt") return AllDigits(value);
  if (name == "downlink") return IsDecimal(value);
  if (name == "ect") return value == "slow-2g" || value == "2g" || value == "3g" || value == "4g";
  if (name == "save-data") return EqualsIgnoreCase(value, "on");
  return false;
}

}  // namespace

bool IsCorsSafelistedMethod(std::string_view method) {
  return method == "GET" || method == "HEAD" || method == "POST";
}

bool IsForbiddenMethod(std::string_view method) {
  return EqualsIgnoreCase(method, "CONNECT") || EqualsIgnoreCase(method, "TRACE") ||
         EqualsIgnoreCase(method, "TRACK");
}

std::string NormalizeMethod(std::string_view method) {
  for (std::string_view m : {"DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT"}) {
    if (EqualsIgnoreCase(method, m)) return std::string(m);
  }
  return std::string(method);
}

bool IsCorsUnsafeRequestHeaderByte(char c) {
  const auto b = static_cast<unsigned char>(c);
  if (b < 0x20) return b != 0x09;
  switch (c) {
    case '"': case '(': case ')': case ':': case '<': case '>': case '?': case '@':
    case '[': case '\\': case ']': case '{': case '}': case '\x7F':
      return true;
    default:
      return false;
  }
}

std::optional<std::string> ParseMimeTypeEssence(std::string_view value) {
  auto is_http_ws = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; };
  while (!value.empty() && is_http_ws(value.front())) value.remove_prefix(1);
  while (!value.empty() && is_http_ws(value.back())) value.remove_suffix(1);
  const std::size_t slash = value.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  const std::string_view type = value.substr(0, slash);
  std::string_view subtype = value.substr(slash + 1);
  subtype = subtype.substr(0, subtype.find(';'));
  while (!subtype.empty() && is_http_ws(subtype.back())) subtype.remove_suffix(1);
  if (!core::IsToken(type) || !core::IsToken(subtype)) return std::nullopt;
  return core::ToLower(type) + "/" + core::ToLower(subtype);
}

bool IsSimpleRangeHeaderValue(std::string_view value) {
  if (!value.starts_with("bytes=")) return false;
  value.remove_prefix(6);
  const std::size_t dash = value.find('-');
  if (dash == std::string_view::npos) return false;
  const std::string_view start = value.substr(0, dash);
  const std::string_view end = value.substr(dash + 1);
  if (!AllDigits(start) || (!end.empty() && !AllDigits(end))) return false;
  std::int64_t s = 0;
  std::int64_t e = 0;
  if (std::from_chars(start.data(), start.data() + start.size(), s).ec != std::errc()) return false;
  if (end.empty()) return true;
  if (std::from_chars(end.data(), end.data() + end.size(), e).ec != std::errc()) return false;
  return s <= e;
}

bool IsCorsSafelistedRequestHeader(std::string_view raw_name, std::string_view value, const Profile& profile) {
  if (value.size() > 128) return false;  // SAFE-HDR-LEN128
  const std::string name = core::ToLower(raw_name);
  if (name == "accept") return NoUnsafeBytes(value);
  if (name == "accept-language" || name == "content-language") return IsLanguageValue(value);
  if (name == "content-type") {
    if (!NoUnsafeBytes(value)) return false;
    const auto essence = ParseMimeTypeEssence(value);
    return essence && (*essence == "application/x-www-form-urlencoded" || *essence == "multipart/form-data" ||
                       *essence == "text/plain");
  }
  if (name == "range") return IsSimpleRangeHeaderValue(value);
  if (profile.client_hints_safelisted) return IsChromiumSafelistedClientHint(name, value);
  return false;
}

bool IsForbiddenRequestHeader(std::string_view name, std::string_view value, const Profile& profile) {
  static constexpr std::array<std::string_view, 21> kForbidden = {
      "accept-charset", "accept-encoding", "access-control-request-headers", "access-control-request-method",
      "connection", "content-length", "cookie", "cookie2", "date", "dnt", "expect", "host", "keep-alive",
      "origin", "referer", "set-cookie", "te", "trailer", "transfer-encoding", "upgrade", "via"};
  const std::string lower = core::ToLower(name);
  if (std::find(kForbidden.begin(), kForbidden.end(), lower) != kForbidden.end()) return true;
  if (lower.starts_with("proxy-") || lower.starts_with("sec-")) return true;
  if (profile.user_agent_forbidden && lower == "user-agent") return true;
  if (lower == "x-http-method" || lower == "x-http-method-override" || lower == "x-method-override") {
    for (const std::string& m : core::DecodeAndSplit(value)) {
      if (IsForbiddenMethod(m)) return true;
    }
  }
  return false;
}

bool IsNoCorsSafelistedRequestHeaderName(std::string_view name) {
  return EqualsIgnoreCase(name, "accept") || EqualsIgnoreCase(name, "accept-language") ||
         EqualsIgnoreCase(name, "content-language") || EqualsIgnoreCase(name, "content-type");
}

std::vector<std::string> CorsUnsafeRequestHeaderNames(const core::HeaderList& headers, const Profile& profile) {
  std::vector<std::string> unsafe;
  std::vector<std::string> safelisted;
  std::size_t safelisted_size = 0;
  for (const core::Header& h : headers) {
    if (IsForbiddenRequestHeader(h.name, h.value, profile)) continue;
    if (IsCorsSafelistedRequestHeader(h.name, h.value, profile)) {
      safelisted.push_back(core::ToLower(h.name));
      safelisted_size += h.value.size();
    } else {
      unsafe.push_back(core::ToLower(h.name));
    }
  }
  if (safelisted_size > 1024) unsafe.insert(unsafe.end(), safelisted.begin(), safelisted.end());
  return unsafe;
}

std::string AccessControlRequestHeadersValue(const core::HeaderList& headers, const Profile& profile) {
  std::vector<std::string> names = CorsUnsafeRequestHeaderNames(headers, profile);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string out;
  for (const std::string& n : names) {
    if (!out.empty()) out += ',';
    out += n;
  }
  return out;
}

bool CanSendOrigin(std::string_view origin, const Profile& profile) {
  const auto parsed = core::ParseSerializedOrigin(origin);
  if (!parsed) return false;
  if (profile.host_escapes_asterisk && parsed->host().find('*') != std::string::npos) return false;
  return true;
}

bool IsCorsSafelistedResponseHeaderName(std::string_view name) {
  for (std::string_view n : {"cache-control", "content-language", "content-length", "content-type", "expires",
                             "last-modified", "pragma"}) {
    if (EqualsIgnoreCase(name, n)) return true;
  }
  return false;
}

bool IsForbiddenResponseHeaderName(std::string_view name) {
  return EqualsIgnoreCase(name, "set-cookie") || EqualsIgnoreCase(name, "set-cookie2");
}

}  // namespace corscheck::model
