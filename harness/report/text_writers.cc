// Console, JUnit XML, Markdown, HTML and the SVG badge.
#include <algorithm>
#include <map>
#include <sstream>

#include "core/ascii.h"
#include "report/report.h"

namespace corscheck::report {
namespace {

using runner::Finding;
using runner::RunResult;
using runner::Severity;

constexpr Severity kOrder[] = {Severity::kCritical, Severity::kHigh, Severity::kMedium, Severity::kLow, Severity::kInfo};

// Findings grouped by rule, rules ordered by their worst severity (findings are sorted already).
std::vector<std::pair<std::string, std::vector<const Finding*>>> ByRule(const RunResult& r) {
  std::vector<std::pair<std::string, std::vector<const Finding*>>> out;
  std::map<std::string, std::size_t> pos;
  for (const Finding& f : r.findings) {
    auto [it, inserted] = pos.emplace(f.rule_id, out.size());
    if (inserted) out.push_back({f.rule_id, {}});
    out[it->second].second.push_back(&f);
  }
  return out;
}

std::string Counts(const RunResult& r) {
  std::map<Severity, int> n;
  for (const Finding& f : r.findings) ++n[f.severity];
  std::string out;
  for (Severity s : kOrder) {
    if (!n[s]) continue;
    out += (out.empty() ? "" : ", ") + std::to_string(n[s]) + " " + std::string(runner::Name(s));
  }
  return out.empty() ? "none" : out;
}

const char* Color(Severity s) {
  switch (s) {
    case Severity::kCritical: return "\x1b[1;35m";
    case Severity::kHigh: return "\x1b[1;31m";
    case Severity::kMedium: return "\x1b[33m";
    case Severity::kLow: return "\x1b[36m";
    default: return "\x1b[2m";
  }
}

std::string Indent(const std::string& text, const std::string& pad) {
  std::string out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out += pad + line + "\n";
  return out;
}

std::string Printable(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\n' || c == '\t') {
      out.push_back(c);
    } else {
      out += core::EscapeForDisplay(std::string_view(&c, 1));
    }
  }
  return out;
}

// The group's browser verification: the first verified finding's line, then every finding
// Chromium did not reproduce (a model bug) with its probe. Empty without --verify-in-browser.
std::vector<std::string> VerificationLines(const RunResult& r, const std::vector<const Finding*>& list) {
  std::vector<std::string> out;
  std::size_t verified = 0, reproduced = 0;
  for (const Finding* f : list) {
    if (!f->verification) continue;
    ++verified;
    if (f->verification->reproduced()) ++reproduced;
    const bool first = verified == 1;
    if (first || f->verification->status != runner::Verification::Status::kReproduced) {
      out.push_back((first ? "" : r.probes[f->probe].probe.id + ": ") + VerificationLine(*f->verification));
    }
  }
  if (verified > 1) {
    out.push_back("(" + std::to_string(reproduced) + " of " + std::to_string(verified) + " verified probes reproduced in Chromium)");
  }
  return out;
}

}  // namespace

