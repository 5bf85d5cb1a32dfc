#include "cases/model_case.h"

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "cases/json_util.h"
#include "core/url.h"

namespace corscheck::cases {
namespace {

using nlohmann::json;

// Thrown inside this file only; LoadModelCases turns it into an Error.
struct CaseError {
  std::string pointer;
  std::string message;
};

[[noreturn]] void Fail(const std::string& pointer, const std::string& message) { throw CaseError{pointer, message}; }

void CheckKeys(const json& j, const std::string& ptr, std::initializer_list<std::string_view> allowed) {
  if (!j.is_object()) Fail(ptr, "must be an object");
  for (const auto& [key, value] : j.items()) {
    if (std::find(allowed.begin(), allowed.end(), key) == allowed.end()) {
      Fail(ptr + "/" + EscapePointer(key), "unknown field '" + key + "'");
    }
  }
}

std::string GetString(const json& j, const std::string& ptr, const char* key, bool required) {
  if (!j.contains(key)) {
    if (required) Fail(ptr + "/" + key, "required field is missing");
    return {};
  }
  if (!j[key].is_string()) Fail(ptr + "/" + key, "must be a string");
  return j[key].get<std::string>();
}

core::HeaderList ParseHeaderList(const json& j, const std::string& ptr) {
  if (!j.is_array()) Fail(ptr, "a header list is an array of [name, value] pairs");
  core::HeaderList out;
  for (std::size_t i = 0; i < j.size(); ++i) {
    const std::string p = ptr + "/" + std::to_string(i);
    const json& pair = j[i];
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string()) {
      Fail(p, "a header is a [name, value] pair of strings");
    }
    auto name = IsomorphicEncode(pair[0].get<std::string>());
    if (!name) Fail(p + "/0", name.error().message);
    auto value = IsomorphicEncode(pair[1].get<std::string>());
    if (!value) Fail(p + "/1", value.error().message);
    out.Append(std::move(*name), std::move(*value));
  }
  return out;
}

model::ServerResponse ParseResponse(const json& j, const std::string& ptr, bool allow_preflight) {
  if (allow_preflight) {
    CheckKeys(j, ptr, {"status", "headers", "body", "preflight_response", "note"});
  } else {
    CheckKeys(j, ptr, {"status", "headers", "body", "note"});
  }
  model::ServerResponse r;
  if (!j.contains("status") || !j["status"].is_number_integer()) Fail(ptr + "/status", "required integer");
  const auto status = j["status"].get<std::int64_t>();
  if (status < 100 || status > 999) Fail(ptr + "/status", "must be 100..999");
  r.status = static_cast<int>(status);
  if (j.contains("headers")) r.headers = ParseHeaderList(j["headers"], ptr + "/headers");
  return r;
}

model::FetchRequest ParseRequest(const json& j, const std::string& ptr) {
  CheckKeys(j, ptr, {"url", "method", "headers", "credentials", "mode", "use_preflight", "referrer_policy", "body"});
  model::FetchRequest r;
  r.url = GetString(j, ptr, "url", true);
  if (j.contains("method")) r.method = GetString(j, ptr, "method", true);
  if (j.contains("headers")) r.headers = ParseHeaderList(j["headers"], ptr + "/headers");
  if (j.contains("credentials")) {
    auto m = model::CredentialsModeFromName(GetString(j, ptr, "credentials", true));
    if (!m) Fail(ptr + "/credentials", "must be omit, same-origin or include");
    r.credentials = *m;
  }
  if (j.contains("mode")) {
    auto m = model::RequestModeFromName(GetString(j, ptr, "mode", true));
    if (!m) Fail(ptr + "/mode", "must be cors, no-cors or same-origin");
    r.mode = *m;
  }
  if (j.contains("use_preflight")) {
    if (!j["use_preflight"].is_boolean()) Fail(ptr + "/use_preflight", "must be a boolean");
    r.use_preflight = j["use_preflight"].get<bool>();
  }
  if (j.contains("referrer_policy")) r.referrer_policy = GetString(j, ptr, "referrer_policy", true);
  return r;
}

core::Origin ParsePageOrigin(const json& j, const std::string& ptr) {
  if (!j.is_string()) Fail(ptr, "must be a string");
  auto o = core::ParseSerializedOrigin(j.get<std::string>());
  if (!o) Fail(ptr, "'" + j.get<std::string>() + "' is not a serialized origin (e.g. https://app.example.com, or null)");
  return *o;
}

Expectation ParseExpect(const json& j, const std::string& ptr) {
  CheckKeys(j, ptr, {"preflight", "allowed", "error", "failed_parameter", "type", "status", "request_headers",
                     "exposed_headers", "max_age"});
  Expectation e;
  auto boolean = [&](const char* key) -> std::optional<bool> {
    if (!j.contains(key)) return std::nullopt;
    if (!j[key].is_boolean()) Fail(ptr + "/" + key, "must be a boolean");
    return j[key].get<bool>();
  };
  e.preflight = boolean("preflight");
  e.allowed = boolean("allowed");
  if (j.contains("error")) {
    if (j["error"].is_null()) {
      e.error = std::optional<std::string>();
    } else if (j["error"].is_string() && core::CorsErrorFromName(j["error"].get<std::string>())) {
      e.error = j["error"].get<std::string>();
    } else {
      Fail(ptr + "/error", "must be null or a CorsError name such as MissingAllowOriginHeader");
    }
  }
  if (j.contains("failed_parameter")) {
    auto v = IsomorphicEncode(GetString(j, ptr, "failed_parameter", true));
    if (!v) Fail(ptr + "/failed_parameter", v.error().message);
    e.failed_parameter = *v;
  }
  if (j.contains("type")) {
    e.type = GetString(j, ptr, "type", true);
    if (*e.type != "basic" && *e.type != "cors" && *e.type != "opaque") Fail(ptr + "/type", "must be basic, cors or opaque");
  }
  if (j.contains("status")) {
    if (!j["status"].is_number_integer()) Fail(ptr + "/status", "must be an integer");
    e.status = j["status"].get<int>();
  }
  if (j.contains("request_headers")) {
    const json& rh = j["request_headers"];
    const std::string p = ptr + "/request_headers";
    CheckKeys(rh, p, {"origin", "access-control-request-method", "access-control-request-headers"});
    for (const auto& [k, v] : rh.items()) {
      if (v.is_null()) {
        e.request_headers[k] = std::nullopt;
      } else if (v.is_string()) {
        auto enc = IsomorphicEncode(v.get<std::string>());
        if (!enc) Fail(p + "/" + k, enc.error().message);
        e.request_headers[k] = *enc;
      } else {
        Fail(p + "/" + k, "must be a string or null (not sent)");
      }
    }
  }
  if (j.contains("exposed_headers")) {
    const json& eh = j["exposed_headers"];
    if (!eh.is_array()) Fail(ptr + "/exposed_headers", "must be an array of lower-case names");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < eh.size(); ++i) {
      if (!eh[i].is_string()) Fail(ptr + "/exposed_headers/" + std::to_string(i), "must be a string");
      names.push_back(eh[i].get<std::string>());
    }
    e.exposed_headers = names;
  }
  if (j.contains("max_age")) {
    if (!j["max_age"].is_number_integer()) Fail(ptr + "/max_age", "must be an integer");
    e.max_age = j["max_age"].get<std::int64_t>();
  }
  return e;
}

