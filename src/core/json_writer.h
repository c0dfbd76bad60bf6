// A minimal streaming JSON writer for hot answers (a booking's 201 body is written once and both stored as its
// Idempotency-Key answer and sent), where building an nlohmann::json tree and dumping it costs more than the
// store work. Output is compact JSON, keys in the order written; strings are escaped per RFC 8259 (control
// characters as \u00XX; invalid UTF-8 bytes are replaced by U+FFFD as nlohmann's dump with error_handler
// replace does, so the answer is always valid JSON). Commas are placed automatically.
// Not thread-safe; one writer per answer.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace dongne {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view k);  // inside an object, before each value
  JsonWriter& string(std::string_view s);
  JsonWriter& number(int64_t n);
  JsonWriter& boolean(bool b);
  JsonWriter& null();
  JsonWriter& raw(std::string_view json);  // an already-serialised JSON value

  // Shorthands for a key and its value.
  JsonWriter& field(std::string_view k, std::string_view s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, const char* s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, const std::string& s) { return key(k).string(s); }
  JsonWriter& field(std::string_view k, int64_t n) { return key(k).number(n); }
  JsonWriter& field(std::string_view k, int n) { return key(k).number(n); }
  JsonWriter& field(std::string_view k, bool b) { return key(k).boolean(b); }

  const std::string& text() const { return out_; }
  std::string take() { return std::move(out_); }

 private:
  void before_value();
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace dongne