std::string WriteConsole(const RunResult& r, const ReportMeta& meta, bool color) {
  const std::string reset = color ? "\x1b[0m" : "";
  std::ostringstream out;
  out << "corscheck " << meta.version << " — " << r.target << " (profile " << r.profile << ")\n";
  out << r.probes.size() << " probes in " << std::fixed;
  out.precision(2);
  out << r.seconds << " s";
  if (r.failed_probes) out << ", " << r.failed_probes << " without a response";
  out << "\n\n";
  for (const auto& [rule, list] : ByRule(r)) {
    const runner::RuleInfo* info = runner::FindRule(rule);
    const Finding& first = *list.front();
    out << (color ? Color(first.severity) : "") << "[" << runner::Name(first.severity) << "] " << rule << reset << "  "
        << info->title << "  (" << list.size() << (list.size() == 1 ? " probe" : " probes") << ")\n";
    out << "    " << Printable(first.message) << "\n";
    if (!first.browser_message.empty()) out << "    browser: " << Printable(first.browser_message) << "\n";
    for (const std::string& line : VerificationLines(r, list)) out << "    " << Printable(line) << "\n";
    const runner::ProbeResult& p = r.probes[first.probe];
    out << "    probe " << Printable(p.probe.id) << "\n";
    for (std::size_t e : first.evidence) {
      if (e >= p.exchanges.size()) continue;
      out << Indent(Printable(RequestLine(p.exchanges[e])), "      > ");
      out << Indent(Printable(ResponseLines(p.exchanges[e])), "      < ");
    }
    out << "    fix: " << first.fix << "\n\n";
  }
  const std::size_t failing = runner::CountAtOrAbove(r, meta.fail_on);
  out << "findings: " << Counts(r) << "\n";
  out << PassingProbes(r, meta.fail_on) << "/" << r.probes.size() << " probes passed at --fail-on "
      << runner::Name(meta.fail_on) << "\n";
  if (r.unreachable()) {
    out << "result: target unreachable\n";
  } else {
    out << "result: " << (failing ? "FAIL" : "PASS") << " (" << failing << " finding(s) at or above "
        << runner::Name(meta.fail_on) << ")\n";
  }
  return out.str();
}

std::string WriteJunit(const RunResult& r, const ReportMeta& meta) {
  std::vector<std::vector<const Finding*>> per_probe(r.probes.size());
  for (const Finding& f : r.findings) per_probe[f.probe].push_back(&f);
  std::ostringstream probes;
  std::size_t probe_failures = 0;
  for (std::size_t i = 0; i < r.probes.size(); ++i) {
    const runner::ProbeResult& p = r.probes[i];
    probes << "    <testcase classname=\"corscheck.probes." << XmlEscape(p.probe.kind) << "\" name=\"" << XmlEscape(p.probe.id)
           << "\">\n";
    std::string failure;
    for (const Finding* f : per_probe[i]) {
      if (f->severity < meta.fail_on) continue;
      failure += "[" + std::string(runner::Name(f->severity)) + "] " + f->rule_id + ": " + f->message + "\n";
      if (f->verification) failure += "  " + VerificationLine(*f->verification) + "\n";
    }
    if (p.failure) {
      probes << "      <error message=\"" << XmlEscape(p.failure->detail) << "\" type=\"" << target::Name(p.failure->kind)
             << "\"/>\n";
      ++probe_failures;
    } else if (!failure.empty()) {
      probes << "      <failure message=\"" << XmlEscape(per_probe[i].front()->rule_id) << "\" type=\"cors\">"
             << XmlEscape(failure);
      for (const auto& x : p.exchanges) probes << XmlEscape("\n" + RequestLine(x) + ResponseLines(x));
      probes << "</failure>\n";
      ++probe_failures;
    }
    probes << "    </testcase>\n";
  }
  std::ostringstream rules;
  std::size_t rule_failures = 0;
  for (const runner::RuleInfo& info : runner::AllRules()) {
    std::string failure;
    for (const Finding& f : r.findings) {
      if (f.rule_id == info.id && f.severity >= meta.fail_on) {
        failure += r.probes[f.probe].probe.id + ": " + f.message + "\n";
        if (f.verification) failure += "  " + VerificationLine(*f.verification) + "\n";
      }
    }
    rules << "    <testcase classname=\"corscheck.rules\" name=\"" << info.id << "\">";
    if (!failure.empty()) {
      rules << "\n      <failure message=\"" << XmlEscape(std::string(info.title)) << "\" type=\"cors\">" << XmlEscape(failure)
            << "</failure>\n    ";
      ++rule_failures;
    }
    rules << "</testcase>\n";
  }
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  out << "<testsuites name=\"corscheck\" tests=\"" << r.probes.size() + runner::AllRules().size() << "\" failures=\""
      << probe_failures + rule_failures << "\" time=\"" << r.seconds << "\">\n";
  out << "  <testsuite name=\"probes\" tests=\"" << r.probes.size() << "\" failures=\"" << probe_failures << "\">\n"
      << probes.str() << "  </testsuite>\n";
  out << "  <testsuite name=\"rules\" tests=\"" << runner::AllRules().size() << "\" failures=\"" << rule_failures << "\">\n"
      << rules.str() << "  </testsuite>\n";
  out << "</testsuites>\n";
  return out.str();
}

