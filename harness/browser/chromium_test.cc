// Launch failures are errors that say what to do, never a hang: a missing browser names the
// install command, a browser that exits at once or never answers is reported with its log.
#include "browser/chromium.h"

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

#include "browser/chromium_oracle.h"

namespace corscheck::browser {
namespace {

TEST(ChromiumTest, MissingExecutableNamesTheInstallCommand) {
  ChromiumOptions options;
  options.executable = "/nonexistent/chromium";
  auto launched = Chromium::Launch(options);
  ASSERT_FALSE(launched);
  EXPECT_NE(launched.error().message.find(kChromiumInstallHint), std::string::npos) << launched.error().message;

  OracleOptions oracle;
  oracle.chromium = "/nonexistent/chromium";
  auto run = RunInChromium({}, oracle);
  ASSERT_FALSE(run);
  EXPECT_NE(run.error().message.find(kChromiumInstallHint), std::string::npos);
}

TEST(ChromiumTest, ABrowserThatExitsAtOnceIsAnErrorNotAHang) {
  // /bin/false ignores the DevTools pipe and exits: the reader sees EOF, the first call fails.
  ChromiumOptions options;
  options.executable = "/bin/false";
  options.startup_timeout = std::chrono::milliseconds(10000);
  auto launched = Chromium::Launch(options);
  ASSERT_FALSE(launched);
  EXPECT_NE(launched.error().message.find("did not start"), std::string::npos) << launched.error().message;
}

TEST(ChromiumTest, ABrowserThatNeverAnswersTimesOut) {
  // A "browser" that keeps the pipe open and never answers: the startup call times out and the
  // process group is killed.
  char path[] = "/tmp/corscheck-silent-browser-XXXXXX";
  const int fd = ::mkstemp(path);
  ASSERT_GE(fd, 0);
  const std::string script = "#!/bin/sh\nexec sleep 30\n";
  ASSERT_EQ(::write(fd, script.data(), script.size()), static_cast<ssize_t>(script.size()));
  ::fchmod(fd, 0700);
  ::close(fd);
  ChromiumOptions options;
  options.executable = path;
  options.startup_timeout = std::chrono::milliseconds(300);
  auto launched = Chromium::Launch(options);
  ::unlink(path);
  ASSERT_FALSE(launched);
  EXPECT_NE(launched.error().message.find("timed out"), std::string::npos) << launched.error().message;
}

}  // namespace
}  // namespace corscheck::browser
