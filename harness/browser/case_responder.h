// The per-case responder: one handler for transport::HttpServer that answers every URL of every
// loaded case exactly as the case says (preflight_response, each redirect hop and the hop's own
// preflight_response, the final response; header lines as written) and records every request it
// receives, so what the browser sent is observed, not assumed. It also serves the pages script
// runs in: a plain page at any origin, and a sandboxed one (opaque origin, "null").
//
// Routing: each case's URLs (the request URL of every step and every Location target) are unique
// across the tables, so a request's URL names its case. Within a step, answers go in order: the
// k-th non-preflight request gets redirects[k] (then response), and a preflight after k answers
// gets the preflight_response of the hop that led there (k = 0: the step's own).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "cases/model_case.h"
#include "core/http.h"

namespace corscheck::browser {

inline constexpr const char* kPagePath = "/__corscheck/page";
inline constexpr const char* kOpaquePagePath = "/__corscheck/opaque-page";

struct RecordedRequest {
  std::string method;
  std::string url;
  core::HeaderList headers;
  // A CORS preflight: OPTIONS with Access-Control-Request-Method.
  bool IsPreflight() const;
};

class CaseResponder {
 public:
  explicit CaseResponder(const std::vector<cases::ModelCase>& cases);

  // Thread-safe: called on the server's thread while workers begin and end steps.
  core::HttpResponse Handle(const core::HttpRequest& request);

  // Answers for `case_index` now come from its step `step`; the record starts empty.
  void BeginStep(std::size_t case_index, std::size_t step);
  // The requests recorded for the case since BeginStep, in arrival order.
  std::vector<RecordedRequest> EndStep(std::size_t case_index);

  // Every http(s) host name and (scheme, port) the cases and their pages use: the certificate's
  // names and the ports Chromium must map to the servers.
  std::set<std::string> HostNames() const;
  std::set<std::pair<std::string, std::uint16_t>> SchemePorts() const;
  // Requests that matched no case and no page (background traffic, favicons).
  std::size_t unrouted() const;
  // Why a case cannot run alone on its URLs (one of them belongs to another case), or empty.
  std::string Conflict(std::size_t case_index) const;

  // The route key of a URL: scheme://host[:port]/path?query, serialized by the URL parser.
  static std::string RouteKey(const std::string& url);

 private:
  struct State {
    std::size_t step = 0;
    std::size_t answered = 0;  // non-preflight answers in this step
    std::vector<RecordedRequest> recorded;
  };
  core::HttpResponse Answer(std::size_t case_index, const RecordedRequest& request);

  const std::vector<cases::ModelCase>* cases_;
  std::map<std::string, std::size_t> routes_;
  std::map<std::size_t, std::string> conflicts_;
  std::set<std::string> hosts_;
  std::set<std::pair<std::string, std::uint16_t>> ports_;
  mutable std::mutex mu_;
  std::vector<State> states_;
  std::size_t unrouted_ = 0;
};

// The HTML of the page (script runs there through Runtime.evaluate).
std::string PageHtml();

}  // namespace corscheck::browser
