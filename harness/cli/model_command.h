// `corscheck model`: evaluates browser-model cases and compares them to their expectations.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corscheck::cli {

struct ModelOptions {
  std::vector<std::string> cases;
  std::string profile = "chromium";
  std::string format = "text";  // text | json
  bool only_failures = false;
  std::string oracle;    // "chromium": also run every case in headless Chromium and compare
  std::string chromium;  // the browser executable for --oracle chromium (default /usr/bin/chromium)
};

// Returns the exit code: 0 every checked case passes, 1 a case fails, 2 malformed input.
int RunModelCommand(const ModelOptions& options, std::ostream& out, std::ostream& err);

}  // namespace corscheck::cli
