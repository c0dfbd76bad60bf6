// Errors as values. Every fallible call at a service or store boundary returns Result<T>: a value or an Error.
// An Error carries a protocol-neutral Code (mapped to an HTTP status in exactly one place, http/problem.cpp),
// a bilingual message and optional field-level messages. Exceptions are for bugs only.
// Thread-safety: plain values; safe to copy and move between threads.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace dongne {

enum class Code {
  kInvalid,          // the caller's input is wrong (400/422)
  kUnauthenticated,  // no or expired credentials (401)
  kForbidden,        // authenticated but not allowed (403)
  kNotFound,         // no such thing (404)
  kConflict,         // state does not allow it: full, duplicate, already done (409)
  kTooMany,          // throttled (429)
  kUnavailable,      // a dependency is down or busy; retrying may help (503)
  kInternal,         // a bug or an unexpected failure (500)
};

std::string_view code_name(Code c);

// One field's problem, e.g. {"body.email", "format", "이메일 형식이 아닙니다", "not an email address"}.
struct FieldError {
  std::string field;
  std::string code;
  std::string message_ko;
  std::string message_en;
};

struct Error {
  Code code = Code::kInternal;
  std::string message_ko;
  std::string message_en;
  std::vector<FieldError> fields;
  std::string reason;  // machine-readable sub-kind, e.g. "capacity_full"; optional
  // Extension members of the problem (RFC 9457 section 3.2), e.g. {"next_possible_at", "2026-12-02T08:10:00+09:00"};
  // an empty value is written as null. Names must not clash with the standard members.
  std::vector<std::pair<std::string, std::string>> extensions;

  static Error invalid(std::string ko, std::string en, std::vector<FieldError> fields = {});
  static Error unauthenticated(std::string ko = "로그인이 필요합니다", std::string en = "sign-in required");
  static Error forbidden(std::string ko = "권한이 없습니다", std::string en = "not allowed for your role");
  static Error not_found(std::string ko = "찾을 수 없습니다", std::string en = "not found");
  static Error conflict(std::string ko, std::string en, std::string reason = {});
  static Error too_many(std::string ko, std::string en);
  static Error unavailable(std::string ko, std::string en);
  static Error internal(std::string en);
  // A single-field invalid-input error.
  static Error field(std::string field, std::string code, std::string ko, std::string en);
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}         // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}     // NOLINT(google-explicit-constructor)
  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &std::get<0>(v_); }
  const T* operator->() const { return &std::get<0>(v_); }
  T& operator*() & { return std::get<0>(v_); }
  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : e_(std::move(error)) {}  // NOLINT(google-explicit-constructor)
  bool ok() const { return !e_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return *e_; }
  Error&& error() && { return std::move(*e_); }

 private:
  std::optional<Error> e_;
};

using Status = Result<void>;
inline Status ok_status() { return {}; }

// Drops the value of a Result, keeping only whether it failed.
template <typename T>
Status to_status(const Result<T>& r) {
  if (!r.ok()) return r.error();
  return {};
}

}  // namespace dongne

// Propagates an error from an expression returning Result<...>; used as TRY(expr);
#define DONGNE_TRY(expr)                                   \
  do {                                                     \
    auto dongne_try_r_ = (expr);                           \
    if (!dongne_try_r_.ok()) return std::move(dongne_try_r_).error(); \
  } while (0)

// Assigns the value of a Result<T> expression to `lhs` or returns its error.
#define DONGNE_ASSIGN_OR_RETURN(lhs, expr) DONGNE_ASSIGN_OR_RETURN_IMPL_(DONGNE_CAT_(r_, __LINE__), lhs, expr)
#define DONGNE_CAT_INNER_(a, b) a##b
#define DONGNE_CAT_(a, b) DONGNE_CAT_INNER_(a, b)
#define DONGNE_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                                  \
  if (!tmp.ok()) return std::move(tmp).error();       \
  lhs = std::move(tmp).value()
