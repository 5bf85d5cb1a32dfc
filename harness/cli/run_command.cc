#include "cli/run_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <mutex>
#include <nlohmann/json.hpp>

#include "browser/chromium.h"
#include "browser/verify.h"
#include "cases/policy_loader.h"
#include "cases/probe_template.h"
#include "cli/exit_codes.h"
#include "core/ascii.h"
#include "core/url.h"
#include "model/browser.h"
#include "report/report.h"
#include "runner/campaign.h"
#include "runner/expand.h"
#include "runner/runner.h"
#include "target/factory.h"
#include "target/reference.h"
#include "transport/http_client.h"

namespace corscheck::cli {
namespace {

bool Interactive() { return ::isatty(2) && std::getenv("CI") == nullptr; }

std::string Now() {
  const std::time_t t = std::time(nullptr);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&t));
  return buf;
}

core::Result<target::TargetOptions> MakeTargetOptions(const TargetFlags& f, const std::optional<core::Policy>& policy) {
  target::TargetOptions o;
  o.http.concurrency = std::max<std::size_t>(1, f.concurrency);
  o.http.read_timeout = std::chrono::milliseconds(f.timeout_ms);
  o.http.total_timeout = std::chrono::milliseconds(f.timeout_ms * 3);
  o.http.connect_timeout = std::chrono::milliseconds(f.connect_timeout_ms);
  o.http.cacert_file = f.cacert;
  o.http.insecure = f.insecure;
  o.http.rate_limit = f.rate;
  for (const std::string& spec : f.resolve) {
    std::string host_port, address;
    if (!transport::ParseResolveSpec(spec, host_port, address)) {
      return core::Error("--resolve: expected host:port:address, got '" + spec + "'");
    }
    o.http.resolve[host_port] = address;
  }
  for (const std::string& h : f.headers) {
    const std::size_t colon = h.find(':');
    if (colon == std::string::npos || colon == 0 || !core::IsToken(h.substr(0, colon))) {
      return core::Error("-H: expected 'Name: value', got '" + h + "'");
    }
    o.http.extra_headers.Append(h.substr(0, colon), std::string(core::TrimHttpWhitespace(h.substr(colon + 1))));
  }
  o.exec_timeout = std::chrono::milliseconds(f.timeout_ms);
  o.adapter.policy = policy;
  o.adapter.options = f.adapter_options;
  return o;
}

// scheme://host[:port] and the path of a URL target; adapters get a fixed virtual origin.
std::pair<std::string, std::string> BaseOf(const std::string& target) {
  if (auto url = core::ParseUrl(target); url && url->IsHttpFamily()) {
    std::string base = url->scheme + "://" + url->host + (url->port ? ":" + std::to_string(*url->port) : "");
    return {base, url->path_and_query.empty() ? "/" : url->path_and_query};
  }
  return {"https://api.example.test", "/"};
}

// Writes every requested format; console to `out` when no format is given.
int Emit(const runner::RunResult& result, const OutputFlags& flags, std::ostream& out, std::ostream& err) {
  const auto fail_on = runner::SeverityFromName(flags.fail_on);
  report::ReportMeta meta;
  meta.generated_at = Now();
  meta.fail_on = *fail_on;
  std::vector<std::string> formats = flags.formats;
  if (formats.empty()) formats.push_back("console");
  for (std::size_t i = 0; i < formats.size(); ++i) {
    const std::string path = i < flags.outputs.size() ? flags.outputs[i] : "-";
    const bool to_stdout = path == "-";
    const std::string text = report::Write(formats[i], result, meta, to_stdout && flags.color && ::isatty(1));
    if (to_stdout) {
      out << text;
    } else {
      std::ofstream file(path, std::ios::binary);
      file << text;
      if (!file) {
        err << "corscheck: cannot write " << path << "\n";
        return kExitUsage;
      }
    }
  }
  if (result.unreachable()) {
    err << "corscheck: target unreachable: " << result.probes.front().failure->detail << "\n";
    return kExitUnreachable;
  }
  return runner::CountAtOrAbove(result, *fail_on) ? kExitFindings : kExitOk;
}

std::optional<std::string> CheckOutputFlags(const OutputFlags& f) {
  for (const std::string& fmt : f.formats) {
    if (!report::IsFormat(fmt)) return "--format: unknown format '" + fmt + "' (console, json, junit, sarif, markdown, html, svg)";
  }
  if (f.outputs.size() > std::max<std::size_t>(f.formats.size(), 1)) return "-o: more outputs than --format options";
  if (!runner::SeverityFromName(f.fail_on)) return "--fail-on: expected info, low, medium, high or critical";
  return std::nullopt;
}

