// Background work of the Programmes room, one thread per server instance: applies other pillars' linked events
// (booking.confirmed, jobs.hired, dispatch.ride_completed, ...) to the KPI projection (Projector::catch_up; safe
// on several instances at once, since every fact is keyed by its event). Thread-safety: start()/stop() from one thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "store/database.h"

namespace dongne::programmes {

class ProgrammeJobs {
 public:
  explicit ProgrammeJobs(store::Database& db) : db_(db) {}
  ~ProgrammeJobs() { stop(); }
  Status run_once();
  void start(int interval_ms = 500);
  void stop();

 private:
  store::Database& db_;
  std::atomic<bool> running_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace dongne::programmes
