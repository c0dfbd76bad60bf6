// The home-visit week planner: a pure function from a service's records to one plan per day through the engine
// (workers as vehicles with their shift and skills, each day's visits as kSingle tasks with a start window, a
// duration and the required skills; travel by great circle x road factor). Continuity first: a place keeps the
// worker of its previous visit whenever feasible (a per-worker pin bit in the engine's SkillSet, solved pinned,
// then the visits that did not fit are solved again open to any worker); the plan reports the share kept.
// Families are checked on each visit's day with Booking's eligibility rules. Every visit asked for is in the
// answer, planned or unserved with a reason. No I/O, no clock. Thread-safety: reentrant.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "booking/rules/model.h"
#include "core/result.h"
#include "dispatch/visits/records.h"

namespace dongne::dispatch::visits {

struct PlanInput {
  ServiceRecord service;
  LocalDate first_day;                      // plan these days: first_day .. last_day
  LocalDate last_day;
  int first_day_from_s = 0;                 // on first_day, no visit starts before this second (now, when re-planning today)
  std::vector<WorkerRecord> workers;
  std::vector<ClientRecord> clients;
  std::vector<RequestRecord> requests;
  std::vector<Absence> absences;
  std::map<int64_t, booking::Household> households;  // by household id (families)
  std::map<int64_t, int64_t> previous_worker;        // client id -> worker of its latest visit before first_day
  // (client id, day) pairs already done or reported, which are not planned again.
  std::vector<std::pair<int64_t, LocalDate>> settled;
  uint64_t iterations = 200;                // the engine's ruin-and-recreate iterations per day (deterministic)
};

struct Continuity {
  int with_previous = 0;  // planned visits whose place had a previous worker
  int kept = 0;           // ... planned with that worker
  // kept / with_previous in percent; 100 when no visit had a previous worker.
  double percent() const { return with_previous == 0 ? 100.0 : 100.0 * kept / with_previous; }
};

struct WeekPlan {
  std::vector<VisitRecord> visits;  // planned (by day, worker, start) then unserved; ids 0
  Continuity continuity;
  int planned = 0;
  int unserved = 0;
};

// Whether a request asks for a visit on `day` (weekday and date range, active).
bool wants(const RequestRecord& r, LocalDate day);

// The visits of the requests on first_day..last_day. kInvalid when the records cannot be planned (more than 64
// skills and workers together, a bad coordinate).
Result<WeekPlan> plan_week(const PlanInput& in);

}  // namespace dongne::dispatch::visits
