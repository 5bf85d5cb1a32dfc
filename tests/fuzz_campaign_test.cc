// `corscheck fuzz` against the in-process reference server: each fault is found within the
// default budget, the correct server yields nothing, the same seed gives the same campaign, and
// the saved findings replay through `run --probes`.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "cases/probe_template.h"
#include "report/report.h"
#include "runner/campaign.h"
#include "runner/expand.h"
#include "target/factory.h"
#include "target/reference.h"

#include "test_support.h"

namespace corscheck {
namespace {

const std::vector<runner::Probe>& Seeds() { return testing_support::DemoProbes(); }

std::unique_ptr<target::Target> Reference(const std::string& fault) {
  target::TargetOptions topts;
  topts.adapter.policy = target::DemoPolicy();
  if (!fault.empty()) topts.adapter.options = {fault};
  auto t = target::MakeTarget("adapter:reference", topts);
  EXPECT_TRUE(t);
  return std::move(*t);
}

runner::CampaignResult Campaign(const std::string& fault, std::uint64_t seed = 1) {
  runner::CampaignOptions o;  // the default budget: 5000 mutated probes
  o.run.base_url = "https://api.example.test";
  o.run.concurrency = 2;
  o.seed = seed;
  auto t = Reference(fault);
  return runner::RunCampaign(*t, target::DemoPolicy(), Seeds(), o);
}

std::set<std::string> Rules(const runner::CampaignResult& r) {
  std::set<std::string> out;
  for (const auto& f : r.report.findings) out.insert(f.rule_id);
  return out;
}

TEST(FuzzCampaignTest, FindsNothingOnTheCorrectServer) {
  const runner::CampaignResult r = Campaign("");
  EXPECT_GT(r.executions, 5000u);
  EXPECT_EQ(runner::CountAtOrAbove(r.report, runner::Severity::kLow), 0u);
  EXPECT_TRUE(r.replay.empty());
}

TEST(FuzzCampaignTest, FindsEveryFaultWithinTheDefaultBudget) {
  std::map<std::string, std::string> expected;  // fault -> the rule that names it (test_support.h)
  for (const auto& fr : testing_support::kFaultRules) expected[fr.fault] = fr.rule;
  for (target::Fault fault : target::AllFaults()) {
    const std::string name(target::Name(fault));
    SCOPED_TRACE(name);
    ASSERT_TRUE(expected.count(name));
    const runner::CampaignResult r = Campaign(name);
    EXPECT_TRUE(Rules(r).count(expected.at(name)));
    EXPECT_FALSE(r.replay.empty());
  }
}

TEST(FuzzCampaignTest, TheSameSeedReplaysTheSameCampaign) {
  const runner::CampaignResult a = Campaign("prefix-match", 7);
  const runner::CampaignResult b = Campaign("prefix-match", 7);
  ASSERT_EQ(a.replay.size(), b.replay.size());
  for (std::size_t i = 0; i < a.replay.size(); ++i) EXPECT_EQ(a.replay[i].origin, b.replay[i].origin);
  EXPECT_EQ(a.executions, b.executions);
}

TEST(FuzzCampaignTest, SavedFindingsReplayThroughRun) {
  const runner::CampaignResult r = Campaign("suffix-match");
  const std::string saved = report::WriteProbeCases(r.replay, "test");
  auto templates = cases::ParseProbeTemplates(saved, "saved.json");
  ASSERT_TRUE(templates) << templates.error().message;
  auto probes = runner::ExpandProbes(*templates, target::DemoPolicy(), {"/api/items", {}});
  ASSERT_TRUE(probes) << probes.error().message;
  auto t = Reference("suffix-match");
  runner::RunOptions o;
  o.base_url = "https://api.example.test";
  const runner::RunResult replay = runner::RunProbes(*t, target::DemoPolicy(), *probes, o);
  std::set<std::string> rules;
  for (const auto& f : replay.findings) rules.insert(f.rule_id);
  EXPECT_TRUE(rules.count("CORS-BYPASS-SUFFIX"));
  // Against the correct server the same probes are clean: the finding was the fault's.
  auto good = Reference("");
  const runner::RunResult clean = runner::RunProbes(*good, target::DemoPolicy(), *probes, o);
  EXPECT_EQ(runner::CountAtOrAbove(clean, runner::Severity::kLow), 0u);
}

TEST(FuzzCampaignTest, MutatedOriginsAreDeterministicAndVaried) {
  runner::Mutator a(3, target::DemoPolicy());
  runner::Mutator b(3, target::DemoPolicy());
  std::set<std::string> distinct;
  for (int i = 0; i < 200; ++i) {
    const std::string x = a.MutateOrigin("https://app.example.com");
    EXPECT_EQ(x, b.MutateOrigin("https://app.example.com"));
    distinct.insert(x);
  }
  EXPECT_GT(distinct.size(), 50u);
}

}  // namespace
}  // namespace corscheck
