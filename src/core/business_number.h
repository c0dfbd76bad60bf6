// Korean business registration numbers (사업자등록번호, "123-45-67890"): ten digits whose last is a check digit. An
// organisation's number, not a person's: it is kept, unlike a resident registration number. Thread-safety: pure.
#pragma once

#include <optional>
#include <string>

namespace dongne {

// The ten digits of a well-formed number (hyphens and spaces ignored), or nullopt when it is not ten digits or its
// check digit is wrong (weights 1,3,7,1,3,7,1,3,5; the ninth digit x 5 adds its tens too).
inline std::optional<std::string> business_number(const std::string& text) {
  std::string d;
  for (char c : text) {
    if (c >= '0' && c <= '9') d.push_back(c);
    else if (c != '-' && c != ' ') return std::nullopt;
  }
  if (d.size() != 10) return std::nullopt;
  static constexpr int kWeights[9] = {1, 3, 7, 1, 3, 7, 1, 3, 5};
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (d[i] - '0') * kWeights[i];
  sum += ((d[8] - '0') * 5) / 10;
  if ((10 - sum % 10) % 10 != d[9] - '0') return std::nullopt;
  return d;
}

}  // namespace dongne
