#include "core/privacy.h"

#include <cctype>

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

}  // namespace dongne
