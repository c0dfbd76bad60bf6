// Line-and-field tokenising for the whitespace-separated instance formats, with errors that name the line and
// the field ("line 17: field 'due' is not a number"). Pure functions over a string_view the caller keeps
// alive. Thread-safe. Never throws; every failure is an Error value (Code::kInvalid) with one FieldError.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dongne::dispatch::formats {

// One non-blank line: its 1-based number in the file and its whitespace-separated tokens.
struct TextLine {
  int number = 0;
  std::vector<std::string_view> tokens;
};

// The non-blank lines of `text` (spaces, tabs and CR are separators).
std::vector<TextLine> split_lines(std::string_view text);

// An input error at `line` (0: the file as a whole), naming `field`; `en`/`ko` describe the problem
// ("is not a number" / "숫자가 아닙니다").
Error line_error(int line, std::string_view field, std::string_view en, std::string_view ko);

// Field `index` of `line` as a finite number. Errors: missing (truncated line), not a number, NaN/inf.
Result<double> number_field(const TextLine& line, size_t index, std::string_view field);
// As number_field, and non-negative.
Result<double> non_negative_field(const TextLine& line, size_t index, std::string_view field);
// Field `index` as an integer in [lo, hi] (written as an integer, e.g. "12", or a number with zero fraction
// "12.0").
Result<int64_t> int_field(const TextLine& line, size_t index, std::string_view field, int64_t lo, int64_t hi);
// Errors unless `line` has exactly `count` fields.
Status expect_fields(const TextLine& line, size_t count, std::string_view what);

// Limits that keep a hostile file from asking for unbounded memory.
constexpr int64_t kMaxVehicles = 10000;
constexpr int64_t kMaxNodes = 200000;

}  // namespace dongne::dispatch::formats
