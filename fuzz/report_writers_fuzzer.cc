// Property: hostile header bytes (NUL, CR/LF, markup, quotes, invalid UTF-8, huge values) cannot
// break the syntax of any report. For every writer, the report of a run whose exchanges carry the
// fuzzed bytes has the same structure as the report of the same run with those bytes replaced by
// harmless letters of the same length:
//  * JSON and SARIF parse, and the fuzzed header value reads back byte for byte;
//  * JUnit, SVG, HTML: the same number of '<' (no markup injected), no raw control bytes;
//  * Markdown: the same number of code fences; console: no raw control bytes but \n.
// Input parts ("\n~~\n"): header name, header value, origin, method. Each part capped at 4 KiB.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <string>

#include "cases/json_util.h"
#include "fuzz_util.h"
#include "report/report.h"

namespace {

namespace cs = corscheck;

std::string Harmless(std::string_view s) { return std::string(s.size(), 'a'); }

cs::runner::RunResult MakeRun(const std::string& name, const std::string& value, const std::string& origin,
                              const std::string& method) {
  cs::runner::RunResult r;
  r.target = "https://api.example.test";
  r.profile = "chromium";
  r.policy.origins = {"https://app.example.com"};
  cs::runner::ProbeResult p;
  p.probe.id = "fuzz." + name;
  p.probe.kind = "reflection";
  p.probe.title = "a probe";  // titles come from JSON probe files: always valid UTF-8 text
  p.verdict.exposed_headers = {name};
  p.probe.origin = origin;
  p.probe.method = method;
  p.probe.path = "/" + value;
  p.probe.headers.Append(name, value);
  p.expected = {false, "the policy does not allow origin " + origin};
  p.verdict.message = "Access to fetch ... '" + value + "'";
  cs::runner::Exchange x;
  x.request.method = method;
  x.request.url = "https://api.example.test/" + value;
  x.request.headers.Append("Origin", origin);
  x.request.headers.Append(name, value);
  cs::core::HttpResponse resp;
  resp.status = 200;
  resp.reason = value;
  resp.headers.Append("Access-Control-Allow-Origin", value);
  resp.headers.Append(name, value);
  x.response = resp;
  p.exchanges.push_back(x);
  r.probes.push_back(p);
  cs::runner::Finding f;
  f.rule_id = "CORS-ORIGIN-REFLECTED";
  f.severity = cs::runner::Severity::kHigh;
  f.message = "echoes " + value;
  f.browser_message = value;
  f.fix = "fix";
  f.evidence = {0};
  r.findings.push_back(f);
  return r;
}

// Lines that open or close a fenced code block: only backticks (three or more), maybe "http".
std::size_t FenceLines(std::string_view s) {
  std::size_t n = 0;
  while (!s.empty()) {
    const std::size_t nl = s.find('\n');
    std::string_view line = s.substr(0, nl);
    std::size_t ticks = 0;
    while (ticks < line.size() && line[ticks] == '`') ++ticks;
    if (ticks >= 3 && (line.substr(ticks).empty() || line.substr(ticks) == "http")) ++n;
    if (nl == std::string_view::npos) break;
    s.remove_prefix(nl + 1);
  }
  return n;
}

std::size_t Count(std::string_view s, std::string_view what) {
  std::size_t n = 0;
  for (std::size_t at = s.find(what); at != std::string_view::npos; at = s.find(what, at + what.size())) ++n;
  return n;
}

bool HasRawControl(std::string_view s, bool allow_cr) {
  return std::any_of(s.begin(), s.end(), [&](char c) {
    const auto b = static_cast<unsigned char>(c);
    return (b < 0x20 && c != '\n' && c != '\t' && !(allow_cr && c == '\r')) || b == 0x7F;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 16384) return 0;
  auto parts = cs::fuzz::SplitParts(cs::fuzz::AsView(data, size), 4);
  while (parts.size() < 4) parts.push_back("x");
  for (auto& p : parts) p = p.substr(0, 4096);
  const std::string name(parts[0]), value(parts[1]), origin(parts[2]), method(parts[3]);
  const cs::runner::RunResult hostile = MakeRun(name, value, origin, method);
  const cs::runner::RunResult harmless = MakeRun(Harmless(name), Harmless(value), Harmless(origin), Harmless(method));
  const cs::report::ReportMeta meta;

  for (const char* format : {"json", "sarif"}) {
    const auto doc = nlohmann::json::parse(cs::report::Write(format, hostile, meta), nullptr, false);
    FUZZ_CHECK(!doc.is_discarded(), "JSON report does not parse");
    if (std::string(format) == "json") {
      const auto back = cs::cases::IsomorphicEncode(doc["probes"][0]["exchanges"][0]["response"]["headers"][1][1].get<std::string>());
      FUZZ_CHECK(back && *back == value, "a header value does not read back byte for byte");
    }
  }
  for (const char* format : {"junit", "svg", "html"}) {
    const std::string a = cs::report::Write(format, hostile, meta);
    const std::string b = cs::report::Write(format, harmless, meta);
    FUZZ_CHECK(Count(a, "<") == Count(b, "<"), "markup injected into an XML/HTML report");
    FUZZ_CHECK(!HasRawControl(a, false), "raw control byte in an XML/HTML report");
  }
  {
    const std::string a = cs::report::Write("markdown", hostile, meta);
    const std::string b = cs::report::Write("markdown", harmless, meta);
    FUZZ_CHECK(FenceLines(a) == FenceLines(b), "a code fence injected into the Markdown report");
    FUZZ_CHECK(!HasRawControl(a, false), "raw control byte in the Markdown report");
  }
  FUZZ_CHECK(!HasRawControl(cs::report::Write("console", hostile, meta), false), "raw control byte on the console");
  return 0;
}
