#include "booking/csv.h"

#include <iconv.h>

#include <cerrno>

namespace dongne::booking {
namespace {

std::string cell(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}

}  // namespace

std::string sheet_csv(const DaySheet& sheet, const std::string& locale) {
  const bool ko = locale != "en";
  std::string out = "\xEF\xBB\xBF";
  const char* head_ko[] = {"예약번호", "자원", "시작", "끝", "대여일", "반납일", "품목", "수량", "인원", "상태", "예약자", "연락처", "경로"};
  const char* head_en[] = {"booking", "resource", "start", "end", "pickup", "return", "item", "quantity", "persons", "status", "name", "phone", "channel"};
  for (size_t i = 0; i < 13; ++i) out += (i ? "," : "") + cell(ko ? head_ko[i] : head_en[i]);
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
    for (size_t i = 0; i < 13; ++i) out += (i ? "," : "") + cell(cells[i]);
    out += "\r\n";
  }
  return out;
}

Result<std::string> to_cp949(const std::string& utf8) {
  iconv_t cd = iconv_open("CP949//TRANSLIT", "UTF-8");
  if (cd == reinterpret_cast<iconv_t>(-1)) return Error::internal("iconv has no CP949 converter");
  std::string out;
  out.resize(utf8.size() * 2 + 16);
  char* in = const_cast<char*>(utf8.data());
  size_t in_left = utf8.size();
  char* dst = out.data();
  size_t out_left = out.size();
  while (in_left > 0) {
    if (iconv(cd, &in, &in_left, &dst, &out_left) != static_cast<size_t>(-1)) break;
    if (errno == EILSEQ || errno == EINVAL) {
      // Not representable (or cut short): write '?' and skip one UTF-8 character.
      if (out_left == 0) break;
      *dst++ = '?';
      --out_left;
      size_t skip = 1;
      while (skip < in_left && (static_cast<unsigned char>(in[skip]) & 0xC0) == 0x80) ++skip;
      in += skip;
      in_left -= skip;
    } else {
      iconv_close(cd);
      return Error::internal("CP949 conversion ran out of space");
    }
  }
  iconv_close(cd);
  out.resize(out.size() - out_left);
  return out;
}

}  // namespace dongne::booking
