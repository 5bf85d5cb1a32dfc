#include "cases/probe_template.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "cases/json_util.h"

namespace corscheck::cases {
namespace {

using nlohmann::json;

struct ProbeError {
  std::string pointer;
  std::string message;
};

[[noreturn]] void Fail(const std::string& p, const std::string& m) { throw ProbeError{p, m}; }

std::string String(const json& j, const std::string& ptr, const char* key, const std::string& fallback, bool required) {
  if (!j.contains(key)) {
    if (required) Fail(ptr + "/" + key, "required field is missing");
    return fallback;
  }
  if (!j[key].is_string()) Fail(ptr + "/" + key, "must be a string");
  return j[key].get<std::string>();
}

ProbeTemplate ParseOne(const json& j, const std::string& ptr, const std::string& file) {
  static const std::vector<std::string> kKeys = {"id", "kind", "rule", "title", "for_each", "origin", "method",
                                                 "headers", "credentials", "path", "mode", "note"};
  if (!j.is_object()) Fail(ptr, "a probe is an object");
  for (const auto& [k, v] : j.items()) {
    if (std::find(kKeys.begin(), kKeys.end(), k) == kKeys.end()) Fail(ptr + "/" + EscapePointer(k), "unknown field '" + k + "'");
  }
  ProbeTemplate t;
  t.file = file;
  t.pointer = ptr;
  t.id = String(j, ptr, "id", "", true);
  t.kind = String(j, ptr, "kind", "", true);
  t.rule = String(j, ptr, "rule", "", true);
  t.title = String(j, ptr, "title", "", true);
  t.origin = String(j, ptr, "origin", t.origin, false);
  t.method = String(j, ptr, "method", t.method, false);
  t.credentials = String(j, ptr, "credentials", t.credentials, false);
  if (t.credentials != "omit" && t.credentials != "include" && t.credentials != "policy") {
    Fail(ptr + "/credentials", "must be omit, include or policy");
  }
  t.path = String(j, ptr, "path", t.path, false);
  t.mode = String(j, ptr, "mode", t.mode, false);
  if (t.mode != "cors" && t.mode != "no-cors") Fail(ptr + "/mode", "must be cors or no-cors");
  if (j.contains("for_each")) {
    if (!j["for_each"].is_array()) Fail(ptr + "/for_each", "must be an array");
    for (std::size_t i = 0; i < j["for_each"].size(); ++i) {
      const json& d = j["for_each"][i];
      static const std::vector<std::string> kDims = {"origin", "method", "header", "error_path"};
      if (!d.is_string() || std::find(kDims.begin(), kDims.end(), d.get<std::string>()) == kDims.end()) {
        Fail(ptr + "/for_each/" + std::to_string(i), "must be origin, method, header or error_path");
      }
      t.for_each.push_back(d.get<std::string>());
    }
  }
  if (j.contains("headers")) {
    const json& h = j["headers"];
    if (!h.is_array()) Fail(ptr + "/headers", "a header list is an array of [name, value] pairs");
    for (std::size_t i = 0; i < h.size(); ++i) {
      if (!h[i].is_array() || h[i].size() != 2 || !h[i][0].is_string() || !h[i][1].is_string()) {
        Fail(ptr + "/headers/" + std::to_string(i), "a header is a [name, value] pair of strings");
      }
      auto value = IsomorphicEncode(h[i][1].get<std::string>());
      if (!value) Fail(ptr + "/headers/" + std::to_string(i) + "/1", value.error().message);
      t.headers.Append(h[i][0].get<std::string>(), *value);
    }
  }
  return t;
}

}  // namespace

core::Result<std::vector<ProbeTemplate>> ParseProbeTemplates(const std::string& text, const std::string& file) {
  const json doc = json::parse(text, nullptr, false);
  if (doc.is_discarded()) return core::Error(file + ": not valid JSON");
  if (!doc.is_object() || !doc.contains("probes") || !doc["probes"].is_array()) {
    return core::Error(file + ": /probes: required array is missing");
  }
  for (const auto& [k, v] : doc.items()) {
    if (k != "probes" && k != "description") return core::Error(file + ": /" + EscapePointer(k) + ": unknown field '" + k + "'");
  }
  std::vector<ProbeTemplate> out;
  for (std::size_t i = 0; i < doc["probes"].size(); ++i) {
    const json& p = doc["probes"][i];
    const std::string id = p.is_object() && p.contains("id") && p["id"].is_string() ? p["id"].get<std::string>() : "?";
    try {
      out.push_back(ParseOne(p, "/probes/" + std::to_string(i), file));
    } catch (const ProbeError& e) {
      return core::Error(file + ": probe '" + id + "': " + e.pointer + ": " + e.message);
    }
  }
  return out;
}

core::Result<std::vector<ProbeTemplate>> LoadProbeTemplates(const std::vector<std::string>& paths) {
  auto listed = ListJsonFiles(paths);
  if (!listed) return listed.error();
  const std::vector<std::string>& files = *listed;
  std::vector<ProbeTemplate> all;
  std::map<std::string, std::string> seen;
  for (const std::string& f : files) {
    auto text = ReadFile(f);
    if (!text) return text.error();
    auto parsed = ParseProbeTemplates(*text, f);
    if (!parsed) return parsed.error();
    for (ProbeTemplate& t : *parsed) {
      if (auto [it, inserted] = seen.emplace(t.id, f); !inserted) {
        return core::Error(f + ": probe '" + t.id + "': " + t.pointer + "/id: duplicate id (also in " + it->second + ")");
      }
      all.push_back(std::move(t));
    }
  }
  if (all.empty()) return core::Error("no probe templates found");
  return all;
}

}  // namespace corscheck::cases
