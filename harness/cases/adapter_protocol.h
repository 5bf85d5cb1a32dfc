// The process-adapter protocol, version 1 (docs/adapters.md): corscheck writes one JSON request
// per line to the adapter's stdin and reads one JSON response per line from its stdout.
//   request:  {"v":1,"id":7,"method":"OPTIONS","url":"https://api.example.com/x",
//              "headers":[["Origin","https://app.example.com"],...],"body":""}
//   response: {"v":1,"id":7,"status":204,"reason":"No Content","headers":[[name,value],...],"body":""}
//          or {"v":1,"id":7,"error":"what went wrong"}
// Header names/values and bodies are isomorphic strings: each byte is one code point U+0000..U+00FF.
#pragma once

#include <cstdint>
#include <string>

#include "core/http.h"
#include "core/result.h"

namespace corscheck::cases {

inline constexpr int kAdapterProtocolVersion = 1;

// One line, without the trailing newline.
std::string EncodeAdapterRequest(std::uint64_t id, const core::HttpRequest& request);
// Decodes a response line for request `id`; an error names what is wrong (bad JSON, wrong id or
// version, adapter-reported error, missing status).
core::Result<core::HttpResponse> DecodeAdapterResponse(std::uint64_t id, const std::string& line);

// The adapter side (tests and C++ adapters): decode a request line, encode a response line.
core::Result<std::pair<std::uint64_t, core::HttpRequest>> DecodeAdapterRequest(const std::string& line);
std::string EncodeAdapterResponse(std::uint64_t id, const core::HttpResponse& response);

}  // namespace corscheck::cases
