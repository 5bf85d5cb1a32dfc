// `corscheck serve`: the reference CORS server over TCP (optionally TLS with a self-signed
// certificate), implementing a policy correctly or with named faults (docs/faults.md).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace corscheck::cli {

struct ServeOptions {
  std::string policy;  // empty: the demo policy
  std::string listen = "127.0.0.1:0";
  std::vector<std::string> faults;
  std::string tls_host;  // when set, serve https with a self-signed certificate for this name
  bool list_faults = false;
};

// Blocks until SIGINT/SIGTERM. Exit code per cli/exit_codes.h.
int RunServeCommand(const ServeOptions& options, std::ostream& out, std::ostream& err);

}  // namespace corscheck::cli
