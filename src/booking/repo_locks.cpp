// The locks that serialise booking decisions on PostgreSQL (repo.h, "Locks"). SQLite's single writer already
// runs one decision at a time, so there these take nothing.
#include "booking/repo.h"

namespace dongne::booking::repo {
namespace {

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMaxLockedHours = 24 * 7;  // longer ranges lock the whole resource
constexpr int64_t kKeyMod = 2'147'483'647;   // advisory keys are int4 pairs: (resource, -1 | hour)

bool postgres(store::Tx& tx) { return tx.dialect() == store::Dialect::kPostgres; }

}  // namespace

Status lock_resource(store::Tx& tx, int64_t resource_id) {
  if (!postgres(tx)) return {};
  return to_status(tx.query("SELECT pg_advisory_xact_lock(?::int4, -1)", {resource_id % kKeyMod}));
}

Status lock_times(store::Tx& tx, int64_t resource_id, const TimeRange& stored) {
  if (!postgres(tx)) return {};
  if (stored.start < 0 || stored.end <= stored.start) return lock_resource(tx, resource_id);
  const int64_t first = stored.start / kHourMs, last = (stored.end - 1) / kHourMs;
  if (last - first >= kMaxLockedHours || last >= kKeyMod) return lock_resource(tx, resource_id);
  // One statement, in one order for everyone: the resource's lock shared, then the hours ascending (an Append
  // runs its inputs in order and generate_series counts up), so two decisions never wait for each other in a cycle.
  return to_status(tx.query(
      "SELECT CASE WHEN h < 0 THEN pg_advisory_xact_lock_shared(?::int4, -1) ELSE pg_advisory_xact_lock(?::int4, h) "
      "END FROM (SELECT -1 AS h UNION ALL SELECT generate_series(?::int4, ?::int4)) AS hours",
      {resource_id % kKeyMod, resource_id % kKeyMod, first, last}));
}

}  // namespace dongne::booking::repo
