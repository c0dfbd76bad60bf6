// Tables of the Programmes pillar as files a district or the city opens in a spreadsheet: CSV (core/csv.h: UTF-8
// with BOM, or CP949) and XLSX written by libxlsxwriter (Debian's libxlsxwriter-dev) into a private temporary file
// that is read back and removed. Numeric columns are written as numbers in XLSX. Thread-safety: pure functions
// (each call uses its own temporary file).
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

namespace dongne::programmes {

struct Table {
  std::string sheet;                 // the worksheet name (XLSX), at most 31 characters
  std::vector<std::string> header;
  std::vector<bool> numeric;         // per column: write as a number (XLSX)
  std::vector<std::vector<std::string>> rows;
};

// "csv" (encoding "utf-8" or "cp949") or "xlsx": the bytes and their media type.
struct ExportFile {
  std::string bytes;
  std::string media_type;
  std::string extension;
};
Result<ExportFile> export_table(const Table& t, const std::string& format, const std::string& encoding);

}  // namespace dongne::programmes
