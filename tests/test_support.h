// Shared by the tests that run probes against the reference server: which rule names each fault,
// and the demo policy's expanded probe set. One table, so a new fault is mapped once.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "cases/probe_template.h"
#include "runner/expand.h"
#include "target/factory.h"

namespace corscheck::testing_support {

struct FaultRule {
  const char* fault;
  const char* rule;
};

// Each fault of docs/faults.md and the rule that names its mistake.
inline constexpr FaultRule kFaultRules[] = {
    {"wildcard-with-credentials", "CORS-WILDCARD-CREDENTIALS"},
    {"reflect-any-origin", "CORS-ORIGIN-REFLECTED"},
    {"reflect-any-origin-credentials", "CORS-ORIGIN-REFLECTED"},
    {"null-allowed", "CORS-NULL-ORIGIN-ALLOWED"},
    {"prefix-match", "CORS-BYPASS-PREFIX"},
    {"suffix-match", "CORS-BYPASS-SUFFIX"},
    {"unescaped-dot", "CORS-BYPASS-UNESCAPED-DOT"},
    {"http-scheme-trusted", "CORS-BYPASS-SCHEME"},
    {"any-subdomain-trusted", "CORS-BYPASS-SUBDOMAIN"},
    {"missing-vary", "CORS-VARY-MISSING"},
    {"vary-missing-on-denied", "CORS-VARY-MISSING"},
    {"preflight-405", "CORS-PREFLIGHT-NOT-OK"},
    {"preflight-401", "CORS-PREFLIGHT-NOT-OK"},
    {"preflight-redirect", "CORS-PREFLIGHT-REDIRECT"},
    {"acah-missing-requested", "CORS-ACAH-MISSING"},
    {"acah-wildcard-with-credentials", "CORS-WILDCARD-LIST-CREDENTIALS"},
    {"acam-missing-method", "CORS-ACAM-MISSING"},
    {"duplicate-acao", "CORS-ACAO-MULTIPLE"},
    {"acao-list", "CORS-ACAO-LIST"},
    {"acao-trailing-slash", "CORS-ACAO-MALFORMED"},
    {"acac-wrong-case", "CORS-ACAC-INVALID"},
    {"credentials-missing", "CORS-ACAC-MISSING"},
    {"max-age-invalid", "CORS-MAX-AGE-INVALID"},
    {"expose-missing", "CORS-ACEH-MISSING"},
    {"private-network-by-default", "CORS-PRIVATE-NETWORK-UNASKED"},
    {"no-cors-on-errors", "CORS-ERRORS-WITHOUT-CORS"},
    {"fallback-first-origin", "CORS-ACAO-FALLBACK-ORIGIN"},
};

// The shipped probe templates expanded against the demo policy, with the reference server's
// error paths.
inline const std::vector<runner::Probe>& DemoProbes() {
  static const std::vector<runner::Probe> probes = [] {
    auto templates = cases::LoadProbeTemplates({std::string(CORSCHECK_SOURCE_DIR) + "/conformance/probes"});
    EXPECT_TRUE(templates) << templates.error().message;
    auto expanded = runner::ExpandProbes(*templates, target::DemoPolicy(), {"/api/items", {"/status/404", "/status/500"}});
    EXPECT_TRUE(expanded) << expanded.error().message;
    return *expanded;
  }();
  return probes;
}

}  // namespace corscheck::testing_support
