// One HTTP exchange as it crosses the wire: raw header lines in order, duplicates and bytes kept.
// Every Target (HTTP, in-process adapter, process adapter) speaks these types.
#pragma once

#include <string>

#include "core/header_list.h"

namespace corscheck::core {

struct HttpRequest {
  std::string method = "GET";
  std::string url;  // absolute: scheme://host[:port]/path?query
  HeaderList headers;
  std::string body;
};

struct HttpResponse {
  int status = 0;
  std::string reason;
  HeaderList headers;
  std::string body;              // up to the target's body limit
  bool body_truncated = false;
  double elapsed_ms = 0;         // from send to last byte read
};

}  // namespace corscheck::core
