// Helpers for JSON files: isomorphic byte strings, JSON pointers, bounded file reads.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace corscheck::cases {

// A JSON string (UTF-8) read as isomorphic bytes: each code point U+0000..U+00FF is one byte;
// a code point above U+00FF (or invalid UTF-8) is an error that names it.
core::Result<std::string> IsomorphicEncode(std::string_view utf8);
// Bytes to the JSON string that IsomorphicEncode reads back: each byte becomes U+0000..U+00FF.
std::string IsomorphicDecode(std::string_view bytes);
// A JSON pointer token: "~" -> "~0", "/" -> "~1".
std::string EscapePointer(std::string_view token);
// The JSON files named by `paths`: files as given, directories as their *.json files sorted by
// name. A missing path, or a directory without *.json, is an error naming it.
core::Result<std::vector<std::string>> ListJsonFiles(const std::vector<std::string>& paths);

// Reads a whole file; refuses files above `max_bytes` so a hostile path cannot exhaust memory.
core::Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes = 64u << 20);

}  // namespace corscheck::cases
