#include "booking/rules/lottery.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <set>

#include "booking/rules/waitlist.h"

namespace dongne::booking {
namespace {

// Expected values below come from an independent Python implementation of the header's algorithm:
//   def u64s(seed): k=0; buf=b""
//     while True:
//       while len(buf) < 8: buf += hashlib.sha256(f"{seed}:{k}".encode()).digest(); k += 1
//       yield int.from_bytes(buf[:8], "big"); buf = buf[8:]
//   uniform(m): rem = 2**64 % m; draw u until u < 2**64 - rem; return u % m
//   for i in range(n-1, 0, -1): j = uniform(i+1); e[i], e[j] = e[j], e[i]
TEST(SeedStream, MatchesIndependentImplementation) {
  SeedStream s("abc");
  EXPECT_EQ(s.next_u64(), 6860934752652134519ull);
  EXPECT_EQ(s.next_u64(), 14907354409485183922ull);
  EXPECT_EQ(s.next_u64(), 11653979513521884276ull);
  EXPECT_EQ(s.next_u64(), 2296575363320539520ull);
  EXPECT_EQ(s.next_u64(), 13821278549264138760ull);  // second block
}

TEST(Lottery, MatchesIndependentImplementationSingles) {
  std::vector<LotteryEntry> e;
  for (int i = 10; i >= 1; --i) e.push_back({i, i, 1});  // input order must not matter
  auto r = draw(e, 3, "dongne-2026-08-camp", false);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->order, (std::vector<BookingId>{2, 9, 3, 1, 6, 4, 5, 10, 8, 7}));
  EXPECT_EQ(r->winners, (std::vector<BookingId>{2, 9, 3}));
  EXPECT_EQ(r->waitlist, (std::vector<BookingId>{1, 6, 4, 5, 10, 8, 7}));
  EXPECT_TRUE(r->excluded.empty());
  EXPECT_EQ(r->places_used, 3);
}

TEST(Lottery, FamiliesByPersonsOneWinPerHousehold) {
  std::vector<LotteryEntry> e = {{101, 1, 4}, {102, 2, 3}, {103, 3, 2}, {104, 4, 5},
                                 {105, 5, 4}, {106, 1, 2}, {107, 6, 3}, {108, 7, 4}};
  auto r = draw(e, 12, "jinju family camp 2026-08", true);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->order, (std::vector<BookingId>{103, 105, 101, 104, 107, 106, 108, 102}));
  EXPECT_EQ(r->winners, (std::vector<BookingId>{103, 105, 101}));
  EXPECT_EQ(r->waitlist, (std::vector<BookingId>{104, 107, 108, 102}));
  EXPECT_EQ(r->excluded, (std::vector<BookingId>{106}));
  EXPECT_EQ(r->places_used, 10);
}

TEST(Lottery, MaxWinnersAndErrors) {
  std::vector<LotteryEntry> e;
  for (int i = 1; i <= 30; ++i) e.push_back({i, i, 1});
  auto r = draw(e, 100, "s", false, 5);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->winners.size(), 5u);
  EXPECT_EQ(r->waitlist.size(), 25u);
  EXPECT_FALSE(draw({{1, 1, 1}, {1, 2, 1}}, 1, "s", false).ok());
  EXPECT_FALSE(draw({{1, 1, 0}}, 1, "s", false).ok());
  EXPECT_FALSE(draw({{1, 1, 1}}, -1, "s", false).ok());
  auto empty = draw({}, 3, "s", true);
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->winners.empty());
}

