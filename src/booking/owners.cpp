// Who owns each kind of booking record (repo.h owner_queries): the facility that offers the resource. A household
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

}  // namespace dongne::booking::repo
