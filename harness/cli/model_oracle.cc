// `corscheck model --oracle chromium`: every case runs in headless Chromium as well as in the
// model; each case is reported as agreeing or with every field that differs, both values given.
// Cases whose profiles exclude chromium are run and reported, never failed.
#include "cli/model_oracle.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "browser/chromium.h"
#include "browser/chromium_oracle.h"
#include "cases/json_util.h"
#include "cli/exit_codes.h"
#include "core/ascii.h"

namespace corscheck::cli {
namespace {

using nlohmann::ordered_json;

ordered_json ObservedJson(const browser::ObservedFetch& f) {
  ordered_json j;
  j["allowed"] = f.allowed;
  j["error"] = f.error ? ordered_json(*f.error) : ordered_json(nullptr);
  if (f.error) j["failed_parameter"] = cases::IsomorphicDecode(f.failed_parameter);
  j["preflight"] = f.preflight_sent();
  j["status"] = f.status;
  if (!f.type.empty()) j["type"] = f.type;
  ordered_json headers = ordered_json::array();
  for (const core::Header& h : f.visible_headers) {
    headers.push_back({cases::IsomorphicDecode(h.name), cases::IsomorphicDecode(h.value)});
  }
  j["visible_headers"] = headers;
  ordered_json requests = ordered_json::array();
  for (const browser::ObservedRequest& r : f.requests) {
    ordered_json q = {{"method", cases::IsomorphicDecode(r.method)}, {"url", cases::IsomorphicDecode(r.url)}};
    auto put = [&](const char* name, const std::optional<std::string>& v) {
      q[name] = v ? ordered_json(cases::IsomorphicDecode(*v)) : ordered_json(nullptr);
    };
    put("origin", r.origin);
    if (r.preflight) {
      put("access-control-request-method", r.acrm);
      put("access-control-request-headers", r.acrh);
    }
    requests.push_back(q);
  }
  j["requests"] = requests;
  if (!f.console.empty()) j["console"] = cases::IsomorphicDecode(f.console);
  return j;
}

}  // namespace

int RunModelOracle(const ModelOptions& options, const std::vector<cases::ModelCase>& loaded, model::ProfileId profile,
                   std::ostream& out, std::ostream& err) {
  browser::OracleOptions oracle;
  if (!options.chromium.empty()) oracle.chromium = options.chromium;
  auto run = browser::RunInChromium(loaded, oracle);
  if (!run) {
    err << "corscheck model --oracle chromium: " << run.error().message << "\n";
    return kExitUsage;
  }
  std::size_t agree = 0, differ = 0, differ_unclaimed = 0, errors = 0, fetches = 0;
  ordered_json list = ordered_json::array();
  for (const browser::CaseRun& r : run->cases) {
    const cases::ModelCase& c = *r.model_case;
    const cases::CaseOutcome outcome = cases::RunModelCase(c, profile);
    const bool claimed = c.AppliesTo(model::ProfileId::kChromium);
    std::vector<browser::Difference> diffs;
    for (std::size_t i = 0; i < r.steps.size() && i < outcome.verdicts.size(); ++i) {
      ++fetches;
      for (auto& d : browser::CompareStep(c.steps[i], outcome.verdicts[i], r.steps[i], i)) diffs.push_back(std::move(d));
    }
    const char* verdict = r.error ? "ERROR" : diffs.empty() ? "AGREE" : claimed ? "DIFFER" : "DIFFER (not claimed for chromium)";
    if (r.error) {
      ++errors;
    } else if (diffs.empty()) {
      ++agree;
    } else if (claimed) {
      ++differ;
    } else {
      ++differ_unclaimed;
    }
    const bool interesting = r.error || !diffs.empty();
    if (options.only_failures && !interesting) continue;
    if (options.format == "json") {
      ordered_json j;
      j["id"] = c.id;
      j["file"] = c.file;
      j["claims_chromium"] = claimed;
      j["agree"] = !r.error && diffs.empty();
      if (r.error) j["error"] = *r.error;
      ordered_json d = ordered_json::array();
      for (const auto& x : diffs) {
        d.push_back({{"step", x.step}, {"field", x.field}, {"model", cases::IsomorphicDecode(x.model)},
                     {"chromium", cases::IsomorphicDecode(x.chromium)}});
      }
      j["differences"] = d;
      ordered_json steps = ordered_json::array();
      for (const auto& s : r.steps) steps.push_back(ObservedJson(s));
      j["chromium"] = steps;
      j["seconds"] = r.seconds;
      list.push_back(j);
    } else {
      out << verdict << "  " << c.id << "\n";
      if (r.error) out << "      " << core::EscapeForDisplay(*r.error) << "\n";
      for (const auto& x : diffs) {
        out << "      " << (x.step ? "followup " + std::to_string(x.step) + " " : "") << x.field << ": model "
            << core::EscapeForDisplay(x.model) << ", chromium " << core::EscapeForDisplay(x.chromium) << "\n";
      }
    }
  }
  const double per_second = run->seconds > 0 ? static_cast<double>(run->cases.size()) / run->seconds : 0;
  if (options.format == "json") {
    ordered_json doc;
    doc["profile"] = options.profile;
    doc["oracle"] = "chromium";
    doc["chromium_version"] = run->chromium_version;
    doc["cases"] = list;
    doc["summary"] = {{"total", run->cases.size()},   {"fetches", fetches},
                      {"agree", agree},                {"differ", differ},
                      {"differ_not_claimed", differ_unclaimed}, {"errors", errors},
                      {"seconds", run->seconds},       {"cases_per_second", per_second},
                      {"browser_starts", run->browser_starts}};
    out << doc.dump(2) << "\n";
  } else {
    out << run->chromium_version << " vs model profile " << options.profile << ": " << run->cases.size() << " cases ("
        << fetches << " fetches), " << agree << " agree, " << differ << " differ, " << differ_unclaimed
        << " differ but do not claim chromium, " << errors << " could not run\n";
    out << "run time " << run->seconds << " s, " << per_second << " cases/s, " << run->browser_starts
        << " browser start(s)\n";
  }
  return (differ || errors) ? kExitFindings : kExitOk;
}

}  // namespace corscheck::cli
