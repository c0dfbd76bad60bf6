#include "core/privacy.h"

#include <cctype>
#include <cstdint>
#include <utility>
#include <vector>

namespace dongne {

namespace {

// The text as code points, each shaped: '0'-'9' for any digit (ASCII or full-width), '-' for a dash or minus sign,
// ' ' for a space, 'x' for anything else; with each code point's byte offset (and the text's size at the end).
struct Shape {
  std::string shape;
  std::vector<size_t> offset;
};

Shape digit_shape(const std::string& s) {
  Shape out;
  out.shape.reserve(s.size());
  out.offset.reserve(s.size() + 1);
  for (size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    uint32_t cp = c;
    if (n > 1 && i + n <= s.size()) {
      cp = c & (0xFF >> (n + 1));
      for (size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    }
    out.offset.push_back(i);
    i += n;
    char shaped = 'x';
    if (cp >= '0' && cp <= '9') shaped = static_cast<char>(cp);
    else if (cp >= 0xFF10 && cp <= 0xFF19) shaped = static_cast<char>('0' + (cp - 0xFF10));
    else if (cp == '-' || (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0xFE58 || cp == 0xFE63 || cp == 0xFF0D)
      shaped = '-';
    else if (cp == ' ' || cp == '\t' || cp == 0xA0 || cp == 0x3000 || (cp >= 0x2000 && cp <= 0x200B) || cp == 0x202F)
      shaped = ' ';
    out.shape.push_back(shaped);
  }
  out.offset.push_back(s.size());
  return out;
}

bool digit(char c) { return c >= '0' && c <= '9'; }

// The first number shaped like a resident registration number at or after code point `from`: [begin, end) in code
// points, or begin == npos.
std::pair<size_t, size_t> find_rrn(const std::string& s, size_t from) {
  for (size_t i = from; i + 13 <= s.size(); ++i) {
    if (i > 0 && digit(s[i - 1])) continue;
    size_t j = i;
    while (j < s.size() && j - i < 6 && digit(s[j])) ++j;
    if (j - i != 6) continue;
    const int month = (s[i + 2] - '0') * 10 + (s[i + 3] - '0'), day = (s[i + 4] - '0') * 10 + (s[i + 5] - '0');
    if (month < 1 || month > 12 || day < 1 || day > 31) continue;
    size_t sep = 0;
    while (j < s.size() && sep < 3 && (s[j] == '-' || s[j] == ' ')) ++j, ++sep;
    if (j + 7 > s.size() || s[j] < '1' || s[j] > '8') continue;
    bool all = true;
    for (size_t k = j; k < j + 7; ++k) all = all && digit(s[k]);
    if (all && (j + 7 == s.size() || !digit(s[j + 7]))) return {i, j + 7};
  }
  return {std::string::npos, 0};
}

}  // namespace

bool looks_like_rrn(const std::string& text) {
  return find_rrn(digit_shape(text).shape, 0).first != std::string::npos;
}

std::string mask_rrns(const std::string& text, char mask) {
  const Shape sh = digit_shape(text);
  std::string out;
  size_t copied = 0;  // bytes of text already in out
  for (auto m = find_rrn(sh.shape, 0); m.first != std::string::npos; m = find_rrn(sh.shape, m.second)) {
    out.append(text, copied, sh.offset[m.first] - copied);
    for (size_t k = m.first; k < m.second; ++k) {
      if (digit(sh.shape[k])) out.push_back(mask);
      else out.append(text, sh.offset[k], sh.offset[k + 1] - sh.offset[k]);
    }
    copied = sh.offset[m.second];
  }
  out.append(text, copied, std::string::npos);
  return out;
}

std::string mask_name(const std::string& name) {
  // UTF-8 code points: keep the first and the last, mask the middle (two-syllable names keep the first only).
  // Only the name itself: a note after it ("김지은 (데모 주민)") is dropped, not masked character by character.
  const std::string word = name.substr(0, name.find(' '));
  std::vector<std::string> cps;
  for (size_t i = 0; i < word.size();) {
    const unsigned char c = static_cast<unsigned char>(word[i]);
    const size_t n = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
    cps.push_back(word.substr(i, n));
    i += n;
  }
  if (cps.empty()) return "";
  if (cps.size() <= 2) return cps[0] + "*";
  std::string out = cps[0];
  for (size_t i = 1; i + 1 < cps.size(); ++i) out += "*";
  return out + cps.back();
}

}  // namespace dongne