runner::RunResult Execute(target::Target& t, const core::Policy& policy, std::vector<runner::Probe> probes,
                          const std::string& base, model::ProfileId profile, const OutputFlags& output,
                          std::size_t concurrency) {
  runner::RunOptions ro;
  ro.base_url = base;
  ro.profile = profile;
  ro.concurrency = concurrency;
  const auto start = std::chrono::steady_clock::now();
  std::mutex mu;
  if (!output.no_progress && Interactive()) {
    ro.progress = [&](std::size_t done, std::size_t total) {
      const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
      std::lock_guard lock(mu);
      std::cerr << "\rprobes " << done << "/" << total << "  " << static_cast<int>(s > 0 ? done / s : 0) << "/s   "
                << std::flush;
      if (done == total) std::cerr << "\n";
    };
  }
  return runner::RunProbes(t, policy, std::move(probes), ro);
}

bool IsUrlTarget(const std::string& target) {
  const auto url = core::ParseUrl(target);
  return url && url->IsHttpFamily();
}

// --verify-in-browser needs Chromium; checked before any probe is sent.
std::optional<std::string> ChromiumForVerification(const char* command, std::ostream& err) {
  auto chromium = browser::FindChromium();
  if (!chromium) {
    err << "corscheck " << command << ": --verify-in-browser needs Chromium at /usr/bin/chromium (install it: "
        << browser::kChromiumInstallHint << ")\n";
  }
  return chromium;
}

// Replays the findings that mean "a page at X can read this" or "the browser blocks this" in
// Chromium and says how it went on `err`; a finding Chromium does not reproduce is a model bug
// and is said loudly. False when the verification could not run at all.
bool VerifyInBrowser(runner::RunResult& result, const std::string& target, const std::string& base,
                     const std::string& chromium, const TargetFlags& f, const char* command, std::ostream& err) {
  const std::string prefix = std::string("corscheck ") + command + ": ";
  if (!IsUrlTarget(target)) {
    err << prefix << "note: --verify-in-browser needs an http(s) URL target (the browser must reach it over the "
        << "network); '" << target << "' is not one, so no finding was verified in a browser\n";
    return true;
  }
  if (result.unreachable()) return true;
  browser::VerifyOptions vo;
  vo.chromium = chromium;
  vo.base_url = base;
  for (const std::string& spec : f.resolve) {
    std::string host_port, address;
    if (transport::ParseResolveSpec(spec, host_port, address)) vo.resolve[host_port] = address;
  }
  auto summary = browser::VerifyInChromium(result, vo);
  if (!summary) {
    err << prefix << "browser verification failed: " << summary.error().message << "\n";
    return false;
  }
  if (summary->eligible == 0) {
    err << prefix << "browser verification: no finding says a page can read or the browser blocks something; nothing to verify\n";
    return true;
  }
  for (const std::string& line : summary->not_reproduced_lines) {
    err << prefix << "NOT REPRODUCED in " << summary->chromium_version << ": " << line
        << "\n    -> corscheck's browser model is wrong here: please report it with this run's JSON report\n";
  }
  for (const std::string& line : summary->inconclusive_lines) err << prefix << "inconclusive in Chromium: " << line << "\n";
  err << prefix << "browser verification in " << summary->chromium_version << ": " << summary->verified
      << " finding probe(s) replayed";
  if (summary->verified < summary->eligible) err << " (of " << summary->eligible << "; at most " << vo.max_replays << " per run)";
  err << ": " << summary->reproduced << " reproduced, " << summary->not_reproduced << " NOT reproduced, "
      << summary->inconclusive << " inconclusive (" << summary->replays << " fetches, " << std::fixed
      << std::setprecision(1) << summary->seconds << " s)\n";
  return true;
}

}  // namespace

std::string DefaultProbeDir() {
  if (const char* dir = std::getenv("CORSCHECK_DATA_DIR")) return std::string(dir) + "/conformance/probes";
  return std::string(CORSCHECK_SOURCE_DIR) + "/conformance/probes";
}

