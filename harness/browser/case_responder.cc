#include "browser/case_responder.h"

#include "core/ascii.h"
#include "core/url.h"

namespace corscheck::browser {
namespace {

// Runs one fetch (or, with use_preflight, an XMLHttpRequest with an upload listener) and returns
// what script can read: status, type, every visible header, the body. A TypeError thrown before
// any network activity (the Request constructor, XHR open/setRequestHeader) is `rejected`.
constexpr const char* kPageScript = R"JS(
window.__corscheck = async function (s) {
  const show = (e) => String((e && e.message) || e);
  if (s.xhr) {
    return await new Promise((resolve) => {
      const x = new XMLHttpRequest();
      try {
        x.open(s.init.method, s.url, true);
        x.withCredentials = s.init.credentials === 'include';
        for (const [k, v] of s.init.headers) x.setRequestHeader(k, v);
        x.upload.onprogress = () => {};
        x.onload = () => {
          const headers = [];
          for (const line of x.getAllResponseHeaders().split('\r\n')) {
            const i = line.indexOf(':');
            if (i > 0) headers.push([line.slice(0, i).toLowerCase(), line.slice(i + 1).trim()]);
          }
          resolve({allowed: true, status: x.status, type: '', headers, body: String(x.responseText).slice(0, 1000)});
        };
        x.onerror = () => resolve({allowed: false, message: 'XMLHttpRequest error event'});
        const m = s.init.method.toUpperCase();
        x.send(m === 'GET' || m === 'HEAD' ? null : 'corscheck');
      } catch (e) {
        resolve({allowed: false, rejected: true, message: show(e)});
      }
    });
  }
  let req;
  try { req = new Request(s.url, s.init); } catch (e) { return {allowed: false, rejected: true, message: show(e)}; }
  let r;
  try { r = await fetch(req); } catch (e) { return {allowed: false, message: show(e)}; }
  const headers = [];
  for (const [k, v] of r.headers) headers.push([k, v]);
  let body = '';
  try { body = await r.text(); } catch (e) { body = ''; }
  return {allowed: true, status: r.status, type: r.type, headers, body: body.slice(0, 1000)};
};
)JS";

core::HttpResponse Html(std::string body) {
  core::HttpResponse r;
  r.status = 200;
  r.headers.Append("Content-Type", "text/html; charset=utf-8");
  r.headers.Append("Cache-Control", "no-store");
  r.body = std::move(body);
  return r;
}

bool HasBody(int status, const std::string& method) {
  return status >= 200 && status != 204 && status != 304 && method != "HEAD";
}

}  // namespace

std::string PageHtml() {
  return std::string("<!doctype html><meta charset=utf-8><title>corscheck</title><script>") + kPageScript +
         "</script>";
}

bool RecordedRequest::IsPreflight() const { return method == "OPTIONS" && headers.Contains("access-control-request-method"); }

std::string CaseResponder::RouteKey(const std::string& url) {
  const auto parsed = core::ParseUrl(url);
  if (!parsed || !parsed->IsHttpFamily()) return {};
  std::string key = parsed->scheme + "://" + parsed->host;
  if (parsed->port) key += ":" + std::to_string(*parsed->port);
  return key + parsed->path_and_query;
}

CaseResponder::CaseResponder(const std::vector<cases::ModelCase>& cases) : cases_(&cases), states_(cases.size()) {
  auto note = [&](const core::Url& u) {
    if (!u.IsHttpFamily()) return;
    hosts_.insert(u.host);
    ports_.insert({u.scheme, u.port.value_or(*core::DefaultPort(u.scheme))});
  };
  for (std::size_t i = 0; i < cases.size(); ++i) {
    for (const cases::Step& step : cases[i].steps) {
      const model::FetchScenario& s = step.scenario;
      if (!s.page_origin.opaque()) {
        const auto page = core::ParseUrl(s.page_origin.Serialize() + "/");
        if (page) note(*page);
      }
      auto current = core::ParseUrl(s.request.url);
      if (!current) continue;
      note(*current);
      auto route = [&](const std::string& key) {
        if (key.empty()) return;
        const auto [it, added] = routes_.emplace(key, i);
        if (!added && it->second != i) {
          conflicts_[i] = key + " is also a URL of case " + cases[it->second].id + "; each case needs its own URLs";
        }
      };
      route(RouteKey(s.request.url));
      for (const model::RedirectHop& hop : s.redirects) {
        const auto location = hop.response.headers.Get("location");
        if (!location) break;
        auto next = core::ParseUrl(*location, &*current);
        if (!next) break;
        current = next;
        note(*current);
        route(RouteKey(current->Serialize(true)));
      }
    }
  }
  hosts_.insert("app.example.com");  // the page for an opaque origin
  ports_.insert({"https", 443});
}

