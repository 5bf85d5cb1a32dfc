#include "target/reference.h"

#include <algorithm>
#include <array>
#include <iterator>
#include <string>

#include "core/ascii.h"
#include "core/url.h"

namespace corscheck::target {
namespace {

struct FaultInfo {
  Fault fault;
  std::string_view name;
  std::string_view description;
};

constexpr FaultInfo kFaultInfo[] = {
    {Fault::kWildcardWithCredentials, "wildcard-with-credentials",
     "a static 'Access-Control-Allow-Origin: *' together with 'Access-Control-Allow-Credentials: true'"},
    {Fault::kReflectAnyOrigin, "reflect-any-origin",
     "the request's Origin is copied into Access-Control-Allow-Origin without checking it"},
    {Fault::kReflectAnyOriginCredentials, "reflect-any-origin-credentials",
     "the request's Origin is copied into Access-Control-Allow-Origin unchecked, with credentials allowed"},
    {Fault::kNullAllowed, "null-allowed",
     "Origin 'null' (sandboxed iframes, data: documents, tainted redirects) is trusted with credentials"},
    {Fault::kPrefixMatch, "prefix-match",
     "the origin check is startsWith(allowed): https://app.example.com.evil.test passes"},
    {Fault::kSuffixMatch, "suffix-match",
     "the origin check is endsWith(allowed host) with no dot boundary: https://evilapp.example.com passes"},
    {Fault::kUnescapedDot, "unescaped-dot",
     "the allowlist is compiled as a regex with unescaped dots: https://appxexample.com passes"},
    {Fault::kHttpSchemeTrusted, "http-scheme-trusted",
     "the scheme is ignored: http:// twins of allowed https:// origins pass"},
    {Fault::kAnySubdomainTrusted, "any-subdomain-trusted",
     "every subdomain of an allowed origin's parent domain is trusted: https://evil.example.com passes"},
    {Fault::kMissingVary, "missing-vary", "origin-dependent CORS headers are sent without 'Vary: Origin'"},
    {Fault::kVaryMissingOnDenied, "vary-missing-on-denied",
     "'Vary: Origin' only on allowed responses, not on denied or Origin-less ones"},
    {Fault::kPreflight405, "preflight-405", "OPTIONS is not routed: preflights get 405 without CORS headers"},
    {Fault::kPreflight401, "preflight-401",
     "authentication runs before CORS: preflights (which never carry credentials) get 401"},
    {Fault::kPreflightRedirect, "preflight-redirect",
     "preflights are redirected (307) to another host, e.g. a canonical-host or login redirect"},
    {Fault::kAcahMissingRequested, "acah-missing-requested",
     "Access-Control-Allow-Headers omits a header the client sends (Authorization, else the last listed)"},
    {Fault::kAcahWildcardWithCredentials, "acah-wildcard-with-credentials",
     "'Access-Control-Allow-Headers: *' on a credentialed API, where '*' is only a literal name"},
    {Fault::kAcamMissingMethod, "acam-missing-method",
     "Access-Control-Allow-Methods is left at a default 'GET, POST'"},
    {Fault::kDuplicateAcao, "duplicate-acao",
     "a proxy adds 'Access-Control-Allow-Origin: *' next to the application's echoed origin"},
    {Fault::kAcaoList, "acao-list", "Access-Control-Allow-Origin carries the whole allowlist, comma-separated"},
    {Fault::kAcaoTrailingSlash, "acao-trailing-slash",
     "Access-Control-Allow-Origin is written as a URL with a trailing '/'"},
    {Fault::kAcacWrongCase, "acac-wrong-case", "'Access-Control-Allow-Credentials: True' (the value is case-sensitive)"},
    {Fault::kCredentialsMissing, "credentials-missing",
     "Access-Control-Allow-Credentials is never sent although the API needs cookies"},
    {Fault::kMaxAgeInvalid, "max-age-invalid", "Access-Control-Max-Age carries a unit: '600s'"},
    {Fault::kExposeMissing, "expose-missing",
     "Access-Control-Expose-Headers is never sent, so script cannot read custom response headers"},
    {Fault::kPrivateNetworkByDefault, "private-network-by-default",
     "'Access-Control-Allow-Private-Network: true' on every preflight, asked for or not"},
    {Fault::kNoCorsOnErrors, "no-cors-on-errors",
     "error responses (4xx/5xx) bypass the CORS middleware and carry no CORS headers"},
    {Fault::kFallbackFirstOrigin, "fallback-first-origin",
     "a disallowed origin gets Access-Control-Allow-Origin set to the first allowed origin"},
};

constexpr bool FaultTableInOrder() {
  for (std::size_t i = 0; i < std::size(kFaultInfo); ++i) {
    if (kFaultInfo[i].fault != static_cast<Fault>(i)) return false;
  }
  return true;
}
static_assert(FaultTableInOrder(), "kFaultInfo must list every Fault in declaration order");
static_assert(std::size(kFaultInfo) == static_cast<std::size_t>(Fault::kFallbackFirstOrigin) + 1,
              "kFaultInfo must list every Fault");

constexpr auto kAllFaults = [] {
  std::array<Fault, std::size(kFaultInfo)> out{};
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = kFaultInfo[i].fault;
  return out;
}();

constexpr std::string_view kAcao = "Access-Control-Allow-Origin";
constexpr std::string_view kAcac = "Access-Control-Allow-Credentials";
constexpr std::string_view kPreflightVary = "Origin, Access-Control-Request-Method, Access-Control-Request-Headers";

bool Has(const ReferenceOptions& options, Fault fault) {
  return std::find(options.faults.begin(), options.faults.end(), fault) != options.faults.end();
}

bool Contains(const std::vector<std::string>& list, std::string_view item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

std::string Join(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// The tuple origins a policy lists ("*" and "null" are not origins one can build on).
std::vector<std::string> ListedTupleOrigins(const core::Policy& policy) {
  std::vector<std::string> out;
  for (const std::string& o : policy.origins) {
    if (o != "*" && o != "null") out.push_back(o);
  }
  return out;
}

// "https://app.example.com:8443" -> scheme "https", host "app.example.com", port ":8443".
struct OriginParts {
  std::string_view scheme;
  std::string_view host;
  std::string_view port;  // with its ':', or empty
};

std::optional<OriginParts> SplitOrigin(std::string_view origin) {
  const std::size_t sep = origin.find("://");
  if (sep == std::string_view::npos || sep == 0) return std::nullopt;
  OriginParts parts;
  parts.scheme = origin.substr(0, sep);
  std::string_view rest = origin.substr(sep + 3);
  std::size_t host_end = 0;
  if (!rest.empty() && rest.front() == '[') {
    host_end = rest.find(']');
    if (host_end == std::string_view::npos) return std::nullopt;
    ++host_end;
  } else {
    host_end = std::min(rest.find(':'), rest.size());
  }
  parts.host = rest.substr(0, host_end);
  parts.port = rest.substr(host_end);
  if (parts.host.empty()) return std::nullopt;
  return parts;
}

bool IsLabelChar(char c) { return (c >= 'a' && c <= 'z') || core::IsAsciiDigit(c) || c == '-' || c == '_'; }

// One or more dot-separated labels of lower-case host characters: what "*." stands for.
bool IsSubdomainLabels(std::string_view s) {
  if (s.empty()) return false;
  std::size_t label = 0;
  for (char c : s) {
    if (c == '.') {
      if (label == 0) return false;
      label = 0;
    } else if (IsLabelChar(c)) {
      ++label;
    } else {
      return false;
    }
  }
  return label > 0;
}

// "https://*.example.com[:port]" against an origin, byte for byte around the '*'.
bool PatternMatches(std::string_view pattern, std::string_view origin) {
  const std::size_t star = pattern.find("://*.");
  if (star == std::string_view::npos) return false;
  const std::string_view prefix = pattern.substr(0, star + 3);  // "https://"
  const std::string_view suffix = pattern.substr(star + 4);     // ".example.com[:port]"
  if (origin.size() <= prefix.size() + suffix.size()) return false;
  if (!origin.starts_with(prefix) || !origin.ends_with(suffix)) return false;
  return IsSubdomainLabels(origin.substr(prefix.size(), origin.size() - prefix.size() - suffix.size()));
}

// The allowlist entry compiled as a regex without escaping: '.' matches any byte, '*' (a pattern's
// subdomain label) matches one or more host characters. Anchored at both ends.
bool LooseRegexMatches(std::string_view pattern, std::string_view s) {
  while (!pattern.empty()) {
    if (pattern.front() == '*') {
      for (std::size_t i = 1; i <= s.size() && IsLabelChar(s[i - 1]); ++i) {
        if (LooseRegexMatches(pattern.substr(1), s.substr(i))) return true;
      }
      return false;
    }
    if (s.empty() || (pattern.front() != '.' && pattern.front() != s.front())) return false;
    pattern.remove_prefix(1);
    s.remove_prefix(1);
  }
  return s.empty();
}

bool IsIpHost(std::string_view host) {
  if (!host.empty() && host.front() == '[') return true;
  const std::size_t dot = host.rfind('.');
  const std::string_view last = dot == std::string_view::npos ? host : host.substr(dot + 1);
  return !last.empty() && std::all_of(last.begin(), last.end(), core::IsAsciiDigit);
}

// The origin-matching faults: each widens the allowlist the way one buggy check does.
bool AllowedByFaultyCheck(const ReferenceOptions& options, std::string_view origin) {
  const core::Policy& policy = options.policy;
  const std::vector<std::string> listed = ListedTupleOrigins(policy);
  if (Has(options, Fault::kPrefixMatch)) {
    for (const std::string& allowed : listed) {
      if (origin.starts_with(allowed)) return true;
    }
  }
  if (Has(options, Fault::kSuffixMatch)) {
    for (const std::string& allowed : listed) {
      const std::size_t sep = allowed.find("://");
      if (sep != std::string::npos && origin.ends_with(std::string_view(allowed).substr(sep + 3))) return true;
    }
    for (const std::string& pattern : policy.origin_patterns) {
      const std::size_t star = pattern.find("://*.");
      if (star != std::string::npos && origin.ends_with(std::string_view(pattern).substr(star + 5))) return true;
    }
  }
  if (Has(options, Fault::kUnescapedDot)) {
    for (const std::string& allowed : listed) {
      if (LooseRegexMatches(allowed, origin)) return true;
    }
    for (const std::string& pattern : policy.origin_patterns) {
      if (LooseRegexMatches(pattern, origin)) return true;
    }
  }
  if (Has(options, Fault::kHttpSchemeTrusted) && origin.starts_with("http://")) {
    if (OriginAllowedByPolicy(policy, "https://" + std::string(origin.substr(7)))) return true;
  }
  if (Has(options, Fault::kAnySubdomainTrusted)) {
    const std::optional<OriginParts> candidate = SplitOrigin(origin);
    for (const std::string& allowed : listed) {
      const std::optional<OriginParts> parts = SplitOrigin(allowed);
      if (!candidate || !parts || IsIpHost(parts->host)) continue;
      const std::size_t first_dot = parts->host.find('.');
      // The parent domain must itself hold a dot: app.example.com -> example.com, never "com".
      if (first_dot == std::string_view::npos || parts->host.find('.', first_dot + 1) == std::string_view::npos) {
        continue;
      }
      const std::string_view parent = parts->host.substr(first_dot);  // ".example.com"
      if (candidate->scheme == parts->scheme && candidate->port == parts->port &&
          candidate->host.size() > parent.size() && candidate->host.ends_with(parent) &&
          IsSubdomainLabels(candidate->host.substr(0, candidate->host.size() - parent.size()))) {
        return true;
      }
    }
  }
  return false;
}

bool IsStaticWildcard(const core::Policy& policy) { return !policy.credentials && Contains(policy.origins, "*"); }

// What the server decided about the request's Origin: whether it sends the Access-Control-Allow-*
// set, and with which ACAO value and credentials flag.
struct Grant {
  bool granted = false;
  std::string acao;
  bool credentials = false;
  bool origin_dependent = true;  // the decision reads Origin, so responses need Vary: Origin
};

Grant Decide(const ReferenceOptions& options, const std::optional<std::string>& origin) {
  const core::Policy& policy = options.policy;
  if (Has(options, Fault::kWildcardWithCredentials)) return {true, "*", true, false};
  if (IsStaticWildcard(policy)) return {true, "*", false, false};
  if (!origin) return {};
  if (OriginAllowedByPolicy(policy, *origin) || AllowedByFaultyCheck(options, *origin)) {
    return {true, *origin, policy.credentials, true};
  }
  if (Has(options, Fault::kNullAllowed) && *origin == "null") return {true, "null", true, true};
  if (Has(options, Fault::kReflectAnyOriginCredentials)) return {true, *origin, true, true};
  if (Has(options, Fault::kReflectAnyOrigin)) return {true, *origin, false, true};
  if (Has(options, Fault::kFallbackFirstOrigin)) {
    const std::vector<std::string> listed = ListedTupleOrigins(policy);
    if (!listed.empty()) return {true, listed.front(), policy.credentials, true};
  }
  return {};
}

void AppendAllowOriginAndCredentials(core::HeaderList& headers, const ReferenceOptions& options, const Grant& grant) {
  std::string value = grant.acao;
  if (value != "*") {
    if (Has(options, Fault::kAcaoList)) {
      if (std::vector<std::string> listed = ListedTupleOrigins(options.policy); !listed.empty()) value = Join(listed);
    }
    if (Has(options, Fault::kAcaoTrailingSlash)) value += "/";
    if (Has(options, Fault::kDuplicateAcao)) headers.Append(std::string(kAcao), "*");
  }
  headers.Append(std::string(kAcao), std::move(value));
  if (grant.credentials && !Has(options, Fault::kCredentialsMissing)) {
    headers.Append(std::string(kAcac), Has(options, Fault::kAcacWrongCase) ? "True" : "true");
  }
}

// Bytes as a JSON string literal; bytes >= 0x80 are read as U+0080..U+00FF (isomorphic), so the
// body stays valid UTF-8 whatever the request carried.
std::string JsonString(std::string_view bytes) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out = "\"";
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (b < 0x20 || b >= 0x7F) {
      out += "\\u00";
      out += kHex[b >> 4];
      out += kHex[b & 0xF];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

struct RequestTarget {
  std::string scheme = "http";
  std::string path_and_query = "/";
  std::string path = "/";
};

// The request target: an absolute URL, or origin-form ("/path?query") from a socket server.
RequestTarget ParseTarget(const std::string& url) {
  RequestTarget t;
  if (!url.empty() && url.front() == '/') {
    t.path_and_query = url;
  } else if (std::optional<core::Url> parsed = core::ParseUrl(url)) {
    t.scheme = parsed->scheme;
    t.path_and_query = parsed->path_and_query.empty() ? "/" : parsed->path_and_query;
  }
  t.path = t.path_and_query.substr(0, t.path_and_query.find('?'));
  return t;
}

std::string_view ReasonPhrase(int status) {
  switch (status) {
    case 200: return "OK";
    case 204: return "No Content";
    case 307: return "Temporary Redirect";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 405: return "Method Not Allowed";
    case 500: return "Internal Server Error";
    default: return "";
  }
}

core::HttpResponse Respond(int status) {
  core::HttpResponse response;
  response.status = status;
  response.reason = std::string(ReasonPhrase(status));
  return response;
}

std::string JsonBody(int status, const core::HttpRequest& request, const RequestTarget& target) {
  std::string body = status < 400 ? R"({"ok":true)" : R"({"ok":false,"status":)" + std::to_string(status);
  return body + R"(,"path":)" + JsonString(target.path) + R"(,"method":)" + JsonString(request.method) + "}";
}

bool SendsCorsHeaders(const ReferenceOptions& options, int status) {
  return !(Has(options, Fault::kNoCorsOnErrors) && status >= 400);
}

core::HttpResponse HandlePreflight(const ReferenceOptions& options, const core::HttpRequest& request,
                                   const RequestTarget& target, const Grant& grant) {
  const core::Policy& policy = options.policy;
  if (Has(options, Fault::kPreflight405)) {
    core::HttpResponse response = Respond(405);
    response.headers.Append("Allow", "GET, HEAD, POST");
    response.headers.Append("Content-Type", "application/json");
    response.body = JsonBody(405, request, target);
    return response;
  }
  core::HttpResponse response = Respond(204);
  if (Has(options, Fault::kPreflight401)) {
    response = Respond(401);
    response.headers.Append("WWW-Authenticate", R"(Bearer realm="reference")");
    response.headers.Append("Content-Type", "application/json");
    response.body = JsonBody(401, request, target);
  } else if (Has(options, Fault::kPreflightRedirect)) {
    response = Respond(307);
    response.headers.Append("Location", target.scheme + "://redirected.invalid" + target.path_and_query);
  }
  if (!SendsCorsHeaders(options, response.status)) return response;

  bool private_network_sent = false;
  if (grant.granted) {
    AppendAllowOriginAndCredentials(response.headers, options, grant);
    if (Has(options, Fault::kAcamMissingMethod)) {
      response.headers.Append("Access-Control-Allow-Methods", "GET, POST");
    } else if (!policy.methods.empty()) {
      response.headers.Append("Access-Control-Allow-Methods", Join(policy.methods));
    }
    std::vector<std::string> allow_headers = policy.headers;
    if (Has(options, Fault::kAcahWildcardWithCredentials)) {
      allow_headers = {"*"};
    } else if (Has(options, Fault::kAcahMissingRequested) && !allow_headers.empty()) {
      auto authorization = std::find_if(allow_headers.begin(), allow_headers.end(),
                                        [](const std::string& h) { return core::EqualsIgnoreCase(h, "authorization"); });
      allow_headers.erase(authorization != allow_headers.end() ? authorization : allow_headers.end() - 1);
    }
    if (!allow_headers.empty()) response.headers.Append("Access-Control-Allow-Headers", Join(allow_headers));
    if (Has(options, Fault::kMaxAgeInvalid)) {
      response.headers.Append("Access-Control-Max-Age", std::to_string(policy.max_age.value_or(600)) + "s");
    } else if (policy.max_age) {
      response.headers.Append("Access-Control-Max-Age", std::to_string(*policy.max_age));
    }
    const bool asked = request.headers.Get("access-control-request-private-network") == "true";
    if ((asked && policy.private_network) || Has(options, Fault::kPrivateNetworkByDefault)) {
      response.headers.Append("Access-Control-Allow-Private-Network", "true");
      private_network_sent = true;
    }
  }
  if (Has(options, Fault::kPrivateNetworkByDefault) && !private_network_sent) {
    response.headers.Append("Access-Control-Allow-Private-Network", "true");
  }
  // VARY-PREFLIGHT: a shared cache that stores OPTIONS must key on what the answer depends on.
  if (!Has(options, Fault::kMissingVary) && (grant.granted || !Has(options, Fault::kVaryMissingOnDenied))) {
    response.headers.Append("Vary", std::string(kPreflightVary));
  }
  return response;
}

core::HttpResponse HandleActual(const ReferenceOptions& options, const core::HttpRequest& request,
                                const RequestTarget& target, const Grant& grant) {
  int status = 200;
  if (target.path == "/status/404") status = 404;
  if (target.path == "/status/500") status = 500;
  core::HttpResponse response = Respond(status);
  response.headers.Append("Content-Type", "application/json");
  if (request.method != "HEAD") response.body = JsonBody(status, request, target);
  if (!SendsCorsHeaders(options, status)) return response;

  if (grant.granted) {
    AppendAllowOriginAndCredentials(response.headers, options, grant);
    if (!options.policy.expose_headers.empty() && !Has(options, Fault::kExposeMissing)) {
      response.headers.Append("Access-Control-Expose-Headers", Join(options.policy.expose_headers));
    }
  }
  // VARY-ORIGIN-DYNAMIC / VARY-ORIGIN-STATIC: every response varies on Origin when the CORS
  // headers depend on it, including denied and Origin-less ones; a static answer does not vary.
  if (grant.origin_dependent && !Has(options, Fault::kMissingVary) &&
      (grant.granted || !Has(options, Fault::kVaryMissingOnDenied))) {
    response.headers.Append("Vary", "Origin");
  }
  return response;
}

}  // namespace

std::string_view Name(Fault fault) { return kFaultInfo[static_cast<std::size_t>(fault)].name; }

std::optional<Fault> FaultFromName(std::string_view name) {
  for (const FaultInfo& info : kFaultInfo) {
    if (info.name == name) return info.fault;
  }
  return std::nullopt;
}

std::span<const Fault> AllFaults() { return kAllFaults; }

std::string_view Describe(Fault fault) { return kFaultInfo[static_cast<std::size_t>(fault)].description; }

bool OriginAllowedByPolicy(const core::Policy& policy, std::string_view origin) {
  if (IsStaticWildcard(policy)) return true;
  for (const std::string& allowed : policy.origins) {
    if (allowed != "*" && allowed == origin) return true;
  }
  for (const std::string& pattern : policy.origin_patterns) {
    if (PatternMatches(pattern, origin)) return true;
  }
  return false;
}

core::HttpResponse HandleReferenceRequest(const ReferenceOptions& options, const core::HttpRequest& request) {
  const RequestTarget target = ParseTarget(request.url);
  const std::optional<std::string> origin = request.headers.Get("origin");
  const Grant grant = Decide(options, origin);
  if (request.method == "OPTIONS" && request.headers.Contains("access-control-request-method")) {
    return HandlePreflight(options, request, target, grant);
  }
  return HandleActual(options, request, target, grant);
}

}  // namespace corscheck::target