namespace {

// What `run` and `fuzz` both set up from their flags: profile, policy, expanded probes, the target.
struct Prepared {
  model::ProfileId profile;
  core::Policy policy;
  std::vector<runner::Probe> probes;
  std::unique_ptr<target::Target> target;
  std::string base;  // scheme://host[:port] the probe paths go to
};

std::optional<Prepared> Prepare(const char* command, const std::string& target_spec, const std::string& policy_path,
                                const std::string& profile_name, const std::vector<std::string>& probe_paths,
                                const std::vector<std::string>& error_paths, const TargetFlags& flags,
                                const OutputFlags& output, std::ostream& err) {
  auto fail = [&](const std::string& message) -> std::optional<Prepared> {
    err << "corscheck " << command << ": " << message << "\n";
    return std::nullopt;
  };
  if (auto problem = CheckOutputFlags(output)) return fail(*problem);
  const auto profile = model::ProfileFromName(profile_name);
  if (!profile) return fail("unknown profile '" + profile_name + "'");
  auto policy = cases::LoadPolicy(policy_path);
  if (!policy) return fail(policy.error().message);
  auto templates = cases::LoadProbeTemplates(probe_paths.empty() ? std::vector<std::string>{DefaultProbeDir()} : probe_paths);
  if (!templates) return fail(templates.error().message);
  auto topts = MakeTargetOptions(flags, *policy);
  if (!topts) return fail(topts.error().message);
  auto t = target::MakeTarget(target_spec, *topts);
  if (!t) return fail(t.error().message);
  const auto [base, path] = BaseOf(target_spec);
  auto probes = runner::ExpandProbes(*templates, *policy, {path, error_paths});
  if (!probes) return fail(probes.error().message);
  return Prepared{*profile, std::move(*policy), std::move(*probes), std::move(*t), base};
}

}  // namespace

int RunRunCommand(const RunOptions& o, std::ostream& out, std::ostream& err) {
  auto prepared = Prepare("run", o.target, o.policy, o.profile, o.probes, o.error_paths, o.target_flags, o.output, err);
  if (!prepared) return kExitUsage;
  const std::string& base = prepared->base;
  std::optional<std::string> chromium;
  if (o.verify_in_browser && IsUrlTarget(o.target)) {
    chromium = ChromiumForVerification("run", err);
    if (!chromium) return kExitUsage;
  }
  runner::RunResult result = Execute(*prepared->target, prepared->policy, std::move(prepared->probes), base,
                                     prepared->profile, o.output, o.target_flags.concurrency);
  const bool verified = !o.verify_in_browser ||
                        VerifyInBrowser(result, o.target, base, chromium.value_or(""), o.target_flags, "run", err);
  const int code = Emit(result, o.output, out, err);
  return verified || code == kExitUnreachable ? code : kExitUsage;
}

namespace {

// "60s", "2m", "500ms", "90" (seconds).
std::optional<std::chrono::milliseconds> ParseDuration(const std::string& text) {
  std::size_t digits = 0;
  while (digits < text.size() && core::IsAsciiDigit(text[digits])) ++digits;
  if (digits == 0 || digits > 9) return std::nullopt;
  const long n = std::stol(text.substr(0, digits));
  const std::string unit = text.substr(digits);
  if (unit.empty() || unit == "s") return std::chrono::milliseconds(n * 1000);
  if (unit == "ms") return std::chrono::milliseconds(n);
  if (unit == "m") return std::chrono::milliseconds(n * 60000);
  return std::nullopt;
}

}  // namespace

