// The CORS-preflight cache (digest §1.H CACHE-*), in the two shapes engines use: the spec's
// per-method/per-header entries that add up (Firefox too), and Chromium's one result per
// (origin, URL), replaced by each preflight (WebKit too). Time is injected: `now` in seconds.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/header_list.h"
#include "model/cors_check.h"
#include "model/profile.h"
#include "model/types.h"

namespace corscheck::model {

class PreflightCache {
 public:
  explicit PreflightCache(const Profile& profile) : profile_(&profile) {}

  // True when a cached result covers `method` and every CORS-unsafe header of `headers`, so no
  // preflight goes out. Chromium erases an expired or insufficient result on lookup.
  bool CanSkipPreflight(const std::string& origin, const std::string& url, CredentialsMode credentials,
                        const std::string& method, const core::HeaderList& headers, bool use_preflight,
                        double now);
  void Store(const std::string& origin, const std::string& url, const PreflightResult& result, double now);
  // PFR-FAILURE-CACHE-CLEAR
  void Clear(const std::string& origin, const std::string& url);
  std::size_t size() const { return results_.size() + entries_.size(); }

 private:
  struct Result {  // kReplacePerUrl
    std::string origin, url;
    PreflightResult result;
    double expiry;
  };
  struct Entry {  // kPerEntry
    std::string origin, url;
    bool credentials;
    bool is_method;
    std::string name;  // method (case kept) or lower-case header name
    double expiry;
  };
  bool EntryMatches(const Entry& e, const std::string& origin, const std::string& url,
                    CredentialsMode credentials, double now) const;

  const Profile* profile_;
  std::vector<Result> results_;
  std::vector<Entry> entries_;
};

}  // namespace corscheck::model
