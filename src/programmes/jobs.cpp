#include "programmes/jobs.h"

#include <chrono>

#include "http/pipeline.h"
#include "programmes/projector.h"

namespace dongne::programmes {

Status ProgrammeJobs::run_once() { return to_status(Projector::catch_up(db_)); }

void ProgrammeJobs::start(int interval_ms) {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this, interval_ms] {
    while (running_.load()) {
      Status st = run_once();
      if (!st.ok()) http::log_event("warn", "programme KPI catch-up failed", {{"detail", st.error().message_en}});
      std::unique_lock<std::mutex> lock(mu_);
      cv_.wait_for(lock, std::chrono::milliseconds(interval_ms), [this] { return !running_.load(); });
    }
  });
}

void ProgrammeJobs::stop() {
  if (!running_.exchange(false)) return;
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace dongne::programmes