bool IsSlug(const std::string& id) {
  if (id.empty() || !(std::islower(static_cast<unsigned char>(id[0])) || std::isdigit(static_cast<unsigned char>(id[0])))) {
    return false;
  }
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' || c == '_';
  });
}

ModelCase ParseCase(const json& j, const std::string& ptr, const std::string& file) {
  CheckKeys(j, ptr, {"id", "rule", "title", "source", "profiles", "page_origin", "request", "preflight_response",
                     "redirects", "response", "followups", "expect", "note"});
  ModelCase c;
  c.file = file;
  c.pointer = ptr;
  c.id = GetString(j, ptr, "id", true);
  if (!IsSlug(c.id)) Fail(ptr + "/id", "'" + c.id + "' is not a lower-case slug ([a-z0-9][a-z0-9._-]*)");
  c.rule = GetString(j, ptr, "rule", true);
  if (c.rule.empty()) Fail(ptr + "/rule", "must name a digest rule ID or spec anchor");
  c.title = GetString(j, ptr, "title", true);
  c.source = GetString(j, ptr, "source", false);
  if (j.contains("profiles")) {
    const json& p = j["profiles"];
    if (!p.is_array() || p.empty()) Fail(ptr + "/profiles", "must be a non-empty array of profile names");
    for (std::size_t i = 0; i < p.size(); ++i) {
      const auto id = p[i].is_string() ? model::ProfileFromName(p[i].get<std::string>()) : std::nullopt;
      if (!id) Fail(ptr + "/profiles/" + std::to_string(i), "must be spec, chromium, firefox or webkit");
      c.profiles.push_back(*id);
    }
  }

  Step first;
  first.pointer = ptr;
  if (!j.contains("page_origin")) Fail(ptr + "/page_origin", "required field is missing");
  first.scenario.page_origin = ParsePageOrigin(j["page_origin"], ptr + "/page_origin");
  if (!j.contains("request")) Fail(ptr + "/request", "required field is missing");
  first.scenario.request = ParseRequest(j["request"], ptr + "/request");
  if (j.contains("preflight_response")) {
    first.scenario.preflight_response = ParseResponse(j["preflight_response"], ptr + "/preflight_response", false);
  }
  auto parse_redirects = [&](const json& r, const std::string& p) {
    if (!r.is_array()) Fail(p, "must be an array of responses");
    std::vector<model::RedirectHop> hops;
    for (std::size_t i = 0; i < r.size(); ++i) {
      const std::string hp = p + "/" + std::to_string(i);
      model::RedirectHop hop;
      hop.response = ParseResponse(r[i], hp, true);
      if (!model::IsRedirect(hop.response)) Fail(hp, "a redirect hop needs status 301/302/303/307/308 and a Location");
      if (r[i].contains("preflight_response")) {
        hop.preflight_response = ParseResponse(r[i]["preflight_response"], hp + "/preflight_response", false);
      }
      hops.push_back(std::move(hop));
    }
    return hops;
  };
  if (j.contains("redirects")) first.scenario.redirects = parse_redirects(j["redirects"], ptr + "/redirects");
  if (!j.contains("response")) Fail(ptr + "/response", "required field is missing");
  first.scenario.response = ParseResponse(j["response"], ptr + "/response", false);
  if (j.contains("expect")) first.expect = ParseExpect(j["expect"], ptr + "/expect");
  c.steps.push_back(first);

  if (j.contains("followups")) {
    const json& f = j["followups"];
    if (!f.is_array()) Fail(ptr + "/followups", "must be an array");
    for (std::size_t i = 0; i < f.size(); ++i) {
      const std::string fp = ptr + "/followups/" + std::to_string(i);
      CheckKeys(f[i], fp, {"after_seconds", "page_origin", "request", "preflight_response", "redirects", "response",
                           "expect", "note"});
      Step s = c.steps.front();
      s.pointer = fp;
      s.expect.reset();
      if (f[i].contains("after_seconds")) {
        if (!f[i]["after_seconds"].is_number() || f[i]["after_seconds"].get<double>() < 0) {
          Fail(fp + "/after_seconds", "must be a number >= 0");
        }
        s.after_seconds = f[i]["after_seconds"].get<double>();
      }
      if (f[i].contains("page_origin")) s.scenario.page_origin = ParsePageOrigin(f[i]["page_origin"], fp + "/page_origin");
      if (f[i].contains("request")) s.scenario.request = ParseRequest(f[i]["request"], fp + "/request");
      if (f[i].contains("preflight_response")) {
        s.scenario.preflight_response = ParseResponse(f[i]["preflight_response"], fp + "/preflight_response", false);
      }
      if (f[i].contains("redirects")) s.scenario.redirects = parse_redirects(f[i]["redirects"], fp + "/redirects");
      if (f[i].contains("response")) s.scenario.response = ParseResponse(f[i]["response"], fp + "/response", false);
      if (f[i].contains("expect")) s.expect = ParseExpect(f[i]["expect"], fp + "/expect");
      c.steps.push_back(std::move(s));
    }
  }
  return c;
}

}  // namespace

