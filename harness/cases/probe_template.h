// Probe templates (conformance/probes/*.json): what `corscheck run` asks a target, as data.
// Templates are expanded against a policy by harness/runner/expand.h. Format: conformance/README.md.
#pragma once

#include <string>
#include <vector>

#include "core/header_list.h"
#include "core/result.h"

namespace corscheck::cases {

struct ProbeTemplate {
  std::string id;     // stable slug; expanded probes append the iteration value
  std::string kind;   // "allowed", "reflection", "null", "bypass-prefix", ... (attack or check class)
  std::string rule;   // digest rule ID or attack class it tests
  std::string title;
  std::vector<std::string> for_each;  // dimensions: "origin", "method", "header", "error_path"
  std::string origin = "{origin}";   // template; "" = no Origin (a no-cors navigation-like GET)
  std::string method = "GET";
  core::HeaderList headers;           // templates in names and values
  std::string credentials = "policy";  // omit | include | policy (include when the policy allows credentials)
  std::string path = "{path}";
  std::string mode = "cors";           // cors | no-cors
  std::string file;
  std::string pointer;
};

// Loads every *.json under the paths (files or directories); ids unique. Errors name the file,
// the probe id and the JSON pointer.
core::Result<std::vector<ProbeTemplate>> LoadProbeTemplates(const std::vector<std::string>& paths);
core::Result<std::vector<ProbeTemplate>> ParseProbeTemplates(const std::string& text, const std::string& file);

}  // namespace corscheck::cases
