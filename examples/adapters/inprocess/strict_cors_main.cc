// A worked example of an in-process adapter (docs/adapters.md): a tiny CORS handler, written the
// way a C++ web framework's middleware would be, wrapped as `adapter:strict-cors` and tested by
// corscheck without a socket. Build: the `corscheck-strict-cors` target; run:
//   corscheck-strict-cors run adapter:strict-cors --policy tests/data/express_policy.json
#include <corscheck/adapter.hpp>

#include <algorithm>
#include <string>
#include <vector>

#include "cli/app.h"

namespace {

// The "library": allowlist-based CORS for an API, with credentials.
struct StrictCors {
  std::vector<std::string> origins;
  std::string methods = "GET, POST, PUT, DELETE";
  std::string headers = "Content-Type, Authorization, X-Requested-With";

  corscheck::HttpResponse Handle(const corscheck::HttpRequest& req) const {
    corscheck::HttpResponse res;
    res.headers.Append("Vary", "Origin");
    const auto origin = req.headers.Get("origin");
    const bool allowed = origin && std::find(origins.begin(), origins.end(), *origin) != origins.end();
    if (allowed) {
      res.headers.Append("Access-Control-Allow-Origin", *origin);
      res.headers.Append("Access-Control-Allow-Credentials", "true");
    }
    if (req.method == "OPTIONS" && req.headers.Contains("access-control-request-method")) {
      res.status = 204;
      if (allowed) {
        res.headers.Append("Access-Control-Allow-Methods", methods);
        res.headers.Append("Access-Control-Allow-Headers", headers);
        res.headers.Append("Access-Control-Max-Age", "600");
      }
      return res;
    }
    res.status = 200;
    if (allowed) res.headers.Append("Access-Control-Expose-Headers", "X-Total-Count");
    res.headers.Append("Content-Type", "application/json");
    res.body = "[]";
    return res;
  }
};

}  // namespace

int main(int argc, char** argv) {
  corscheck::RegisterAdapter("strict-cors", "the StrictCors example middleware", [](const corscheck::AdapterContext&) {
    StrictCors cors;
    cors.origins = {"https://app.example.com", "http://localhost:3000"};
    return corscheck::AdapterHandler([cors](const corscheck::HttpRequest& r) { return cors.Handle(r); });
  });
  return corscheck::cli::Main(argc, argv);
}
