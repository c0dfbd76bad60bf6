// CSV for spreadsheets (Excel in Korea): UTF-8 with a byte-order mark and CRLF, or CP949 on request (converted with
// glibc iconv; characters CP949 lacks become '?'). Fields are quoted per RFC 4180, and cells starting with
// = + - @ are prefixed with ' so a spreadsheet does not run them as formulas. Thread-safety: pure functions.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace dongne {

// One quoted, formula-guarded CSV field.
std::string csv_cell(std::string s);
// A whole table: header row, then rows; UTF-8 with BOM and CRLF line ends.
std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows);
// UTF-8 (without BOM) -> CP949.
Result<std::string> to_cp949(const std::string& utf8);

}  // namespace dongne
