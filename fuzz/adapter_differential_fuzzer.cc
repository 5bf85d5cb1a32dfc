// Property: the reference CORS server, driven through the browser model with fuzzed origins,
// methods, headers, credentials and paths, never produces a finding at or above `low` (see
// adapter_differential.h). CORSCHECK_FUZZ_FAULTS=fault[,fault...] runs a faulty variant instead:
// then a crash is the fault being found (fuzz/README.md).
#include <cstdlib>
#include <memory>
#include <sstream>

#include "adapter_differential.h"
#include "fuzz_util.h"
#include "target/factory.h"

namespace {

corscheck::target::Target& Adapter() {
  static const std::unique_ptr<corscheck::target::Target> adapter = [] {
    corscheck::target::TargetOptions options;
    options.adapter.policy = corscheck::target::DemoPolicy();
    if (const char* faults = std::getenv("CORSCHECK_FUZZ_FAULTS")) {
      std::stringstream list(faults);
      for (std::string f; std::getline(list, f, ',');) options.adapter.options.push_back(f);
    }
    auto t = corscheck::target::MakeTarget("adapter:reference", options);
    FUZZ_CHECK(t.ok(), "CORSCHECK_FUZZ_FAULTS names an unknown fault");
    return std::move(*t);
  }();
  return *adapter;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 4096) return 0;
  const auto violation = corscheck::fuzz::DifferentialCheck(data, size, Adapter());
  if (violation) std::fprintf(stderr, "adapter_differential: %s\n", violation->c_str());
  FUZZ_CHECK(!violation, "the adapter answered something a browser-faithful judge reports");
  return 0;
}
