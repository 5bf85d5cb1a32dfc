// Every case in conformance/model/*.json, under every profile it claims, is its own test: the
// model's verdict must match the case's expectation. Cases marked for other profiles are still
// evaluated under each profile, so a crash or a malformed answer anywhere fails the suite.
#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

#include "cases/model_case.h"
#include "core/ascii.h"

namespace corscheck {
namespace {

struct Param {
  const cases::ModelCase* c;
  model::ProfileId profile;
};

const std::vector<cases::ModelCase>& AllCases() {
  static const std::vector<cases::ModelCase> cases = [] {
    auto loaded = cases::LoadModelCases({std::string(CORSCHECK_SOURCE_DIR) + "/conformance/model"});
    if (!loaded) {
      ADD_FAILURE() << loaded.error().message;
      return std::vector<cases::ModelCase>{};
    }
    return std::move(*loaded);
  }();
  return cases;
}

std::vector<Param> AllParams() {
  std::vector<Param> out;
  for (const cases::ModelCase& c : AllCases()) {
    for (const model::Profile& p : model::AllProfiles()) out.push_back({&c, p.id});
  }
  return out;
}

// gtest prints parameters in test listings; show the case, not its bytes.
void PrintTo(const Param& p, std::ostream* os) { *os << model::GetProfile(p.profile).name << " " << p.c->id; }

class ModelConformance : public ::testing::TestWithParam<Param> {};

TEST_P(ModelConformance, VerdictMatchesExpectation) {
  const Param& p = GetParam();
  const cases::CaseOutcome outcome = cases::RunModelCase(*p.c, p.profile);
  SCOPED_TRACE(p.c->file + " " + p.c->pointer + " rule " + p.c->rule + ": " + p.c->title);
  ASSERT_FALSE(outcome.scenario_error) << *outcome.scenario_error;
  if (!outcome.checked) GTEST_SKIP() << "expectation does not claim profile " << model::GetProfile(p.profile).name;
  for (const cases::Mismatch& m : outcome.mismatches) {
    ADD_FAILURE() << (m.step ? "followup " + std::to_string(m.step) + ": " : "") << m.field << ": expected "
                  << core::EscapeForDisplay(m.expected) << ", actual " << core::EscapeForDisplay(m.actual);
  }
}

TEST(ModelConformanceTables, HoldAtLeast200Cases) { EXPECT_GE(AllCases().size(), 200u); }

std::string ParamName(const ::testing::TestParamInfo<Param>& info) {
  std::string name = std::string(model::GetProfile(info.param.profile).name) + "__" + info.param.c->id;
  for (char& ch : name) {
    if (!core::IsAsciiAlpha(ch) && !core::IsAsciiDigit(ch)) ch = '_';
  }
  return name;
}

INSTANTIATE_TEST_SUITE_P(Tables, ModelConformance, ::testing::ValuesIn(AllParams()), ParamName);
GTEST_ALLOW_UNINSTANTIATED_PARAMETERIZED_TEST(ModelConformance);

}  // namespace
}  // namespace corscheck
