// Turns a TARGET argument into a Target: an http(s) URL, `adapter:NAME` or `exec:COMMAND`.
#pragma once

#include <chrono>
#include <memory>
#include <string>

#include "core/result.h"
#include "corscheck/adapter.hpp"
#include "target/target.h"
#include "transport/http_client.h"

namespace corscheck::target {

struct TargetOptions {
  transport::HttpClientOptions http;
  AdapterContext adapter;
  std::chrono::milliseconds exec_timeout{10000};
};

core::Result<std::unique_ptr<Target>> MakeTarget(const std::string& spec, const TargetOptions& options);

// Registers the adapters corscheck ships: `reference` (the reference server in-process; its
// options are fault names). Idempotent.
void RegisterBuiltinAdapters();

// The policy the demo and the reference server use when none is given.
core::Policy DemoPolicy();

}  // namespace corscheck::target
