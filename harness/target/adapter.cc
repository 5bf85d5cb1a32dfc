#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

#include "corscheck/adapter.hpp"

namespace corscheck {
namespace {

struct Entry {
  std::string description;
  AdapterFactory factory;
};

std::mutex& RegistryMutex() {
  static std::mutex mu;
  return mu;
}
std::map<std::string, Entry, std::less<>>& Registry() {
  static std::map<std::string, Entry, std::less<>> registry;
  return registry;
}

class HandlerTarget final : public target::Target {
 public:
  HandlerTarget(std::string name, AdapterHandler handler) : name_(std::move(name)), handler_(std::move(handler)) {}
  target::SendResult Send(const HttpRequest& request) override {
    const auto start = std::chrono::steady_clock::now();
    try {
      HttpResponse r = handler_(request);
      r.elapsed_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (r.status < 100 || r.status > 999) {
        return target::SendResult::Fail(target::TransportError::kAdapterFailed,
                                        Describe() + ": handler returned status " + std::to_string(r.status));
      }
      return target::SendResult::Ok(std::move(r));
    } catch (const std::exception& e) {
      return target::SendResult::Fail(target::TransportError::kAdapterFailed, Describe() + ": handler threw: " + e.what());
    } catch (...) {
      return target::SendResult::Fail(target::TransportError::kAdapterFailed, Describe() + ": handler threw");
    }
  }
  std::string Describe() const override { return "adapter:" + name_; }

 private:
  std::string name_;
  AdapterHandler handler_;
};

bool IsAdapterName(std::string_view n) {
  return !n.empty() && std::all_of(n.begin(), n.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

}  // namespace

bool RegisterAdapter(std::string name, std::string description, AdapterFactory factory) {
  if (!IsAdapterName(name) || !factory) return false;
  std::lock_guard lock(RegistryMutex());
  return Registry().emplace(std::move(name), Entry{std::move(description), std::move(factory)}).second;
}

std::vector<std::pair<std::string, std::string>> ListAdapters() {
  std::lock_guard lock(RegistryMutex());
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& [name, e] : Registry()) out.emplace_back(name, e.description);
  return out;
}

std::unique_ptr<target::Target> MakeAdapterTarget(std::string_view name, const AdapterContext& context) {
  AdapterFactory factory;
  {
    std::lock_guard lock(RegistryMutex());
    auto it = Registry().find(name);
    if (it == Registry().end()) return nullptr;
    factory = it->second.factory;
  }
  return MakeHandlerTarget(std::string(name), factory(context));
}

std::unique_ptr<target::Target> MakeHandlerTarget(std::string name, AdapterHandler handler) {
  return std::make_unique<HandlerTarget>(std::move(name), std::move(handler));
}

}  // namespace corscheck
