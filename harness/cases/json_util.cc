#include "cases/json_util.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace corscheck::cases {

core::Result<std::string> IsomorphicEncode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    if (b < 0x80) {
      out.push_back(static_cast<char>(b));
      ++i;
      continue;
    }
    std::uint32_t cp = 0;
    std::size_t len = 0;
    if ((b & 0xE0) == 0xC0) {
      cp = b & 0x1F;
      len = 2;
    } else if ((b & 0xF0) == 0xE0) {
      cp = b & 0x0F;
      len = 3;
    } else if ((b & 0xF8) == 0xF0) {
      cp = b & 0x07;
      len = 4;
    } else {
      return core::Error("invalid UTF-8 at byte " + std::to_string(i));
    }
    if (i + len > s.size()) return core::Error("truncated UTF-8 at byte " + std::to_string(i));
    for (std::size_t k = 1; k < len; ++k) {
      const auto c = static_cast<unsigned char>(s[i + k]);
      if ((c & 0xC0) != 0x80) return core::Error("invalid UTF-8 at byte " + std::to_string(i + k));
      cp = (cp << 6) | (c & 0x3F);
    }
    if (cp > 0xFF) {
      char buf[16];
      std::snprintf(buf, sizeof buf, "U+%04X", static_cast<unsigned>(cp));
      return core::Error(std::string("code point ") + buf +
                         " is above U+00FF: header bytes are written as \\u0000-\\u00ff escapes, one per byte");
    }
    out.push_back(static_cast<char>(cp));
    i += len;
  }
  return out;
}

std::string IsomorphicDecode(std::string_view bytes) {
  std::string out;
  out.reserve(bytes.size());
  for (char c : bytes) {
    const auto b = static_cast<unsigned char>(c);
    if (b < 0x80) {
      out.push_back(c);
    } else {
      out.push_back(static_cast<char>(0xC0 | (b >> 6)));
      out.push_back(static_cast<char>(0x80 | (b & 0x3F)));
    }
  }
  return out;
}

std::string EscapePointer(std::string_view token) {
  std::string out;
  for (char c : token) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out.push_back(c);
    }
  }
  return out;
}

core::Result<std::vector<std::string>> ListJsonFiles(const std::vector<std::string>& paths) {
  std::vector<std::string> files;
  for (const std::string& p : paths) {
    std::error_code ec;
    if (std::filesystem::is_directory(p, ec)) {
      std::vector<std::string> found;
      for (const auto& entry : std::filesystem::directory_iterator(p, ec)) {
        if (entry.path().extension() == ".json") found.push_back(entry.path().string());
      }
      if (found.empty()) return core::Error(p + ": no *.json files in this directory");
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::exists(p, ec)) {
      files.push_back(p);
    } else {
      return core::Error(p + ": no such file or directory");
    }
  }
  return files;
}

core::Result<std::string> ReadFile(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::Error(path + ": cannot open file");
  std::string out;
  char buf[65536];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<std::size_t>(in.gcount()));
    if (out.size() > max_bytes) return core::Error(path + ": file is larger than " + std::to_string(max_bytes) + " bytes");
  }
  if (in.bad()) return core::Error(path + ": read error");
  return out;
}

}  // namespace corscheck::cases
