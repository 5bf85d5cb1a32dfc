// The Chromium oracle: runs browser-model cases in a real headless Chromium and reports, per case
// and step, what the browser did (observed on the wire by the per-case responder, in the Network
// and Audits domains, and by the page's script), and how that compares with the model.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cases/model_case.h"
#include "core/header_list.h"
#include "core/result.h"

namespace corscheck::browser {

struct ObservedRequest {
  std::string method;
  std::string url;
  bool preflight = false;
  std::optional<std::string> origin;
  std::optional<std::string> acrm;
  std::optional<std::string> acrh;
};

// One fetch as Chromium performed it.
struct ObservedFetch {
  bool allowed = false;                 // the promise resolved (XHR: load fired)
  std::optional<std::string> error;     // CorsError name, RequestRejected, TooManyRedirects, ... or "net::ERR_*"
  std::string failed_parameter;
  std::string type;                     // response.type script sees (empty for XHR)
  int status = 0;
  std::string body;
  core::HeaderList visible_headers;     // every header script can read, names lower-case
  std::vector<ObservedRequest> requests;  // what reached the responder, in order
  std::string console;                  // Chromium's CORS console message, if any
  std::string script_message;           // the TypeError text, when rejected
  bool preflight_sent() const;
};

struct CaseRun {
  const cases::ModelCase* model_case = nullptr;
  std::vector<ObservedFetch> steps;
  // Set when the case could not be run to the end (Chromium crashed, hung, a page failed):
  // a harness failure for this case only.
  std::optional<std::string> error;
  double seconds = 0;
};

struct OracleOptions {
  std::string chromium = "/usr/bin/chromium";
  // Cases run concurrently, each alone on its own URLs; followups sleep for real.
  std::size_t parallel = 8;
  std::chrono::milliseconds fetch_timeout{15000};
  // How long to wait for DevTools to report why a rejected fetch failed.
  std::chrono::milliseconds event_timeout{3000};
  // Restart Chromium after this many cases (0: never); bounds its memory on long runs.
  std::size_t cases_per_browser = 0;
};

struct OracleRun {
  std::string chromium_version;  // "Chrome/156.0.8078.108"
  std::vector<CaseRun> cases;    // in the order given
  double seconds = 0;
  std::size_t browser_starts = 0;
  std::size_t unrouted_requests = 0;
};

// Starts the servers and Chromium, runs every case, and stops everything. An Error only when
// nothing can run (no Chromium, no listening socket); a browser that dies mid-run costs the
// affected cases an error each and is restarted for the rest.
core::Result<OracleRun> RunInChromium(const std::vector<cases::ModelCase>& cases, const OracleOptions& options);

// One field where the model and Chromium differ.
struct Difference {
  std::size_t step = 0;
  std::string field;  // allowed, error, failed_parameter, preflight, type, status, request_headers.*, exposed_headers
  std::string model;
  std::string chromium;
};

// Compares the model's verdict of one step with what Chromium did. Exposed headers are compared
// on the names the step's final response declares (a real server adds Date and the like).
std::vector<Difference> CompareStep(const cases::Step& step, const model::FetchVerdict& verdict,
                                    const ObservedFetch& observed, std::size_t step_index);

}  // namespace corscheck::browser
