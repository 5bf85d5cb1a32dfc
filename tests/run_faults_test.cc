// The suite's own mutation test: `corscheck run` against the reference server must find each of
// its faults through the rule made for it, and nothing at or above `low` when it runs correctly,
// in-process and over loopback HTTP.
#include <gtest/gtest.h>

#include <set>

#include "cases/probe_template.h"
#include "runner/expand.h"
#include "runner/runner.h"
#include "target/factory.h"
#include "target/reference.h"
#include "transport/http_client.h"
#include "transport/http_server.h"

#include "test_support.h"

namespace corscheck {
namespace {

using runner::Severity;

using testing_support::FaultRule;
using testing_support::kFaultRules;

const std::vector<runner::Probe>& Probes() { return testing_support::DemoProbes(); }

runner::RunResult RunAgainst(target::Target& t, const std::string& base) {
  runner::RunOptions o;
  o.base_url = base;
  o.concurrency = 4;
  return runner::RunProbes(t, target::DemoPolicy(), Probes(), o);
}

runner::RunResult RunInProcess(const std::vector<std::string>& faults) {
  target::TargetOptions topts;
  topts.adapter.policy = target::DemoPolicy();
  topts.adapter.options = faults;
  auto t = target::MakeTarget("adapter:reference", topts);
  EXPECT_TRUE(t) << t.error().message;
  return RunAgainst(**t, "https://api.example.test");
}

std::string Describe(const runner::RunResult& r) {
  std::string out;
  std::set<std::string> seen;
  for (const auto& f : r.findings) {
    if (seen.insert(f.rule_id).second) out += "  " + f.rule_id + " [" + std::string(runner::Name(f.severity)) + "] " + f.message + "\n";
  }
  return out;
}

TEST(RunFaultsTest, EveryFaultHasARule) {
  for (target::Fault f : target::AllFaults()) {
    const bool mapped = std::any_of(std::begin(kFaultRules), std::end(kFaultRules),
                                    [&](const FaultRule& fr) { return target::Name(f) == fr.fault; });
    EXPECT_TRUE(mapped) << target::Name(f) << " has no expected rule in this test";
  }
}

TEST(RunFaultsTest, CorrectReferenceServerHasNoFindingAtOrAboveLow) {
  const runner::RunResult r = RunInProcess({});
  EXPECT_GT(r.probes.size(), 100u);
  EXPECT_EQ(r.failed_probes, 0u);
  EXPECT_EQ(runner::CountAtOrAbove(r, Severity::kLow), 0u) << Describe(r);
}

class FaultTest : public ::testing::TestWithParam<FaultRule> {};

TEST_P(FaultTest, TheMatchingRuleFires) {
  const FaultRule& fr = GetParam();
  const runner::RunResult r = RunInProcess({fr.fault});
  const bool fired = std::any_of(r.findings.begin(), r.findings.end(), [&](const runner::Finding& f) { return f.rule_id == fr.rule; });
  EXPECT_TRUE(fired) << fr.fault << " should raise " << fr.rule << "; findings:\n" << Describe(r);
  // `corscheck run` exits 1 at the default --fail-on medium for every fault but the two whose
  // harm is low (max-age-invalid, fallback-first-origin): they must still be reported at low.
  EXPECT_GT(runner::CountAtOrAbove(r, Severity::kLow), 0u);
}

INSTANTIATE_TEST_SUITE_P(Faults, FaultTest, ::testing::ValuesIn(kFaultRules), [](const auto& p) {
  std::string name = p.param.fault;
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
});

// The same judgement over real sockets: the reference server on loopback port 0, the HTTP target.
TEST(RunOverHttpTest, CorrectAndFaultyServersOverLoopback) {
  for (const char* fault : {"", "duplicate-acao", "preflight-redirect"}) {
    SCOPED_TRACE(*fault ? fault : "correct");
    target::ReferenceOptions options{target::DemoPolicy(), {}};
    if (*fault) options.faults.push_back(*target::FaultFromName(fault));
    transport::HttpServer server([options](const core::HttpRequest& req) { return target::HandleReferenceRequest(options, req); });
    ASSERT_TRUE(server.Start("127.0.0.1", 0));
    transport::HttpClientOptions http;
    http.concurrency = 4;
    transport::HttpTarget t(server.BaseUrl(), http);
    const runner::RunResult r = RunAgainst(t, server.BaseUrl());
    EXPECT_EQ(r.failed_probes, 0u);
    if (!*fault) {
      EXPECT_EQ(runner::CountAtOrAbove(r, Severity::kLow), 0u) << Describe(r);
    } else {
      const std::string rule = std::string(fault) == "duplicate-acao" ? "CORS-ACAO-MULTIPLE" : "CORS-PREFLIGHT-REDIRECT";
      EXPECT_TRUE(std::any_of(r.findings.begin(), r.findings.end(), [&](const auto& f) { return f.rule_id == rule; }))
          << Describe(r);
    }
  }
}

TEST(RunOverHttpTest, DeadTargetIsUnreachable) {
  transport::HttpClientOptions http;
  http.connect_timeout = std::chrono::milliseconds(500);
  transport::HttpTarget t("http://127.0.0.1:1", http);
  const runner::RunResult r = RunAgainst(t, "http://127.0.0.1:1");
  EXPECT_TRUE(r.unreachable());
  EXPECT_TRUE(r.findings.empty()) << "no finding is invented from missing responses";
}

}  // namespace
}  // namespace corscheck
