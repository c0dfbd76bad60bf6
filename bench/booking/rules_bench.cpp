// Booking rules engine benchmarks: decide() against N existing bookings, and a month of availability for the
// calendar view. Demo resources from booking/rules/fixtures.h; bookings spread over December 2026.
#include <benchmark/benchmark.h>

#include <random>

#include "booking/rules/availability.h"
#include "booking/rules/decide.h"
#include "booking/rules/fixtures.h"
#include "booking/rules/lottery.h"

namespace dongne::booking {
namespace {

using namespace fixtures;

const EpochMs kNow = at(2026, 11, 20, 11);

// `n` confirmed play-room bookings over December 2026 on open weekdays (capacity raised so that they fit).
std::vector<Booking> room_bookings(int n, std::uint64_t seed) {
  std::mt19937_64 g(seed);
  std::vector<Booking> out;
  for (int i = 0; i < n; ++i) {
    LocalDate d{2026, 12, 1 + static_cast<int>(g() % 31)};
    while (weekday(d) >= Weekday::kSaturday || hol().is_holiday(d)) d = add_days(d, 1);
    const int m = 9 * 60 + static_cast<int>(g() % 4) * 120;
    Booking b;
    b.id = i + 1;
    b.resource_id = 1;
    b.household_id = 1000 + i;
    b.span = {from_local(d, m), from_local(d, m + 120)};
    out.push_back(b);
  }
  return out;
}

void BM_DecideSpace(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Resource res = play_room();
  res.capacity = n;  // never full: measure the full decision path
  Rules rules = play_room_rules();
  rules.window.opens_days_ahead = 60;
  const std::vector<Booking> existing = room_bookings(n, 1);
  const Household hh = household(7);
  Request r;
  r.household_id = 7;
  r.resource_id = 1;
  r.span = {at(2026, 12, 16, 13), at(2026, 12, 16, 15)};
  for (auto _ : state) {
    Decision d = decide(r, res, rules, hol(), existing, hh, kNow);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideSpace)->Arg(0)->Arg(100)->Arg(1000)->Arg(10000);

void BM_DecideItemLoan(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Resource res = dol_outfits();
  for (Variant& v : res.variants) v.stock = n;
  Rules rules = dol_outfit_rules();
  rules.quota.reset();
  std::mt19937_64 g(2);
  std::vector<Booking> existing;
  for (int i = 0; i < n; ++i) {
    Booking b;
    b.id = i + 1;
    b.resource_id = 3;
    b.household_id = 1000 + i;
    b.variant_id = res.variants[g() % res.variants.size()].id;
    b.pickup_date = {2026, 12, 1 + static_cast<int>(g() % 28)};
    b.return_date = add_days(b.pickup_date, static_cast<int>(g() % 4));
    existing.push_back(b);
  }
  Request r;
  r.household_id = 7;
  r.resource_id = 3;
  r.variant_id = 34;
  r.pickup_date = {2026, 12, 15};
  r.return_date = {2026, 12, 17};
  const Household hh = household(7);
  for (auto _ : state) {
    Decision d = decide(r, res, rules, hol(), existing, hh, kNow);
    benchmark::DoNotOptimize(d);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DecideItemLoan)->Arg(100)->Arg(1000)->Arg(10000);

void BM_AvailabilityMonthSpace(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Resource res = play_room();
  res.capacity = n;
  const Rules rules = play_room_rules();
  const std::vector<Booking> existing = room_bookings(n, 3);
  for (auto _ : state) {
    auto month = month_availability(res, rules, hol(), existing, 2026, 12, kNow);
    benchmark::DoNotOptimize(month);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AvailabilityMonthSpace)->Arg(0)->Arg(100)->Arg(1000)->Arg(10000);

void BM_AvailabilityMonthItems(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  Resource res = dol_outfits();
  const Rules rules = dol_outfit_rules();
  std::mt19937_64 g(4);
  std::vector<Booking> existing;
  for (int i = 0; i < n; ++i) {
    Booking b;
    b.id = i + 1;
    b.resource_id = 3;
    b.variant_id = res.variants[g() % res.variants.size()].id;
    b.pickup_date = {2026, 12, 1 + static_cast<int>(g() % 28)};
    b.return_date = add_days(b.pickup_date, 2);
    existing.push_back(b);
  }
  for (auto _ : state) {
    auto month = month_availability(res, rules, hol(), existing, 2026, 12, kNow);
    benchmark::DoNotOptimize(month);
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_AvailabilityMonthItems)->Arg(100)->Arg(1000);

void BM_LotteryDraw(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<LotteryEntry> entries;
  for (int i = 0; i < n; ++i) entries.push_back({i + 1, i / 2, 1 + i % 4});
  for (auto _ : state) {
    auto r = draw(entries, 90, "jinju family camp 2026-08", true, 25);
    benchmark::DoNotOptimize(r);
  }
  state.SetItemsProcessed(state.iterations() * n);
}
BENCHMARK(BM_LotteryDraw)->Arg(100)->Arg(1000)->Arg(10000);

}  // namespace
}  // namespace dongne::booking

BENCHMARK_MAIN();
