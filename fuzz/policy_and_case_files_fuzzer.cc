// Property: hostile JSON through the loaders ends in a value or a clean error, never a crash or
// an escaping exception (Conventions "Errors": JSON is parsed without exceptions escaping the
// loader), and what a loader accepts survives its own writer:
//  * ParsePolicy: an accepted policy, written by SerializePolicy, parses back to the same policy;
//  * ParseModelCases: accepted cases run through the model under every profile without a crash;
//  * DecodeAdapterResponse / DecodeAdapterRequest (process-adapter protocol v1): an accepted
//    message re-encoded by EncodeAdapterResponse / EncodeAdapterRequest decodes to the same
//    message (header and body bytes are isomorphic strings both ways); a response status is
//    100..999.
// Input: the raw bytes are the file or line under test (capped at 64 KiB).
#include <cstdint>
#include <string>

#include "cases/adapter_protocol.h"
#include "cases/model_case.h"
#include "cases/policy_loader.h"
#include "fuzz_util.h"
#include "model/profile.h"

namespace {

namespace cases = corscheck::cases;
namespace core = corscheck::core;

bool SamePolicy(const core::Policy& a, const core::Policy& b) {
  return a.origins == b.origins && a.origin_patterns == b.origin_patterns && a.credentials == b.credentials &&
         a.methods == b.methods && a.headers == b.headers && a.expose_headers == b.expose_headers &&
         a.max_age == b.max_age && a.private_network == b.private_network;
}

void CheckPolicy(const std::string& text) {
  const auto policy = cases::ParsePolicy(text, "fuzz.json");
  if (!policy) {
    FUZZ_CHECK(!policy.error().message.empty(), "a rejected policy says why");
    return;
  }
  const std::string written = cases::SerializePolicy(*policy);
  const auto again = cases::ParsePolicy(written, "fuzz.json");
  FUZZ_CHECK(again.ok(), "SerializePolicy writes a policy ParsePolicy accepts");
  FUZZ_CHECK(SamePolicy(*policy, *again), "a policy survives SerializePolicy and ParsePolicy");
}

void CheckModelCases(const std::string& text) {
  const auto parsed = cases::ParseModelCases(text, "fuzz.json");
  if (!parsed) {
    FUZZ_CHECK(!parsed.error().message.empty(), "a rejected case file says why");
    return;
  }
  std::size_t steps = 0;
  for (const cases::ModelCase& c : *parsed) steps += c.steps.size();
  if (steps > 64) return;  // bound the work per input
  for (const cases::ModelCase& c : *parsed) {
    for (const corscheck::model::Profile& profile : corscheck::model::AllProfiles()) {
      const cases::CaseOutcome outcome = cases::RunModelCase(c, profile.id);
      FUZZ_CHECK(outcome.verdicts.size() <= c.steps.size(), "one verdict per step at most");
    }
  }
}

void CheckAdapterResponse(const std::string& line) {
  const auto response = cases::DecodeAdapterResponse(7, line);
  if (!response) {
    FUZZ_CHECK(!response.error().message.empty(), "a rejected adapter response says why");
    return;
  }
  FUZZ_CHECK(response->status >= 100 && response->status <= 999, "an adapter response status is 100..999");
  const auto again = cases::DecodeAdapterResponse(7, cases::EncodeAdapterResponse(7, *response));
  FUZZ_CHECK(again.ok(), "an encoded adapter response decodes");
  FUZZ_CHECK(again->status == response->status && again->reason == response->reason &&
                 again->headers == response->headers && again->body == response->body,
             "an adapter response survives encode and decode");
}

void CheckAdapterRequest(const std::string& line) {
  const auto request = cases::DecodeAdapterRequest(line);
  if (!request) {
    FUZZ_CHECK(!request.error().message.empty(), "a rejected adapter request says why");
    return;
  }
  const auto& [id, r] = *request;
  const auto again = cases::DecodeAdapterRequest(cases::EncodeAdapterRequest(id, r));
  FUZZ_CHECK(again.ok(), "an encoded adapter request decodes");
  FUZZ_CHECK(again->first == id, "the request id survives");
  FUZZ_CHECK(again->second.method == r.method && again->second.url == r.url && again->second.headers == r.headers &&
                 again->second.body == r.body,
             "an adapter request survives encode and decode");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size > 64 * 1024) return 0;
  const std::string text(corscheck::fuzz::AsView(data, size));
  CheckPolicy(text);
  CheckModelCases(text);
  CheckAdapterResponse(text);
  CheckAdapterRequest(text);
  return 0;
}
