// Wrap a C++ CORS handler as a corscheck Target in a few lines.
//
//   #include <corscheck/adapter.hpp>
//
//   corscheck::HttpResponse MyCors(const corscheck::HttpRequest& req) {
//     corscheck::HttpResponse res;            // call your library here
//     res.status = 200;
//     res.headers.Append("Access-Control-Allow-Origin", "*");
//     return res;
//   }
//   // once, before the CLI parses --target (e.g. from your own main or a static initializer
//   // in the same executable):
//   corscheck::RegisterAdapter("mylib", "my CORS middleware", [](const corscheck::AdapterContext&) {
//     return corscheck::AdapterHandler(MyCors);
//   });
//
// then `corscheck run adapter:mylib --policy policy.json`. The handler sees every request line a
// browser would send (method, absolute URL, ordered raw header lines) and must return the
// response header lines exactly as the library would write them. It may be called from several
// threads at once. See docs/adapters.md for a worked example.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/http.h"
#include "core/policy.h"
#include "target/target.h"

namespace corscheck {

using HttpRequest = core::HttpRequest;
using HttpResponse = core::HttpResponse;
using AdapterHandler = std::function<HttpResponse(const HttpRequest&)>;

// What `corscheck` knows when it instantiates an adapter: the policy under test (--policy) and
// free-form options (--adapter-option, e.g. the reference server's faults).
struct AdapterContext {
  std::optional<core::Policy> policy;
  std::vector<std::string> options;
};

using AdapterFactory = std::function<AdapterHandler(const AdapterContext&)>;

// Registers `name` (letters, digits, '-', '_'); returns false if the name is taken.
bool RegisterAdapter(std::string name, std::string description, AdapterFactory factory);
// The registered adapters, sorted by name: (name, description).
std::vector<std::pair<std::string, std::string>> ListAdapters();
// A Target over a registered adapter; nullptr when `name` is unknown. Handler exceptions become
// TransportError::kAdapterFailed, never a crash.
std::unique_ptr<target::Target> MakeAdapterTarget(std::string_view name, const AdapterContext& context);
// A Target over any handler.
std::unique_ptr<target::Target> MakeHandlerTarget(std::string name, AdapterHandler handler);

}  // namespace corscheck
