// What one booking decision reads from the store: repo::bookings_for_decision on a SQLite store whose slot already
// holds `holding` confirmed bookings and `waiting` waitlisted ones of other households (one each), asked by a
// household with a booking of its own in the slot. Prints the mean time per call; for instruction counts run it
// under callgrind, collecting only the measured loop:
//   valgrind --tool=callgrind --toggle-collect='*measure_decisions*' booking_decision_bench 500 0 200
// (Ir of measure_decisions / calls = instructions per decision).
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "booking/repo.h"
#include "store/database.h"

namespace dongne::booking {
namespace {

constexpr EpochMs kFrom = 1'796'263'200'000;  // 2026-12-03 10:00 Seoul; a two-hour slot
constexpr EpochMs kTo = kFrom + 2 * 3'600'000;

[[noreturn]] void die(const Error& e) {
  std::fprintf(stderr, "decision_bench: %s\n", e.message_en.c_str());
  std::exit(1);
}

int64_t add_booking(store::Tx& tx, int64_t resource, int64_t household, const char* status) {
  BookingRecord r;
  r.booking.resource_id = resource;
  r.booking.household_id = household;
  r.status = status;
  auto id = repo::insert_booking(tx, r, TimeRange{kFrom, kTo}, 0, kTo - kFrom);
  if (!id.ok()) die(id.error());
  return *id;
}

// Kept out of line so that callgrind can collect this function alone.
[[gnu::noinline]] int64_t measure_decisions(store::Database& db, const repo::DecisionQuery& q, int calls) {
  int64_t seen = 0;
  Status s = db.read([&](store::Tx& tx) -> Status {
    for (int i = 0; i < calls; ++i) {
      DONGNE_ASSIGN_OR_RETURN(auto d, repo::bookings_for_decision(tx, q));
      seen += static_cast<int64_t>(d.rows.size() + d.others.size()) + d.others_waiting;
    }
    return ok_status();
  });
  if (!s.ok()) die(s.error());
  return seen;
}

int run(int holding, int waiting, int calls) {
  const auto dir = std::filesystem::temp_directory_path() / ("dongne_decision_bench_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto opened = store::open_database("sqlite:" + (dir / "bench.db").string());
  if (!opened.ok()) die(opened.error());
  auto db = std::move(opened).value();
  if (Status m = db->migrate(); !m.ok()) die(m.error());
  repo::DecisionQuery q;
  Status s = db->transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(int64_t facility, tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) "
                                                        "VALUES ('facility', 'bench', 'bench', 'bench')"));
    ResourceRecord r;
    r.facility_id = facility;
    r.code = "bench-room";
    r.kind = "space";
    r.resource.kind = ResourceKind::kSpace;
    r.resource.capacity = holding + 10;
    DONGNE_ASSIGN_OR_RETURN(int64_t resource, repo::insert_resource(tx, r, 0));
    auto household = [&]() { return repo::insert_household(tx, HouseholdRecord{}, 0); };
    for (int i = 0; i < holding + waiting; ++i) {
      DONGNE_ASSIGN_OR_RETURN(int64_t h, household());
      add_booking(tx, resource, h, i < holding ? "confirmed" : "waitlisted");
    }
    DONGNE_ASSIGN_OR_RETURN(int64_t me, household());
    add_booking(tx, resource, me, "confirmed");
    q.resource_id = resource;
    q.kind = ResourceKind::kSpace;
    q.from = kFrom;
    q.to = kTo;
    q.household_id = me;
    q.hh_from = kFrom - 30LL * 86'400'000;
    q.hh_to = kTo + 30LL * 86'400'000;
    q.max_span = kTo - kFrom;
    return ok_status();
  });
  if (!s.ok()) die(s.error());
  measure_decisions(*db, q, 5);  // warm the statement cache
  const auto t0 = std::chrono::steady_clock::now();
  const int64_t seen = measure_decisions(*db, q, calls);
  const auto ns = std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now() - t0).count();
  std::printf("holding=%d waiting=%d calls=%d ns/call=%lld (checksum %lld)\n", holding, waiting, calls,
              static_cast<long long>(ns / calls), static_cast<long long>(seen));
  db.reset();
  std::filesystem::remove_all(dir);
  return 0;
}

}  // namespace
}  // namespace dongne::booking

int main(int argc, char** argv) {
  const int holding = argc > 1 ? std::atoi(argv[1]) : 500;
  const int waiting = argc > 2 ? std::atoi(argv[2]) : 0;
  const int calls = argc > 3 ? std::atoi(argv[3]) : 1000;
  return dongne::booking::run(holding, waiting, calls);
}
