// Bounded work on adversarial header lists (issue 5; a Go CORS library spent 121 MB on one
// preflight whose Access-Control-Request-Headers was thousands of commas). The header_list fuzz
// target's property check runs on 1 MB inputs; instead of a wall-clock limit (flaky on a shared
// 2-core machine) the test counts heap allocations and allocated bytes, which are deterministic,
// and requires them to grow linearly: 1 MB of input may cost at most a fixed number of bytes per
// input byte, and doubling the input may at most double the work (plus slack).
// Built only without sanitizers: ASan and UBSan replace operator new themselves.
#include <gtest/gtest.h>

#include <cstdlib>
#include <new>
#include <string>

#include "header_list_fuzzer.h"

namespace {

bool g_counting = false;
std::size_t g_allocations = 0;
std::size_t g_bytes = 0;

struct Work {
  std::size_t allocations;
  std::size_t bytes;
};

Work Measure(const std::string& input) {
  g_allocations = 0;
  g_bytes = 0;
  g_counting = true;
  corscheck::fuzz::CheckHeaderListProperties(input);
  g_counting = false;
  return {g_allocations, g_bytes};
}

std::string Repeat(std::string_view unit, std::size_t total) {
  std::string out;
  while (out.size() + unit.size() <= total) out += unit;
  return out;
}

// Every input shape the issue names: a comma-only ACRH value, comma-only header lines, many
// header lines, and quotes that never close.
void ExpectLinear(std::string_view name, const std::string& half, const std::string& full) {
  SCOPED_TRACE(std::string(name));
  const Work a = Measure(half);
  const Work b = Measure(full);
  // Generous: 1 KiB allocated in total per input byte. One DecodeAndSplit of a comma-only value is
  // a std::string per comma (32 bytes, doubled by vector growth), and the check runs it and the
  // other primitives several times: about 450 bytes per byte today. Quadratic work would need
  // ~10^6 bytes per byte at this size, and fails the growth checks below first.
  EXPECT_LE(b.bytes, 1024 * full.size()) << "allocated bytes for " << full.size() << " input bytes";
  EXPECT_LE(b.allocations, 8 * full.size() + 1000) << "allocations";
  EXPECT_LE(b.bytes, 3 * a.bytes + 4096) << "bytes grow faster than the input";
  EXPECT_LE(b.allocations, 3 * a.allocations + 1000) << "allocations grow faster than the input";
}

constexpr std::size_t kMiB = 1 << 20;

TEST(HeaderListBoundsTest, CommaOnlyValueIsLinear) {
  ExpectLinear("commas", std::string(kMiB / 2, ','), std::string(kMiB, ','));
}

TEST(HeaderListBoundsTest, CommaOnlyHeaderLinesAreLinear) {
  ExpectLinear("acrh lines", "\n~~\n" + Repeat("access-control-request-headers:,,,,\n", kMiB / 2),
               "\n~~\n" + Repeat("access-control-request-headers:,,,,\n", kMiB));
}

TEST(HeaderListBoundsTest, ManyUnsafeHeaderLinesAreLinear) {
  ExpectLinear("unsafe lines", "\n~~\n" + Repeat("x-a:1\nX-B:2\n", kMiB / 2), "\n~~\n" + Repeat("x-a:1\nX-B:2\n", kMiB));
}

TEST(HeaderListBoundsTest, UnclosedQuotesAreLinear) {
  ExpectLinear("quotes", Repeat(",\"\\", kMiB / 2), Repeat(",\"\\", kMiB));
}

}  // namespace

void* operator new(std::size_t n) {
  if (g_counting) {
    ++g_allocations;
    g_bytes += n;
  }
  if (void* p = std::malloc(n == 0 ? 1 : n)) return p;
  throw std::bad_alloc();
}
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, std::size_t) noexcept { std::free(p); }
