#include "dispatch/formats/text_fields.h"

#include <charconv>
#include <cmath>

namespace dongne::dispatch::formats {
namespace {

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f'; }

std::string field_label(int line, std::string_view field) {
  std::string s = line > 0 ? "line " + std::to_string(line) : std::string("file");
  if (!field.empty()) {
    s += '.';
    s += field;
  }
  return s;
}

}  // namespace

std::vector<TextLine> split_lines(std::string_view text) {
  std::vector<TextLine> out;
  int number = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    ++number;
    TextLine line{number, {}};
    size_t i = pos;
    while (i < eol) {
      while (i < eol && is_space(text[i])) ++i;
      size_t j = i;
      while (j < eol && !is_space(text[j])) ++j;
      if (j > i) line.tokens.push_back(text.substr(i, j - i));
      i = j;
    }
    if (!line.tokens.empty()) out.push_back(std::move(line));
    pos = eol + 1;
  }
  return out;
}

Error line_error(int line, std::string_view field, std::string_view en, std::string_view ko) {
  std::string where_en = line > 0 ? "line " + std::to_string(line) + ": " : std::string();
  std::string where_ko = line > 0 ? std::to_string(line) + "번째 줄: " : std::string();
  std::string msg_en = where_en;
  std::string msg_ko = where_ko;
  if (!field.empty()) {
    msg_en += "field '";
    msg_en += field;
    msg_en += "' ";
    msg_ko += "'";
    msg_ko += field;
    msg_ko += "' 항목이 ";
  }
  msg_en += en;
  msg_ko += ko;
  FieldError fe{field_label(line, field), "format", msg_ko, msg_en};
  return Error::invalid(msg_ko, msg_en, {std::move(fe)});
}

Result<double> number_field(const TextLine& line, size_t index, std::string_view field) {
  if (index >= line.tokens.size())
    return line_error(line.number, field, "is missing (truncated line?)", "없습니다 (줄이 잘렸나요?)");
  std::string_view tok = line.tokens[index];
  if (!tok.empty() && tok.front() == '+') tok.remove_prefix(1);
  double v = 0;
  auto [ptr, ec] = std::from_chars(tok.data(), tok.data() + tok.size(), v);
  if (ec != std::errc() || ptr != tok.data() + tok.size() || tok.empty())
    return line_error(line.number, field, "is not a number", "숫자가 아닙니다");
  if (!std::isfinite(v))
    return line_error(line.number, field, "is not a finite number", "유한한 숫자가 아닙니다");
  return v;
}

Result<double> non_negative_field(const TextLine& line, size_t index, std::string_view field) {
  DONGNE_ASSIGN_OR_RETURN(double v, number_field(line, index, field));
  if (v < 0) return line_error(line.number, field, "is negative", "음수입니다");
  return v;
}

Result<int64_t> int_field(const TextLine& line, size_t index, std::string_view field, int64_t lo,
                          int64_t hi) {
  DONGNE_ASSIGN_OR_RETURN(double v, number_field(line, index, field));
  if (v != std::floor(v)) return line_error(line.number, field, "is not an integer", "정수가 아닙니다");
  if (v < static_cast<double>(lo) || v > static_cast<double>(hi))
    return line_error(line.number, field,
                      "is out of range [" + std::to_string(lo) + ", " + std::to_string(hi) + "]",
                      "범위 [" + std::to_string(lo) + ", " + std::to_string(hi) + "]를 벗어났습니다");
  return static_cast<int64_t>(v);
}

Status expect_fields(const TextLine& line, size_t count, std::string_view what) {
  if (line.tokens.size() == count) return ok_status();
  std::string en = "expected " + std::to_string(count) + " fields (" + std::string(what) + "), found " +
                   std::to_string(line.tokens.size());
  std::string ko = std::to_string(count) + "개 항목(" + std::string(what) + ")이 필요한데 " +
                   std::to_string(line.tokens.size()) + "개입니다";
  return line_error(line.number, "", en, ko);
}

}  // namespace dongne::dispatch::formats
