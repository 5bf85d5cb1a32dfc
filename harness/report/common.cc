#include <set>

#include "core/ascii.h"
#include "report/report.h"

namespace corscheck::report {

std::string XmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    const auto b = static_cast<unsigned char>(c);
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default:
        if ((b < 0x20 && c != '\t' && c != '\n') || b == 0x7F) {
          out += core::EscapeForDisplay(std::string_view(&c, 1));  // XML 1.0 forbids these even as references
        } else if (b >= 0x80) {
          out += "&#" + std::to_string(b) + ";";  // the isomorphic code point
        } else {
          out.push_back(c);
        }
    }
  }
  return out;
}

// Header bytes are shown escaped (\xHH for controls, CR and LF included), so one header is always
// one line whatever it holds.
std::string RequestLine(const runner::Exchange& x) {
  std::string out = core::EscapeForDisplay(x.request.method) + " " + core::EscapeForDisplay(x.request.url) + "\n";
  for (const core::Header& h : x.request.headers) out += core::EscapeForDisplay(h.name) + ": " + core::EscapeForDisplay(h.value) + "\n";
  return out;
}

std::string ResponseLines(const runner::Exchange& x) {
  if (!x.response) return x.failure ? "(no response: " + std::string(target::Name(x.failure->kind)) + ": " + x.failure->detail + ")\n" : "(no response)\n";
  std::string out = "HTTP " + std::to_string(x.response->status) +
                    (x.response->reason.empty() ? "" : " " + core::EscapeForDisplay(x.response->reason)) + "\n";
  for (const core::Header& h : x.response->headers) out += core::EscapeForDisplay(h.name) + ": " + core::EscapeForDisplay(h.value) + "\n";
  return out;
}

std::string_view VerificationStatusName(runner::Verification::Status s) {
  switch (s) {
    case runner::Verification::Status::kReproduced: return "reproduced";
    case runner::Verification::Status::kNotReproduced: return "not_reproduced";
    case runner::Verification::Status::kInconclusive: return "inconclusive";
  }
  return "inconclusive";
}

std::string VerificationLine(const runner::Verification& v) {
  const std::string browser = "Chromium " + v.browser_version;
  switch (v.status) {
    case runner::Verification::Status::kReproduced: return "verified in " + browser + ": " + v.detail;
    case runner::Verification::Status::kNotReproduced:
      return "NOT REPRODUCED in " + browser + " (a bug in corscheck's browser model): " + v.detail;
    case runner::Verification::Status::kInconclusive: break;
  }
  return "not verified (inconclusive) in " + browser + ": " + v.detail;
}

std::size_t PassingProbes(const runner::RunResult& result, runner::Severity threshold) {
  std::set<std::size_t> failing;
  for (const runner::Finding& f : result.findings) {
    if (f.severity >= threshold) failing.insert(f.probe);
  }
  std::size_t failed_transport = 0;
  for (std::size_t i = 0; i < result.probes.size(); ++i) {
    if (result.probes[i].failure && !failing.count(i)) ++failed_transport;
  }
  return result.probes.size() - failing.size() - failed_transport;
}

bool IsFormat(const std::string& f) {
  for (const char* k : {"console", "json", "junit", "sarif", "markdown", "html", "svg"}) {
    if (f == k) return true;
  }
  return false;
}

std::string Write(const std::string& format, const runner::RunResult& r, const ReportMeta& m, bool color) {
  if (format == "console") return WriteConsole(r, m, color);
  if (format == "json") return WriteJson(r, m);
  if (format == "junit") return WriteJunit(r, m);
  if (format == "sarif") return WriteSarif(r, m);
  if (format == "markdown") return WriteMarkdown(r, m);
  if (format == "html") return WriteHtml(r, m);
  if (format == "svg") return WriteBadge(r, m);
  return {};
}

}  // namespace corscheck::report
