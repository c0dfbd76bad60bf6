// Privacy checks shared by every pillar (DESIGN.md, Privacy): dongne never accepts a resident registration number.
// Thread-safety: pure functions.
#pragma once

#include <string>

namespace dongne {

// True when the text holds something shaped like a resident registration number (주민등록번호, YYMMDD-NNNNNNN):
// six digits forming a plausible date (month 01-12, day 01-31), then at most three separator characters, then a
// digit 1-8 and six more digits, not part of a longer number. Before matching, the text is normalised as people
// actually type it: full-width digits (８５０３１５) count as digits, and any dash or minus sign (-, ‐, ‑, ‒, –,
// —, ―, −, ﹣, －) or space (including no-break and ideographic spaces) counts as a separator.
// A 13-digit corporate registration number (법인등록번호) of the same shape is refused too: privacy wins.
bool looks_like_rrn(const std::string& s);

// The text with the digits of every such number replaced by `mask` (separators and everything else kept), for
// numbers stored before they were refused: "주민번호 850315-2000005" -> "주민번호 ******-*******".
std::string mask_rrns(const std::string& text, char mask = '*');

// A name as shown to someone who should not see it whole (an employer before a referral, a driver, the queue):
// the first and last characters kept, the middle masked ("김지은" -> "김*은"; two characters keep the first).
std::string mask_name(const std::string& name);

}  // namespace dongne
