// The day sheet as CSV for facility staff: UTF-8 with a byte-order mark (Excel opens it correctly), or CP949 on
// request (converted with glibc iconv; characters CP949 lacks become '?'). Fields are quoted per RFC 4180 and
// cells starting with = + - @ are prefixed with ' so spreadsheets do not run them. Thread-safety: pure functions.
#pragma once

#include <string>

#include "booking/service.h"
#include "core/csv.h"

namespace dongne::booking {

// UTF-8 text of the sheet, with BOM, CRLF line ends.
std::string sheet_csv(const DaySheet& sheet, const std::string& locale);

}  // namespace dongne::booking
