#include "core/csv.h"

#include <iconv.h>

#include <cerrno>

namespace dongne {

std::string csv_cell(std::string s) {
  if (!s.empty() && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@')) s = "'" + s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += "\"\"";
    else out.push_back(c);
  }
  return out + "\"";
}


std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out = "\xEF\xBB\xBF";
  auto line = [&](const std::vector<std::string>& cells) {
    for (size_t i = 0; i < cells.size(); ++i) out += (i ? "," : "") + csv_cell(cells[i]);
    out += "\r\n";
  };
  line(header);
  for (const auto& r : rows) line(r);
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

}  // namespace dongne
