// The rule catalog: every finding corscheck reports has a stable rule ID (CORS-...), a
// severity, the digest rule or spec section it rests on, and a fix. IDs are never renamed or
// reused; `corscheck rules` prints the catalog and docs/rules.md is generated from it.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace corscheck::runner {

enum class Severity { kInfo, kLow, kMedium, kHigh, kCritical };

std::string_view Name(Severity s);  // "info" ... "critical"
std::optional<Severity> SeverityFromName(std::string_view s);

// over-permissive: a browser lets a page read what the policy forbids (the security hole);
// blocked: a browser blocks what the policy allows (the broken app); deviation: the raw
// responses break a rule of the protocol (the latent bug).
enum class Category { kOverPermissive, kBlocked, kDeviation };
std::string_view Name(Category c);

struct RuleInfo {
  std::string_view id;
  Severity severity;  // the default; some rules raise it (credentials) or lower it (origin no browser sends)
  Category category;
  std::string_view title;
  std::string_view spec;  // digest rule IDs / spec anchors
  std::string_view description;
  std::string_view fix;
};

std::span<const RuleInfo> AllRules();
const RuleInfo* FindRule(std::string_view id);

}  // namespace corscheck::runner
