#include "booking/rules/lottery.h"

#include <algorithm>
#include <set>

#include "core/sha256.h"

namespace dongne::booking {

std::uint64_t SeedStream::next_u64() {
  std::uint64_t u = 0;
  for (int i = 0; i < 8; ++i) {
    if (used_ == 32) {
      const Sha256Digest d = sha256(seed_ + ":" + std::to_string(block_++));
      std::copy(d.begin(), d.end(), buf_);
      used_ = 0;
    }
    u = (u << 8) | buf_[used_++];
  }
  return u;
}

std::uint64_t SeedStream::uniform(std::uint64_t m) {
  if (m <= 1) return 0;
  // 2^64 mod m computed in 64 bits as (2^64 - m) mod m.
  const std::uint64_t rem = (0 - m) % m;
  const std::uint64_t limit = 0 - rem;  // 2^64 - rem; 0 means "no rejection needed" (rem == 0)
  while (true) {
    const std::uint64_t u = next_u64();
    if (rem == 0 || u < limit) return u % m;
  }
}

Result<LotteryResult> draw(std::vector<LotteryEntry> entries, int places, const std::string& seed,
                           bool one_win_per_household, std::optional<int> max_winners) {
  if (places < 0) return Error::invalid("추첨 인원이 올바르지 않습니다", "places must not be negative");
  std::sort(entries.begin(), entries.end(), [](const LotteryEntry& a, const LotteryEntry& b) { return a.id < b.id; });
  for (size_t i = 0; i < entries.size(); ++i) {
    if (entries[i].units < 1) return Error::invalid("응모 인원이 올바르지 않습니다", "each entry needs units >= 1");
    if (i > 0 && entries[i].id == entries[i - 1].id) {
      return Error::invalid("중복된 응모가 있습니다", "duplicate entry id " + std::to_string(entries[i].id));
    }
  }
  SeedStream rng(seed);
  for (size_t i = entries.size(); i-- > 1;) {
    const auto j = static_cast<size_t>(rng.uniform(i + 1));
    std::swap(entries[i], entries[j]);
  }
  LotteryResult r;
  std::set<HouseholdId> won;
  int left = places;
  std::vector<const LotteryEntry*> wait;
  for (const LotteryEntry& e : entries) {
    r.order.push_back(e.id);
    if (one_win_per_household && won.count(e.household_id)) {
      r.excluded.push_back(e.id);
    } else if ((!max_winners || static_cast<int>(r.winners.size()) < *max_winners) && e.units <= left) {
      r.winners.push_back(e.id);
      won.insert(e.household_id);
      left -= e.units;
    } else {
      wait.push_back(&e);
    }
  }
  std::set<HouseholdId> waiting;
  for (const LotteryEntry* e : wait) {
    if (one_win_per_household && (won.count(e->household_id) || !waiting.insert(e->household_id).second)) {
      r.excluded.push_back(e->id);
      continue;
    }
    r.waitlist.push_back(e->id);
  }
  r.places_used = places - left;
  return r;
}

}  // namespace dongne::booking
