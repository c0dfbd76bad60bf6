// Lottery draw that anyone can re-run from the published seed string: same entries + same seed ⇒ same result.
// Pure; no clock, no global random state. Thread-safety: reentrant.
//
// Algorithm (normative; an independent re-implementation must match it bit for bit):
//  1. Entries are sorted by id, ascending (ids must be unique; each entry needs units >= 1).
//  2. Random stream: block k (k = 0, 1, 2, ...) is SHA-256 of the UTF-8 bytes of  seed + ":" + decimal(k)
//     (e.g. "2026-08 camp:0", "2026-08 camp:1"); the stream is block 0 ‖ block 1 ‖ ...; each draw takes the next
//     8 bytes as an unsigned 64-bit big-endian integer u.
//  3. uniform(m): limit = 2^64 - (2^64 mod m); take u until u < limit; result u mod m (no modulo bias).
//  4. Fisher–Yates: for i = n-1 down to 1: j = uniform(i + 1); swap(entry[i], entry[j]).
//  5. Walk the shuffled order from the front. If one_win_per_household and the entry's household already won,
//     the entry is excluded. Else if winners < max_winners (when set) and units <= places left, it wins and takes
//     its units. Else it joins the waitlist (a later, smaller entry may still win: places are not left empty).
//  6. With one_win_per_household, the waitlist then drops entries of households that won and keeps only the first
//     entry of each remaining household.
// Python check: hashlib.sha256(f"{seed}:{k}".encode()).digest(), int.from_bytes(chunk, "big").
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "booking/rules/model.h"
#include "core/result.h"

namespace dongne::booking {

struct LotteryEntry {
  BookingId id = 0;  // the entry (a kLotteryEntry booking)
  HouseholdId household_id = 0;
  int units = 1;     // places it needs (persons for an event)
};

struct LotteryResult {
  std::vector<BookingId> winners;   // in drawn order
  std::vector<BookingId> waitlist;  // in drawn order: offers go to the front first
  std::vector<BookingId> excluded;  // second entries of households that already won
  std::vector<BookingId> order;     // the full shuffled order, for publication
  int places_used = 0;
};

// Errors: kInvalid for duplicate ids, units < 1 or places < 0.
Result<LotteryResult> draw(std::vector<LotteryEntry> entries, int places, const std::string& seed,
                           bool one_win_per_household, std::optional<int> max_winners = std::nullopt);

// The deterministic stream of step 2/3, exposed for publication and tests.
class SeedStream {
 public:
  explicit SeedStream(std::string seed) : seed_(std::move(seed)) {}
  std::uint64_t next_u64();
  std::uint64_t uniform(std::uint64_t m);  // 0 <= result < m; m >= 1

 private:
  std::string seed_;
  std::uint64_t block_ = 0;
  unsigned char buf_[32] = {};
  int used_ = 32;
};

}  // namespace dongne::booking
