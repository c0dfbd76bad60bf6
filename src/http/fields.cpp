#include "http/fields.h"

#include "core/calendar.h"
#include "core/privacy.h"

#include <cctype>

namespace dongne::http {

std::optional<size_t> utf8_length(const std::string& s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + len > s.size()) return std::nullopt;
    for (size_t k = 1; k < len; ++k)
      if ((static_cast<unsigned char>(s[i + k]) >> 6) != 0x2) return std::nullopt;
    i += len;
    ++n;
  }
  return n;
}

void Fields::fail(const std::string& name, std::string code, std::string ko, std::string en) {
  errors_.push_back(FieldError{path(name), std::move(code), std::move(ko), std::move(en)});
}

std::optional<std::string> Fields::opt_str(const std::string& name, StrRule rule) {
  if (!has(name)) return std::nullopt;
  const auto& v = body_[name];
  if (!v.is_string()) {
    fail(name, "type", "문자열이어야 합니다", "must be a string");
    return std::nullopt;
  }
  std::string s = v.get<std::string>();
  auto len = utf8_length(s);
  if (!len) {
    fail(name, "encoding", "UTF-8 문자열이어야 합니다", "must be valid UTF-8");
    return std::nullopt;
  }
  for (unsigned char c : s) {
    bool allowed_ws = rule.multiline && (c == '\n' || c == '\t' || c == '\r');
    if ((c < 0x20 && !allowed_ws) || c == 0x7f) {
      fail(name, "control", "제어 문자를 포함할 수 없습니다", "must not contain control characters");
      return std::nullopt;
    }
  }
  if (*len < rule.min_len) {
    fail(name, rule.min_len == 1 ? "required" : "too_short",
         rule.min_len == 1 ? "비어 있을 수 없습니다" : std::to_string(rule.min_len) + "자 이상이어야 합니다",
         rule.min_len == 1 ? "must not be empty" : "must be at least " + std::to_string(rule.min_len) + " characters");
    return std::nullopt;
  }
  if (*len > rule.max_len) {
    fail(name, "too_long", std::to_string(rule.max_len) + "자 이하여야 합니다",
         "must be at most " + std::to_string(rule.max_len) + " characters");
    return std::nullopt;
  }
  return s;
}

std::string Fields::str(const std::string& name, StrRule rule) {
  if (!has(name)) {
    fail(name, "required", "필수 항목입니다", "is required");
    return {};
  }
  return opt_str(name, rule).value_or("");
}

std::optional<int64_t> Fields::opt_i64(const std::string& name, int64_t min, int64_t max) {
  if (!has(name)) return std::nullopt;
  const auto& v = body_[name];
  if (!v.is_number_integer()) {
    fail(name, "type", "정수여야 합니다", "must be an integer");
    return std::nullopt;
  }
  if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
    fail(name, "range", "허용 범위를 벗어났습니다", "is out of range");
    return std::nullopt;
  }
  int64_t x = v.get<int64_t>();
  if (x < min || x > max) {
    fail(name, "range", std::to_string(min) + "에서 " + std::to_string(max) + " 사이여야 합니다",
         "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return std::nullopt;
  }
  return x;
}

int64_t Fields::i64(const std::string& name, int64_t min, int64_t max) {
  if (!has(name)) {
    fail(name, "required", "필수 항목입니다", "is required");
    return 0;
  }
  return opt_i64(name, min, max).value_or(0);
}

bool Fields::boolean(const std::string& name, bool fallback) {
  if (!has(name)) return fallback;
  if (!body_[name].is_boolean()) {
    fail(name, "type", "true 또는 false여야 합니다", "must be true or false");
    return fallback;
  }
  return body_[name].get<bool>();
}

std::string Fields::one_of(const std::string& name, const std::vector<std::string>& allowed, bool required) {
  if (!has(name)) {
    if (required) fail(name, "required", "필수 항목입니다", "is required");
    return {};
  }
  auto s = opt_str(name, StrRule{1, 100});
  if (!s) return {};
  for (const auto& a : allowed)
    if (a == *s) return *s;
  std::string list;
  for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
  fail(name, "enum", "허용된 값이 아닙니다: " + list, "must be one of: " + list);
  return {};
}

std::optional<std::string> Fields::opt_phone(const std::string& name) {
  auto s = opt_str(name, StrRule{1, 20});
  if (!s) return std::nullopt;
  std::string digits;
  for (char c : *s) {
    if (std::isdigit(static_cast<unsigned char>(c))) digits.push_back(c);
    else if (c != '-' && c != ' ') {
      digits.clear();
      break;
    }
  }
  if (digits.size() < 9 || digits.size() > 11 || digits[0] != '0') {
    fail(name, "phone", "전화번호 형식이 아닙니다 (예: 010-1234-5678)", "not a phone number (e.g. 010-1234-5678)");
    return std::nullopt;
  }
  return digits;
}

