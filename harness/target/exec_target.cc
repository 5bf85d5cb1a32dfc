#include "target/exec_target.h"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "cases/adapter_protocol.h"

extern char** environ;

namespace corscheck::target {
namespace {

using Clock = std::chrono::steady_clock;
constexpr std::size_t kMaxLine = 16u << 20;
constexpr std::size_t kStderrTail = 2000;

int RemainingMs(Clock::time_point deadline) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return ms < 0 ? 0 : static_cast<int>(ms);
}

}  // namespace

ExecTarget::ExecTarget(std::string command, std::chrono::milliseconds timeout)
    : command_(std::move(command)), timeout_(timeout) {}

ExecTarget::~ExecTarget() { Stop(); }

bool ExecTarget::Start(std::string& why) {
  ::signal(SIGPIPE, SIG_IGN);  // a dead adapter must not kill corscheck through a write
  int in[2], out[2], err[2];
  if (::pipe2(in, O_CLOEXEC) != 0 || ::pipe2(out, O_CLOEXEC) != 0 || ::pipe2(err, O_CLOEXEC) != 0) {
    why = std::string("pipe: ") + std::strerror(errno);
    return false;
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, in[0], 0);
  posix_spawn_file_actions_adddup2(&actions, out[1], 1);
  posix_spawn_file_actions_adddup2(&actions, err[1], 2);
  const char* argv[] = {"/bin/sh", "-c", command_.c_str(), nullptr};
  pid_t pid = -1;
  const int rc = ::posix_spawn(&pid, "/bin/sh", &actions, nullptr, const_cast<char* const*>(argv), environ);
  posix_spawn_file_actions_destroy(&actions);
  ::close(in[0]);
  ::close(out[1]);
  ::close(err[1]);
  if (rc != 0) {
    ::close(in[1]);
    ::close(out[0]);
    ::close(err[0]);
    why = std::string("cannot start /bin/sh: ") + std::strerror(rc);
    return false;
  }
  pid_ = pid;
  in_fd_ = in[1];
  out_fd_ = out[0];
  err_fd_ = err[0];
  ::fcntl(out_fd_, F_SETFL, O_NONBLOCK);
  ::fcntl(err_fd_, F_SETFL, O_NONBLOCK);
  out_buffer_.clear();
  err_tail_.clear();
  ++starts_;
  return true;
}

void ExecTarget::Stop() {
  for (int* fd : {&in_fd_, &out_fd_, &err_fd_}) {
    if (*fd >= 0) ::close(*fd);
    *fd = -1;
  }
  if (pid_ > 0) {
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 50; ++i) {
      if (::waitpid(pid_, nullptr, WNOHANG) != 0) {
        pid_ = -1;
        return;
      }
      ::usleep(10000);
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
    pid_ = -1;
  }
}

std::string ExecTarget::StderrTail() {
  char buf[4096];
  while (err_fd_ >= 0) {
    const ssize_t n = ::read(err_fd_, buf, sizeof buf);
    if (n <= 0) break;
    err_tail_.append(buf, static_cast<std::size_t>(n));
  }
  if (err_tail_.size() > kStderrTail) err_tail_.erase(0, err_tail_.size() - kStderrTail);
  std::string tail = err_tail_;
  while (!tail.empty() && (tail.back() == '\n' || tail.back() == '\r')) tail.pop_back();
  return tail.empty() ? "" : " (stderr: " + tail + ")";
}

SendResult ExecTarget::Send(const core::HttpRequest& request) {
  std::lock_guard lock(mu_);
  const Clock::time_point start = Clock::now();
  const Clock::time_point deadline = start + timeout_;
  auto fail = [&](TransportError kind, const std::string& what) {
    const std::string tail = StderrTail();
    Stop();  // the next request starts a fresh process
    return SendResult::Fail(kind, Describe() + ": " + what + tail);
  };
  if (pid_ < 0) {
    std::string why;
    if (!Start(why)) return SendResult::Fail(TransportError::kAdapterFailed, Describe() + ": " + why);
  }
  const std::uint64_t id = next_id_++;
  const std::string line = cases::EncodeAdapterRequest(id, request) + "\n";
  std::size_t written = 0;
  while (written < line.size()) {
    const ssize_t n = ::write(in_fd_, line.data() + written, line.size() - written);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail(TransportError::kAdapterFailed, std::string("adapter closed its stdin: ") + std::strerror(errno));
    }
    written += static_cast<std::size_t>(n);
  }
  while (true) {
    if (const std::size_t nl = out_buffer_.find('\n'); nl != std::string::npos) {
      const std::string reply = out_buffer_.substr(0, nl);
      out_buffer_.erase(0, nl + 1);
      if (reply.empty()) continue;
      auto response = cases::DecodeAdapterResponse(id, reply);
      if (!response) return fail(TransportError::kAdapterFailed, response.error().message);
      response->elapsed_ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
      return SendResult::Ok(std::move(*response));
    }
    if (out_buffer_.size() > kMaxLine) return fail(TransportError::kAdapterFailed, "response line longer than 16 MiB");
    pollfd fds[2] = {{out_fd_, POLLIN, 0}, {err_fd_, POLLIN, 0}};
    const int ready = ::poll(fds, 2, RemainingMs(deadline));
    if (ready < 0 && errno == EINTR) continue;
    if (ready == 0) {
      return fail(TransportError::kTimeout, "no response within " + std::to_string(timeout_.count()) + " ms");
    }
    if (fds[1].revents & POLLIN) StderrTail();
    if ((fds[1].revents & (POLLHUP | POLLERR)) && !(fds[1].revents & POLLIN)) {
      ::close(err_fd_);  // stderr closed: stop polling it, or poll() would spin
      err_fd_ = -1;
    }
    if (fds[0].revents & (POLLIN | POLLHUP | POLLERR)) {
      char buf[65536];
      const ssize_t n = ::read(out_fd_, buf, sizeof buf);
      if (n == 0) return fail(TransportError::kAdapterFailed, "adapter exited");
      if (n > 0) out_buffer_.append(buf, static_cast<std::size_t>(n));
    }
  }
}

}  // namespace corscheck::target
