// Golden files for every report writer (tests/golden/): a small, fixed run against the in-process
// reference server with the duplicate-acao fault, timings zeroed. A format change shows up as a
// diff here. Regenerate on purpose with CORSCHECK_UPDATE_GOLDEN=1.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "cases/probe_template.h"
#include "report/report.h"
#include "runner/expand.h"
#include "runner/runner.h"
#include "target/factory.h"

namespace corscheck {
namespace {

runner::RunResult FixedRun() {
  auto templates = cases::LoadProbeTemplates({std::string(CORSCHECK_SOURCE_DIR) + "/conformance/probes"});
  EXPECT_TRUE(templates);
  std::vector<cases::ProbeTemplate> few;
  for (const auto& t : *templates) {
    if (t.id == "origin.exact" || t.id == "origin.foreign" || t.id == "method.disallowed" || t.id == "origin.none") few.push_back(t);
  }
  core::Policy policy;
  policy.origins = {"https://app.example.com"};
  policy.credentials = true;
  policy.methods = {"GET", "PUT"};
  policy.headers = {"Content-Type"};
  auto probes = runner::ExpandProbes(few, policy, {"/items", {}});
  EXPECT_TRUE(probes);
  target::TargetOptions topts;
  topts.adapter.policy = policy;
  topts.adapter.options = {"duplicate-acao"};
  auto t = target::MakeTarget("adapter:reference", topts);
  runner::RunOptions o;
  o.base_url = "https://api.example.test";
  o.concurrency = 1;
  runner::RunResult r = runner::RunProbes(**t, policy, *probes, o);
  r.seconds = 0;
  for (auto& p : r.probes) {
    for (auto& x : p.exchanges) {
      if (x.response) x.response->elapsed_ms = 0;
    }
  }
  return r;
}

std::string Read(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

TEST(ReportGoldenTest, EveryWriterMatchesItsGoldenFile) {
  const runner::RunResult r = FixedRun();
  report::ReportMeta meta;  // version 0.1.0, no timestamp, fail on medium
  const bool update = std::getenv("CORSCHECK_UPDATE_GOLDEN") != nullptr;
  for (const auto& [format, ext] : std::vector<std::pair<std::string, std::string>>{
           {"console", "txt"}, {"json", "json"}, {"junit", "xml"}, {"sarif", "sarif"}, {"markdown", "md"}, {"html", "html"}, {"svg", "svg"}}) {
    SCOPED_TRACE(format);
    const std::string path = std::string(CORSCHECK_SOURCE_DIR) + "/tests/golden/report." + ext;
    const std::string text = report::Write(format, r, meta);
    if (update) {
      std::ofstream(path, std::ios::binary) << text;
      continue;
    }
    EXPECT_EQ(text, Read(path)) << "regenerate with CORSCHECK_UPDATE_GOLDEN=1 if the change is intended";
  }
}

// --verify-in-browser adds a verification to findings; every writer but the badge shows it, and a
// finding Chromium did not reproduce is called out as a model bug. (Goldens carry none: additive.)
TEST(ReportGoldenTest, EveryWriterShowsTheBrowserVerification) {
  runner::RunResult r = FixedRun();
  ASSERT_GE(r.findings.size(), 2u);
  for (std::size_t i = 0; i < r.findings.size(); ++i) {
    runner::Verification v;
    v.browser_version = "156.0.8078.108";
    v.status = i == 0 ? runner::Verification::Status::kNotReproduced : runner::Verification::Status::kReproduced;
    v.browser_allowed = i == 0;
    if (i != 0) v.browser_error = "MultipleAllowOriginValues";
    v.detail = i == 0 ? "Chromium let a page at https://app.example.com read it (status 200), but the model says blocked"
                      : "Chromium blocked a page at https://app.example.com: MultipleAllowOriginValues";
    r.findings[i].verification = v;
  }
  report::ReportMeta meta;
  for (const std::string format : {"console", "junit", "sarif", "markdown", "html"}) {
    SCOPED_TRACE(format);
    const std::string text = report::Write(format, r, meta);
    EXPECT_NE(text.find("NOT REPRODUCED in Chromium 156.0.8078.108"), std::string::npos) << text;
    EXPECT_NE(text.find("verified in Chromium 156.0.8078.108"), std::string::npos) << text;
  }
  const std::string json = report::Write("json", r, meta);
  EXPECT_NE(json.find("\"status\": \"not_reproduced\""), std::string::npos);
  EXPECT_NE(json.find("\"browser_error\": \"MultipleAllowOriginValues\""), std::string::npos);
}

}  // namespace
}  // namespace corscheck
