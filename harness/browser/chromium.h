// A headless Chromium driven over the DevTools protocol on --remote-debugging-pipe: the browser
// reads NUL-terminated JSON commands on fd 3 and writes answers and events on fd 4. No library
// beyond nlohmann/json. Every wait has a timeout; a crashed or killed browser turns every pending
// and later call into an Error that says how the process ended.
// https://chromedevtools.github.io/devtools-protocol/
#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "core/result.h"

namespace corscheck::browser {

inline constexpr const char* kChromiumInstallHint = "apt-get install -y chromium";

struct ChromiumOptions {
  std::string executable = "/usr/bin/chromium";
  // --host-resolver-rules and similar, appended after the fixed headless flags.
  std::vector<std::string> extra_flags;
  std::chrono::milliseconds startup_timeout{30000};
};

// The fixed flags: headless, no sandbox (root in containers), no background traffic, a fresh profile.
std::vector<std::string> BaseChromiumFlags(const std::string& user_data_dir);

// The path of a usable Chromium, or nullopt.
std::optional<std::string> FindChromium(const std::string& preferred = "/usr/bin/chromium");

class Chromium {
 public:
  using Json = nlohmann::json;
  // Starts the browser with a fresh --user-data-dir (removed again on destruction) and waits for
  // Browser.getVersion.
  static core::Result<std::unique_ptr<Chromium>> Launch(const ChromiumOptions& options);
  ~Chromium();
  Chromium(const Chromium&) = delete;
  Chromium& operator=(const Chromium&) = delete;

  // Sends one command (to the browser, or to a page session when `session` is set) and waits for
  // its answer. A protocol error, a timeout or a dead browser is an Error.
  core::Result<Json> Call(const std::string& method, Json params, const std::string& session,
                          std::chrono::milliseconds timeout);

  // Events are kept in arrival order (only the domains the oracle reads). EventCount() is a
  // position to wait from.
  std::size_t EventCount() const;
  // Waits until `done(events[from..])` holds, the browser dies or `timeout` passes; returns
  // whether `done` held.
  bool WaitForEvents(std::size_t from, const std::function<bool(const std::vector<Json>&, std::size_t)>& done,
                     std::chrono::milliseconds timeout);
  std::vector<Json> EventsSince(std::size_t from) const;

  bool alive() const;
  // "exited with status 1", "killed by signal 9", or "running".
  std::string ExitDescription();
  // Product and version, e.g. "Chrome/156.0.8078.108".
  const std::string& version() const { return version_; }
  pid_t pid() const { return pid_; }
  // Kills the browser's process group (the browser and its helpers), as a crash would.
  void Kill();

 private:
  Chromium() = default;
  void ReadLoop();
  void Reap(bool block);

  pid_t pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  std::string temp_dir_;
  std::string version_;
  std::thread reader_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  bool dead_ = false;
  std::string death_;
  std::int64_t next_id_ = 1;
  std::map<std::int64_t, Json> answers_;
  std::vector<Json> events_;
  std::mutex write_mu_;
  bool reaped_ = false;
  int wait_status_ = 0;
};

}  // namespace corscheck::browser
