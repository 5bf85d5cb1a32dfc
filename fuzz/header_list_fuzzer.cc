// Property: the header-list primitives keep their invariants on any bytes, in linear work:
//  * DecodeAndSplit (Fetch "get, decode, and split", PARSE-GDS): items are trimmed of HTTP tab or
//    space; without quotes it is exactly a split on ',' with each item trimmed (empty items kept);
//  * SplitList (#list, PARSE-CR-ALLOWLIST): no empty element, none holds ',' or outer whitespace,
//    and it equals DecodeAndSplit minus its empty items when the value has no quote;
//  * HeaderList::Get (PARSE-GET-COMBINE): absent iff no line has the name, else the trimmed values
//    joined with ", "; GetDecodeSplit == DecodeAndSplit(Get);
//  * AccessControlRequestHeadersValue (PREFLIGHT-ACRH-FORMAT) on a list whose names are tokens (the
//    only lists fetch() builds): names sorted, lower-case, unique, non-empty tokens joined by ","
//    with no space, and exactly the set of CorsUnsafeRequestHeaderNames — under every profile.
// Work and memory stay linear in the input (thousands of commas or lines): the checks below do
// no per-pair work, and header_list_bounds_test runs a 1 MB comma-only input with counted
// allocations.
// Input: VALUE "\n~~\n" LINES ("name:value" per line), capped at 64 KiB.
#include "header_list_fuzzer.h"

#include <algorithm>
#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "core/ascii.h"
#include "core/header_list.h"
#include "fuzz_util.h"
#include "model/profile.h"
#include "model/request_rules.h"