int RunFuzzCommand(const FuzzOptions& o, std::ostream& out, std::ostream& err) {
  std::optional<std::chrono::milliseconds> duration;
  if (!o.duration.empty()) {
    duration = ParseDuration(o.duration);
    if (!duration) {
      err << "corscheck fuzz: --duration: expected e.g. 60s, 2m or 500ms, got '" << o.duration << "'\n";
      return kExitUsage;
    }
  }
  auto prepared = Prepare("fuzz", o.target, o.policy, o.profile, o.probes, o.error_paths, o.target_flags, o.output, err);
  if (!prepared) return kExitUsage;
  std::optional<std::string> chromium;
  if (o.verify_in_browser && IsUrlTarget(o.target)) {
    chromium = ChromiumForVerification("fuzz", err);
    if (!chromium) return kExitUsage;
  }
  runner::CampaignOptions co;
  co.run.base_url = prepared->base;
  co.run.profile = prepared->profile;
  co.run.concurrency = o.target_flags.concurrency;
  co.seed = o.seed;
  co.runs = duration ? std::numeric_limits<std::size_t>::max() : o.runs;
  co.duration = duration;
  std::mutex mu;
  if (!o.output.no_progress && Interactive()) {
    co.progress = [&](std::size_t execs, std::size_t findings, double seconds) {
      std::lock_guard lock(mu);
      std::cerr << "\rfuzz: " << execs << " execs  " << static_cast<long>(seconds > 0 ? execs / seconds : 0) << " execs/s  "
                << findings << " findings   " << std::flush;
    };
  }
  runner::CampaignResult result = runner::RunCampaign(*prepared->target, prepared->policy, prepared->probes, co);
  if (co.progress) std::cerr << "\n";
  err << "corscheck fuzz: " << result.executions << " executions in " << result.report.seconds << " s ("
      << static_cast<long>(result.execs_per_second) << "/s, seed " << o.seed << "), " << result.report.findings.size()
      << " unique findings\n";
  if (!o.save.empty() && !result.replay.empty()) {
    std::ofstream file(o.save, std::ios::binary);
    file << report::WriteProbeCases(result.replay, "corscheck fuzz findings against " + result.report.target + " (seed " +
                                                       std::to_string(o.seed) + "); replay: corscheck run TARGET --policy " +
                                                       o.policy + " --probes " + o.save);
    if (!file) {
      err << "corscheck fuzz: cannot write " << o.save << "\n";
      return kExitUsage;
    }
    err << "corscheck fuzz: findings saved as replayable probes in " << o.save << "\n";
  }
  const bool verified = !o.verify_in_browser || VerifyInBrowser(result.report, o.target, prepared->base,
                                                                chromium.value_or(""), o.target_flags, "fuzz", err);
  const int code = Emit(result.report, o.output, out, err);
  return verified || code == kExitUnreachable ? code : kExitUsage;
}

