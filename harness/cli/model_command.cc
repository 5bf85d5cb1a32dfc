#include "cli/model_command.h"

#include <nlohmann/json.hpp>
#include <ostream>

#include "cases/json_util.h"
#include "cases/model_case.h"
#include "cli/exit_codes.h"
#include "cli/model_oracle.h"
#include "core/ascii.h"

namespace corscheck::cli {
namespace {

using nlohmann::ordered_json;

ordered_json VerdictJson(const model::FetchVerdict& v) {
  ordered_json j;
  j["preflight"] = v.preflight_sent;
  ordered_json rh = ordered_json::object();
  for (const auto& [name, value] : cases::ObservedRequestHeaders(v)) {
    if (value) rh[name] = cases::IsomorphicDecode(*value);
  }
  j["request_headers"] = rh;
  j["allowed"] = v.allowed;
  j["error"] = v.error ? ordered_json(std::string(core::Name(*v.error))) : ordered_json(nullptr);
  if (v.error) j["failed_parameter"] = cases::IsomorphicDecode(v.failed_parameter);
  j["type"] = v.type ? ordered_json(std::string(model::Name(*v.type))) : ordered_json(nullptr);
  j["status"] = v.status;
  j["exposed_headers"] = v.exposed_headers;
  j["max_age"] = v.max_age ? ordered_json(*v.max_age) : ordered_json(nullptr);
  j["message"] = cases::IsomorphicDecode(v.message);
  if (v.error) j["fix"] = v.fix;
  return j;
}

std::string VerdictLine(const model::FetchVerdict& v) {
  std::string s = std::string("preflight=") + (v.preflight_sent ? "yes" : "no") + " allowed=" + (v.allowed ? "yes" : "no");
  if (v.error) s += " error=" + std::string(core::Name(*v.error));
  return s;
}

}  // namespace

int RunModelCommand(const ModelOptions& options, std::ostream& out, std::ostream& err) {
  const auto profile = model::ProfileFromName(options.profile);
  if (!profile) {
    err << "corscheck model: unknown profile '" << options.profile << "' (spec, chromium, firefox, webkit)\n";
    return kExitUsage;
  }
  auto loaded = cases::LoadModelCases(options.cases);
  if (!loaded) {
    err << "corscheck model: " << loaded.error().message << "\n";
    return kExitUsage;
  }
  if (loaded->empty()) {
    err << "corscheck model: no cases selected\n";
    return kExitUsage;
  }
  if (options.oracle == "chromium") return RunModelOracle(options, *loaded, *profile, out, err);

  std::vector<cases::CaseOutcome> outcomes;
  bool malformed = false;
  for (const cases::ModelCase& c : *loaded) {
    outcomes.push_back(cases::RunModelCase(c, *profile));
    if (outcomes.back().scenario_error) {
      err << "corscheck model: " << *outcomes.back().scenario_error << "\n";
      malformed = true;
    }
  }
  std::size_t passed = 0, failed = 0, unchecked = 0;
  for (const auto& o : outcomes) {
    if (!o.checked) {
      ++unchecked;
    } else if (o.passed()) {
      ++passed;
    } else {
      ++failed;
    }
  }

  if (options.format == "json") {
    ordered_json doc;
    doc["profile"] = options.profile;
    ordered_json list = ordered_json::array();
    for (const auto& o : outcomes) {
      const cases::ModelCase& c = *o.model_case;
      if (options.only_failures && (!o.checked || o.passed())) continue;
      ordered_json j;
      j["id"] = c.id;
      j["rule"] = c.rule;
      j["title"] = c.title;
      j["file"] = c.file;
      if (!o.verdicts.empty()) j.update(VerdictJson(o.verdicts.front()));
      j["checked"] = o.checked;
      if (o.checked) j["pass"] = o.passed();
      if (o.verdicts.size() > 1) {
        ordered_json f = ordered_json::array();
        for (std::size_t i = 1; i < o.verdicts.size(); ++i) f.push_back(VerdictJson(o.verdicts[i]));
        j["followups"] = f;
      }
      if (!o.mismatches.empty()) {
        ordered_json m = ordered_json::array();
        for (const auto& mm : o.mismatches) {
          m.push_back({{"step", mm.step}, {"field", mm.field}, {"expected", cases::IsomorphicDecode(mm.expected)},
                       {"actual", cases::IsomorphicDecode(mm.actual)}});
        }
        j["mismatches"] = m;
      }
      if (o.scenario_error) j["scenario_error"] = cases::IsomorphicDecode(*o.scenario_error);
      list.push_back(j);
    }
    doc["cases"] = list;
    doc["summary"] = {{"total", outcomes.size()}, {"passed", passed}, {"failed", failed}, {"unchecked", unchecked}};
    out << doc.dump(2) << "\n";
  } else {
    for (const auto& o : outcomes) {
      const cases::ModelCase& c = *o.model_case;
      const char* tag = !o.checked ? "INFO" : o.passed() ? "PASS" : "FAIL";
      if (options.only_failures && (!o.checked || o.passed())) continue;
      out << tag << "  " << c.id << "  " << (o.verdicts.empty() ? "" : VerdictLine(o.verdicts.front())) << "\n";
      if (!o.passed()) {
        out << "      rule " << c.rule << ": " << c.title << "  (" << c.file << " " << c.pointer << ")\n";
        for (const auto& m : o.mismatches) {
          out << "      " << (m.step ? "followup " + std::to_string(m.step) + " " : "") << m.field << ": expected "
              << core::EscapeForDisplay(m.expected) << ", actual " << core::EscapeForDisplay(m.actual) << "\n";
        }
        if (!o.verdicts.empty() && !o.verdicts.back().message.empty()) {
          out << "      console: " << core::EscapeForDisplay(o.verdicts.back().message) << "\n";
        }
      }
    }
    out << "profile " << options.profile << ": " << outcomes.size() << " cases, " << unchecked
        << " not checked under this profile\n";
    out << passed << " passed, " << failed << " failed\n";
  }
  if (malformed) return kExitUsage;
  return failed ? kExitFindings : kExitOk;
}

}  // namespace corscheck::cli
