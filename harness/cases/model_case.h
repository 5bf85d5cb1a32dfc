// Browser-model cases (conformance/model/*.json): loading with strict validation, and running a
// case through the model under one profile. Format: conformance/README.md.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/header_list.h"
#include "core/result.h"
#include "model/browser.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::cases {

// What the case says the browser does. Only fields present are checked.
struct Expectation {
  std::optional<bool> preflight;
  std::optional<bool> allowed;
  std::optional<std::optional<std::string>> error;  // outer: present; inner: null = no error
  std::optional<std::string> failed_parameter;
  std::optional<std::string> type;
  std::optional<int> status;
  std::map<std::string, std::optional<std::string>> request_headers;  // lower-case name -> value or not sent
  std::optional<std::vector<std::string>> exposed_headers;
  std::optional<std::int64_t> max_age;
};

// One fetch of a case: the first, then each followup.
struct Step {
  double after_seconds = 0;
  model::FetchScenario scenario;
  std::optional<Expectation> expect;
  std::string pointer;  // JSON pointer of the step inside its file ("/cases/4" or "/cases/4/followups/0")
};

struct ModelCase {
  std::string id;
  std::string rule;
  std::string title;
  std::string source;
  std::string file;
  std::string pointer;
  std::vector<model::ProfileId> profiles;  // empty: every profile
  std::vector<Step> steps;
  bool AppliesTo(model::ProfileId profile) const;
};

// Loads every *.json under each path (files or directories, directories sorted by name). Ids must
// be unique across all of them. An error names the file, the case id and the JSON pointer.
core::Result<std::vector<ModelCase>> LoadModelCases(const std::vector<std::string>& paths);
// Parses one file's text; `file` is used in messages.
core::Result<std::vector<ModelCase>> ParseModelCases(const std::string& text, const std::string& file);

struct Mismatch {
  std::size_t step = 0;
  std::string field;
  std::string expected;
  std::string actual;
};

struct CaseOutcome {
  const ModelCase* model_case = nullptr;
  model::ProfileId profile = model::ProfileId::kChromium;
  std::vector<model::FetchVerdict> verdicts;  // one per step
  bool checked = false;  // an expectation applied under this profile
  std::vector<Mismatch> mismatches;
  std::optional<std::string> scenario_error;  // the case is malformed (a needed answer is missing)
  bool passed() const { return !scenario_error && mismatches.empty(); }
};

// Runs every step with one fresh Browser (the preflight cache is shared by the steps).
CaseOutcome RunModelCase(const ModelCase& c, model::ProfileId profile);
// Compares one verdict to an expectation; appends mismatches.
void CompareVerdict(const Expectation& expect, const model::FetchVerdict& verdict, std::size_t step,
                    std::vector<Mismatch>& out);
// The headers of the verdict's sent requests that `request_headers` reports: Origin of the last
// request sent, ACRM/ACRH of the last preflight sent.
std::map<std::string, std::optional<std::string>> ObservedRequestHeaders(const model::FetchVerdict& verdict);

}  // namespace corscheck::cases