int RunScanCommand(const ScanOptions& o, std::ostream& out, std::ostream& err) {
  if (auto problem = CheckOutputFlags(o.output)) {
    err << "corscheck scan: " << *problem << "\n";
    return kExitUsage;
  }
  const auto origin = core::ParseSerializedOrigin(o.origin);
  if (!origin || origin->opaque()) {
    err << "corscheck scan: --origin: '" << o.origin << "' is not a serialized origin such as https://app.example.com\n";
    return kExitUsage;
  }
  const auto url = core::ParseUrl(o.url);
  if (!url || !url->IsHttpFamily()) {
    err << "corscheck scan: '" << o.url << "' is not an http(s) URL\n";
    return kExitUsage;
  }
  const auto profile = model::ProfileFromName(o.profile);
  if (!profile) {
    err << "corscheck scan: unknown profile '" << o.profile << "'\n";
    return kExitUsage;
  }
  std::optional<std::string> chromium;
  if (o.verify_in_browser) {
    chromium = ChromiumForVerification("scan", err);
    if (!chromium) return kExitUsage;
  }
  core::Policy policy;  // ORIGIN is the only intended origin
  policy.origins = {o.origin};
  policy.credentials = o.credentials;
  policy.methods = {"GET", "POST", "PUT", "DELETE"};
  policy.headers = {"Content-Type", "Authorization", "X-Requested-With"};
  auto topts = MakeTargetOptions(o.target_flags, policy);
  if (!topts) {
    err << "corscheck scan: " << topts.error().message << "\n";
    return kExitUsage;
  }
  auto t = target::MakeTarget(o.url, *topts);
  if (!t) {
    err << "corscheck scan: " << t.error().message << "\n";
    return kExitUsage;
  }
  // 1. Why does my browser block this? Typical requests from ORIGIN, through the model.
  struct Scenario {
    const char* name;
    const char* method;
    core::HeaderList headers;
    model::CredentialsMode credentials;
  };
  const std::vector<Scenario> scenarios = {
      {"simple GET", "GET", {}, model::CredentialsMode::kOmit},
      {"JSON POST", "POST", {{"Content-Type", "application/json"}}, model::CredentialsMode::kOmit},
      {"credentialed GET (cookies)", "GET", {}, model::CredentialsMode::kInclude},
      {"custom header (X-Requested-With)", "GET", {{"X-Requested-With", "XMLHttpRequest"}}, model::CredentialsMode::kOmit},
      {"authenticated GET (Authorization)", "GET", {{"Authorization", "Bearer corscheck"}}, model::CredentialsMode::kOmit},
      {"PUT", "PUT", {{"Content-Type", "application/json"}}, model::CredentialsMode::kOmit},
      {"DELETE", "DELETE", {}, model::CredentialsMode::kOmit},
  };
  const bool text = o.output.formats.empty() || o.output.formats.front() == "console";
  if (text) out << "What a page at " << o.origin << " can do with " << o.url << " (" << o.profile << "):\n\n";
  int blocked = 0;
  for (const Scenario& s : scenarios) {
    model::FetchRequest req;
    req.url = o.url;
    req.method = s.method;
    req.headers = s.headers;
    req.credentials = s.credentials;
    std::vector<runner::Exchange> log;
    class Net final : public model::Network {
     public:
      Net(target::Target& tt, std::vector<runner::Exchange>& l) : t_(tt), l_(l) {}
      model::NetworkAnswer Answer(const model::SentRequest& sent, std::size_t) override {
        runner::Exchange x;
        x.preflight = sent.preflight;
        x.request = {sent.method, sent.url, sent.headers, ""};
        auto r = t_.Send(x.request);
        model::NetworkAnswer a;
        if (r.ok()) {
          a.response = model::ServerResponse{r.response->status, r.response->headers};
        } else {
          a.failure = r.failure->detail;
        }
        l_.push_back(std::move(x));
        return a;
      }
      target::Target& t_;
      std::vector<runner::Exchange>& l_;
    } net(**t, log);
    model::Browser browser(model::GetProfile(*profile));
    const model::FetchVerdict v = browser.Fetch(*origin, req, net);
    if (!text) continue;
    if (v.scenario_error) {
      out << "  ?  " << s.name << ": no answer (" << *v.scenario_error << ")\n";
    } else if (v.allowed) {
      out << "  ok " << s.name << (v.preflight_sent ? " (after a preflight)" : "") << "\n";
    } else {
      ++blocked;
      out << "  XX " << s.name << ": blocked (" << core::Name(*v.error) << ", rule " << core::DigestRule(*v.error) << ")\n     "
          << core::EscapeForDisplay(v.message)
          << "\n     fix: " << v.fix << "\n";
    }
  }
  if (text) out << "\n" << blocked << " of " << scenarios.size() << " typical requests are blocked.\n\nSecurity probes, assuming " << o.origin << " is the only intended origin:\n\n";
  // 2. The origin probes, with ORIGIN as the policy. Blocked-by-policy findings make no sense
  // here (the intended methods are a guess), so they are dropped.
  auto templates = cases::LoadProbeTemplates({DefaultProbeDir() + "/origins.json"});
  if (!templates) {
    err << "corscheck scan: " << templates.error().message << "\n";
    return kExitUsage;
  }
  const auto [base, path] = BaseOf(o.url);
  auto probes = runner::ExpandProbes(*templates, policy, {path, {}});
  if (!probes) {
    err << "corscheck scan: " << probes.error().message << "\n";
    return kExitUsage;
  }
  runner::RunResult result = Execute(**t, policy, std::move(*probes), base, *profile, o.output, o.target_flags.concurrency);
  std::erase_if(result.findings, [](const runner::Finding& f) { return f.rule_id == "CORS-POLICY-BLOCKED"; });
  const bool verified = !o.verify_in_browser ||
                        VerifyInBrowser(result, o.url, base, chromium.value_or(""), o.target_flags, "scan", err);
  const int code = Emit(result, o.output, out, err);
  return verified || code == kExitUnreachable ? code : kExitUsage;
}

