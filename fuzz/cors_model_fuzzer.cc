// Property: the browser model (model::Browser) never crashes, and under every profile:
//  (1) CRED-WILDCARD / CHECK-ACAO-*: a credentialed (include) fetch that ends in a cors response
//      is never allowed when the final response's ACAO is "*";
//  (2) CHECK-WHERE: allowed with type cors implies CorsCheck passes on the final response (the
//      answer to the last request sent) for the Origin the browser sent with that request;
//  (3) PREFLIGHT-NEEDED is monotone: adding a CORS-unsafe request header never turns a fetch that
//      sent a preflight into one that does not (unless the scenario lacks the preflight answer);
//  (4) profiles agree where no knob applies: every knob only acts on a preflight (or on what
//      decides one), so when no profile sends a preflight, allowed/error/type/status/exposed
//      headers are identical across all four profiles;
//  (5) a verdict is consistent: allowed xor error (or a scenario error); exposed names sorted,
//      unique, lower-case.
// Input: CONTROL "\n~~\n" PAGE-ORIGIN "\n~~\n" REQUEST "\n~~\n" PREFLIGHT "\n~~\n" FINAL
//        ["\n~~\n" REDIRECT-HOP]... (see fuzz/README.md). Empty parts are generated from small
//        tables driven by CONTROL bytes; capped at 16 KiB.
#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"
#include "core/url.h"
#include "fuzz_util.h"
#include "model/browser.h"
#include "model/cors_check.h"
#include "model/profile.h"
#include "model/types.h"

namespace {

using corscheck::core::HeaderList;
using corscheck::core::Origin;
namespace model = corscheck::model;

// Choices from CONTROL bytes, front to back; byte b picks (b - '0') mod n, so hand-written seeds
// use digits. Exhausted: 0.
class Control {
 public:
  explicit Control(std::string_view bytes) : bytes_(bytes) {}
  std::size_t Pick(std::size_t n) {
    if (pos_ >= bytes_.size() || n == 0) return 0;
    return static_cast<unsigned char>(bytes_[pos_++] - '0') % n;
  }
  template <typename T, std::size_t N>
  const T& From(const std::array<T, N>& table) { return table[Pick(N)]; }

 private:
  std::string_view bytes_;
  std::size_t pos_ = 0;
};

constexpr std::array<std::string_view, 8> kOrigins = {
    "https://app.example.com", "http://app.example.com",  "https://api.example.com", "null",
    "https://app.example.com:8443", "https://sub.app.example.com", "http://localhost:3000", "https://[::1]"};
constexpr std::array<std::string_view, 10> kUrls = {
    "https://api.example.com/data", "https://app.example.com/same", "http://api.example.com/",
    "https://api.example.com:8443/x?y", "https://other.example.net/", "data:text/plain,hi",
    "ftp://api.example.com/", "https://API.example.com./%2e/x", "https://u:p@api.example.com/", "about:blank"};
constexpr std::array<std::string_view, 14> kMethods = {"GET",  "HEAD", "POST",    "PUT",   "DELETE", "PATCH", "patch",
                                                       "get",  "post", "OPTIONS", "FOO",   "CONNECT", "",     "G ET"};
constexpr std::array<std::array<std::string_view, 2>, 18> kRequestHeaders = {{
    {"Content-Type", "text/plain"}, {"Content-Type", "application/json"}, {"Accept", "*/*"},
    {"X-Custom", "1"}, {"Authorization", "Bearer x"}, {"Range", "bytes=0-"}, {"Accept-Language", "en;q=0.9"},
    {"DPR", "2"}, {"Width", "100x"}, {"User-Agent", "x"}, {"Cookie", "a=b"}, {"X-HTTP-Method-Override", "TRACE"},
    {"sec-foo", "1"}, {"x-custom", "2"}, {"Content-Language", "de\x01"}, {"Accept", "\"quoted\""},
    {"Content-Type", "text/plain; charset=utf-8, x"}, {"Bad Name", "v"}}};
constexpr std::array<int, 14> kStatuses = {200, 204, 299, 199, 206, 300, 304, 307, 400, 401, 403, 404, 500, 699};
constexpr std::array<int, 6> kRedirectStatuses = {301, 302, 303, 307, 308, 302};

struct Scenario {
  model::FetchScenario fetch;
};

std::string MutateOrigin(std::string origin, std::size_t how) {
  switch (how) {
    case 1: return corscheck::core::ToUpper(origin);
    case 2: return origin + "/";
    case 3: return origin + ":443";
    case 4: return origin + ".evil.com";
    case 5: return "https://evil" + origin.substr(origin.find("://") == std::string::npos ? 0 : origin.find("://") + 3);
    case 6: return origin + " ";
    default: return origin;
  }
}

// "name: value" lines (value trimmed by the model's own rules, not here).
void AppendLines(std::string_view text, HeaderList& out) {
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    if (line.empty()) continue;
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) {
      out.Append(std::string(line), "");
    } else {
      out.Append(std::string(line.substr(0, colon)), std::string(corscheck::core::TrimHttpWhitespace(line.substr(colon + 1))));
    }
  }
}

