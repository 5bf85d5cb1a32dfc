// The header_list fuzz target's property check, uncapped, so the bounds test
// (header_list_bounds_test.cc) can run it on inputs larger than the fuzzer's cap.
#pragma once

#include <string_view>

namespace corscheck::fuzz {

// Input: VALUE "\n~~\n" LINES, where LINES are "name:value" lines of a header list.
void CheckHeaderListProperties(std::string_view input);

}  // namespace corscheck::fuzz