std::set<std::string> CaseResponder::HostNames() const { return hosts_; }
std::set<std::pair<std::string, std::uint16_t>> CaseResponder::SchemePorts() const { return ports_; }

std::string CaseResponder::Conflict(std::size_t case_index) const {
  const auto it = conflicts_.find(case_index);
  return it == conflicts_.end() ? std::string() : it->second;
}

std::size_t CaseResponder::unrouted() const {
  std::lock_guard<std::mutex> lock(mu_);
  return unrouted_;
}

void CaseResponder::BeginStep(std::size_t case_index, std::size_t step) {
  std::lock_guard<std::mutex> lock(mu_);
  states_.at(case_index) = State{step, 0, {}};
}

std::vector<RecordedRequest> CaseResponder::EndStep(std::size_t case_index) {
  std::lock_guard<std::mutex> lock(mu_);
  return std::move(states_.at(case_index).recorded);
}

core::HttpResponse CaseResponder::Handle(const core::HttpRequest& request) {
  const auto parsed = core::ParseUrl(request.url);
  if (parsed && (parsed->path_and_query == kPagePath || parsed->path_and_query == kOpaquePagePath)) {
    core::HttpResponse page = Html(PageHtml());
    // A sandboxed document without allow-same-origin has an opaque origin: its fetches carry
    // `Origin: null`. https://html.spec.whatwg.org/multipage/browsers.html#sandboxing
    if (parsed->path_and_query == kOpaquePagePath) page.headers.Append("Content-Security-Policy", "sandbox allow-scripts");
    return page;
  }
  const auto route = routes_.find(RouteKey(request.url));
  if (route == routes_.end()) {
    std::lock_guard<std::mutex> lock(mu_);
    ++unrouted_;
    core::HttpResponse r;
    r.status = 404;
    r.headers.Append("Content-Type", "text/plain");
    r.body = "corscheck: no case serves this URL\n";
    return r;
  }
  return Answer(route->second, RecordedRequest{request.method, request.url, request.headers});
}

core::HttpResponse CaseResponder::Answer(std::size_t case_index, const RecordedRequest& request) {
  std::lock_guard<std::mutex> lock(mu_);
  State& state = states_[case_index];
  state.recorded.push_back(request);
  const cases::ModelCase& c = (*cases_)[case_index];
  const model::FetchScenario& s = c.steps.at(std::min(state.step, c.steps.size() - 1)).scenario;

  const model::ServerResponse* answer = nullptr;
  std::string missing;
  if (request.IsPreflight()) {
    if (state.answered == 0) {
      if (s.preflight_response) answer = &*s.preflight_response;
      missing = "preflight_response";
    } else if (state.answered <= s.redirects.size()) {
      const auto& hop = s.redirects[state.answered - 1];
      if (hop.preflight_response) answer = &*hop.preflight_response;
      missing = "redirects[" + std::to_string(state.answered - 1) + "].preflight_response";
    }
  } else {
    const std::size_t k = state.answered++;
    answer = k < s.redirects.size() ? &s.redirects[k].response : &s.response;
    if (k > s.redirects.size()) missing = "an answer for request " + std::to_string(k + 1);
    if (k > s.redirects.size()) answer = nullptr;
  }
  core::HttpResponse out;
  if (!answer) {
    // The model would call this a malformed case; the browser sees a plain failure.
    out.status = 599;
    out.headers.Append("Content-Type", "text/plain");
    out.body = "corscheck: case " + c.id + " has no " + missing + "\n";
    return out;
  }
  out.status = answer->status;
  out.headers = answer->headers;
  if (HasBody(answer->status, request.method)) out.body = "corscheck " + c.id + "\n";
  return out;
}

}  // namespace corscheck::browser
