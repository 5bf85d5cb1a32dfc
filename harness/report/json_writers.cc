// JSON report (schema: docs/report.schema.json) and SARIF 2.1.0.
#include <map>
#include <nlohmann/json.hpp>

#include "cases/json_util.h"
#include "report/report.h"

namespace corscheck::report {
namespace {

using nlohmann::ordered_json;
using cases::IsomorphicDecode;

ordered_json Headers(const core::HeaderList& h) {
  ordered_json out = ordered_json::array();
  for (const core::Header& x : h) out.push_back({IsomorphicDecode(x.name), IsomorphicDecode(x.value)});
  return out;
}

// Response header names come off the wire: any byte.
ordered_json Decoded(const std::vector<std::string>& names) {
  ordered_json out = ordered_json::array();
  for (const std::string& n : names) out.push_back(IsomorphicDecode(n));
  return out;
}

ordered_json Policy(const core::Policy& p) {
  ordered_json j;
  j["origins"] = p.origins;
  j["origin_patterns"] = p.origin_patterns;
  j["credentials"] = p.credentials;
  j["methods"] = p.methods;
  j["headers"] = p.headers;
  j["expose_headers"] = p.expose_headers;
  j["max_age"] = p.max_age ? ordered_json(*p.max_age) : ordered_json(nullptr);
  j["private_network"] = p.private_network;
  return j;
}

ordered_json Exchange(const runner::Exchange& x) {
  ordered_json j;
  j["preflight"] = x.preflight;
  j["request"] = {{"method", IsomorphicDecode(x.request.method)}, {"url", IsomorphicDecode(x.request.url)},
                  {"headers", Headers(x.request.headers)}};
  if (x.response) {
    j["response"] = {{"status", x.response->status}, {"reason", IsomorphicDecode(x.response->reason)},
                     {"headers", Headers(x.response->headers)}, {"elapsed_ms", x.response->elapsed_ms}};
  } else {
    j["response"] = nullptr;
  }
  j["failure"] = x.failure ? ordered_json({{"kind", std::string(target::Name(x.failure->kind))},
                                           {"detail", IsomorphicDecode(x.failure->detail)}})
                           : ordered_json(nullptr);
  return j;
}

ordered_json Verification(const runner::Verification& v) {
  return {{"status", std::string(VerificationStatusName(v.status))},
          {"browser_version", v.browser_version},
          {"browser_allowed", v.browser_allowed},
          {"browser_error", v.browser_error ? ordered_json(IsomorphicDecode(*v.browser_error)) : ordered_json(nullptr)},
          {"detail", IsomorphicDecode(v.detail)}};
}

const char* SarifLevel(runner::Severity s) {
  switch (s) {
    case runner::Severity::kCritical:
    case runner::Severity::kHigh: return "error";
    case runner::Severity::kMedium: return "warning";
    default: return "note";
  }
}

// GitHub code scanning reads properties.security-severity (CVSS-like, 0-10).
const char* SecuritySeverity(runner::Severity s) {
  switch (s) {
    case runner::Severity::kCritical: return "9.5";
    case runner::Severity::kHigh: return "8.0";
    case runner::Severity::kMedium: return "5.5";
    case runner::Severity::kLow: return "3.0";
    default: return "0.0";
  }
}

}  // namespace

std::string WriteJson(const runner::RunResult& r, const ReportMeta& meta) {
  ordered_json doc;
  doc["schema_version"] = 1;
  doc["corscheck_version"] = meta.version;
  doc["generated_at"] = meta.generated_at;
  doc["target"] = IsomorphicDecode(r.target);
  doc["profile"] = r.profile;
  doc["policy"] = Policy(r.policy);
  std::map<std::string, int> by_severity = {{"critical", 0}, {"high", 0}, {"medium", 0}, {"low", 0}, {"info", 0}};
  for (const auto& f : r.findings) ++by_severity[std::string(runner::Name(f.severity))];
  const std::size_t failing = runner::CountAtOrAbove(r, meta.fail_on);
  doc["summary"] = {{"probes", r.probes.size()},
                    {"probes_passed", PassingProbes(r, meta.fail_on)},
                    {"probes_failed_transport", r.failed_probes},
                    {"findings", r.findings.size()},
                    {"by_severity", by_severity},
                    {"fail_on", std::string(runner::Name(meta.fail_on))},
                    {"passed", failing == 0 && !r.unreachable()},
                    {"seconds", r.seconds}};
  ordered_json findings = ordered_json::array();
  std::vector<std::vector<std::size_t>> per_probe(r.probes.size());
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    const runner::Finding& f = r.findings[i];
    per_probe[f.probe].push_back(i);
    findings.push_back({{"rule_id", f.rule_id},
                        {"severity", std::string(runner::Name(f.severity))},
                        {"category", std::string(runner::Name(f.category))},
                        {"probe_id", IsomorphicDecode(r.probes[f.probe].probe.id)},
                        {"message", IsomorphicDecode(f.message)},
                        {"browser_message", IsomorphicDecode(f.browser_message)},
                        {"fix", f.fix},
                        {"evidence", f.evidence}});
    if (f.verification) findings.back()["verification"] = Verification(*f.verification);
  }
  doc["findings"] = findings;
  ordered_json probes = ordered_json::array();
  for (std::size_t i = 0; i < r.probes.size(); ++i) {
    const runner::ProbeResult& p = r.probes[i];
    ordered_json j;
    j["id"] = IsomorphicDecode(p.probe.id);
    j["kind"] = p.probe.kind;
    j["rule"] = p.probe.rule;
    j["title"] = p.probe.title;
    j["origin"] = IsomorphicDecode(p.probe.origin);
    j["origin_sendable"] = p.probe.origin_sendable;
    j["method"] = IsomorphicDecode(p.probe.method);
    j["headers"] = Headers(p.probe.headers);
    j["credentials"] = std::string(model::Name(p.probe.credentials));
    j["mode"] = std::string(model::Name(p.probe.mode));
    j["path"] = IsomorphicDecode(p.probe.path);
    j["expected"] = {{"allowed", p.expected.allowed}, {"reason", IsomorphicDecode(p.expected.reason)}};
    j["observed"] = {{"allowed", p.verdict.allowed},
                     {"error", p.verdict.error ? ordered_json(std::string(core::Name(*p.verdict.error))) : ordered_json(nullptr)},
                     {"failed_parameter", IsomorphicDecode(p.verdict.failed_parameter)},
                     {"preflight", p.verdict.preflight_sent},
                     {"exposed_headers", Decoded(p.verdict.exposed_headers)},
                     {"message", IsomorphicDecode(p.verdict.message)}};
    j["failure"] = p.failure ? ordered_json({{"kind", std::string(target::Name(p.failure->kind))},
                                             {"detail", IsomorphicDecode(p.failure->detail)}})
                             : ordered_json(nullptr);
    ordered_json ex = ordered_json::array();
    for (const auto& x : p.exchanges) ex.push_back(Exchange(x));
    j["exchanges"] = ex;
    j["findings"] = per_probe[i];
    probes.push_back(j);
  }
  doc["probes"] = probes;
  return doc.dump(2) + "\n";
}

