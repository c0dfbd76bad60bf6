#include "booking/csv.h"

namespace dongne::booking {

std::string sheet_csv(const DaySheet& sheet, const std::string& locale) {
  const bool ko = locale != "en";
  std::string out = "\xEF\xBB\xBF";
  const char* head_ko[] = {"예약번호", "자원", "시작", "끝", "대여일", "반납일", "품목", "수량", "인원", "상태", "예약자", "연락처", "경로"};
  const char* head_en[] = {"booking", "resource", "start", "end", "pickup", "return", "item", "quantity", "persons", "status", "name", "phone", "channel"};
  for (size_t i = 0; i < 13; ++i) out += (i ? "," : "") + csv_cell(ko ? head_ko[i] : head_en[i]);
  out += "\r\n";
  for (const auto& e : sheet.entries) {
    const auto& b = e.booking.booking;
    std::string variant;
    if (b.variant_id && e.resource) {
      for (const auto& v : e.resource->resource.variants) {
        if (v.id == *b.variant_id) variant = v.label;
      }
    }
    const std::string name = e.resource ? (ko ? e.resource->name_ko : e.resource->name_en) : "";
    const std::string cells[] = {
        std::to_string(b.id),
        name,
        b.variant_id ? "" : format_rfc3339(b.span.start),
        b.variant_id ? "" : format_rfc3339(b.span.end),
        b.variant_id ? format_date(b.pickup_date) : "",
        b.variant_id ? format_date(b.return_date) : "",
        variant,
        std::to_string(b.quantity),
        std::to_string(b.persons),
        e.booking.status,
        e.contact_name,
        e.contact_phone,
        e.booking.channel};
    for (size_t i = 0; i < 13; ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

}  // namespace dongne::booking
