// Shared helpers for the fuzz targets: the libFuzzer entry point declaration, a one-line
// property check that aborts, and the readable "\n~~\n" part separator of structured seeds.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

// A violated fuzz property: one line "file:line: fuzz property violated: what", then abort so the
// engine records the input. Never used for expected rejections (those return normally).
#define FUZZ_CHECK(cond, what)                                                                 \
  do {                                                                                         \
    if (!(cond)) {                                                                             \
      std::fprintf(stderr, "%s:%d: fuzz property violated: %s [%s]\n", __FILE__, __LINE__, what, \
                   #cond);                                                                     \
      std::abort();                                                                            \
    }                                                                                          \
  } while (0)

namespace corscheck::fuzz {

inline constexpr std::string_view kPartSeparator = "\n~~\n";

inline std::string_view AsView(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// Splits `input` on "\n~~\n" into at most `max_parts` parts (the last one keeps the rest).
inline std::vector<std::string_view> SplitParts(std::string_view input, std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    const std::size_t at = input.find(kPartSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + kPartSeparator.size());
  }
  parts.push_back(input);
  return parts;
}

}  // namespace corscheck::fuzz
