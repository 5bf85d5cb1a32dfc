#include "adapter_differential.h"

#include <algorithm>

#include "runner/campaign.h"
#include "runner/runner.h"
#include "target/factory.h"

namespace corscheck::fuzz {
namespace {

// Choices from the front of the input, like FuzzedDataProvider (which gcc builds lack): running
// out of bytes yields zeros, so every input is a valid scenario.
class ByteReader {
 public:
  ByteReader(const std::uint8_t* data, std::size_t size) : data_(data), size_(size) {}
  std::uint8_t Byte() { return pos_ < size_ ? data_[pos_++] : 0; }
  bool ConsumeBool() { return Byte() & 1; }
  std::uint64_t ConsumeU64() {
    std::uint64_t v = 0;
    for (int i = 0; i < 8; ++i) v = (v << 8) | Byte();
    return v;
  }
  std::size_t Below(std::size_t n) { return n ? Byte() % n : 0; }
  std::string String(std::size_t max) {
    const std::size_t wanted = Below(max + 1);  // consumes a byte: read it before the rest is measured
    const std::size_t n = std::min<std::size_t>(wanted, size_ - std::min(pos_, size_));
    std::string s(reinterpret_cast<const char*>(data_ + pos_), n);
    pos_ += n;
    return s;
  }

 private:
  const std::uint8_t* data_;
  std::size_t size_;
  std::size_t pos_ = 0;
};

}  // namespace

std::optional<std::string> DifferentialCheck(const std::uint8_t* data, std::size_t size, target::Target& adapter) {
  ByteReader in(data, size);
  const core::Policy policy = target::DemoPolicy();
  runner::Mutator mutator(in.ConsumeU64(), policy);

  runner::Probe exact;
  exact.id = "exact";
  exact.kind = "allowed";
  exact.origin = "https://app.example.com";
  exact.method = "GET";
  exact.path = "/api/items";
  exact.credentials = model::CredentialsMode::kInclude;

  runner::Probe fuzzed = exact;
  const std::size_t mutations = in.Below(4);
  for (std::size_t i = 0; i < mutations; ++i) fuzzed = mutator.Mutate(fuzzed);
  if (in.Below(4) == 0) fuzzed.origin = in.String(120);  // raw bytes, any shape
  if (in.ConsumeBool()) {
    const char* kMethods[] = {"GET", "POST", "PUT", "DELETE", "PATCH", "patch", "OPTIONS", "HEAD"};
    fuzzed.method = kMethods[in.Below(std::size(kMethods))];
  }
  const std::size_t headers = in.Below(4);
  for (std::size_t i = 0; i < headers; ++i) {
    std::string name = in.String(24);
    if (name.empty()) name = "X-Fuzz";
    fuzzed.headers.Append(name, in.String(64));
  }
  fuzzed.credentials = in.ConsumeBool() ? model::CredentialsMode::kInclude : model::CredentialsMode::kOmit;
  const char* kPaths[] = {"/api/items", "/status/404", "/status/500"};
  const std::size_t path = in.Below(3);
  fuzzed.path = kPaths[path];
  fuzzed.error_path = path != 0;
  fuzzed.origin_sendable = core::ParseSerializedOrigin(fuzzed.origin).has_value();

  runner::Probe none = exact;
  none.id = "none";
  none.kind = "no-origin";
  none.origin = "";
  none.mode = model::RequestMode::kNoCors;

  runner::RunOptions options;
  options.base_url = "https://api.example.test";
  options.concurrency = 1;
  std::vector<runner::ProbeResult> results;
  for (const runner::Probe& p : {fuzzed, exact, none}) results.push_back(runner::RunProbe(adapter, p, policy, options));
  for (const runner::Finding& f : runner::EvaluateRules(results, policy, model::GetProfile(model::ProfileId::kChromium))) {
    if (f.severity >= runner::Severity::kLow) return f.rule_id + ": " + f.message;
  }
  return std::nullopt;
}

}  // namespace corscheck::fuzz
