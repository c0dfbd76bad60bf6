#include "programmes/export.h"

#include <unistd.h>
#include <xlsxwriter.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/csv.h"

namespace dongne::programmes {

namespace {

Result<std::string> xlsx(const Table& t) {
  const char* tmp = std::getenv("TMPDIR");
  std::string path = std::string(tmp && *tmp ? tmp : "/tmp") + "/dongne-export-XXXXXX";
  const int fd = ::mkstemp(path.data());
  if (fd < 0) return Error::unavailable("내보내기 파일을 만들 수 없습니다", "cannot create the export file");
  ::close(fd);
  struct Remove {
    std::string p;
    ~Remove() { std::filesystem::remove(p); }
  } remove{path};
  lxw_workbook* wb = workbook_new(path.c_str());
  if (!wb) return Error::internal("libxlsxwriter could not open the workbook");
  lxw_worksheet* ws = workbook_add_worksheet(wb, t.sheet.empty() ? nullptr : t.sheet.substr(0, 31).c_str());
  lxw_format* bold = workbook_add_format(wb);
  format_set_bold(bold);
  for (size_t c = 0; c < t.header.size(); ++c) {
    worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), t.header[c].c_str(), bold);
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), c == 0 ? 28 : 14, nullptr);
  }
  for (size_t r = 0; r < t.rows.size(); ++r) {
    for (size_t c = 0; c < t.rows[r].size(); ++c) {
      const auto row = static_cast<lxw_row_t>(r + 1);
      const auto col = static_cast<lxw_col_t>(c);
      const std::string& v = t.rows[r][c];
      char* end = nullptr;
      const double num = std::strtod(v.c_str(), &end);
      if (c < t.numeric.size() && t.numeric[c] && !v.empty() && end && *end == '\0') {
        worksheet_write_number(ws, row, col, num, nullptr);
      } else {
        worksheet_write_string(ws, row, col, v.c_str(), nullptr);
      }
    }
  }
  if (workbook_close(wb) != LXW_NO_ERROR) return Error::internal("libxlsxwriter could not write the workbook");
  std::ifstream in(path, std::ios::binary);
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

}  // namespace

Result<ExportFile> export_table(const Table& t, const std::string& format, const std::string& encoding) {
  if (format == "xlsx") {
    DONGNE_ASSIGN_OR_RETURN(std::string b, xlsx(t));
    return ExportFile{std::move(b), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx"};
  }
  if (format != "csv") return Error::field("query.format", "enum", "csv, xlsx 또는 json입니다", "csv, xlsx or json");
  std::string text = csv_table(t.header, t.rows);
  if (encoding == "cp949") {
    DONGNE_ASSIGN_OR_RETURN(text, to_cp949(text.substr(3)));  // no BOM in CP949
    return ExportFile{std::move(text), "text/csv; charset=cp949", "csv"};
  }
  if (encoding != "utf-8") return Error::field("query.encoding", "enum", "utf-8 또는 cp949입니다", "utf-8 or cp949");
  return ExportFile{std::move(text), "text/csv; charset=utf-8", "csv"};
}

}  // namespace dongne::programmes
