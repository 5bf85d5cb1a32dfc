#include <algorithm>

#include "cases/json_util.h"
#include "cases/model_case.h"
#include "core/ascii.h"

namespace corscheck::cases {
namespace {

std::string Show(const std::optional<std::string>& v) { return v ? "'" + core::EscapeForDisplay(*v) + "'" : "(not sent)"; }

std::string Join(const std::vector<std::string>& v) {
  std::string out = "[";
  for (std::size_t i = 0; i < v.size(); ++i) out += (i ? ", " : "") + v[i];
  return out + "]";
}

}  // namespace

std::map<std::string, std::optional<std::string>> ObservedRequestHeaders(const model::FetchVerdict& verdict) {
  std::map<std::string, std::optional<std::string>> out = {
      {"origin", std::nullopt}, {"access-control-request-method", std::nullopt}, {"access-control-request-headers", std::nullopt}};
  if (!verdict.sent.empty()) out["origin"] = verdict.sent.back().headers.Get("origin");
  for (auto it = verdict.sent.rbegin(); it != verdict.sent.rend(); ++it) {
    if (!it->preflight) continue;
    out["access-control-request-method"] = it->headers.Get("access-control-request-method");
    out["access-control-request-headers"] = it->headers.Get("access-control-request-headers");
    break;
  }
  return out;
}

void CompareVerdict(const Expectation& e, const model::FetchVerdict& v, std::size_t step, std::vector<Mismatch>& out) {
  auto add = [&](std::string field, std::string expected, std::string actual) {
    out.push_back({step, std::move(field), std::move(expected), std::move(actual)});
  };
  auto b = [](bool x) { return std::string(x ? "true" : "false"); };
  if (e.preflight && *e.preflight != v.preflight_sent) add("preflight", b(*e.preflight), b(v.preflight_sent));
  if (e.allowed && *e.allowed != v.allowed) add("allowed", b(*e.allowed), b(v.allowed));
  if (e.error) {
    const std::string actual = v.error ? std::string(core::Name(*v.error)) : "null";
    const std::string expected = e.error->value_or("null");
    if (actual != expected) add("error", expected, actual);
  }
  if (e.failed_parameter && *e.failed_parameter != v.failed_parameter) {
    add("failed_parameter", Show(*e.failed_parameter), Show(v.failed_parameter));
  }
  if (e.type) {
    const std::string actual = v.type ? std::string(model::Name(*v.type)) : "(none: blocked)";
    if (actual != *e.type) add("type", *e.type, actual);
  }
  if (e.status && *e.status != v.status) add("status", std::to_string(*e.status), std::to_string(v.status));
  if (!e.request_headers.empty()) {
    const auto observed = ObservedRequestHeaders(v);
    for (const auto& [name, expected] : e.request_headers) {
      const auto& actual = observed.at(name);
      if (actual != expected) add("request_headers." + name, Show(expected), Show(actual));
    }
  }
  if (e.exposed_headers && *e.exposed_headers != v.exposed_headers) {
    add("exposed_headers", Join(*e.exposed_headers), Join(v.exposed_headers));
  }
  if (e.max_age) {
    const std::string actual = v.max_age ? std::to_string(*v.max_age) : "(no preflight evaluated)";
    if (actual != std::to_string(*e.max_age)) add("max_age", std::to_string(*e.max_age), actual);
  }
}

CaseOutcome RunModelCase(const ModelCase& c, model::ProfileId profile_id) {
  CaseOutcome outcome;
  outcome.model_case = &c;
  outcome.profile = profile_id;
  outcome.checked = c.AppliesTo(profile_id);
  model::Browser browser(model::GetProfile(profile_id));
  for (std::size_t i = 0; i < c.steps.size(); ++i) {
    const Step& step = c.steps[i];
    browser.AdvanceClock(step.after_seconds);
    model::FetchVerdict verdict = browser.Fetch(step.scenario);
    if (verdict.scenario_error) {
      outcome.scenario_error = c.file + ": case '" + c.id + "': " + step.pointer + ": " + *verdict.scenario_error;
    }
    if (outcome.checked && step.expect) CompareVerdict(*step.expect, verdict, i, outcome.mismatches);
    outcome.verdicts.push_back(std::move(verdict));
    if (outcome.scenario_error) break;
  }
  if (!c.steps.empty() && std::none_of(c.steps.begin(), c.steps.end(), [](const Step& s) { return s.expect.has_value(); })) {
    outcome.checked = false;
  }
  return outcome;
}

}  // namespace corscheck::cases
