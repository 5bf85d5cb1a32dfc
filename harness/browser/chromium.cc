#include "browser/chromium.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace corscheck::browser {
namespace {

using Json = nlohmann::json;
using Clock = std::chrono::steady_clock;

// The only events the oracle reads; everything else is dropped on arrival to bound memory.
bool KeepEvent(const std::string& method) {
  return method.starts_with("Network.requestWillBeSent") || method == "Network.loadingFailed" ||
         method == "Network.loadingFinished" || method == "Audits.issueAdded" || method == "Log.entryAdded" ||
         method == "Inspector.targetCrashed" || method == "Target.targetCrashed" ||
         method == "Target.detachedFromTarget";
}

std::string LastLines(const std::string& path, std::size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (text.size() > max_bytes) text = text.substr(text.size() - max_bytes);
  return text;
}

}  // namespace

std::vector<std::string> BaseChromiumFlags(const std::string& user_data_dir) {
  return {"--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-extensions",
          "--disable-default-apps",
          "--mute-audio",
          "--remote-debugging-pipe",
          "--user-data-dir=" + user_data_dir};
}

std::optional<std::string> FindChromium(const std::string& preferred) {
  for (const std::string& p : {preferred, std::string("/usr/bin/chromium"), std::string("/usr/bin/chromium-browser")}) {
    if (!p.empty() && ::access(p.c_str(), X_OK) == 0) return p;
  }
  return std::nullopt;
}

core::Result<std::unique_ptr<Chromium>> Chromium::Launch(const ChromiumOptions& options) {
  if (::access(options.executable.c_str(), X_OK) != 0) {
    return core::Error("Chromium not found at " + options.executable + " (install it: " + kChromiumInstallHint + ")");
  }
  // A write to a browser that just died must be an error, not a SIGPIPE that ends the harness.
  ::signal(SIGPIPE, SIG_IGN);

  std::unique_ptr<Chromium> c(new Chromium());
  char dir_template[] = "/tmp/corscheck-chromium-XXXXXX";
  if (!::mkdtemp(dir_template)) return core::Error(std::string("mkdtemp: ") + std::strerror(errno));
  c->temp_dir_ = dir_template;
  const std::string profile_dir = c->temp_dir_ + "/profile";
  const std::string log_path = c->temp_dir_ + "/chromium.log";
  ::mkdir(profile_dir.c_str(), 0700);

  std::vector<std::string> args = {options.executable};
  for (auto& f : BaseChromiumFlags(profile_dir)) args.push_back(std::move(f));
  for (const auto& f : options.extra_flags) args.push_back(f);
  args.push_back("about:blank");
  std::vector<char*> argv;
  for (auto& a : args) argv.push_back(a.data());
  argv.push_back(nullptr);

  int to_child[2], from_child[2];
  if (::pipe2(to_child, O_CLOEXEC) != 0 || ::pipe2(from_child, O_CLOEXEC) != 0) {
    return core::Error(std::string("pipe: ") + std::strerror(errno));
  }
  const int log_fd = ::open(log_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  const int null_fd = ::open("/dev/null", O_RDWR | O_CLOEXEC);

  const pid_t pid = ::fork();
  if (pid < 0) return core::Error(std::string("fork: ") + std::strerror(errno));
  if (pid == 0) {
    // Only async-signal-safe calls until exec. Own process group, so Kill() reaches the helpers.
    ::setpgid(0, 0);
    // If the harness dies without its destructors (killed, crashed), so does the browser. This
    // follows the launching thread: RunInChromium keeps its workers alive until every case ran.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    ::dup2(null_fd, 0);
    ::dup2(null_fd, 1);
    ::dup2(log_fd >= 0 ? log_fd : null_fd, 2);
    // dup2 clears FD_CLOEXEC on the new descriptors; fds 3 and 4 are the protocol pipe.
    const int in_fd = ::dup(to_child[0]);
    const int out_fd = ::dup(from_child[1]);
    ::dup2(in_fd, 3);
    ::dup2(out_fd, 4);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  ::setpgid(pid, pid);
  ::close(to_child[0]);
  ::close(from_child[1]);
  if (log_fd >= 0) ::close(log_fd);
  if (null_fd >= 0) ::close(null_fd);
  c->pid_ = pid;
  c->to_browser_ = to_child[1];
  c->from_browser_ = from_child[0];
  c->reader_ = std::thread([p = c.get()] { p->ReadLoop(); });

  auto version = c->Call("Browser.getVersion", Json::object(), "", options.startup_timeout);
  if (!version) {
    return core::Error("Chromium did not start (" + version.error().message + "); its log ends with:\n" +
                       LastLines(log_path, 2000));
  }
  c->version_ = version->value("product", std::string("Chromium"));
  return c;
}

Chromium::~Chromium() {
  Kill();
  {
    std::lock_guard<std::mutex> lock(mu_);
    dead_ = true;
  }
  if (reader_.joinable()) reader_.join();
  if (to_browser_ >= 0) ::close(to_browser_);
  if (from_browser_ >= 0) ::close(from_browser_);
  Reap(true);
  if (!temp_dir_.empty()) {
    std::error_code ec;
    std::filesystem::remove_all(temp_dir_, ec);
  }
}

void Chromium::Kill() {
  if (pid_ > 0 && !reaped_) ::kill(-pid_, SIGKILL);
}

void Chromium::Reap(bool block) {
  if (pid_ <= 0 || reaped_) return;
  int status = 0;
  const pid_t r = ::waitpid(pid_, &status, block ? 0 : WNOHANG);
  if (r == pid_) {
    reaped_ = true;
    wait_status_ = status;
  }
}

std::string Chromium::ExitDescription() {
  std::lock_guard<std::mutex> lock(mu_);
  if (!dead_) return "running";
  Reap(false);
  if (!reaped_) return "closed its DevTools pipe";
  if (WIFSIGNALED(wait_status_)) return "was killed by signal " + std::to_string(WTERMSIG(wait_status_));
  return "exited with status " + std::to_string(WEXITSTATUS(wait_status_));
}

void Chromium::ReadLoop() {
  std::string buffer;
  char chunk[65536];
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mu_);
      if (dead_) break;
    }
    pollfd pfd{from_browser_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 100);
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) continue;
    const ssize_t n = ::read(from_browser_, chunk, sizeof chunk);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    buffer.append(chunk, static_cast<std::size_t>(n));
    std::size_t start = 0;
    std::vector<Json> messages;
    for (std::size_t nul; (nul = buffer.find('\0', start)) != std::string::npos; start = nul + 1) {
      Json msg = Json::parse(buffer.begin() + static_cast<std::ptrdiff_t>(start),
                             buffer.begin() + static_cast<std::ptrdiff_t>(nul), nullptr, false);
      if (!msg.is_discarded()) messages.push_back(std::move(msg));
    }
    buffer.erase(0, start);
    if (messages.empty()) continue;
    std::lock_guard<std::mutex> lock(mu_);
    for (Json& msg : messages) {
      if (msg.contains("id") && msg["id"].is_number_integer()) {
        const auto id = msg["id"].get<std::int64_t>();
        answers_[id] = std::move(msg);
      } else if (msg.contains("method") && msg["method"].is_string() && KeepEvent(msg["method"].get<std::string>())) {
        events_.push_back(std::move(msg));
      }
    }
    cv_.notify_all();
  }
  std::lock_guard<std::mutex> lock(mu_);
  dead_ = true;
  cv_.notify_all();
}

