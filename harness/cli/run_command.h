// `corscheck run`, `scan`, `rules` and `demo`: the main job. Exit codes: cli/exit_codes.h.
#pragma once

#include <iosfwd>
#include <cstdint>
#include <string>
#include <vector>

namespace corscheck::cli {

struct TargetFlags {
  std::size_t concurrency = 8;
  long timeout_ms = 10000;
  long connect_timeout_ms = 5000;
  std::string cacert;
  bool insecure = false;
  std::vector<std::string> resolve;  // host:port:addr
  std::vector<std::string> headers;  // "Name: value"
  double rate = 0;
  std::vector<std::string> adapter_options;
};

struct OutputFlags {
  std::vector<std::string> formats;  // console json junit sarif markdown html svg
  std::vector<std::string> outputs;  // paired with formats in order; missing or "-" = stdout
  std::string fail_on = "medium";
  bool no_progress = false;
  bool color = true;
};

struct RunOptions {
  std::string target;
  std::string policy;
  std::string profile = "chromium";
  std::vector<std::string> probes;       // probe template files/dirs; default: the shipped ones
  std::vector<std::string> error_paths;
  bool verify_in_browser = false;  // replay readable/blocked findings in headless Chromium
  TargetFlags target_flags;
  OutputFlags output;
};

struct ScanOptions {
  std::string url;
  std::string origin;
  std::string profile = "chromium";
  bool credentials = true;
  bool verify_in_browser = false;
  TargetFlags target_flags;
  OutputFlags output;
};

struct FuzzOptions {
  std::string target;
  std::string policy;
  std::string profile = "chromium";
  std::string duration;  // "60s", "2m", "500ms", or seconds
  std::size_t runs = 5000;
  std::uint64_t seed = 1;
  std::string save = "corscheck-fuzz-findings.json";  // replayable probes; "" = do not save
  std::vector<std::string> probes;
  std::vector<std::string> error_paths;
  bool verify_in_browser = false;  // replay the unique readable/blocked findings in headless Chromium
  TargetFlags target_flags;
  OutputFlags output;
};

int RunFuzzCommand(const FuzzOptions& options, std::ostream& out, std::ostream& err);
int RunRunCommand(const RunOptions& options, std::ostream& out, std::ostream& err);
int RunScanCommand(const ScanOptions& options, std::ostream& out, std::ostream& err);
int RunRulesCommand(const std::string& format, std::ostream& out);
int RunDemoCommand(const OutputFlags& output, std::ostream& out, std::ostream& err);

// The shipped probe templates (conformance/probes), found next to the sources or through
// $CORSCHECK_DATA_DIR.
std::string DefaultProbeDir();

}  // namespace corscheck::cli
