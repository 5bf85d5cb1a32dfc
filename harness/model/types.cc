#include "model/types.h"

namespace corscheck::model {

std::string_view Name(CredentialsMode m) {
  switch (m) {
    case CredentialsMode::kOmit: return "omit";
    case CredentialsMode::kSameOrigin: return "same-origin";
    case CredentialsMode::kInclude: return "include";
  }
  return {};
}

std::string_view Name(RequestMode m) {
  switch (m) {
    case RequestMode::kCors: return "cors";
    case RequestMode::kNoCors: return "no-cors";
    case RequestMode::kSameOrigin: return "same-origin";
  }
  return {};
}

std::string_view Name(ResponseType t) {
  switch (t) {
    case ResponseType::kBasic: return "basic";
    case ResponseType::kCors: return "cors";
    case ResponseType::kOpaque: return "opaque";
  }
  return {};
}

std::optional<CredentialsMode> CredentialsModeFromName(std::string_view s) {
  for (auto m : {CredentialsMode::kOmit, CredentialsMode::kSameOrigin, CredentialsMode::kInclude}) {
    if (Name(m) == s) return m;
  }
  return std::nullopt;
}

std::optional<RequestMode> RequestModeFromName(std::string_view s) {
  for (auto m : {RequestMode::kCors, RequestMode::kNoCors, RequestMode::kSameOrigin}) {
    if (Name(m) == s) return m;
  }
  return std::nullopt;
}

}  // namespace corscheck::model
