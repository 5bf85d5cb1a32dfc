// The intended CORS policy of a target: what its owners mean to allow. `corscheck run` compares
// what browsers actually allow against it; the reference server implements it. The JSON form is
// loaded and validated by harness/cases/policy_loader.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace corscheck::core {

struct Policy {
  std::vector<std::string> origins;          // serialized origins, exact match
  std::vector<std::string> origin_patterns;  // "https://*.example.com": any subdomain, that scheme and port
  bool credentials = false;
  std::vector<std::string> methods;          // as the server lists them in Access-Control-Allow-Methods
  std::vector<std::string> headers;          // request headers allowed (Access-Control-Allow-Headers)
  std::vector<std::string> expose_headers;   // Access-Control-Expose-Headers
  std::optional<std::int64_t> max_age;       // Access-Control-Max-Age, seconds
  bool private_network = false;              // answer Access-Control-Allow-Private-Network: true when asked
};

}  // namespace corscheck::core
