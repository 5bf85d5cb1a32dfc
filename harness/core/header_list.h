// Fetch's header list: ordered (name, value) byte pairs, duplicates kept, names compared
// ASCII case-insensitively (https://fetch.spec.whatwg.org/#concept-header-list).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace corscheck::core {

struct Header {
  std::string name;
  std::string value;
  friend bool operator==(const Header&, const Header&) = default;
};

class HeaderList {
 public:
  HeaderList() = default;
  HeaderList(std::initializer_list<Header> headers) : headers_(headers) {}

  void Append(std::string name, std::string value);
  // Removes every header named `name`, then appends one (Fetch "set").
  void Set(std::string_view name, std::string value);
  void Remove(std::string_view name);
  // Fetch "combine": appends ", " + value to the first header named `name`, or appends a header.
  // https://fetch.spec.whatwg.org/#concept-header-list-combine
  void Combine(std::string name, std::string value);
  bool Contains(std::string_view name) const;
  std::size_t Count(std::string_view name) const;
  bool empty() const { return headers_.empty(); }
  std::size_t size() const { return headers_.size(); }
  const std::vector<Header>& entries() const { return headers_; }
  auto begin() const { return headers_.begin(); }
  auto end() const { return headers_.end(); }

  // Fetch "get": every value named `name`, outer whitespace stripped (PARSE-VALUE-TRIM), joined
  // with ", " in order (PARSE-GET-COMBINE). nullopt when absent.
  // https://fetch.spec.whatwg.org/#concept-header-list-get
  std::optional<std::string> Get(std::string_view name) const;
  // The stripped values of each line named `name`, one per line.
  std::vector<std::string> Values(std::string_view name) const;
  // Fetch "get, decode, and split" (PARSE-GDS).
  // https://fetch.spec.whatwg.org/#concept-header-list-get-decode-split
  std::optional<std::vector<std::string>> GetDecodeSplit(std::string_view name) const;

  friend bool operator==(const HeaderList&, const HeaderList&) = default;

 private:
  std::vector<Header> headers_;
};

// "get, decode, and split" applied to one value: splits on commas outside double-quoted strings,
// keeps quotes, trims HTTP tab or space from each item, keeps empty items.
std::vector<std::string> DecodeAndSplit(std::string_view value);

// Splits an RFC 9110 #list value on commas, trims each element and drops empty ones (the `#` rule
// tolerates empty elements). Quoted strings are not special: the CORS list headers hold tokens.
std::vector<std::string_view> SplitList(std::string_view value);

}  // namespace corscheck::core
