#include "target/factory.h"

#include <stdexcept>

#include "core/url.h"
#include "target/exec_target.h"
#include "target/reference.h"

namespace corscheck::target {

core::Policy DemoPolicy() {
  core::Policy p;
  p.origins = {"https://app.example.com", "http://localhost:3000"};
  p.origin_patterns = {"https://*.app.example.com"};
  p.credentials = true;
  p.methods = {"GET", "POST", "PUT", "DELETE"};
  p.headers = {"Content-Type", "Authorization", "X-Requested-With"};
  p.expose_headers = {"X-Total-Count"};
  p.max_age = 600;
  return p;
}

void RegisterBuiltinAdapters() {
  static const bool once = RegisterAdapter(
      "reference", "the reference CORS server, in-process (options: fault names, see docs/faults.md)",
      [](const AdapterContext& ctx) -> AdapterHandler {
        ReferenceOptions options;
        options.policy = ctx.policy.value_or(DemoPolicy());
        for (const std::string& name : ctx.options) {
          const auto fault = FaultFromName(name);
          if (!fault) throw std::invalid_argument("unknown fault '" + name + "' (see docs/faults.md)");
          options.faults.push_back(*fault);
        }
        return [options](const core::HttpRequest& req) { return HandleReferenceRequest(options, req); };
      });
  (void)once;
}

core::Result<std::unique_ptr<Target>> MakeTarget(const std::string& spec, const TargetOptions& options) {
  if (spec.starts_with("adapter:")) {
    RegisterBuiltinAdapters();
    const std::string name = spec.substr(8);
    try {
      auto t = MakeAdapterTarget(name, options.adapter);
      if (!t) {
        std::string known;
        for (const auto& [n, d] : ListAdapters()) known += (known.empty() ? "" : ", ") + n;
        return core::Error("unknown adapter '" + name + "' (registered: " + known + ")");
      }
      return t;
    } catch (const std::exception& e) {
      return core::Error("adapter '" + name + "': " + e.what());
    }
  }
  if (spec.starts_with("exec:")) {
    const std::string command = spec.substr(5);
    if (command.empty()) return core::Error("exec: needs a command, e.g. exec:'node adapter.js'");
    return std::unique_ptr<Target>(std::make_unique<ExecTarget>(command, options.exec_timeout));
  }
  const auto url = core::ParseUrl(spec);
  if (!url || !url->IsHttpFamily()) {
    return core::Error("target '" + spec + "' is not an http(s) URL, adapter:NAME or exec:COMMAND");
  }
  return std::unique_ptr<Target>(std::make_unique<transport::HttpTarget>(url->Serialize(true), options.http));
}

}  // namespace corscheck::target
