// Report writers: pure functions from a finished run to text. Volatile fields (version, time) come
// in through ReportMeta so golden files stay stable. Header bytes are isomorphic: writers turn
// each byte into the code point of the same value and escape what their format requires, so
// hostile bytes (NUL, CR/LF, invalid UTF-8) never break the output's syntax.
#pragma once

#include <string>

#include "runner/runner.h"

namespace corscheck::report {

struct ReportMeta {
  std::string version = "0.1.0";
  std::string generated_at;  // ISO 8601; empty in golden tests
  runner::Severity fail_on = runner::Severity::kMedium;
};

std::string WriteConsole(const runner::RunResult& result, const ReportMeta& meta, bool color);
std::string WriteJson(const runner::RunResult& result, const ReportMeta& meta);
std::string WriteJunit(const runner::RunResult& result, const ReportMeta& meta);
std::string WriteSarif(const runner::RunResult& result, const ReportMeta& meta);
std::string WriteMarkdown(const runner::RunResult& result, const ReportMeta& meta);
std::string WriteHtml(const runner::RunResult& result, const ReportMeta& meta);
// "CORS conformance | 41/41 passed" (green) or "... | 3 failing" (red), self-contained SVG.
std::string WriteBadge(const runner::RunResult& result, const ReportMeta& meta);

// Concrete probes in the probe-template format (conformance/README.md): what `corscheck fuzz`
// saves and `corscheck run --probes FILE` replays.
std::string WriteProbeCases(const std::vector<runner::Probe>& probes, const std::string& description);

// Writes `format` (console, json, junit, sarif, markdown, html, svg); empty when unknown.
std::string Write(const std::string& format, const runner::RunResult& result, const ReportMeta& meta, bool color = false);
bool IsFormat(const std::string& format);

// Shared helpers.
std::string XmlEscape(std::string_view isomorphic_bytes);  // text and attribute safe; control bytes as \xHH
std::string RequestLine(const runner::Exchange& x);          // "OPTIONS https://... " + headers, one per line
std::string ResponseLines(const runner::Exchange& x);        // "HTTP 204" + headers, one per line
// A finding's browser verification (run --verify-in-browser), one line:
// "verified in Chromium 156.0.8078.108: ...", "NOT REPRODUCED in Chromium ... (model bug): ...",
// "not verified (inconclusive) in Chromium ...: ...".
std::string VerificationLine(const runner::Verification& v);
std::string_view VerificationStatusName(runner::Verification::Status s);  // reproduced, not_reproduced, inconclusive
// Probes with no finding at or above the threshold.
std::size_t PassingProbes(const runner::RunResult& result, runner::Severity threshold);

}  // namespace corscheck::report