std::string WriteMarkdown(const RunResult& r, const ReportMeta& meta) {
  auto cell = [](const std::string& s) {
    std::string out;
    for (char c : Printable(s)) {
      if (c == '|') {
        out += "\\|";
      } else if (c == '\n') {
        out += "<br>";
      } else {
        out.push_back(c);
      }
    }
    return out;
  };
  std::ostringstream out;
  const std::size_t failing = runner::CountAtOrAbove(r, meta.fail_on);
  out << "# CORS conformance: " << cell(r.target) << "\n\n";
  out << "| | |\n|---|---|\n| profile | " << r.profile << " |\n| probes | " << r.probes.size() << " |\n| passed | "
      << PassingProbes(r, meta.fail_on) << " |\n| findings | " << Counts(r) << " |\n| result | "
      << (r.unreachable() ? "target unreachable" : failing ? "**FAIL**" : "PASS") << " (fail on " << runner::Name(meta.fail_on)
      << ") |\n\n";
  if (r.findings.empty()) {
    out << "No findings.\n";
    return out.str();
  }
  out << "## Findings\n\n| severity | rule | probes | first message |\n|---|---|---|---|\n";
  const auto groups = ByRule(r);
  for (const auto& [rule, list] : groups) {
    out << "| " << runner::Name(list.front()->severity) << " | `" << rule << "` | " << list.size() << " | "
        << cell(list.front()->message) << " |\n";
  }
  for (const auto& [rule, list] : groups) {
    const Finding& f = *list.front();
    const runner::ProbeResult& p = r.probes[f.probe];
    out << "\n### " << rule << ": " << runner::FindRule(rule)->title << "\n\n" << cell(f.message) << "\n\n";
    if (!f.browser_message.empty()) out << "> " << cell(f.browser_message) << "\n\n";
    for (const std::string& line : VerificationLines(r, list)) out << "**Browser:** " << cell(line) << "\n\n";
    std::string evidence;
    for (std::size_t e : f.evidence) {
      if (e < p.exchanges.size()) evidence += Printable(RequestLine(p.exchanges[e])) + "\n" + Printable(ResponseLines(p.exchanges[e]));
    }
    // A fence longer than any run of backticks in the evidence, so header bytes cannot close it.
    std::size_t run = 0, longest = 0;
    for (char c : evidence) {
      run = c == '`' ? run + 1 : 0;
      longest = std::max(longest, run);
    }
    const std::string fence(std::max<std::size_t>(3, longest + 1), '`');
    out << "**Fix:** " << f.fix << "\n\n" << fence << "http\n" << evidence << fence << "\n";
  }
  return out.str();
}