// Property: for random entry sets, the draw is a permutation; winners fit; one win per household holds;
// same seed ⇒ same result; another seed ⇒ (almost always) another order.
TEST(LotteryProperty, ReproducibleSoundAndSeedSensitive) {
  std::mt19937_64 gen(20261123);
  int same_order_other_seed = 0;
  const int kCases = 400;
  for (int c = 0; c < kCases; ++c) {
    const int n = 8 + static_cast<int>(gen() % 40);
    std::vector<LotteryEntry> e;
    for (int i = 0; i < n; ++i) {
      e.push_back({static_cast<BookingId>(1000 + i * 7 + gen() % 5), static_cast<HouseholdId>(gen() % (n / 2 + 1)),
                   1 + static_cast<int>(gen() % 4)});
    }
    std::sort(e.begin(), e.end(), [](auto& a, auto& b) { return a.id < b.id; });
    e.erase(std::unique(e.begin(), e.end(), [](auto& a, auto& b) { return a.id == b.id; }), e.end());
    const int places = static_cast<int>(gen() % 60);
    const bool one = gen() % 2 == 0;
    const std::string seed = "case-" + std::to_string(c);
    auto a = draw(e, places, seed, one);
    std::vector<LotteryEntry> shuffled = e;
    std::shuffle(shuffled.begin(), shuffled.end(), gen);
    auto b = draw(shuffled, places, seed, one);
    auto other = draw(e, places, seed + "'", one);
    ASSERT_TRUE(a.ok() && b.ok() && other.ok());
    EXPECT_EQ(a->order, b->order);
    EXPECT_EQ(a->winners, b->winners);
    EXPECT_EQ(a->waitlist, b->waitlist);
    if (other->order == a->order) ++same_order_other_seed;

    std::multiset<BookingId> all(a->winners.begin(), a->winners.end());
    all.insert(a->waitlist.begin(), a->waitlist.end());
    all.insert(a->excluded.begin(), a->excluded.end());
    std::multiset<BookingId> ids;
    for (const auto& x : e) ids.insert(x.id);
    EXPECT_EQ(all, ids);
    EXPECT_EQ(std::multiset<BookingId>(a->order.begin(), a->order.end()), ids);
    int used = 0;
    std::set<HouseholdId> won;
    for (BookingId w : a->winners) {
      const auto& x = *std::find_if(e.begin(), e.end(), [&](auto& y) { return y.id == w; });
      used += x.units;
      if (one) {
        EXPECT_TRUE(won.insert(x.household_id).second);
      }
    }
    EXPECT_LE(used, places);
    EXPECT_EQ(used, a->places_used);
    // Nobody on the waitlist would have fitted in the places left at the end.
    for (BookingId w : a->waitlist) {
      const auto& x = *std::find_if(e.begin(), e.end(), [&](auto& y) { return y.id == w; });
      if (one) {
        EXPECT_FALSE(won.count(x.household_id));
      }
      EXPECT_GT(x.units, places - used);
    }
  }
  EXPECT_LE(same_order_other_seed, kCases / 50);
}

// Property: each of n single entries wins k of n places with probability k/n (checked loosely over many seeds).
TEST(LotteryProperty, RoughlyUniform) {
  const int n = 10, k = 3, trials = 6000;
  std::vector<int> wins(n, 0);
  std::vector<LotteryEntry> e;
  for (int i = 0; i < n; ++i) e.push_back({i, i, 1});
  for (int t = 0; t < trials; ++t) {
    auto r = draw(e, k, "uniform-" + std::to_string(t), false);
    ASSERT_TRUE(r.ok());
    for (BookingId w : r->winners) ++wins[static_cast<size_t>(w)];
  }
  const double expected = trials * static_cast<double>(k) / n;  // 1800, sd ≈ 35.5
  for (int w : wins) EXPECT_NEAR(w, expected, 180.0);
}

TEST(Waitlist, NextOfferSkipsLiveAndLapsedOffers) {
  const EpochMs now = 1'000'000;
  std::vector<WaitlistEntry> w = {{1, 1, 30, 1, WaitStatus::kWaiting, {}},
                                  {2, 2, 10, 1, WaitStatus::kExpired, {}},
                                  {3, 3, 20, 1, WaitStatus::kOffered, now + 5},
                                  {4, 4, 40, 1, WaitStatus::kWaiting, {}}};
  auto o = next_offer(w, now, minutes{120});
  ASSERT_TRUE(o);
  EXPECT_EQ(o->entry_id, 1);
  EXPECT_EQ(o->expires_at, now + 120 * kMsPerMinute);
  w[0].status = WaitStatus::kAccepted;
  EXPECT_EQ(next_offer(w, now, minutes{120})->entry_id, 4);
  w[3].status = WaitStatus::kWithdrawn;
  EXPECT_FALSE(next_offer(w, now, minutes{120}));
  EXPECT_EQ(accept_offer(w[2], now + 4), WaitStatus::kAccepted);
  EXPECT_EQ(accept_offer(w[2], now + 5), WaitStatus::kExpired);
  EXPECT_FALSE(accept_offer(w[0], now));
}