std::string WriteSarif(const runner::RunResult& r, const ReportMeta& meta) {
  ordered_json rules = ordered_json::array();
  std::map<std::string, std::size_t> index;
  for (const runner::RuleInfo& info : runner::AllRules()) {
    index[std::string(info.id)] = rules.size();
    rules.push_back({{"id", std::string(info.id)},
                     {"name", std::string(info.id)},
                     {"shortDescription", {{"text", std::string(info.title)}}},
                     {"fullDescription", {{"text", std::string(info.description)}}},
                     {"help", {{"text", std::string(info.fix)},
                               {"markdown", "**Fix:** " + std::string(info.fix) + "\n\nRules: " + std::string(info.spec)}}},
                     {"defaultConfiguration", {{"level", SarifLevel(info.severity)}}},
                     {"properties", {{"category", std::string(runner::Name(info.category))},
                                     {"security-severity", SecuritySeverity(info.severity)},
                                     {"tags", {"security", "cors"}}}}});
  }
  ordered_json results = ordered_json::array();
  for (const runner::Finding& f : r.findings) {
    const runner::ProbeResult& p = r.probes[f.probe];
    std::string uri = r.target;
    if (!f.evidence.empty() && f.evidence[0] < p.exchanges.size()) uri = p.exchanges[f.evidence[0]].request.url;
    std::string text = f.message;
    if (!f.browser_message.empty()) text += "\nChromium: " + f.browser_message;
    if (f.verification) text += "\n" + VerificationLine(*f.verification);
    results.push_back({{"ruleId", f.rule_id},
                       {"ruleIndex", index.at(f.rule_id)},
                       {"level", SarifLevel(f.severity)},
                       {"message", {{"text", IsomorphicDecode(text)}}},
                       {"locations", {{{"physicalLocation", {{"artifactLocation", {{"uri", IsomorphicDecode(uri)}}}}}}}},
                       {"properties", {{"probe", IsomorphicDecode(p.probe.id)},
                                       {"severity", std::string(runner::Name(f.severity))},
                                       {"security-severity", SecuritySeverity(f.severity)}}}});
    if (f.verification) results.back()["properties"]["verification"] = Verification(*f.verification);
  }
  ordered_json doc;
  doc["$schema"] = "https://json.schemastore.org/sarif-2.1.0.json";
  doc["version"] = "2.1.0";
  doc["runs"] = {{{"tool", {{"driver", {{"name", "corscheck"},
                                         {"version", meta.version},
                                         {"rules", rules}}}}},
                  {"results", results},
                  {"properties", {{"target", IsomorphicDecode(r.target)}, {"profile", r.profile}}}}};
  return doc.dump(2) + "\n";
}

std::string WriteProbeCases(const std::vector<runner::Probe>& probes, const std::string& description) {
  ordered_json list = ordered_json::array();
  std::map<std::string, int> ids;
  for (const runner::Probe& p : probes) {
    ordered_json j;
    const int n = ++ids[p.id];
    j["id"] = IsomorphicDecode(p.id) + (n > 1 ? "." + std::to_string(n) : "");
    j["kind"] = p.kind;
    j["rule"] = p.rule;
    j["title"] = IsomorphicDecode(p.title);
    j["origin"] = IsomorphicDecode(p.origin);
    j["method"] = IsomorphicDecode(p.method);
    j["headers"] = Headers(p.headers);
    j["credentials"] = p.credentials == model::CredentialsMode::kInclude ? "include" : "omit";
    j["path"] = IsomorphicDecode(p.path);
    j["mode"] = std::string(model::Name(p.mode));
    list.push_back(j);
  }
  ordered_json doc;
  doc["description"] = description;
  doc["probes"] = list;
  return doc.dump(2) + "\n";
}

}  // namespace corscheck::report
