#include "cases/adapter_protocol.h"

#include <nlohmann/json.hpp>

#include "cases/json_util.h"

namespace corscheck::cases {
namespace {

using nlohmann::json;

json HeadersJson(const core::HeaderList& headers) {
  json out = json::array();
  for (const core::Header& h : headers) out.push_back({IsomorphicDecode(h.name), IsomorphicDecode(h.value)});
  return out;
}

core::Result<core::HeaderList> ParseHeaders(const json& j) {
  core::HeaderList out;
  if (!j.is_array()) return core::Error("\"headers\" must be an array of [name, value] pairs");
  for (const json& pair : j) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      return core::Error("each header must be a [name, value] pair of strings");
    }
    auto name = IsomorphicEncode(pair[0].get<std::string>());
    auto value = IsomorphicEncode(pair[1].get<std::string>());
    if (!name) return name.error();
    if (!value) return value.error();
    out.Append(std::move(*name), std::move(*value));
  }
  return out;
}

std::string Snippet(const std::string& line) { return line.size() > 200 ? line.substr(0, 200) + "..." : line; }

}  // namespace

std::string EncodeAdapterRequest(std::uint64_t id, const core::HttpRequest& r) {
  json j = {{"v", kAdapterProtocolVersion}, {"id", id}, {"method", IsomorphicDecode(r.method)},
            {"url", IsomorphicDecode(r.url)}, {"headers", HeadersJson(r.headers)}, {"body", IsomorphicDecode(r.body)}};
  return j.dump();
}

core::Result<core::HttpResponse> DecodeAdapterResponse(std::uint64_t id, const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return core::Error("adapter answered a line that is not a JSON object: " + Snippet(line));
  if (!j.contains("v") || j["v"] != kAdapterProtocolVersion) return core::Error("adapter answered without \"v\":1: " + Snippet(line));
  if (!j.contains("id") || !j["id"].is_number_unsigned() || j["id"].get<std::uint64_t>() != id) {
    return core::Error("adapter answered for another id (expected " + std::to_string(id) + "): " + Snippet(line));
  }
  if (j.contains("error")) return core::Error("adapter reported: " + (j["error"].is_string() ? j["error"].get<std::string>() : j["error"].dump()));
  if (!j.contains("status") || !j["status"].is_number_integer()) return core::Error("adapter response has no integer \"status\"");
  core::HttpResponse r;
  r.status = j["status"].get<int>();
  if (r.status < 100 || r.status > 999) return core::Error("adapter response status " + std::to_string(r.status) + " is not 100..999");
  if (j.contains("reason") && j["reason"].is_string()) r.reason = j["reason"].get<std::string>();
  if (j.contains("headers")) {
    auto h = ParseHeaders(j["headers"]);
    if (!h) return h.error();
    r.headers = std::move(*h);
  }
  if (j.contains("body") && j["body"].is_string()) {
    auto b = IsomorphicEncode(j["body"].get<std::string>());
    r.body = b ? *b : j["body"].get<std::string>();
  }
  return r;
}

core::Result<std::pair<std::uint64_t, core::HttpRequest>> DecodeAdapterRequest(const std::string& line) {
  const json j = json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object()) return core::Error("request line is not a JSON object");
  if (!j.contains("id") || !j["id"].is_number_unsigned()) return core::Error("request has no \"id\"");
  core::HttpRequest r;
  if (!j.contains("method") || !j["method"].is_string() || !j.contains("url") || !j["url"].is_string()) {
    return core::Error("request needs \"method\" and \"url\" strings");
  }
  // Isomorphic strings, as EncodeAdapterRequest writes them (and as DecodeAdapterResponse reads
  // a body: text above U+00FF is kept as its UTF-8 bytes).
  const auto bytes = [](const json& s) {
    auto b = IsomorphicEncode(s.get<std::string>());
    return b ? *b : s.get<std::string>();
  };
  r.method = bytes(j["method"]);
  r.url = bytes(j["url"]);
  if (j.contains("headers")) {
    auto h = ParseHeaders(j["headers"]);
    if (!h) return h.error();
    r.headers = std::move(*h);
  }
  if (j.contains("body") && j["body"].is_string()) r.body = bytes(j["body"]);
  return std::make_pair(j["id"].get<std::uint64_t>(), std::move(r));
}

std::string EncodeAdapterResponse(std::uint64_t id, const core::HttpResponse& r) {
  json j = {{"v", kAdapterProtocolVersion}, {"id", id}, {"status", r.status}, {"reason", r.reason},
            {"headers", HeadersJson(r.headers)}, {"body", IsomorphicDecode(r.body)}};
  return j.dump();
}

}  // namespace corscheck::cases
