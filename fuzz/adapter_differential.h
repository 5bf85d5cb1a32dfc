// The differential driver behind adapter_differential_fuzzer: fuzz bytes become a structured CORS
// request (an origin built from the policy's allowed origins plus grammar-aware mutations, a
// method, request headers, credentials, a path), which is sent through the browser model to an
// in-process adapter together with two context probes (the exact allowed origin, and no Origin
// at all), and judged like `corscheck run` judges: model vs policy, then the deviation rules.
// Property: the correct reference server never yields a finding at or above `low`; any other
// adapter that does is reported (the fuzzer aborts, a test counts runs until it happens).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "target/target.h"

namespace corscheck::fuzz {

// nullopt when every finding is below `low`; otherwise "RULE: message".
std::optional<std::string> DifferentialCheck(const std::uint8_t* data, std::size_t size, target::Target& adapter);

}  // namespace corscheck::fuzz
