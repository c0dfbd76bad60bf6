// Reads fields from a JSON request body and collects every problem at once, so a client learns all its mistakes
// in one answer (field-level messages in Korean and English). Strings are checked for valid UTF-8, control
// characters and length; SQL metacharacters are ordinary characters (all SQL is parameterised).
// Thread-safety: one reader per request.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace dongne::http {

struct StrRule {
  size_t min_len = 1;     // in code points
  size_t max_len = 200;
  bool multiline = false;  // allow \n and \t
};

class Fields {
 public:
  explicit Fields(const nlohmann::json& body, std::string prefix = "") : body_(body), prefix_(std::move(prefix)) {}

  std::string str(const std::string& name, StrRule rule = {});
  std::optional<std::string> opt_str(const std::string& name, StrRule rule = {});
  int64_t i64(const std::string& name, int64_t min, int64_t max);
  std::optional<int64_t> opt_i64(const std::string& name, int64_t min, int64_t max);
  bool boolean(const std::string& name, bool fallback);
  // One of the allowed values.
  std::string one_of(const std::string& name, const std::vector<std::string>& allowed, bool required = true);
  // A Korean mobile or landline number, normalised to digits (e.g. "010-1234-5678" -> "01012345678").
  std::optional<std::string> opt_phone(const std::string& name);
  std::optional<std::string> opt_email(const std::string& name);
  // A local date "YYYY-MM-DD".
  std::optional<std::string> opt_date(const std::string& name, bool required = false);

  void fail(const std::string& name, std::string code, std::string ko, std::string en);
  // Takes over the errors of a nested reader (e.g. one item of an array).
  void absorb(const Fields& nested) { errors_.insert(errors_.end(), nested.errors_.begin(), nested.errors_.end()); }
  bool has(const std::string& name) const { return body_.contains(name) && !body_[name].is_null(); }
  // Ok when every field was fine; otherwise one invalid Error listing all fields.
  Status finish() const;

 private:
  std::string path(const std::string& name) const { return prefix_.empty() ? name : prefix_ + "." + name; }
  const nlohmann::json& body_;
  std::string prefix_;
  std::vector<FieldError> errors_;
};

// No resident registration number, anywhere (DESIGN.md, Privacy): the field errors for every string in a request
// body (object members and array items, recursively; fields named like "password" are skipped: they are only
// hashed) and in its query parameters that looks like one (core/privacy.h). The pipeline runs this on every
// request before its handler, so it covers every free-text field of every route. Messages never echo the number.
std::vector<FieldError> resident_number_fields(const nlohmann::json* body,
                                               const std::map<std::string, std::string>& query);
Error resident_number_error(std::vector<FieldError> fields);

// The members of a body that its route's request schema does not name (objects with "properties" are closed
// unless the schema says "additionalProperties"; nested objects and array items are checked the same way). A
// misspelt field ("display_name" for "name") is an error naming it, not a silent no-op.
std::vector<FieldError> unknown_fields(const nlohmann::json& body, const nlohmann::json& schema);
Error unknown_fields_error(std::vector<FieldError> fields);

// Counts UTF-8 code points; nullopt when the string is not valid UTF-8.
std::optional<size_t> utf8_length(const std::string& s);

}  // namespace dongne::http
