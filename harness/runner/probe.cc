#include "runner/probe.h"

#include <algorithm>

#include "core/ascii.h"
#include "model/request_rules.h"
#include "target/reference.h"

namespace corscheck::runner {

Expectation ExpectFromPolicy(const core::Policy& policy, const Probe& probe, const model::Profile& profile) {
  if (probe.mode == model::RequestMode::kNoCors) return {true, "no-cors: the page gets an opaque response"};
  const bool include = probe.credentials == model::CredentialsMode::kInclude;
  if (!target::OriginAllowedByPolicy(policy, probe.origin)) return {false, "the policy does not allow origin " + probe.origin};
  if (include && !policy.credentials) return {false, "the policy does not allow credentials"};
  const std::string method = model::NormalizeMethod(probe.method);
  auto listed = [](const std::vector<std::string>& list, std::string_view v, bool ci) {
    return std::any_of(list.begin(), list.end(), [&](const std::string& x) { return ci ? core::EqualsIgnoreCase(x, v) : x == v; });
  };
  const bool star_methods = !include && listed(policy.methods, "*", false);
  if (!model::IsCorsSafelistedMethod(method) && !listed(policy.methods, method, false) && !star_methods) {
    return {false, "the policy does not allow method " + method};
  }
  const bool star_headers = !include && listed(policy.headers, "*", false);
  for (const std::string& name : model::CorsUnsafeRequestHeaderNames(probe.headers, profile)) {
    if (listed(policy.headers, name, true)) continue;
    if (star_headers && name != "authorization") continue;
    return {false, "the policy does not allow request header " + name};
  }
  return {true, "the policy allows this request"};
}

}  // namespace corscheck::runner
