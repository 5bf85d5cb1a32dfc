// The header list is where duplicate CORS headers meet: "get" joins them with ", " so that two
// ACAO lines can never equal an origin (PARSE-GET-COMBINE), and "get, decode, and split" is what
// the X-HTTP-Method-Override family is judged by (PARSE-GDS).
#include "core/header_list.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/ascii.h"

namespace corscheck::core {
namespace {

using Strings = std::vector<std::string>;

TEST(HeaderListTest, GetIsCaseInsensitiveAndNulloptWhenAbsent) {
  // An absent header and an empty one are different verdicts (CHECK-ACAO-REQUIRED).
  const HeaderList list{{"Access-Control-Allow-Origin", "*"}, {"X-Empty", ""}};
  EXPECT_EQ(list.Get("access-control-allow-origin"), "*");
  EXPECT_EQ(list.Get("ACCESS-CONTROL-ALLOW-ORIGIN"), "*");
  EXPECT_EQ(list.Get("x-empty"), "");
  EXPECT_EQ(list.Get("access-control-allow-credentials"), std::nullopt);
}

TEST(HeaderListTest, GetCombinesDuplicatesWithCommaSpaceInOrder) {
  struct Case {
    const char* why;
    HeaderList list;
    const char* name;
    std::optional<std::string> combined;
  };
  static const Case kCases[] = {
      {"two ACAO lines arrive as one value that matches no origin",
       {{"Access-Control-Allow-Origin", "https://a.example"}, {"access-control-allow-origin", "https://b.example"}},
       "Access-Control-Allow-Origin", "https://a.example, https://b.example"},
      {"two ACAC: true lines become 'true, true', which fails CHECK-ACAC",
       {{"Access-Control-Allow-Credentials", "true"}, {"Access-Control-Allow-Credentials", "true"}},
       "access-control-allow-credentials", "true, true"},
      {"outer whitespace of each line is gone before joining (PARSE-VALUE-TRIM)",
       {{"A", "  x \t"}, {"a", "\ty  "}}, "a", "x, y"},
      {"inner whitespace is kept", {{"A", " x  y "}}, "a", "x  y"},
      {"other headers in between do not break the order", {{"A", "1"}, {"B", "2"}, {"A", "3"}}, "a", "1, 3"},
      {"empty lines still contribute a separator", {{"A", ""}, {"A", "bb-8"}}, "a", ", bb-8"},
      {"absent header", {{"B", "2"}}, "a", std::nullopt},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(c.why);
    EXPECT_EQ(c.list.Get(c.name), c.combined);
  }
}

TEST(HeaderListTest, ValuesReturnsOneTrimmedValuePerLine) {
  // Gecko counts ACAO lines (PARSE-GET-COMBINE [FF]); Values keeps them apart for that.
  const HeaderList list{{"A", " 1 "}, {"B", "x"}, {"a", "2, 3"}, {"A", ""}};
  EXPECT_EQ(list.Values("a"), (Strings{"1", "2, 3", ""}));
  EXPECT_TRUE(list.Values("c").empty());
}

TEST(HeaderListTest, CountAndContainsAreCaseInsensitive) {
  const HeaderList list{{"Location", "/x"}, {"LOCATION", "/y"}, {"Vary", "Origin"}};
  EXPECT_EQ(list.Count("location"), 2u);
  EXPECT_TRUE(list.Contains("vary"));
  EXPECT_FALSE(list.Contains("origin"));  // a value is not a name
  EXPECT_EQ(list.size(), 3u);
  EXPECT_FALSE(list.empty());
  EXPECT_TRUE(HeaderList().empty());
}

TEST(HeaderListTest, SetReplacesEveryLineOfThatName) {
  HeaderList list{{"A", "1"}, {"B", "2"}, {"a", "3"}};
  list.Set("A", "4");
  EXPECT_EQ(list, (HeaderList{{"B", "2"}, {"A", "4"}}));
}

TEST(HeaderListTest, RemoveDeletesEveryLineOfThatName) {
  // REDIR-AUTHZ-STRIP removes Authorization however it was spelled.
  HeaderList list{{"Authorization", "x"}, {"B", "2"}, {"AUTHORIZATION", "y"}};
  list.Remove("authorization");
  EXPECT_EQ(list, (HeaderList{{"B", "2"}}));
}

TEST(HeaderListTest, AppendKeepsDuplicatesAndCase) {
  // Order, duplicates and case matter to header checks (CONVENTIONS: headers are [name, value] lists).
  HeaderList list;
  list.Append("X-A", "1");
  list.Append("x-a", "2");
  EXPECT_EQ(list.entries(), (std::vector<Header>{{"X-A", "1"}, {"x-a", "2"}}));
}

TEST(HeaderListTest, CombineAppendsToTheFirstLineOrAddsOne) {
  // Fetch "combine" is what Headers.append() does in browsers (one entry per name), so two
  // appended Accept values are judged together against the 128-byte and unsafe-byte rules.
  HeaderList list{{"Accept", "a"}, {"X", "1"}, {"accept", "b"}};
  list.Combine("ACCEPT", "c");
  list.Combine("New", "n");
  EXPECT_EQ(list, (HeaderList{{"Accept", "a, c"}, {"X", "1"}, {"accept", "b"}, {"New", "n"}}));
}

TEST(HeaderListTest, DecodeAndSplitFollowsFetchVectors) {
  // PARSE-GDS, with the examples from FETCH #concept-header-list-get-decode-split.
  struct Case {
    std::string_view value;
    Strings items;
  };
  static const Case kCases[] = {
      {"nosniff,", {"nosniff", ""}},  // empty items are kept
      {"\"1,2\", 3", {"\"1,2\"", "3"}},  // quoted strings keep their quotes and commas
      {"", {""}},
      {"text/html;\", x/x", {"text/html;\", x/x"}},  // an unterminated quote runs to the end
      {"x/x;test=\"hi\",y/y", {"x/x;test=\"hi\"", "y/y"}},
      {"x / x,,,1", {"x / x", "", "", "1"}},  // inner whitespace stays; only item edges are trimmed
      {" \tPUT\t , TRACE ", {"PUT", "TRACE"}},
      {"\"a\\\",b\", c", {"\"a\\\",b\"", "c"}},  // a backslash escapes the quote inside a string
      {",", {"", ""}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.value));
    EXPECT_EQ(DecodeAndSplit(c.value), c.items);
  }
}

TEST(HeaderListTest, GetDecodeSplitCombinesLinesBeforeSplitting) {
  // FETCH example: `A: text/html;"` and `A: x/x` combine to `text/html;", x/x`, one item, because
  // the quote opened on the first line swallows the separator.
  const HeaderList quoted{{"A", "text/html;\""}, {"A", "x/x"}};
  EXPECT_EQ(quoted.GetDecodeSplit("a"), (Strings{"text/html;\", x/x"}));
  // FETCH example: `A: "1,2"`, `D: 4`, `A: 3` gives ["\"1,2\"", "3"].
  const HeaderList interleaved{{"A", "\"1,2\""}, {"D", "4"}, {"A", "3"}};
  EXPECT_EQ(interleaved.GetDecodeSplit("a"), (Strings{"\"1,2\"", "3"}));
  EXPECT_EQ(HeaderList({{"A", ""}}).GetDecodeSplit("a"), (Strings{""}));
  EXPECT_EQ(interleaved.GetDecodeSplit("b"), std::nullopt);
}

TEST(HeaderListTest, SplitListDropsEmptyElementsAndTrims) {
  // The RFC 9110 `#` rule tolerates empty elements and OWS around commas (PARSE-EXTRACT), and
  // does not treat quotes specially: a quoted element then fails IsToken.
  struct Case {
    std::string_view value;
    std::vector<std::string_view> items;
  };
  static const Case kCases[] = {
      {",,PUT, GET", {"PUT", "GET"}},
      {"GET, ", {"GET"}},
      {"", {}},
      {", GET, POST, ,", {"GET", "POST"}},
      {"   a ,  b ", {"a", "b"}},
      {"\ta\t,\tb", {"a", "b"}},
      {"bad value", {"bad value"}},
      {"\"a,b\"", {"\"a", "b\""}},
      {",", {}},
  };
  for (const Case& c : kCases) {
    SCOPED_TRACE(EscapeForDisplay(c.value));
    EXPECT_EQ(SplitList(c.value), c.items);
  }
}

}  // namespace
}  // namespace corscheck::core
