#include "core/privacy.h"

#include <cctype>
#include <vector>

namespace dongne {

bool looks_like_rrn(const std::string& s) {
  for (size_t i = 0; i + 13 <= s.size(); ++i) {
    if (i > 0 && std::isdigit(static_cast<unsigned char>(s[i - 1]))) continue;
    size_t j = i;
    int n = 0;
    while (j < s.size() && n < 6 && std::isdigit(static_cast<unsigned char>(s[j]))) ++j, ++n;
    if (n != 6) continue;
    if (j < s.size() && (s[j] == '-' || s[j] == ' ')) ++j;
    if (j + 7 > s.size() || s[j] < '1' || s[j] > '8') continue;
    bool all = true;
    for (size_t k = j; k < j + 7; ++k) all = all && std::isdigit(static_cast<unsigned char>(s[k]));
    if (all && (j + 7 == s.size() || !std::isdigit(static_cast<unsigned char>(s[j + 7])))) return true;
  }
  return false;
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
