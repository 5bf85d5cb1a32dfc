// Loads and validates a target's intended CORS policy (core::Policy) from JSON:
//   {"origins": ["https://app.example.com", "http://localhost:3000"],
//    "origin_patterns": ["https://*.example.com"], "credentials": true,
//    "methods": ["GET","POST","PUT","DELETE"], "headers": ["Content-Type","Authorization"],
//    "expose_headers": ["X-Total-Count"], "max_age": 600, "private_network": false}
// Every field is optional; unknown fields are errors. Errors read "FILE: /json/pointer: message".
#pragma once

#include <string>

#include "core/policy.h"
#include "core/result.h"

namespace corscheck::cases {

// Validates strictly: origins are serialized origins (or "null", or "*" without credentials);
// patterns are scheme://*.host[:port]; methods and header names are tokens; "headers" holds no
// forbidden request header; "*" in methods/headers/expose_headers is refused with credentials;
// max_age >= 0; no duplicates.
core::Result<core::Policy> ParsePolicy(const std::string& text, const std::string& file);
core::Result<core::Policy> LoadPolicy(const std::string& path);

// The JSON form ParsePolicy reads back to the same policy (fields in the documented order).
std::string SerializePolicy(const core::Policy& policy);

}  // namespace corscheck::cases
