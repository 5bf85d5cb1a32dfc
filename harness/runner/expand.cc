#include "runner/expand.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/ascii.h"
#include "core/url.h"
#include "model/request_rules.h"

namespace corscheck::runner {
namespace {

using Vars = std::map<std::string, std::string>;

std::string Substitute(const std::string& text, const Vars& vars, std::string& missing) {
  std::string out;
  for (std::size_t i = 0; i < text.size();) {
    if (text[i] == '{') {
      const std::size_t close = text.find('}', i);
      if (close != std::string::npos) {
        const std::string name = text.substr(i + 1, close - i - 1);
        if (auto it = vars.find(name); it != vars.end()) {
          out += it->second;
          i = close + 1;
          continue;
        }
        if (!name.empty() && std::all_of(name.begin(), name.end(), [](char c) { return core::IsAsciiAlpha(c) || c == '_'; })) {
          missing = name;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

// Replaces the first ASCII 'a', 'e' or 'o' of the first label with its Cyrillic look-alike and
// returns the punycode host; empty when the host has none.
std::string IdnHomograph(const std::string& host) {
  const std::size_t dot = host.find('.');
  const std::string label = host.substr(0, dot);
  static const std::map<char, std::string> kLookalike = {{'a', "\xD0\xB0"}, {'e', "\xD0\xB5"}, {'o', "\xD0\xBE"}};
  for (std::size_t i = 0; i < label.size(); ++i) {
    if (auto it = kLookalike.find(label[i]); it != kLookalike.end()) {
      const std::string unicode = label.substr(0, i) + it->second + label.substr(i + 1) + (dot == std::string::npos ? "" : host.substr(dot));
      return core::ParseHost(unicode).value_or("");
    }
  }
  return "";
}

Vars OriginVars(const std::string& origin) {
  Vars v;
  v["origin"] = origin;
  const auto parsed = core::ParseSerializedOrigin(origin);
  if (!parsed || parsed->opaque()) return v;
  const std::string& scheme = parsed->scheme();
  const std::string& host = parsed->host();
  v["scheme"] = scheme;
  v["other_scheme"] = scheme == "https" ? "http" : "https";
  v["host"] = host;
  v["HOST"] = core::ToUpper(host);
  v["port"] = parsed->port() ? ":" + std::to_string(*parsed->port()) : "";
  const std::uint16_t default_port = core::DefaultPort(scheme).value_or(80);
  const std::uint16_t port = parsed->port().value_or(default_port);
  v["other_port"] = ":" + std::to_string(port == 8443 ? 9443 : 8443);
  v["default_port"] = parsed->port() ? "" : ":" + std::to_string(default_port);
  const std::size_t dot = host.find('.');
  v["parent"] = dot == std::string::npos ? host : host.substr(dot + 1);
  v["host_dotx"] = dot == std::string::npos ? host : host.substr(0, dot) + "x" + host.substr(dot + 1);
  v["idn_homograph"] = IdnHomograph(host);
  return v;
}

std::string DisallowedMethod(const core::Policy& p) {
  for (const char* m : {"PATCH", "PROPFIND", "PURGE", "LINK"}) {
    if (std::find(p.methods.begin(), p.methods.end(), m) == p.methods.end()) return m;
  }
  return "CORSCHECK";
}

std::string HeaderValue(const std::string& name) {
  if (core::EqualsIgnoreCase(name, "content-type")) return "application/json";
  if (core::EqualsIgnoreCase(name, "authorization")) return "Bearer corscheck";
  return "corscheck";
}

std::string Key(const Probe& p) {
  std::string k = p.origin + "\n" + p.method + "\n" + p.path + "\n" + std::string(model::Name(p.credentials)) + "\n" +
                  std::string(model::Name(p.mode));
  for (const auto& h : p.headers) k += "\n" + h.name + ":" + h.value;
  return k;
}

}  // namespace

std::vector<std::string> SeedOrigins(const core::Policy& policy) {
  std::vector<std::string> out;
  for (const std::string& o : policy.origins) {
    if (o != "*" && o != "null") out.push_back(o);
  }
  for (const std::string& pattern : policy.origin_patterns) {
    const std::size_t star = pattern.find("://*.");
    if (star != std::string::npos) out.push_back(pattern.substr(0, star) + "://corscheck-probe." + pattern.substr(star + 5));
  }
  return out;
}

core::Result<std::vector<Probe>> ExpandProbes(const std::vector<cases::ProbeTemplate>& templates,
                                              const core::Policy& policy, const ExpandOptions& options) {
  const std::vector<std::string> seeds = SeedOrigins(policy);
  const std::string first_origin = seeds.empty() ? "https://corscheck.example" : seeds.front();
  std::vector<Probe> out;
  std::set<std::string> seen;
  for (const cases::ProbeTemplate& t : templates) {
    // The cross product of the template's dimensions.
    std::vector<std::pair<std::string, Vars>> rows = {{"", OriginVars(first_origin)}};
    for (const std::string& dim : t.for_each) {
      std::vector<std::pair<std::string, Vars>> next;
      for (const auto& [suffix, vars] : rows) {
        auto add = [&, suffix = suffix, vars = vars](const std::string& label, const Vars& extra) {
          Vars merged = vars;
          for (const auto& [k, v] : extra) merged[k] = v;
          next.emplace_back(suffix + "[" + label + "]", merged);
        };
        if (dim == "origin") {
          for (const std::string& o : seeds) add(o, OriginVars(o));
        } else if (dim == "method") {
          for (const std::string& m : policy.methods) add(m, {{"method", m}, {"method_lower", core::ToLower(m)}});
        } else if (dim == "header") {
          for (const std::string& h : policy.headers) add(h, {{"header", h}, {"header_value", HeaderValue(h)}});
        } else if (dim == "error_path") {
          for (const std::string& e : options.error_paths) add(e, {{"error_path", e}});
        }
      }
      rows = std::move(next);
    }
    for (auto& [suffix, vars] : rows) {
      vars["path"] = options.base_path;
      vars["disallowed_method"] = DisallowedMethod(policy);
      std::string missing;
      Probe p;
      p.id = t.id + suffix;
      p.kind = t.kind;
      p.rule = t.rule;
      p.title = t.title;
      p.origin = Substitute(t.origin, vars, missing);
      p.method = Substitute(t.method, vars, missing);
      for (const core::Header& h : t.headers) p.headers.Append(Substitute(h.name, vars, missing), Substitute(h.value, vars, missing));
      p.path = Substitute(t.path, vars, missing);
      p.error_path = std::find(t.for_each.begin(), t.for_each.end(), "error_path") != t.for_each.end();
      if (!missing.empty()) {
        // A variant that does not exist for this origin (no default port to write out, no letter
        // for a homograph): skip it rather than probe nonsense.
        continue;
      }
      if (vars.count("idn_homograph") && vars["idn_homograph"].empty() && t.origin.find("{idn_homograph}") != std::string::npos) continue;
      if (t.origin.find("{default_port}") != std::string::npos && vars["default_port"].empty()) continue;
      p.origin_sendable = p.origin.empty() || core::ParseSerializedOrigin(p.origin).has_value();
      p.credentials = t.credentials == "include" ? model::CredentialsMode::kInclude
                      : t.credentials == "omit"  ? model::CredentialsMode::kOmit
                      : policy.credentials       ? model::CredentialsMode::kInclude
                                                 : model::CredentialsMode::kOmit;
      p.mode = t.mode == "no-cors" ? model::RequestMode::kNoCors : model::RequestMode::kCors;
      if (p.origin.empty()) p.mode = model::RequestMode::kNoCors;
      if (seen.insert(Key(p)).second) out.push_back(std::move(p));
    }
  }
  if (out.empty()) return core::Error("the probe templates expanded to no probes for this policy");
  return out;
}

}  // namespace corscheck::runner