namespace corscheck::fuzz {
namespace {

using core::HeaderList;

bool IsTrimmed(std::string_view s) {
  return s.empty() || (!core::IsHttpTabOrSpace(s.front()) && !core::IsHttpTabOrSpace(s.back()));
}

std::vector<std::string_view> NaiveCommaSplit(std::string_view value) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (true) {
    const std::size_t comma = value.find(',', start);
    out.push_back(core::TrimHttpWhitespace(value.substr(start, comma == std::string_view::npos ? comma : comma - start)));
    if (comma == std::string_view::npos) return out;
    start = comma + 1;
  }
}

void CheckValue(std::string_view value) {
  const std::vector<std::string> items = core::DecodeAndSplit(value);
  FUZZ_CHECK(!items.empty(), "DecodeAndSplit yields at least one item");
  std::size_t total = 0;
  for (const std::string& item : items) {
    FUZZ_CHECK(IsTrimmed(item), "DecodeAndSplit items carry no outer tab or space");
    total += item.size();
  }
  FUZZ_CHECK(total <= value.size(), "DecodeAndSplit never creates bytes");

  const std::vector<std::string_view> list = core::SplitList(value);
  for (std::string_view element : list) {
    FUZZ_CHECK(!element.empty(), "SplitList drops empty elements");
    FUZZ_CHECK(IsTrimmed(element), "SplitList elements carry no outer tab or space");
    FUZZ_CHECK(element.find(',') == std::string_view::npos, "SplitList elements hold no comma");
  }

  if (value.find('"') == std::string_view::npos) {
    const std::vector<std::string_view> naive = NaiveCommaSplit(value);
    FUZZ_CHECK(naive.size() == items.size(), "without quotes DecodeAndSplit splits on every comma");
    for (std::size_t i = 0; i < naive.size(); ++i) {
      FUZZ_CHECK(naive[i] == items[i], "without quotes DecodeAndSplit items are the trimmed comma pieces");
    }
    std::size_t j = 0;
    for (std::string_view piece : naive) {
      if (piece.empty()) continue;
      FUZZ_CHECK(j < list.size() && list[j] == piece, "SplitList is DecodeAndSplit without empty items");
      ++j;
    }
    FUZZ_CHECK(j == list.size(), "SplitList has no extra elements");
  }
}

HeaderList ParseLines(std::string_view lines, bool tokens_only) {
  HeaderList out;
  std::size_t start = 0;
  while (start < lines.size()) {
    std::size_t end = lines.find('\n', start);
    if (end == std::string_view::npos) end = lines.size();
    const std::string_view line = lines.substr(start, end - start);
    start = end + 1;
    const std::size_t colon = line.find(':');
    const std::string_view name = line.substr(0, colon);
    const std::string_view value = colon == std::string_view::npos ? std::string_view() : line.substr(colon + 1);
    if (tokens_only && !core::IsToken(name)) continue;
    out.Append(std::string(name), std::string(value));
  }
  return out;
}

void CheckGet(const HeaderList& headers, std::string_view name) {
  const auto got = headers.Get(name);
  FUZZ_CHECK(got.has_value() == headers.Contains(name), "Get is absent iff no line has the name");
  if (!got) {
    FUZZ_CHECK(!headers.GetDecodeSplit(name).has_value(), "GetDecodeSplit is absent iff Get is");
    return;
  }
  std::string joined;
  bool first = true;
  for (const std::string& v : headers.Values(name)) {
    if (!first) joined += ", ";
    first = false;
    joined += v;
  }
  FUZZ_CHECK(*got == joined, "Get joins the trimmed values with \", \"");
  const auto split = headers.GetDecodeSplit(name);
  FUZZ_CHECK(split && *split == core::DecodeAndSplit(*got), "GetDecodeSplit == DecodeAndSplit(Get)");
}

void CheckAcrh(const HeaderList& headers) {
  for (const model::Profile& profile : model::AllProfiles()) {
    const std::string acrh = model::AccessControlRequestHeadersValue(headers, profile);
    const std::vector<std::string> unsafe = model::CorsUnsafeRequestHeaderNames(headers, profile);
    const std::set<std::string> expected(unsafe.begin(), unsafe.end());
    FUZZ_CHECK(acrh.empty() == expected.empty(), "ACRH is empty iff no header is CORS-unsafe");
    if (acrh.empty()) continue;
    std::size_t count = 0;
    std::string_view previous;
    std::size_t start = 0;
    const std::string_view view = acrh;
    while (start <= view.size()) {
      std::size_t comma = view.find(',', start);
      if (comma == std::string_view::npos) comma = view.size();
      const std::string_view name = view.substr(start, comma - start);
      start = comma + 1;
      FUZZ_CHECK(core::IsToken(name), "every ACRH name is a non-empty token (no space, no empty element)");
      FUZZ_CHECK(core::ToLower(name) == name, "ACRH names are lower-case");
      FUZZ_CHECK(count == 0 || previous < name, "ACRH names are sorted and unique");
      FUZZ_CHECK(expected.count(std::string(name)) == 1, "ACRH lists only CORS-unsafe names");
      previous = name;
      ++count;
    }
    FUZZ_CHECK(count == expected.size(), "ACRH lists every CORS-unsafe name once");
  }
}

}  // namespace

void CheckHeaderListProperties(std::string_view input) {
  const std::vector<std::string_view> parts = SplitParts(input, 2);
  CheckValue(parts[0]);
  const std::string_view lines = parts.size() > 1 ? parts[1] : std::string_view();

  const HeaderList raw = ParseLines(lines, false);
  // Get on a bounded set of names: one Get per distinct name would be quadratic in the lines.
  std::vector<std::string> names = {"access-control-request-headers", "Content-Type", "x-a", ""};
  for (std::size_t i = 0; i < raw.size() && i < 4; ++i) names.push_back(raw.entries()[i].name);
  for (const std::string& name : names) CheckGet(raw, name);
  for (const model::Profile& profile : model::AllProfiles()) {
    (void)model::AccessControlRequestHeadersValue(raw, profile);  // any names: no crash
  }
  CheckAcrh(ParseLines(lines, true));
  // The value itself as the one Access-Control-Request-Headers line a server would see.
  HeaderList single;
  single.Append("Access-Control-Request-Headers", std::string(parts[0]));
  CheckGet(single, "access-control-request-headers");
}

}  // namespace corscheck::fuzz

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  corscheck::fuzz::CheckHeaderListProperties(corscheck::fuzz::AsView(data, size));
  return 0;
}
