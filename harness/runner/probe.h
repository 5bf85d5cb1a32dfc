// A concrete probe: one fetch() a page would make against the target, and what the policy says
// about it. Expanded from probe templates (expand.h); run by runner.h.
#pragma once

#include <string>
#include <vector>

#include "core/header_list.h"
#include "core/policy.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::runner {

struct Probe {
  std::string id;     // template id + iteration ("origin.prefix-extension[https://app.example.com]")
  std::string kind;   // template kind
  std::string rule;
  std::string title;
  std::string origin;  // the page origin as a string; "" = no Origin header (no-cors)
  bool origin_sendable = true;  // a browser could send this Origin (core::ParseSerializedOrigin)
  std::string method;
  core::HeaderList headers;
  model::CredentialsMode credentials = model::CredentialsMode::kOmit;
  model::RequestMode mode = model::RequestMode::kCors;
  std::string path;
  bool error_path = false;  // the path is one of --error-path
};

// What the policy intends for a probe.
struct Expectation {
  bool allowed = false;
  std::string reason;  // why (not) allowed, in words: "origin not in the policy", ...
};

Expectation ExpectFromPolicy(const core::Policy& policy, const Probe& probe, const model::Profile& profile);

}  // namespace corscheck::runner