bool ModelCase::AppliesTo(model::ProfileId profile) const {
  return profiles.empty() || std::find(profiles.begin(), profiles.end(), profile) != profiles.end();
}

core::Result<std::vector<ModelCase>> ParseModelCases(const std::string& text, const std::string& file) {
  const json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return core::Error(file + ": not valid JSON");
  const json* list = &doc;
  std::string base;
  if (doc.is_object()) {
    for (const auto& [key, value] : doc.items()) {
      if (key != "description" && key != "cases" && key != "skipped_rules" && key != "$schema") {
        return core::Error(file + ": /" + EscapePointer(key) + ": unknown field '" + key + "'");
      }
    }
    if (!doc.contains("cases")) return core::Error(file + ": /cases: required field is missing");
    list = &doc["cases"];
    base = "/cases";
  }
  if (!list->is_array()) return core::Error(file + ": " + (base.empty() ? "/" : base) + ": must be an array of cases");
  std::vector<ModelCase> out;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const std::string ptr = base + "/" + std::to_string(i);
    const json& item = (*list)[i];
    const std::string id = item.is_object() && item.contains("id") && item["id"].is_string() ? item["id"].get<std::string>() : "";
    try {
      out.push_back(ParseCase(item, ptr, file));
    } catch (const CaseError& e) {
      return core::Error(file + ": case '" + (id.empty() ? "?" : id) + "': " + e.pointer + ": " + e.message);
    } catch (const json::exception& e) {
      return core::Error(file + ": case '" + (id.empty() ? "?" : id) + "': " + ptr + ": " + e.what());
    }
  }
  return out;
}

core::Result<std::vector<ModelCase>> LoadModelCases(const std::vector<std::string>& paths) {
  auto listed = ListJsonFiles(paths);
  if (!listed) return listed.error();
  const std::vector<std::string>& files = *listed;
  std::vector<ModelCase> all;
  std::map<std::string, std::string> seen;  // id -> file
  for (const std::string& f : files) {
    auto text = ReadFile(f);
    if (!text) return text.error();
    auto cases = ParseModelCases(*text, f);
    if (!cases) return cases.error();
    for (ModelCase& c : *cases) {
      if (auto [it, inserted] = seen.emplace(c.id, f); !inserted) {
        return core::Error(f + ": case '" + c.id + "': " + c.pointer + "/id: duplicate id (also in " + it->second + ")");
      }
      all.push_back(std::move(c));
    }
  }
  return all;
}

}  // namespace corscheck::cases
