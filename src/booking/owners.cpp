// What this room declares to the shared core: who owns each kind of booking record (repo.h owner_queries), and
// what it keeps for how long (retention_rules). Owners: the facility that offers the resource. A household
// is its resident's; a facility's managers may read it only once it has booked there.
#include "booking/repo.h"

namespace dongne::booking::repo {

std::vector<store::OwnerQuery> owner_queries() {
  return {
      {"booking.facility", "SELECT id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM organisations WHERE id = ? AND kind = 'facility'"},
      {"booking.resource", "SELECT facility_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM booking_resources WHERE id = ?"},
      {"booking.booking", "SELECT r.facility_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM bookings b "
                          "JOIN booking_resources r ON r.id = b.resource_id WHERE b.id = ?"},
      {"booking.household", "SELECT CAST(NULL AS BIGINT), user_id, 'resident' FROM booking_households WHERE id = ? "
                            "UNION ALL SELECT DISTINCT r.facility_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM bookings b "
                            "JOIN booking_resources r ON r.id = b.resource_id WHERE b.household_id = ?"},
  };
}

std::vector<store::RetentionRule> retention_rules() {
  // Bookings, households and penalties are records of the service and stay; an answer kept for a retried request
  // is needed only while a client may retry.
  return {{"booking.idempotency", "answers kept for retried booking requests (Idempotency-Key), from the request",
           "DELETE FROM booking_idempotency WHERE created_at < ?", 7}};
}

}  // namespace dongne::booking::repo
