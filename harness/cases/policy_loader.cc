#include "cases/policy_loader.h"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <nlohmann/json.hpp>

#include "cases/json_util.h"
#include "core/ascii.h"
#include "core/url.h"
#include "model/profile.h"
#include "model/request_rules.h"

namespace corscheck::cases {
namespace {

using nlohmann::json;

// Thrown inside this file only; ParsePolicy turns it into an Error.
struct PolicyError {
  std::string pointer;
  std::string message;
};

[[noreturn]] void Fail(const std::string& pointer, const std::string& message) { throw PolicyError{pointer, message}; }

std::string Quote(std::string_view s) { return "'" + core::EscapeForDisplay(s) + "'"; }

bool GetBool(const json& doc, const char* key) {
  if (!doc[key].is_boolean()) Fail(std::string("/") + key, "must be a boolean (true or false)");
  return doc[key].get<bool>();
}

// An array of strings; `check` validates each element at its pointer. Duplicates are refused,
// compared byte for byte or ASCII case-insensitively.
std::vector<std::string> GetStringList(const json& doc, const char* key, bool case_insensitive,
                                       const std::function<void(const std::string&, const std::string&)>& check) {
  const std::string ptr = std::string("/") + key;
  const json& list = doc[key];
  if (!list.is_array()) Fail(ptr, "must be an array of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    if (!list[i].is_string()) Fail(p, "must be a string");
    std::string value = list[i].get<std::string>();
    check(value, p);
    for (std::size_t k = 0; k < out.size(); ++k) {
      if (case_insensitive ? core::EqualsIgnoreCase(out[k], value) : out[k] == value) {
        Fail(p, "duplicate entry " + Quote(value) + " (also at " + ptr + "/" + std::to_string(k) + ")");
      }
    }
    out.push_back(std::move(value));
  }
  return out;
}

void CheckOrigin(const std::string& value, const std::string& ptr) {
  if (value == "*") return;  // checked against credentials once every field is read
  if (!core::ParseSerializedOrigin(value)) {
    Fail(ptr, Quote(value) +
                  " is not a serialized origin: write scheme://host[:port] as a browser sends it (lower case, "
                  "no path or trailing '/', no default port), or \"null\", or \"*\"");
  }
}

// scheme://*.host[:port]: the '*' is the whole leftmost label; the rest is a serialized origin's
// scheme, domain and port.
void CheckPattern(const std::string& value, const std::string& ptr) {
  const auto fail = [&](const std::string& why) {
    Fail(ptr, Quote(value) + " is not an origin pattern (" + why +
                  "): write scheme://*.host[:port], the '*' a whole leftmost label, e.g. https://*.example.com");
  };
  const std::size_t sep = value.find("://");
  if (sep == std::string::npos || sep == 0) fail("no scheme");
  if (value.compare(sep + 3, 2, "*.") != 0) fail("'*.' must follow the scheme");
  if (std::count(value.begin(), value.end(), '*') != 1) fail("one '*' only");
  const std::string rest = value.substr(sep + 5);  // host[:port]
  const std::string host = rest.substr(0, rest.find(':'));
  if (host.empty() || host.front() == '.' || host.back() == '.' || host.find("..") != std::string::npos) {
    fail("empty label in the host");
  }
  // With a label in place of the '*', the pattern must be an origin a browser could send.
  const std::string example = value.substr(0, sep + 3) + "x." + rest;
  if (!core::ParseSerializedOrigin(example)) fail("the part after '*.' is not a lower-case domain with an optional non-default port");
}

void CheckToken(const std::string& value, const std::string& ptr, const char* what) {
  if (!core::IsToken(value)) Fail(ptr, Quote(value) + " is not a valid " + what + " (an RFC 9110 token)");
}

// Points at the first "*" of `list` when credentials make it meaningless.
void RefuseWildcardWithCredentials(const std::vector<std::string>& list, const char* key, const std::string& why) {
  const auto it = std::find(list.begin(), list.end(), "*");
  if (it != list.end()) {
    Fail(std::string("/") + key + "/" + std::to_string(it - list.begin()), "'*' with \"credentials\": true " + why);
  }
}

core::Policy Parse(const json& doc) {
  static constexpr std::string_view kKeys[] = {"origins", "origin_patterns", "credentials", "methods",
                                               "headers", "expose_headers",  "max_age",     "private_network"};
  if (!doc.is_object()) Fail("", "a policy is a JSON object");
  for (const auto& [key, value] : doc.items()) {
    if (std::find(std::begin(kKeys), std::end(kKeys), key) == std::end(kKeys)) {
      Fail("/" + EscapePointer(key), "unknown field " + Quote(key) +
                                         " (known: origins, origin_patterns, credentials, methods, headers, "
                                         "expose_headers, max_age, private_network)");
    }
  }
  const model::Profile& spec = model::GetProfile(model::ProfileId::kSpec);
  core::Policy policy;
  if (doc.contains("origins")) policy.origins = GetStringList(doc, "origins", false, CheckOrigin);
  if (doc.contains("origin_patterns")) policy.origin_patterns = GetStringList(doc, "origin_patterns", false, CheckPattern);
  if (doc.contains("credentials")) policy.credentials = GetBool(doc, "credentials");
  if (doc.contains("methods")) {
    policy.methods = GetStringList(doc, "methods", false,
                                   [](const std::string& v, const std::string& p) { CheckToken(v, p, "method"); });
  }
  if (doc.contains("headers")) {
    policy.headers = GetStringList(doc, "headers", true, [&](const std::string& v, const std::string& p) {
      CheckToken(v, p, "header name");
      if (model::IsForbiddenRequestHeader(v, "", spec)) {
        Fail(p, Quote(v) + " is a forbidden request header: browsers never let script send it, so allowing it "
                           "has no effect");
      }
    });
  }
  if (doc.contains("expose_headers")) {
    policy.expose_headers = GetStringList(
        doc, "expose_headers", true, [](const std::string& v, const std::string& p) { CheckToken(v, p, "header name"); });
  }
  if (doc.contains("max_age")) {
    const json& v = doc["max_age"];
    if (!v.is_number_integer()) Fail("/max_age", "must be an integer number of seconds");
    if (v.is_number_unsigned() && v.get<std::uint64_t>() > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
      Fail("/max_age", "is too large");
    }
    if (v.get<std::int64_t>() < 0) Fail("/max_age", "must be >= 0 (0 disables preflight caching)");
    policy.max_age = v.get<std::int64_t>();
  }
  if (doc.contains("private_network")) policy.private_network = GetBool(doc, "private_network");

  if (policy.credentials) {
    RefuseWildcardWithCredentials(policy.origins, "origins",
                                  "is refused: browsers reject Access-Control-Allow-Origin: * on credentialed "
                                  "requests; list the origins");
    RefuseWildcardWithCredentials(policy.methods, "methods",
                                  "means nothing: credentialed requests read it as a method named '*'; list the "
                                  "methods");
    RefuseWildcardWithCredentials(policy.headers, "headers",
                                  "means nothing: credentialed requests read it as a header named '*'; list the "
                                  "headers");
    RefuseWildcardWithCredentials(policy.expose_headers, "expose_headers",
                                  "means nothing: credentialed responses read it as a header named '*'; list the "
                                  "headers");
  }
  return policy;
}

}  // namespace

core::Result<core::Policy> ParsePolicy(const std::string& text, const std::string& file) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return core::Error(file + ": not valid JSON");
  try {
    return Parse(doc);
  } catch (const PolicyError& e) {
    return core::Error(file + ": " + (e.pointer.empty() ? "/" : e.pointer) + ": " + e.message);
  } catch (const json::exception& e) {
    return core::Error(file + ": " + e.what());
  }
}

core::Result<core::Policy> LoadPolicy(const std::string& path) {
  auto text = ReadFile(path);
  if (!text) return text.error();
  return ParsePolicy(*text, path);
}

std::string SerializePolicy(const core::Policy& policy) {
  nlohmann::ordered_json j;
  j["origins"] = policy.origins;
  j["origin_patterns"] = policy.origin_patterns;
  j["credentials"] = policy.credentials;
  j["methods"] = policy.methods;
  j["headers"] = policy.headers;
  j["expose_headers"] = policy.expose_headers;
  if (policy.max_age) j["max_age"] = *policy.max_age;
  j["private_network"] = policy.private_network;
  return j.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace corscheck::cases