TEST(Waitlist, PlanPassesLapsedOffersOnAndFitsUnits) {
  const EpochMs now = 5'000'000;
  std::vector<WaitlistEntry> w = {{1, 1, 1, 2, WaitStatus::kOffered, now - 1},  // lapsed
                                  {2, 2, 2, 1, WaitStatus::kOffered, now + 60'000},
                                  {3, 3, 3, 4, WaitStatus::kWaiting, {}},
                                  {4, 4, 4, 2, WaitStatus::kWaiting, {}},
                                  {5, 5, 5, 1, WaitStatus::kWaiting, {}}};
  // 3 free units: entry 2's live offer keeps 1; entry 3 (4 units) does not fit; entry 4 (2) does; none left.
  OfferPlan p = plan_offers(w, 3, now, minutes{60});
  EXPECT_EQ(p.expired, (std::vector<BookingId>{1}));
  ASSERT_EQ(p.offers.size(), 1u);
  EXPECT_EQ(p.offers[0].entry_id, 4);
  EXPECT_EQ(p.units_left, 0);
  auto next = apply_plan(w, p);
  EXPECT_EQ(next[0].status, WaitStatus::kExpired);
  EXPECT_EQ(next[3].status, WaitStatus::kOffered);
  EXPECT_EQ(next[3].offer_expires_at, now + 60 * kMsPerMinute);
  // An hour later entry 2's and entry 4's offers lapse: 3 units go to entry 5 and ... entry 3 still too big.
  OfferPlan later = plan_offers(next, 3, now + 61 * kMsPerMinute, minutes{60});
  EXPECT_EQ(later.expired, (std::vector<BookingId>{2, 4}));
  ASSERT_EQ(later.offers.size(), 1u);
  EXPECT_EQ(later.offers[0].entry_id, 5);
  EXPECT_EQ(later.units_left, 2);
}

// Property: offers never exceed the free units, and respect queue order among entries that fit.
TEST(WaitlistProperty, OffersFitAndFollowQueue) {
  std::mt19937_64 gen(7);
  for (int c = 0; c < 2000; ++c) {
    const EpochMs now = 10'000'000;
    std::vector<WaitlistEntry> w;
    const int n = static_cast<int>(gen() % 12);
    for (int i = 0; i < n; ++i) {
      WaitlistEntry e{i + 1, i + 1, static_cast<std::int64_t>(gen() % 100), 1 + static_cast<int>(gen() % 4),
                      WaitStatus::kWaiting, {}};
      if (gen() % 3 == 0) {
        e.status = WaitStatus::kOffered;
        e.offer_expires_at = now + static_cast<EpochMs>(gen() % 3) - 1;
      }
      w.push_back(e);
    }
    const int free_units = static_cast<int>(gen() % 10);
    OfferPlan p = plan_offers(w, free_units, now, minutes{30});
    int live = 0;
    for (const auto& e : w) live += offer_live(e, now) ? e.units : 0;
    int offered = 0;
    for (const Offer& o : p.offers) offered += w[static_cast<size_t>(o.entry_id - 1)].units;
    if (live <= free_units) {
      EXPECT_LE(live + offered, free_units);
    } else {
      EXPECT_EQ(offered, 0);
    }
    // A waiting entry left without an offer did not fit in what was left when its turn came, and nobody
    // waiting fits in the units left over.
    auto ahead = [](const WaitlistEntry& x, const WaitlistEntry& y) {
      return x.position < y.position || (x.position == y.position && x.id < y.id);
    };
    auto got = [&](const WaitlistEntry& e) {
      return std::any_of(p.offers.begin(), p.offers.end(), [&](const Offer& x) { return x.entry_id == e.id; });
    };
    for (const auto& e : w) {
      if (e.status != WaitStatus::kWaiting || got(e) || live > free_units) continue;
      int before = 0;
      for (const auto& f : w) {
        if (got(f) && ahead(f, e)) before += f.units;
      }
      EXPECT_GT(e.units, free_units - live - before);
      EXPECT_GT(e.units, p.units_left);
    }
  }
}

}  // namespace
}  // namespace dongne::booking