std::string_view FirstLine(std::string_view text, std::string_view& rest) {
  const std::size_t nl = text.find('\n');
  rest = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
  return text.substr(0, nl);
}

int ParseStatus(std::string_view s) {
  int v = 0;
  for (char c : s.substr(0, 3)) {
    if (!corscheck::core::IsAsciiDigit(c)) return 200;
    v = v * 10 + (c - '0');
  }
  return s.empty() ? 200 : v;
}

// CORS response headers from tables: ACAO, ACAC, ACAM, ACAH, Access-Control-Max-Age, ACEH.
void GenerateCorsHeaders(Control& c, const std::string& origin, HeaderList& h) {
  switch (c.Pick(9)) {
    case 0: break;
    case 1: h.Append("Access-Control-Allow-Origin", "*"); break;
    case 2: h.Append("Access-Control-Allow-Origin", "null"); break;
    case 3: h.Append("Access-Control-Allow-Origin", MutateOrigin(origin, c.Pick(7))); break;
    case 4: h.Append("Access-Control-Allow-Origin", "*"); h.Append("Access-Control-Allow-Origin", origin); break;
    case 5: h.Append("Access-Control-Allow-Origin", origin + ", " + origin); break;
    case 6: h.Append("Access-Control-Allow-Origin", ""); break;
    default: h.Append("Access-Control-Allow-Origin", origin); break;
  }
  constexpr std::array<std::string_view, 6> kAcac = {"", "true", "True", "true ", "false", "\"true\""};
  if (const auto v = c.From(kAcac); !v.empty()) h.Append("Access-Control-Allow-Credentials", std::string(v));
  constexpr std::array<std::string_view, 7> kAcam = {"", "*", "PUT", "GET, PUT, PATCH, DELETE, FOO", "patch", ",,PUT", "PU T"};
  if (const auto v = c.From(kAcam); !v.empty()) h.Append("Access-Control-Allow-Methods", std::string(v));
  constexpr std::array<std::string_view, 7> kAcah = {"", "*", "x-custom", "Content-Type, X-Custom, Authorization",
                                                     "*, authorization", "x-custom, \"bad\"", "dpr,width,user-agent"};
  if (const auto v = c.From(kAcah); !v.empty()) h.Append("Access-Control-Allow-Headers", std::string(v));
  constexpr std::array<std::string_view, 5> kAcma = {"", "0", "-1", "600", "+10"};
  if (const auto v = c.From(kAcma); !v.empty()) h.Append("Access-Control-Max-Age", std::string(v));
  constexpr std::array<std::string_view, 4> kAceh = {"", "*", "x-total", "x-total, bad header"};
  if (const auto v = c.From(kAceh); !v.empty()) h.Append("Access-Control-Expose-Headers", std::string(v));
}

model::ServerResponse ResponseFrom(std::string_view part, Control& c, const std::string& origin, bool redirect) {
  model::ServerResponse r;
  if (part.empty()) {
    r.status = redirect ? c.From(kRedirectStatuses) : c.From(kStatuses);
    if (redirect) r.headers.Append("Location", std::string(kUrls[c.Pick(kUrls.size())]));
    GenerateCorsHeaders(c, origin, r.headers);
    r.headers.Append("X-Total", "3");
    return r;
  }
  std::string_view rest;
  r.status = ParseStatus(FirstLine(part, rest));
  AppendLines(rest, r.headers);
  return r;
}

