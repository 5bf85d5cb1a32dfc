// Result<T>: a value or an operational Error (bad file, unreachable target). Conformance
// outcomes are not errors: they travel as CheckResult / FetchVerdict values.
#pragma once

#include <string>
#include <utility>
#include <variant>

#include "core/check.h"

namespace corscheck::core {

struct Error {
  explicit Error(std::string msg) : message(std::move(msg)) {}
  std::string message;  // carries its context: file, case id, JSON pointer, target URL
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { CORSCHECK_CHECK(ok()); return std::get<0>(v_); }
  const T& value() const& { CORSCHECK_CHECK(ok()); return std::get<0>(v_); }
  T&& value() && { CORSCHECK_CHECK(ok()); return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  const Error& error() const { CORSCHECK_CHECK(!ok()); return std::get<1>(v_); }

 private:
  std::variant<T, Error> v_;
};

}  // namespace corscheck::core
