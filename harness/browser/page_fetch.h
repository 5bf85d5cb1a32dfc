// What the model oracle (chromium_oracle.h) and the finding verifier (verify.h) share about one
// fetch run by the page script (case_responder.h, PageHtml): the page URL for an origin, the fetch
// as the script takes it, the script's answer, and why a failed fetch failed, read from DevTools
// events (Network.loadingFailed corsErrorStatus, Audits CorsIssue, blocked reason, net error).
#pragma once

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "browser/chromium_oracle.h"
#include "core/url.h"
#include "model/types.h"

namespace corscheck::browser {

// The page a fetch runs in: the origin's own page, or a sandboxed page (opaque origin, "null")
// at https://app.example.com.
std::string PageUrl(const core::Origin& origin);

// The argument of window.__corscheck(...) for `request`.
nlohmann::json FetchSpec(const model::FetchRequest& request);

// Copies what the page script returned (allowed, status, type, body, message, visible headers).
void ReadScriptAnswer(const nlohmann::json& answer, ObservedFetch& out);

// Reads why a fetch to `url` failed from `events[from..]`; false while nothing has arrived.
bool ExplainFailure(const std::vector<nlohmann::json>& events, std::size_t from, const std::string& url,
                    model::RequestMode mode, ObservedFetch& out);

}  // namespace corscheck::browser
