// Each fault of the reference server is found by the differential driver within a bounded number
// of deterministic pseudo-random inputs, and the correct server survives the same inputs.
#include <gtest/gtest.h>

#include <vector>

#include "adapter_differential.h"
#include "target/factory.h"
#include "target/reference.h"

namespace corscheck::fuzz {
namespace {

constexpr int kBudget = 3000;  // inputs per fault

std::vector<std::uint8_t> Input(std::uint64_t i) {
  std::vector<std::uint8_t> bytes(96);
  std::uint64_t x = i * 0x9E3779B97F4A7C15ULL + 12345;
  for (auto& b : bytes) {
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    b = static_cast<std::uint8_t>(x);
  }
  return bytes;
}

std::unique_ptr<target::Target> Reference(const std::string& fault) {
  target::TargetOptions o;
  o.adapter.policy = target::DemoPolicy();
  if (!fault.empty()) o.adapter.options = {fault};
  auto made = target::MakeTarget("adapter:reference", o);
  return std::move(*made);
}

TEST(AdapterDifferentialTest, CorrectServerSurvivesTheBudget) {
  auto t = Reference("");
  for (int i = 0; i < kBudget; ++i) {
    const auto bytes = Input(static_cast<std::uint64_t>(i));
    const auto v = DifferentialCheck(bytes.data(), bytes.size(), *t);
    ASSERT_FALSE(v) << "input " << i << ": " << *v;
  }
}

TEST(AdapterDifferentialTest, EveryFaultIsFoundWithinTheBudget) {
  for (target::Fault fault : target::AllFaults()) {
    SCOPED_TRACE(std::string(target::Name(fault)));
    auto t = Reference(std::string(target::Name(fault)));
    int found_at = -1;
    for (int i = 0; i < kBudget && found_at < 0; ++i) {
      const auto bytes = Input(static_cast<std::uint64_t>(i));
      if (DifferentialCheck(bytes.data(), bytes.size(), *t)) found_at = i;
    }
    EXPECT_GE(found_at, 0) << "not found within " << kBudget << " inputs";
  }
}

}  // namespace
}  // namespace corscheck::fuzz
