// The browser: runs one fetch() through main fetch, CORS-preflight fetch, the CORS check and
// redirects, against the answers a FetchScenario provides, and returns what the browser would do.
// The preflight cache and the clock persist across fetches of one Browser.
// https://fetch.spec.whatwg.org/#main-fetch
#pragma once

#include "model/preflight_cache.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::model {

class Browser {
 public:
  explicit Browser(const Profile& profile) : profile_(&profile), cache_(profile) {}

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