std::string WriteHtml(const RunResult& r, const ReportMeta& meta) {
  std::ostringstream out;
  const std::size_t failing = runner::CountAtOrAbove(r, meta.fail_on);
  out << "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>corscheck: " << XmlEscape(r.target)
      << "</title>\n<style>body{font:14px/1.45 system-ui,sans-serif;margin:2em;max-width:70em}"
         "pre{background:#f5f5f5;padding:.6em;overflow-x:auto}.critical{color:#8e24aa}.high{color:#c62828}"
         ".medium{color:#ef6c00}.low{color:#00838f}.info{color:#666}table{border-collapse:collapse}"
         "td,th{border:1px solid #ddd;padding:.3em .6em;text-align:left}</style></head><body>\n";
  out << "<h1>CORS conformance: " << XmlEscape(r.target) << "</h1>\n<p>Profile " << r.profile << ", " << r.probes.size()
      << " probes, " << PassingProbes(r, meta.fail_on) << " passed. Result: <strong>"
      << (r.unreachable() ? "target unreachable" : failing ? "FAIL" : "PASS") << "</strong> (fail on "
      << runner::Name(meta.fail_on) << "). Findings: " << XmlEscape(Counts(r)) << ".</p>\n";
  for (const auto& [rule, list] : ByRule(r)) {
    const runner::RuleInfo* info = runner::FindRule(rule);
    out << "<h2 class=\"" << runner::Name(list.front()->severity) << "\">[" << runner::Name(list.front()->severity) << "] "
        << rule << ": " << XmlEscape(std::string(info->title)) << "</h2>\n<p>" << XmlEscape(std::string(info->description))
        << "</p>\n<p><strong>Fix:</strong> " << XmlEscape(list.front()->fix) << "</p>\n";
    for (const Finding* f : list) {
      const runner::ProbeResult& p = r.probes[f->probe];
      out << "<details><summary>" << XmlEscape(p.probe.id) << ": " << XmlEscape(f->message) << "</summary>\n";
      if (!f->browser_message.empty()) out << "<p>Chromium: <code>" << XmlEscape(f->browser_message) << "</code></p>\n";
      if (f->verification) {
        const bool bug = f->verification->status == runner::Verification::Status::kNotReproduced;
        out << "<p class=\"verification " << VerificationStatusName(f->verification->status) << "\""
            << (bug ? " style=\"color:#c62828;font-weight:bold\"" : "") << ">"
            << XmlEscape(VerificationLine(*f->verification)) << "</p>\n";
      }
      for (std::size_t e : f->evidence) {
        if (e < p.exchanges.size()) {
          out << "<pre>" << XmlEscape(RequestLine(p.exchanges[e])) << "\n" << XmlEscape(ResponseLines(p.exchanges[e])) << "</pre>\n";
        }
      }
      out << "</details>\n";
    }
  }
  out << "<h2>Probes</h2>\n<table><tr><th>probe</th><th>origin</th><th>request</th><th>policy</th><th>browser</th></tr>\n";
  for (const auto& p : r.probes) {
    out << "<tr><td>" << XmlEscape(p.probe.id) << "</td><td>" << XmlEscape(p.probe.origin) << "</td><td>"
        << XmlEscape(p.probe.method + " " + p.probe.path) << "</td><td>" << (p.expected.allowed ? "allow" : "deny")
        << "</td><td>"
        << (p.failure ? "no response" : p.verdict.allowed ? std::string("allowed")
                                                          : "blocked: " + std::string(p.verdict.error ? core::Name(*p.verdict.error) : "network error"))
        << "</td></tr>\n";
  }
  out << "</table>\n<p>corscheck " << XmlEscape(meta.version) << (meta.generated_at.empty() ? "" : ", " + XmlEscape(meta.generated_at))
      << "</p>\n</body></html>\n";
  return out.str();
}

std::string WriteBadge(const RunResult& r, const ReportMeta& meta) {
  const std::size_t total = r.probes.size();
  const std::size_t passed = PassingProbes(r, meta.fail_on);
  const bool ok = passed == total && !r.unreachable();
  const std::string label = "CORS conformance";
  const std::string value = r.unreachable() ? "unreachable" : std::to_string(passed) + "/" + std::to_string(total) + " passed";
  // Verdana 11px averages ~6.5 px per character; shields.io-like layout.
  const int lw = static_cast<int>(label.size()) * 7 + 10;
  const int vw = static_cast<int>(value.size()) * 7 + 10;
  const std::string color = ok ? "#4c1" : "#e05d44";
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << lw + vw << "\" height=\"20\" role=\"img\" aria-label=\""
      << XmlEscape(label + ": " + value) << "\">\n<title>" << XmlEscape(label + ": " + value) << "</title>\n"
      << "<rect width=\"" << lw << "\" height=\"20\" fill=\"#555\"/>\n<rect x=\"" << lw << "\" width=\"" << vw
      << "\" height=\"20\" fill=\"" << color << "\"/>\n"
      << "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\n"
      << "<text x=\"" << lw / 2 << "\" y=\"14\">" << XmlEscape(label) << "</text>\n<text x=\"" << lw + vw / 2 << "\" y=\"14\">"
      << XmlEscape(value) << "</text>\n</g>\n</svg>\n";
  return out.str();
}

}  // namespace corscheck::report
