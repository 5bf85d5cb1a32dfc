// Self-signed certificates made in memory with OpenSSL, for TLS tests and the browser harness:
// nothing is read from or written to disk.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace corscheck::transport {

struct Certificate {
  std::string cert_pem;
  std::string key_pem;
};

// A P-256 certificate valid for one day, with subjectAltName DNS:`dns_names` and IP:`ips`.
core::Result<Certificate> MakeSelfSignedCertificate(const std::vector<std::string>& dns_names,
                                                     const std::vector<std::string>& ips = {"127.0.0.1"});

}  // namespace corscheck::transport