int RunRulesCommand(const std::string& format, std::ostream& out) {
  if (format == "json") {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const runner::RuleInfo& r : runner::AllRules()) {
      list.push_back({{"id", std::string(r.id)},
                      {"severity", std::string(runner::Name(r.severity))},
                      {"category", std::string(runner::Name(r.category))},
                      {"title", std::string(r.title)},
                      {"spec", std::string(r.spec)},
                      {"description", std::string(r.description)},
                      {"fix", std::string(r.fix)}});
    }
    out << list.dump(2) << "\n";
  } else if (format == "markdown") {
    out << "# Rule catalog\n\nGenerated by `corscheck rules --format markdown`; do not edit by hand "
           "(a test compares it with the binary).\nIDs are stable: never renamed or reused. Severity is the default; "
           "credentials raise security findings to critical, origins no browser can send lower them to low.\n\n"
           "| ID | severity | category | title |\n|---|---|---|---|\n";
    for (const runner::RuleInfo& r : runner::AllRules()) {
      out << "| [" << r.id << "](#" << core::ToLower(r.id) << ") | " << runner::Name(r.severity) << " | "
          << runner::Name(r.category) << " | " << r.title << " |\n";
    }
    for (const runner::RuleInfo& r : runner::AllRules()) {
      out << "\n## " << r.id << "\n\n**" << r.title << "** (" << runner::Name(r.severity) << ", "
          << runner::Name(r.category) << "; " << r.spec << ")\n\n" << r.description << "\n\n**Fix:** " << r.fix << "\n";
    }
  } else {
    for (const runner::RuleInfo& r : runner::AllRules()) {
      out << r.id << "\t" << runner::Name(r.severity) << "\t" << r.title << "\n";
    }
  }
  return kExitOk;
}

int RunDemoCommand(const OutputFlags& output, std::ostream& out, std::ostream& err) {
  // The common mistakes of hand-written Next.js/Express CORS helpers, each as a variant of the
  // in-process reference server, and the rule corscheck must raise for it.
  struct Variant {
    const char* fault;  // "" = the correct server
    const char* expected_rule;
    const char* story;
  };
  const Variant variants[] = {
      {"", "", "the reference server, implementing the policy correctly"},
      {"wildcard-with-credentials", "CORS-WILDCARD-CREDENTIALS", "res.setHeader('Access-Control-Allow-Origin', '*') plus credentials"},
      {"preflight-405", "CORS-PREFLIGHT-NOT-OK", "a router with no OPTIONS handler"},
      {"reflect-any-origin-credentials", "CORS-ORIGIN-REFLECTED", "origin: true (reflect whatever arrives) with credentials"},
      {"fallback-first-origin", "CORS-ACAO-FALLBACK-ORIGIN", "allowlist.includes(origin) ? origin : allowlist[0]"},
      {"duplicate-acao", "CORS-ACAO-MULTIPLE", "nginx add_header plus the app's own header"},
  };
  const core::Policy policy = target::DemoPolicy();
  auto templates = cases::LoadProbeTemplates({DefaultProbeDir()});
  if (!templates) {
    err << "corscheck demo: " << templates.error().message << "\n";
    return kExitUsage;
  }
  auto probes = runner::ExpandProbes(*templates, policy, {"/api/items", {"/status/404", "/status/500"}});
  if (!probes) {
    err << "corscheck demo: " << probes.error().message << "\n";
    return kExitUsage;
  }
  report::ReportMeta meta;
  meta.fail_on = runner::Severity::kLow;
  bool all_as_expected = true;
  std::string summary;
  for (const Variant& v : variants) {
    target::TargetOptions topts;
    topts.adapter.policy = policy;
    if (*v.fault) topts.adapter.options = {v.fault};
    auto t = target::MakeTarget("adapter:reference", topts);
    if (!t) {
      err << "corscheck demo: " << t.error().message << "\n";
      return kExitUsage;
    }
    runner::RunResult result = Execute(**t, policy, *probes, "https://api.example.test", model::ProfileId::kChromium, output, 2);
    result.target = std::string("adapter:reference") + (*v.fault ? " --fault " + std::string(v.fault) : "");
    out << "==== " << result.target << ": " << v.story << "\n";
    out << report::WriteConsole(result, meta, !output.no_progress && output.color && ::isatty(1)) << "\n";
    const bool found = !*v.expected_rule || std::any_of(result.findings.begin(), result.findings.end(), [&](const runner::Finding& f) {
      return f.rule_id == v.expected_rule;
    });
    const bool clean = *v.expected_rule || runner::CountAtOrAbove(result, runner::Severity::kLow) == 0;
    all_as_expected = all_as_expected && found && clean;
    summary += std::string("  ") + (found && clean ? "ok  " : "BAD ") + (*v.fault ? v.fault : "correct policy") + ": " +
               std::to_string(result.findings.size()) + " finding(s)" +
               (*v.expected_rule ? std::string(", expects ") + v.expected_rule : std::string(", expects none")) + "\n";
  }
  out << "==== demo summary (" << probes->size() << " probes per variant)\n" << summary;
  return all_as_expected ? kExitOk : kExitFindings;
}

}  // namespace corscheck::cli