std::optional<std::string> Fields::opt_email(const std::string& name) {
  auto s = opt_str(name, StrRule{3, 254});
  if (!s) return std::nullopt;
  auto at = s->find('@');
  bool ok = at != std::string::npos && at > 0 && s->find('@', at + 1) == std::string::npos &&
            s->find('.', at) != std::string::npos && s->back() != '.' && s->find(' ') == std::string::npos;
  if (!ok) {
    fail(name, "email", "이메일 형식이 아닙니다", "not an email address");
    return std::nullopt;
  }
  std::string lower;
  for (char c : *s) lower.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return lower;
}

std::optional<std::string> Fields::opt_date(const std::string& name, bool required) {
  if (!has(name)) {
    if (required) fail(name, "required", "필수 항목입니다", "is required");
    return std::nullopt;
  }
  auto s = opt_str(name, StrRule{10, 10});
  if (!s) return std::nullopt;
  const std::string& d = *s;
  bool shape = d[4] == '-' && d[7] == '-';
  for (int i : {0, 1, 2, 3, 5, 6, 8, 9}) shape = shape && std::isdigit(static_cast<unsigned char>(d[i]));
  int m = shape ? std::stoi(d.substr(5, 2)) : 0;
  int day = shape ? std::stoi(d.substr(8, 2)) : 0;
  if (!shape || m < 1 || m > 12 || day < 1 || day > 31 || !parse_date(d).ok()) {  // also 2019-02-30
    fail(name, "date", "날짜 형식은 YYYY-MM-DD입니다", "dates are YYYY-MM-DD");
    return std::nullopt;
  }
  return d;
}

namespace {

FieldError resident_number_at(std::string field) {
  return FieldError{std::move(field), "resident_number",
                    "주민등록번호는 입력할 수 없습니다. 번호를 지우고 다시 보내 주세요",
                    "resident registration numbers are never accepted; remove the number and send again"};
}

void find_resident_numbers(const nlohmann::json& v, const std::string& path, std::vector<FieldError>& out) {
  if (v.is_string()) {
    if (looks_like_rrn(v.get_ref<const std::string&>())) out.push_back(resident_number_at(path.empty() ? "body" : path));
  } else if (v.is_object()) {
    for (const auto& [k, item] : v.items()) {
      if (k.find("password") != std::string::npos) continue;
      find_resident_numbers(item, path.empty() ? k : path + "." + k, out);
    }
  } else if (v.is_array()) {
    for (size_t i = 0; i < v.size(); ++i) find_resident_numbers(v[i], path + "[" + std::to_string(i) + "]", out);
  }
}

}  // namespace

std::vector<FieldError> resident_number_fields(const nlohmann::json* body,
                                               const std::map<std::string, std::string>& query) {
  std::vector<FieldError> out;
  for (const auto& [k, v] : query)
    if (looks_like_rrn(v)) out.push_back(resident_number_at("query." + k));
  if (body) find_resident_numbers(*body, "", out);
  return out;
}

Error resident_number_error(std::vector<FieldError> fields) {
  Error e = Error::invalid("주민등록번호는 받지 않습니다", "resident registration numbers are never accepted",
                           std::move(fields));
  e.reason = "resident_number";
  return e;
}

namespace {

void find_unknown(const nlohmann::json& v, const nlohmann::json& schema, const std::string& path,
                  std::vector<FieldError>& out) {
  if (!schema.is_object()) return;
  if (v.is_object() && schema.contains("properties") && !schema.contains("additionalProperties")) {
    const auto& props = schema["properties"];
    for (const auto& [k, item] : v.items()) {
      const std::string at = path.empty() ? k : path + "." + k;
      if (!props.contains(k)) {
        out.push_back({at, "unknown", "이 요청에 없는 항목입니다", "is not a field of this request"});
      } else {
        find_unknown(item, props[k], at, out);
      }
    }
  } else if (v.is_array() && schema.contains("items")) {
    for (size_t i = 0; i < v.size(); ++i) find_unknown(v[i], schema["items"], path + "[" + std::to_string(i) + "]", out);
  }
}

}  // namespace

std::vector<FieldError> unknown_fields(const nlohmann::json& body, const nlohmann::json& schema) {
  std::vector<FieldError> out;
  find_unknown(body, schema, "", out);
  return out;
}

Error unknown_fields_error(std::vector<FieldError> fields) {
  Error e = Error::invalid("요청에 알 수 없는 항목이 있습니다", "the request has fields this operation does not know",
                           std::move(fields));
  e.reason = "unknown_field";
  return e;
}

Status Fields::finish() const {
  if (errors_.empty()) return ok_status();
  return Error::invalid("입력값을 확인해 주세요", "check the highlighted fields", errors_);
}

}  // namespace dongne::http
