// Home visits (docs/dispatch-services.md, "Home visits"): families, schools and daycares ask for standing visits;
// the service plans them (plan.h) from today through the end of next week whenever something changes, the
// operator sees and re-plans the week, workers see their day and report each visit. Every write is one
// transaction holding the service's planning lock and appends its dispatch.* event (ids only). Families'
// eligibility is Booking's, read from the family's booking household on each visit's day.
// Thread-safety: safe to call concurrently (the store serialises writers; PostgreSQL: an advisory lock per service).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "core/roles.h"
#include "dispatch/visits/plan.h"
#include "dispatch/visits/records.h"
#include "store/database.h"

namespace dongne::dispatch::visits {

struct PlaceInput {
  std::string name;     // schools and daycares; a family's name is her household's contact name
  std::string address;
  LonLat at;
  std::optional<std::string> phone;
};

struct RequestInput {
  int64_t service_id = 0;
  std::optional<int64_t> client_id;  // the operator: a place already on record
  std::optional<PlaceInput> place;   // a new place (the resident: her family's address)
  uint8_t days = 0;
  int from_min = 0;                  // the visit happens within [from_min, to_min]
  int to_min = 0;
  std::optional<int> minutes;        // default: the service's
  std::vector<std::string> skills;   // languages or skills the worker must have
  std::optional<LocalDate> from;     // default: today
  std::optional<LocalDate> until;
  std::string note;
};

struct VisitView {
  VisitRecord visit;
  ClientRecord client;
  std::optional<WorkerRecord> worker;
};

struct Week {
  ServiceRecord service;
  LocalDate start;  // a Monday
  LocalDate today;
  std::vector<WorkerRecord> workers;
  std::vector<Absence> absences;
  std::vector<RequestRecord> requests;
  std::vector<ClientRecord> clients;
  std::vector<VisitRecord> visits;  // the week's, planned, unserved, done and not home
  Continuity continuity;            // of the week's planned and made visits
};

struct WorkerDay {
  std::optional<WorkerRecord> worker;
  std::optional<ServiceRecord> service;
  LocalDate day;
  std::vector<VisitView> visits;  // in order
};

struct FamilyVisits {
  std::vector<ServiceRecord> services;
  std::vector<RequestRecord> requests;
  std::vector<VisitView> visits;  // from today
};

class VisitService {
 public:
  VisitService(store::Database& db, const Clock& clock) : db_(db), clock_(clock) {}

  LocalDate today() const { return local_date(clock_.now_ms()); }
  Result<std::vector<ServiceRecord>> services();

  // A resident for her family (a coaching service: her booking household decides eligibility), or the operator
  // for a school or a daycare. The request is planned at once; the answer holds its visits.
  Result<std::pair<RequestRecord, std::vector<VisitView>>> request(const Principal& p, const RequestInput& in);
  Result<RequestRecord> cancel_request(const Principal& p, int64_t request_id);
  Result<FamilyVisits> my_visits(const Principal& p);

  // The operator (grant operator scoped to the service's organisation) or admin.
  Result<Week> week(const Principal& p, int64_t service_id, std::optional<LocalDate> start);
  Result<Week> replan(const Principal& p, int64_t service_id, std::optional<LocalDate> start);
  // A worker away on a day: recorded, and that day's week re-planned.
  Result<Week> away(const Principal& p, int64_t worker_id, LocalDate day);

  // A worker (role driver, the field-worker role) and her visits of the day in order.
  Result<WorkerDay> worker_day(const Principal& p, std::optional<LocalDate> day);
  // outcome: done (appends dispatch.visit_completed) or not_home.
  Result<WorkerDay> report(const Principal& p, int64_t visit_id, const std::string& outcome, std::optional<int> minutes);

  // Plans every service from now through the end of next week (the demo seed, after loading requests).
  Status plan_ahead();

 private:
  // Plans [from, to] from now on (days before today are left as they are) and stores it.
  Result<WeekPlan> plan_range(store::Tx& tx, const ServiceRecord& s, LocalDate from, LocalDate to, std::optional<int64_t> by);
  Result<Week> week_of(store::Tx& tx, const ServiceRecord& s, LocalDate start);
  Result<ServiceRecord> operated(store::Tx& tx, const Principal& p, int64_t service_id);
  Result<WorkerDay> day_of(store::Tx& tx, const WorkerRecord& w, LocalDate day);

  store::Database& db_;
  const Clock& clock_;
};

// Whether p may act for the service as its operator (or admin).
bool operates(const Principal& p, const ServiceRecord& s);

}  // namespace dongne::dispatch::visits
