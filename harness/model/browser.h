// The browser: runs one fetch() through main fetch, CORS-preflight fetch, the CORS check and
// redirects, against the answers a FetchScenario provides, and returns what the browser would do.
// The preflight cache and the clock persist across fetches of one Browser.
// https://fetch.spec.whatwg.org/#main-fetch
#pragma once

#include "model/preflight_cache.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::model {

// Where the browser's requests go. The model asks for one answer per request it sends, in order;
// `hop` counts the redirects followed so far. A case table answers from its data
// (ScenarioNetwork); the runner answers from a live target. Never called concurrently.
struct NetworkAnswer {
  std::optional<ServerResponse> response;
  std::string failure;  // why there is no response (a missing case answer, a transport error)
};

class Network {
 public:
  virtual ~Network() = default;
  virtual NetworkAnswer Answer(const SentRequest& request, std::size_t hop) = 0;
};

// Answers from a FetchScenario: preflights from `preflight_response` (or the hop's own), actual
// requests from `redirects[hop]`, then `response`.
class ScenarioNetwork final : public Network {
 public:
  explicit ScenarioNetwork(const FetchScenario& scenario) : s_(&scenario) {}
  NetworkAnswer Answer(const SentRequest& request, std::size_t hop) override;

 private:
  const FetchScenario* s_;
};

class Browser {
 public:
  explicit Browser(const Profile& profile) : profile_(&profile), cache_(profile) {}

  // One fetch() from a page at `page_origin`; every server answer comes from `network`. When the
  // network has no answer, the verdict carries `scenario_error` (the fetch is a network error).
  FetchVerdict Fetch(const core::Origin& page_origin, const FetchRequest& request, Network& network);
  FetchVerdict Fetch(const FetchScenario& scenario);
  void AdvanceClock(double seconds) { now_ += seconds; }
  const Profile& profile() const { return *profile_; }

 private:
  const Profile* profile_;
  PreflightCache cache_;
  double now_ = 0;
};

// One fetch with a fresh browser.
FetchVerdict Evaluate(const FetchScenario& scenario, const Profile& profile);

}  // namespace corscheck::model
