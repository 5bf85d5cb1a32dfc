// Expands probe templates against a policy: every allowed origin (and one example per origin
// pattern) yields its variants (other scheme, port, case, prefix/suffix extensions, unescaped
// dot, sibling/parent/sub domains, special characters, userinfo, IDN homograph ...).
#pragma once

#include <string>
#include <vector>

#include "cases/probe_template.h"
#include "core/policy.h"
#include "core/result.h"
#include "runner/probe.h"

namespace corscheck::runner {

struct ExpandOptions {
  std::string base_path = "/";               // the target URL's path
  std::vector<std::string> error_paths;      // --error-path
};

// Placeholders: {origin} {scheme} {other_scheme} {host} {HOST} {port} {other_port} {default_port}
// {parent} {host_dotx} {idn_homograph} {method} {method_lower} {disallowed_method} {header}
// {header_value} {path} {error_path}. Duplicate probes (same origin, method, headers,
// credentials, mode, path) are dropped; the first id wins.
core::Result<std::vector<Probe>> ExpandProbes(const std::vector<cases::ProbeTemplate>& templates,
                                              const core::Policy& policy, const ExpandOptions& options);

// The origins the policy allows that probes start from: policy.origins without "*"/"null", and
// "scheme://corscheck-probe.<suffix>" for each pattern.
std::vector<std::string> SeedOrigins(const core::Policy& policy);

}  // namespace corscheck::runner
