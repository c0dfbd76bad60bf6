// Background work of the Programmes room, one thread per server instance: applies other pillars' linked events
// (booking.confirmed, jobs.hired, dispatch.ride_completed, ...) to the KPI projection (Projector::catch_up; safe
// on several instances at once, since every fact is keyed by its event). Thread-safety: start()/stop() from one thread.
#pragma once

#include "core/periodic.h"
#include "store/database.h"

namespace dongne::programmes {

class ProgrammeJobs {
 public:
  explicit ProgrammeJobs(store::Database& db) : db_(db) {}
  Status run_once();
  void start(int interval_ms = 500);
  void stop() { task_.stop(); }

 private:
  store::Database& db_;
  PeriodicTask task_;
};

}  // namespace dongne::programmes
