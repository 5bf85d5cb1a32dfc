// Exit codes are an interface: CI pipelines gate on them. Never renumber.
#pragma once

namespace corscheck::cli {

inline constexpr int kExitOk = 0;           // nothing at or above the threshold
inline constexpr int kExitFindings = 1;     // a case failed / findings at or above --fail-on
inline constexpr int kExitUsage = 2;        // usage or configuration error, malformed input
inline constexpr int kExitUnreachable = 3;  // the target could not be reached

}  // namespace corscheck::cli