Scenario Build(std::string_view input) {
  const std::vector<std::string_view> parts = corscheck::fuzz::SplitParts(input, 9);
  auto part = [&](std::size_t i) { return i < parts.size() ? parts[i] : std::string_view(); };
  Control c(part(0));
  Scenario s;
  model::FetchRequest& req = s.fetch.request;
  req.credentials = static_cast<model::CredentialsMode>(c.Pick(3));
  req.mode = static_cast<model::RequestMode>(c.Pick(3));
  req.use_preflight = c.Pick(4) == 1;

  std::string origin_text(part(1).empty() ? kOrigins[c.Pick(kOrigins.size())] : part(1));
  if (const auto o = corscheck::core::ParseSerializedOrigin(origin_text)) s.fetch.page_origin = *o;
  // What the server may echo: the page origin, or a mutation of it (bypass shapes).
  const std::string acao_origin = MutateOrigin(s.fetch.page_origin.Serialize(), c.Pick(10));

  if (part(2).empty()) {
    req.method = std::string(c.From(kMethods));
    req.url = std::string(c.From(kUrls));
    for (std::size_t n = c.Pick(5); n > 0; --n) {
      const auto& h = c.From(kRequestHeaders);
      req.headers.Append(std::string(h[0]), std::string(h[1]));
    }
  } else {
    std::string_view rest;
    const std::string_view first = FirstLine(part(2), rest);
    const std::size_t space = first.find(' ');
    req.method = std::string(first.substr(0, space));
    req.url = space == std::string_view::npos ? std::string(kUrls[0]) : std::string(first.substr(space + 1));
    AppendLines(rest, req.headers);
  }

  if (part(3) != "-") s.fetch.preflight_response = ResponseFrom(part(3), c, acao_origin, false);
  s.fetch.response = ResponseFrom(part(4), c, acao_origin, false);
  // Redirect hops: given as parts 5.., or generated (0..3) when CONTROL asks for them.
  std::size_t hops = parts.size() > 5 ? parts.size() - 5 : c.Pick(4);
  for (std::size_t i = 0; i < hops; ++i) {
    model::RedirectHop hop;
    hop.response = ResponseFrom(part(5 + i), c, acao_origin, true);
    if (c.Pick(2) == 1) hop.preflight_response = ResponseFrom("", c, acao_origin, false);
    s.fetch.redirects.push_back(std::move(hop));
  }
  return s;
}

bool IsSortedUniqueLower(const std::vector<std::string>& names) {
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (corscheck::core::ToLower(names[i]) != names[i]) return false;
    if (i > 0 && !(names[i - 1] < names[i])) return false;
  }
  return true;
}

void CheckVerdict(const model::FetchScenario& s, const model::FetchVerdict& v) {
  if (v.scenario_error) return;
  FUZZ_CHECK(v.allowed != v.error.has_value(), "a verdict is allowed xor carries an error");
  FUZZ_CHECK(v.allowed == v.type.has_value(), "an allowed verdict has a response type");
  FUZZ_CHECK(IsSortedUniqueLower(v.exposed_headers), "exposed header names are sorted, unique, lower-case");
  if (!v.allowed || v.type != model::ResponseType::kCors) return;
  // The final response is the answer to the last request sent (a hop that is not a redirect ends
  // the fetch, so it need not be s.response).
  FUZZ_CHECK(!v.sent.empty() && !v.responses.empty() && !v.sent.back().preflight,
             "an allowed cors fetch ends with an actual request and its response");
  const model::ServerResponse& final_response = v.responses.back();
  const auto acao = final_response.headers.Get("access-control-allow-origin");
  if (s.request.credentials == model::CredentialsMode::kInclude) {
    FUZZ_CHECK(acao != "*", "a credentialed cors fetch is never allowed with ACAO *");
  }
  const auto origin = v.sent.back().headers.Get("origin");
  FUZZ_CHECK(origin.has_value(), "a cors request carries Origin");
  FUZZ_CHECK(model::CorsCheck(final_response.headers, *origin, s.request.credentials).ok(),
             "allowed with type cors implies the CORS check passes on the final response");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16 * 1024) return 0;
  const Scenario s = Build(corscheck::fuzz::AsView(data, size));
  model::FetchScenario more = s.fetch;
  more.request.headers.Append("X-Corscheck-Added", "1");  // CORS-unsafe under every profile

  std::vector<model::FetchVerdict> verdicts;
  bool any_preflight = false;
  bool any_scenario_error = false;
  for (const model::Profile& profile : model::AllProfiles()) {
    model::FetchVerdict v = model::Evaluate(s.fetch, profile);
    CheckVerdict(s.fetch, v);
    const model::FetchVerdict w = model::Evaluate(more, profile);
    CheckVerdict(more, w);
    if (v.preflight_sent && !v.scenario_error) {
      FUZZ_CHECK(w.preflight_sent || w.scenario_error.has_value(),
                 "adding a CORS-unsafe header never removes the preflight");
    }
    any_preflight = any_preflight || v.preflight_sent;
    any_scenario_error = any_scenario_error || v.scenario_error.has_value();
    verdicts.push_back(std::move(v));
  }
  if (!any_preflight && !any_scenario_error) {
    for (const model::FetchVerdict& v : verdicts) {
      const model::FetchVerdict& first = verdicts.front();
      FUZZ_CHECK(v.allowed == first.allowed && v.error == first.error && v.type == first.type &&
                     v.status == first.status && v.exposed_headers == first.exposed_headers,
                 "profiles agree on a fetch that no profile preflights");
    }
  }
  return 0;
}
