// What this room declares to the shared core: what it keeps for how long (retention_rules), and who owns each
// kind of dispatch record (repo.h owner_queries): the operator that runs the area or the visit
// service; the rider or client herself, as a resident; the driver of a vehicle, the worker of a visit, as a driver.
#include "dispatch/repo.h"

namespace dongne::dispatch::repo {

std::vector<store::OwnerQuery> owner_queries() {
  return {
      {"dispatch.area", "SELECT operator_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM dispatch_areas WHERE id = ?"},
      {"dispatch.ride", "SELECT a.operator_id, r.rider_user_id, 'resident' FROM dispatch_rides r "
                        "JOIN dispatch_areas a ON a.id = r.area_id WHERE r.id = ?"},
      {"dispatch.series", "SELECT a.operator_id, s.rider_user_id, 'resident' FROM dispatch_series s "
                          "JOIN dispatch_areas a ON a.id = s.area_id WHERE s.id = ?"},
      {"dispatch.vehicle", "SELECT a.operator_id, v.driver_user_id, 'driver' FROM dispatch_vehicles v "
                           "JOIN dispatch_areas a ON a.id = v.area_id WHERE v.id = ?"},
      {"visits.service", "SELECT operator_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM visit_services WHERE id = ?"},
      {"visits.worker", "SELECT s.operator_id, w.user_id, 'driver' FROM visit_workers w "
                        "JOIN visit_services s ON s.id = w.service_id WHERE w.id = ?"},
      {"visits.request", "SELECT s.operator_id, c.user_id, 'resident' FROM visit_requests q "
                         "JOIN visit_services s ON s.id = q.service_id JOIN visit_clients c ON c.id = q.client_id "
                         "WHERE q.id = ?"},
      {"visits.visit", "SELECT s.operator_id, w.user_id, 'driver' FROM visit_visits v "
                       "JOIN visit_services s ON s.id = v.service_id LEFT JOIN visit_workers w ON w.id = v.worker_id "
                       "WHERE v.id = ?"},
  };
}

std::vector<store::RetentionRule> retention_rules() {
  return {{"dispatch.idempotency", "answers kept for retried ride and order requests (Idempotency-Key), from the request",
           "DELETE FROM dispatch_idempotency WHERE created_at < ?", 7}};
}

}  // namespace dongne::dispatch::repo
