#include "core/header_list.h"

#include <algorithm>

#include "core/ascii.h"

namespace corscheck::core {

void HeaderList::Append(std::string name, std::string value) {
  headers_.push_back({std::move(name), std::move(value)});
}

void HeaderList::Set(std::string_view name, std::string value) {
  Remove(name);
  Append(std::string(name), std::move(value));
}

void HeaderList::Remove(std::string_view name) {
  std::erase_if(headers_, [&](const Header& h) { return EqualsIgnoreCase(h.name, name); });
}

void HeaderList::Combine(std::string name, std::string value) {
  for (Header& h : headers_) {
    if (EqualsIgnoreCase(h.name, name)) {
      h.value += ", " + value;
      return;
    }
  }
  Append(std::move(name), std::move(value));
}

bool HeaderList::Contains(std::string_view name) const { return Count(name) > 0; }

std::size_t HeaderList::Count(std::string_view name) const {
  return static_cast<std::size_t>(std::count_if(
      headers_.begin(), headers_.end(), [&](const Header& h) { return EqualsIgnoreCase(h.name, name); }));
}

std::vector<std::string> HeaderList::Values(std::string_view name) const {
  std::vector<std::string> out;
  for (const Header& h : headers_) {
    if (EqualsIgnoreCase(h.name, name)) out.emplace_back(TrimHttpWhitespace(h.value));
  }
  return out;
}

std::optional<std::string> HeaderList::Get(std::string_view name) const {
  std::optional<std::string> out;
  for (const Header& h : headers_) {
    if (!EqualsIgnoreCase(h.name, name)) continue;
    if (out) {
      *out += ", ";
    } else {
      out.emplace();
    }
    *out += TrimHttpWhitespace(h.value);
  }
  return out;
}

std::optional<std::vector<std::string>> HeaderList::GetDecodeSplit(std::string_view name) const {
  const std::optional<std::string> value = Get(name);
  if (!value) return std::nullopt;
  return DecodeAndSplit(*value);
}

std::vector<std::string> DecodeAndSplit(std::string_view value) {
  std::vector<std::string> values;
  std::string temporary;
  std::size_t pos = 0;
  while (true) {
    // Collect up to a quote or comma; a quoted string is copied whole, quotes included.
    while (pos < value.size() && value[pos] != '"' && value[pos] != ',') temporary += value[pos++];
    if (pos < value.size() && value[pos] == '"') {
      temporary += value[pos++];
      while (pos < value.size()) {
        const char c = value[pos++];
        temporary += c;
        if (c == '\\' && pos < value.size()) {
          temporary += value[pos++];
        } else if (c == '"') {
          break;
        }
      }
      if (pos < value.size()) continue;
    }
    values.emplace_back(TrimHttpWhitespace(temporary));
    temporary.clear();
    if (pos >= value.size()) break;
    ++pos;  // the comma
  }
  return values;
}

std::vector<std::string_view> SplitList(std::string_view value) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= value.size()) {
    std::size_t comma = value.find(',', start);
    if (comma == std::string_view::npos) comma = value.size();
    std::string_view item = TrimHttpWhitespace(value.substr(start, comma - start));
    if (!item.empty()) out.push_back(item);
    start = comma + 1;
  }
  return out;
}

}  // namespace corscheck::core
