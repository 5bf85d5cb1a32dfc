// Every case in conformance/model/ runs in a real headless Chromium under the chromium profile,
// and the model must agree with the browser on every step: allowed, error, failed parameter,
// preflight, Origin/ACRM/ACRH on the wire, status, type and the exposed headers the case declares.
// A missing Chromium is a loud skip with the install command, never a pass.
//
// Ports: no fixed port is bound. Chromium maps every host name and port the cases use onto two
// loopback listeners on ephemeral ports (--host-resolver-rules "MAP *:443 127.0.0.1:<port>").
#include <gtest/gtest.h>

#include <iostream>

#include "browser/chromium.h"
#include "browser/chromium_oracle.h"
#include "core/ascii.h"

namespace corscheck::browser {
namespace {

TEST(ChromiumOracleTest, EveryModelCaseAgreesWithChromium) {
  const auto chromium = FindChromium();
  if (!chromium) {
    GTEST_SKIP() << "\n*** Chromium is not installed: the browser oracle did NOT run. Install it with: "
                 << kChromiumInstallHint << " ***";
  }
  auto loaded = cases::LoadModelCases({std::string(CORSCHECK_SOURCE_DIR) + "/conformance/model"});
  ASSERT_TRUE(loaded) << loaded.error().message;
  ASSERT_FALSE(loaded->empty());
  OracleOptions options;
  options.chromium = *chromium;
  auto run = RunInChromium(*loaded, options);
  ASSERT_TRUE(run) << run.error().message;

  std::size_t agree = 0, steps = 0;
  for (const CaseRun& r : run->cases) {
    const cases::ModelCase& c = *r.model_case;
    SCOPED_TRACE(c.id + " (" + c.file + " " + c.pointer + ")");
    if (r.error) {
      ADD_FAILURE() << c.id << ": could not run in Chromium: " << *r.error;
      continue;
    }
    const auto outcome = cases::RunModelCase(c, model::ProfileId::kChromium);
    if (outcome.scenario_error) {
      ADD_FAILURE() << c.id << ": " << *outcome.scenario_error;
      continue;
    }
    const bool claimed = c.AppliesTo(model::ProfileId::kChromium);
    bool same = true;
    for (std::size_t i = 0; i < r.steps.size() && i < outcome.verdicts.size(); ++i) {
      ++steps;
      for (const Difference& d : CompareStep(c.steps[i], outcome.verdicts[i], r.steps[i], i)) {
        same = false;
        if (!claimed) continue;  // the case does not claim chromium: reported by the CLI, not failed
        ADD_FAILURE() << c.id << (i ? " followup " + std::to_string(i) : std::string()) << ": " << d.field
                      << ": model " << core::EscapeForDisplay(d.model) << ", Chromium "
                      << core::EscapeForDisplay(d.chromium)
                      << (r.steps[i].console.empty() ? "" : "\n    console: " + r.steps[i].console);
      }
    }
    if (same) ++agree;
  }
  std::cout << run->chromium_version << ": " << run->cases.size() << " cases (" << steps << " fetches), " << agree
            << " agree, in " << run->seconds << " s = " << (run->cases.size() / run->seconds) << " cases/s, "
            << run->browser_starts << " browser start(s)\n";
}

}  // namespace
}  // namespace corscheck::browser