core::Result<Json> Chromium::Call(const std::string& method, Json params, const std::string& session,
                                  std::chrono::milliseconds timeout) {
  std::int64_t id;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (dead_) return core::Error("Chromium is gone (" + method + ")");
    id = next_id_++;
  }
  Json msg = {{"id", id}, {"method", method}, {"params", std::move(params)}};
  if (!session.empty()) msg["sessionId"] = session;
  std::string wire = msg.dump(-1, ' ', false, Json::error_handler_t::replace);
  wire.push_back('\0');
  {
    std::lock_guard<std::mutex> lock(write_mu_);
    std::size_t off = 0;
    while (off < wire.size()) {
      const ssize_t n = ::write(to_browser_, wire.data() + off, wire.size() - off);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return core::Error("Chromium is gone: writing " + method + " failed: " + std::strerror(errno));
      off += static_cast<std::size_t>(n);
    }
  }
  std::unique_lock<std::mutex> lock(mu_);
  const bool answered = cv_.wait_for(lock, timeout, [&] { return dead_ || answers_.count(id) > 0; });
  auto it = answers_.find(id);
  if (it == answers_.end()) {
    if (!answered) return core::Error("DevTools call " + method + " timed out after " + std::to_string(timeout.count()) + " ms");
    return core::Error("Chromium is gone while waiting for " + method);
  }
  Json answer = std::move(it->second);
  answers_.erase(it);
  if (answer.contains("error")) {
    return core::Error("DevTools call " + method + " failed: " + answer["error"].value("message", answer["error"].dump()));
  }
  return answer.value("result", Json::object());
}

std::size_t Chromium::EventCount() const {
  std::lock_guard<std::mutex> lock(mu_);
  return events_.size();
}

bool Chromium::WaitForEvents(std::size_t from, const std::function<bool(const std::vector<Json>&, std::size_t)>& done,
                             std::chrono::milliseconds timeout) {
  std::unique_lock<std::mutex> lock(mu_);
  bool held = false;
  cv_.wait_for(lock, timeout, [&] {
    held = done(events_, from);
    return held || dead_;
  });
  return held;
}

std::vector<Json> Chromium::EventsSince(std::size_t from) const {
  std::lock_guard<std::mutex> lock(mu_);
  if (from >= events_.size()) return {};
  return std::vector<Json>(events_.begin() + static_cast<std::ptrdiff_t>(from), events_.end());
}

bool Chromium::alive() const {
  std::lock_guard<std::mutex> lock(mu_);
  return !dead_;
}

}  // namespace corscheck::browser
