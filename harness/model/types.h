// Value types of the browser model: what the page asks for, what servers answer, and the verdict.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/cors_error.h"
#include "core/header_list.h"
#include "core/url.h"

namespace corscheck::model {

// https://fetch.spec.whatwg.org/#concept-request-credentials-mode
enum class CredentialsMode { kOmit, kSameOrigin, kInclude };
// https://fetch.spec.whatwg.org/#concept-request-mode (the modes script can choose)
enum class RequestMode { kCors, kNoCors, kSameOrigin };
// https://fetch.spec.whatwg.org/#concept-response-type
enum class ResponseType { kBasic, kCors, kOpaque };

std::string_view Name(CredentialsMode m);
std::string_view Name(RequestMode m);
std::string_view Name(ResponseType t);
std::optional<CredentialsMode> CredentialsModeFromName(std::string_view s);
std::optional<RequestMode> RequestModeFromName(std::string_view s);

// A CORS outcome: a value, never an exception. ok() when `error` is empty.
struct CheckResult {
  std::optional<core::CorsError> error;
  std::string failed_parameter;
  bool ok() const { return !error.has_value(); }
  static CheckResult Fail(core::CorsError e, std::string param = {}) { return {e, std::move(param)}; }
};

struct ServerResponse {
  int status = 200;
  core::HeaderList headers;
};

struct RedirectHop {
  ServerResponse response;                           // a 3xx with Location
  std::optional<ServerResponse> preflight_response;  // for a preflight to the hop's target URL
};

// What script passes to fetch().
struct FetchRequest {
  std::string url;
  std::string method = "GET";
  core::HeaderList headers;
  CredentialsMode credentials = CredentialsMode::kSameOrigin;
  RequestMode mode = RequestMode::kCors;
  bool use_preflight = false;  // the use-CORS-preflight flag (XHR upload listeners, streams)
  std::string referrer_policy = "strict-origin-when-cross-origin";
};

// One fetch: the page, the request, and every server answer the fetch may need.
struct FetchScenario {
  core::Origin page_origin;
  FetchRequest request;
  std::optional<ServerResponse> preflight_response;
  std::vector<RedirectHop> redirects;
  ServerResponse response;
};

// A request as the browser puts it on the wire (the headers CORS cares about).
struct SentRequest {
  std::string method;
  std::string url;
  core::HeaderList headers;
  bool preflight = false;
};

struct FetchVerdict {
  bool allowed = false;  // fetch() resolves
  std::optional<core::CorsError> error;
  std::string failed_parameter;
  std::optional<ResponseType> type;  // when allowed
  int status = 0;                    // what script sees; 0 on a network error
  bool preflight_sent = false;
  std::vector<SentRequest> sent;
  std::vector<ServerResponse> responses;  // the answer to each sent request, in order (evidence)
  std::vector<std::string> exposed_headers;  // lower-case, sorted
  std::optional<std::int64_t> max_age;       // seconds, of the last preflight evaluated
  std::string initial_url;
  std::string final_url;
  std::string message;  // Chromium's console text when blocked
  std::string fix;
  // The network had no answer for a request the browser sent: a case lacks a preflight_response, or
  // a live target failed (transport error). Not browser behaviour; the fetch did not complete.
  std::optional<std::string> scenario_error;
};

}  // namespace corscheck::model
