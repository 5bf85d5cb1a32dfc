#include "runner/rules.h"

#include <array>

namespace corscheck::runner {
namespace {

constexpr std::array<RuleInfo, 36> kRules = {{
    {"CORS-POLICY-OVERPERMISSIVE", Severity::kHigh, Category::kOverPermissive,
     "A browser lets a page read a response the policy forbids",
     "CHECK-ACAO-WILDCARD, CHECK-ACAO-EXACT, CHECK-ACAC",
     "The browser model, fed the target's real responses, allows a request from an origin, with a method, headers or credentials the policy does not allow. Critical with credentials from an origin a browser can send; low when no browser can send the Origin.",
     "Answer only origins, methods and headers the policy allows; check the Origin against an exact allowlist before echoing it."},
    {"CORS-POLICY-BLOCKED", Severity::kHigh, Category::kBlocked,
     "A browser blocks a request the policy allows", "§1.E, §1.G",
     "The browser model, fed the target's real responses, blocks a request the policy means to allow: the page breaks. The finding carries Chromium's console message.",
     "Send the CORS headers the browser needs for this request (see the console message and the error's fix)."},
    {"CORS-WILDCARD-CREDENTIALS", Severity::kMedium, Category::kDeviation,
     "Access-Control-Allow-Origin: * together with Access-Control-Allow-Credentials: true", "CHECK-ACAO-WILDCARD",
     "Browsers reject '*' for credentialed requests whatever Access-Control-Allow-Credentials says, so credentialed calls fail; the pair usually means the developer wanted to allow credentials from everywhere.",
     "Echo the request's Origin after checking it against the allowlist, keep 'Access-Control-Allow-Credentials: true', add 'Vary: Origin'."},
    {"CORS-ORIGIN-REFLECTED", Severity::kHigh, Category::kDeviation,
     "An arbitrary Origin is reflected into Access-Control-Allow-Origin", "CHECK-ACAO-EXACT",
     "The server copies any Origin into Access-Control-Allow-Origin. Any web page can read the response; with 'Access-Control-Allow-Credentials: true' it reads it with the victim's cookies (critical).",
     "Compare the Origin with an exact allowlist; answer without CORS headers when it is not listed."},
    {"CORS-NULL-ORIGIN-ALLOWED", Severity::kHigh, Category::kDeviation, "Origin 'null' is allowed",
     "ORIGIN-NULL, CHECK-ACAO-EXACT",
     "Sandboxed iframes, data: documents and redirected requests send 'Origin: null'; any attacker can produce one, so allowing 'null' allows everyone.",
     "Never allow 'null'; remove it from the allowlist."},
    {"CORS-BYPASS-PREFIX", Severity::kHigh, Category::kDeviation, "Allowlist accepts an allowed origin with a suffix appended",
     "CHECK-ACAO-EXACT", "The allowlist check matches on a prefix: https://app.example.com.evil.test passes for https://app.example.com.",
     "Compare whole serialized origins for equality, never with startsWith or an unanchored regex."},
    {"CORS-BYPASS-SUFFIX", Severity::kHigh, Category::kDeviation, "Allowlist accepts any origin ending with an allowed host",
     "CHECK-ACAO-EXACT", "The allowlist check matches on a suffix without a dot boundary: https://evilapp.example.com or https://notexample.com passes.",
     "Compare whole origins; for subdomain patterns require a '.' boundary and the exact scheme and port."},
    {"CORS-BYPASS-UNESCAPED-DOT", Severity::kHigh, Category::kDeviation, "Allowlist regex has an unescaped dot",
     "CHECK-ACAO-EXACT", "A regex such as ^https://app.example.com$ lets any character stand for '.': https://appxexample.com passes.",
     "Escape dots in allowlist regexes, anchor them, or compare strings instead."},
    {"CORS-BYPASS-SCHEME", Severity::kHigh, Category::kDeviation, "Allowlist trusts the http:// variant of an https origin",
     "ORIGIN-SERIALIZE", "An attacker on the network can inject script into the plain-http origin and read the response.",
     "Allow only the exact scheme the application uses (https)."},
    {"CORS-BYPASS-PORT", Severity::kHigh, Category::kDeviation, "Allowlist ignores the port", "ORIGIN-SERIALIZE",
     "Another service on the same host (another port) can read the response.", "Compare the port too: compare whole serialized origins."},
    {"CORS-BYPASS-SUBDOMAIN", Severity::kHigh, Category::kDeviation, "Allowlist trusts sibling, parent or arbitrary subdomains",
     "CHECK-ACAO-EXACT", "Any subdomain (often user content, staging or takeover-prone hosts) can read the response.",
     "List the exact origins, or a narrow pattern the policy really intends."},
    {"CORS-BYPASS-CASE", Severity::kLow, Category::kDeviation, "Allowlist matches case-insensitively on origins no browser sends",
     "ORIGIN-ABNF-CLOSED", "Browsers always send lower-case hosts; accepting upper case shows a loose comparison that other variants may also pass.",
     "Compare serialized origins byte for byte."},
    {"CORS-BYPASS-TRAILING", Severity::kHigh, Category::kDeviation, "Allowlist accepts a trailing slash or trailing dot",
     "ORIGIN-SERIALIZE", "A trailing dot names the same host in DNS but a different origin; a trailing slash is no origin at all.",
     "Compare whole serialized origins for equality."},
    {"CORS-BYPASS-SPECIAL-CHARS", Severity::kLow, Category::kDeviation, "Allowlist accepts special characters after the host",
     "ORIGIN-ABNF-CLOSED", "Origins such as https://app.example.com_.evil.test pass a loose regex; some browsers have sent such host names.",
     "Anchor and escape allowlist regexes, or compare strings."},
    {"CORS-BYPASS-USERINFO", Severity::kLow, Category::kDeviation, "Allowlist accepts userinfo tricks",
     "ORIGIN-ABNF-CLOSED", "Origins such as https://app.example.com@evil.test pass a 'contains' check; browsers never send userinfo, but the check is broken.",
     "Parse and compare whole serialized origins."},
    {"CORS-BYPASS-IDN", Severity::kHigh, Category::kDeviation, "Allowlist accepts an IDN homograph", "ORIGIN-SERIALIZE",
     "A look-alike domain in punycode passes the allowlist.", "Compare the punycode serialization exactly."},
    {"CORS-BYPASS-LOCALHOST", Severity::kMedium, Category::kDeviation, "Allowlist trusts localhost origins",
     "CHECK-ACAO-EXACT", "Any program a user runs locally (or a local dev server) can read the response.",
     "Allow localhost only in development builds."},
    {"CORS-VARY-MISSING", Severity::kMedium, Category::kDeviation,
     "CORS headers depend on Origin but Vary: Origin is missing", "VARY-ORIGIN-DYNAMIC, VARY-STAR-ONLY-WITH-ORIGIN",
     "A browser or shared cache can reuse a response made for another Origin (or for no Origin): intermittent CORS failures, or one origin's grant served to another.",
     "Send 'Vary: Origin' on every response of the resource: allowed, denied and Origin-less."},
    {"CORS-VARY-NEEDLESS", Severity::kInfo, Category::kDeviation, "Vary: Origin on a static Access-Control-Allow-Origin",
     "VARY-ORIGIN-STATIC", "The CORS headers never depend on Origin, so 'Vary: Origin' only splits caches.",
     "Drop 'Vary: Origin' when Access-Control-Allow-Origin is '*' or one fixed origin on every response."},
    {"CORS-PREFLIGHT-NOT-OK", Severity::kHigh, Category::kDeviation, "Preflight answered with a status that is not 2xx",
     "PFR-OK-STATUS", "Browsers fail every preflight whose status is not 200-299 (405 from a router without OPTIONS, 401 from auth that runs before CORS).",
     "Answer OPTIONS preflights with 204 and the CORS headers, before authentication and routing."},
    {"CORS-PREFLIGHT-REDIRECT", Severity::kHigh, Category::kDeviation, "Preflight answered with a redirect",
     "REDIR-PREFLIGHT", "A preflight never follows redirects: the request fails.",
     "Serve the API at the URL the page calls (no http->https or trailing-slash redirect on OPTIONS)."},
    {"CORS-ACAM-MISSING", Severity::kHigh, Category::kDeviation, "Access-Control-Allow-Methods lacks a method the policy allows",
     "PFR-ACAM", "The browser blocks the method after the preflight.", "List every allowed method, exact case, in Access-Control-Allow-Methods."},
    {"CORS-ACAH-MISSING", Severity::kHigh, Category::kDeviation, "Access-Control-Allow-Headers lacks a header the policy allows",
     "PFR-ACAH", "The browser blocks the request after the preflight (often Authorization or Content-Type).",
     "List every allowed request header in Access-Control-Allow-Headers (Authorization explicitly)."},
    {"CORS-WILDCARD-LIST-CREDENTIALS", Severity::kMedium, Category::kDeviation,
     "'*' in Access-Control-Allow-Methods/-Headers/-Expose-Headers with credentials", "PFR-ACAM, PFR-ACAH, EXPOSE-WILDCARD",
     "With credentials, '*' is only a literal name: the methods, headers or exposed headers the developer meant are not allowed.",
     "List the names explicitly when credentials are allowed."},
    {"CORS-ACAO-MULTIPLE", Severity::kHigh, Category::kDeviation, "More than one Access-Control-Allow-Origin line",
     "PARSE-GET-COMBINE, PARSE-EXTRACT", "Two lines (typically a proxy and the app) combine into 'a, b', which never matches: every CORS request fails.",
     "Set the header in one place only (the proxy or the app)."},
    {"CORS-ACAO-LIST", Severity::kHigh, Category::kDeviation, "Access-Control-Allow-Origin carries a list",
     "CHECK-ACAO-EXACT", "The header holds one origin; a comma-separated allowlist never matches.",
     "Echo the one matching origin from the allowlist."},
    {"CORS-ACAO-MALFORMED", Severity::kHigh, Category::kDeviation,
     "Access-Control-Allow-Origin names the origin in a form browsers never match", "CHECK-ACAO-EXACT",
     "A trailing slash, upper case or an explicit default port makes the byte comparison fail.",
     "Echo the Origin header value byte for byte."},
    {"CORS-ACAC-INVALID", Severity::kHigh, Category::kDeviation, "Access-Control-Allow-Credentials is not exactly 'true'",
     "CHECK-ACAC", "'True', '1', 'true, true' and the like fail the check for credentialed requests.",
     "Send exactly 'Access-Control-Allow-Credentials: true', once."},
    {"CORS-ACAC-MISSING", Severity::kHigh, Category::kDeviation,
     "Credentials are intended but Access-Control-Allow-Credentials is missing", "CHECK-ACAC, PFR-CORS-CHECK-ACTUAL-CREDS",
     "Credentialed requests fail without 'Access-Control-Allow-Credentials: true' (on the preflight too).",
     "Add 'Access-Control-Allow-Credentials: true' to allowed responses and preflights."},
    {"CORS-MAX-AGE-INVALID", Severity::kLow, Category::kDeviation, "Access-Control-Max-Age is not a number of seconds",
     "MAXAGE-SPEC, MAXAGE-CAP-CHROMIUM", "Browsers fall back to 5 seconds (or do not cache), so every request is preflighted again.",
     "Send a plain integer of seconds, at most 7200."},
    {"CORS-MAX-AGE-OVER-CAP", Severity::kInfo, Category::kDeviation, "Access-Control-Max-Age above what browsers honour",
     "MAXAGE-CAP-CHROMIUM, MAXAGE-CAP-WEBKIT, MAXAGE-CAP-FIREFOX", "Chromium caps at 7200 s, WebKit at 600 s, Firefox at 86400 s.",
     "Use at most 7200 (600 for the same behaviour everywhere)."},
    {"CORS-ACEH-MISSING", Severity::kMedium, Category::kDeviation,
     "Access-Control-Expose-Headers lacks a header the policy exposes", "EXPOSE-LIST",
     "Script cannot read the header (e.g. X-Total-Count for pagination).", "List the header in Access-Control-Expose-Headers."},
    {"CORS-PRIVATE-NETWORK-UNASKED", Severity::kMedium, Category::kDeviation,
     "Access-Control-Allow-Private-Network: true without being asked", "MISC-PNA-LNA, §6",
     "The server grants private-network access to every preflight, including public pages it did not mean to trust.",
     "Send it only when the preflight carries Access-Control-Request-Private-Network: true and the origin is trusted."},
    {"CORS-ERRORS-WITHOUT-CORS", Severity::kMedium, Category::kDeviation, "Error responses carry no CORS headers",
     "CHECK-STATUS-ANY", "The page sees an opaque network error instead of the 4xx/5xx and its body: errors cannot be handled or shown.",
     "Add the CORS headers in a layer that also runs for error responses."},
    {"CORS-PERMISSIVE-ON-ERRORS", Severity::kLow, Category::kDeviation, "Error responses allow origins the policy forbids",
     "CHECK-STATUS-ANY", "Error pages (often from a different layer) answer '*' or echo any origin, leaking error details.",
     "Apply the same allowlist to error responses."},
    {"CORS-ACAO-FALLBACK-ORIGIN", Severity::kLow, Category::kDeviation,
     "A denied origin gets Access-Control-Allow-Origin for another origin", "VARY-ORIGIN-DYNAMIC",
     "Falling back to the first allowed origin leaks the allowlist and, cached without Vary, breaks the real origin.",
     "Send no Access-Control-Allow-Origin to origins that are not allowed."},
}};

}  // namespace

std::string_view Name(Severity s) {
  switch (s) {
    case Severity::kInfo: return "info";
    case Severity::kLow: return "low";
    case Severity::kMedium: return "medium";
    case Severity::kHigh: return "high";
    case Severity::kCritical: return "critical";
  }
  return "info";
}

std::optional<Severity> SeverityFromName(std::string_view s) {
  for (auto v : {Severity::kInfo, Severity::kLow, Severity::kMedium, Severity::kHigh, Severity::kCritical}) {
    if (Name(v) == s) return v;
  }
  return std::nullopt;
}

std::string_view Name(Category c) {
  switch (c) {
    case Category::kOverPermissive: return "over-permissive";
    case Category::kBlocked: return "blocked-but-allowed-by-policy";
    case Category::kDeviation: return "deviation";
  }
  return "deviation";
}

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo* FindRule(std::string_view id) {
  for (const RuleInfo& r : AllRules()) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace corscheck::runner
