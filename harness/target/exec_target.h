// The process adapter: `--target exec:'COMMAND'` starts COMMAND once (through /bin/sh -c) and
// exchanges one JSON line per request and per response over its stdin/stdout (protocol:
// cases/adapter_protocol.h, docs/adapters.md). One request is in flight at a time. A dead,
// silent or babbling adapter yields TransportError::kAdapterFailed or kTimeout with the tail of
// its stderr; the next request starts it again.
#pragma once

#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "target/target.h"

namespace corscheck::target {

class ExecTarget final : public Target {
 public:
  explicit ExecTarget(std::string command, std::chrono::milliseconds timeout = std::chrono::seconds(10));
  ~ExecTarget() override;
  ExecTarget(const ExecTarget&) = delete;
  ExecTarget& operator=(const ExecTarget&) = delete;

  SendResult Send(const core::HttpRequest& request) override;
  std::string Describe() const override { return "exec:" + command_; }
  int starts() const { return starts_; }

 private:
  bool Start(std::string& why);
  void Stop();
  std::string StderrTail();

  std::string command_;
  std::chrono::milliseconds timeout_;
  std::mutex mu_;
  int pid_ = -1;
  int in_fd_ = -1;   // the adapter's stdin
  int out_fd_ = -1;  // the adapter's stdout
  int err_fd_ = -1;  // the adapter's stderr
  std::string out_buffer_;
  std::string err_tail_;
  std::uint64_t next_id_ = 1;
  int starts_ = 0;
};

}  // namespace corscheck::target
