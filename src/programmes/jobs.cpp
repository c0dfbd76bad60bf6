#include "programmes/jobs.h"

#include "http/pipeline.h"
#include "programmes/projector.h"

namespace dongne::programmes {

Status ProgrammeJobs::run_once() { return to_status(Projector::catch_up(db_)); }

void ProgrammeJobs::start(int interval_ms) {
  task_.start(std::chrono::milliseconds(interval_ms), [this] { return run_once(); }, [](const Error& e) {
    http::log_event("warn", "programme KPI catch-up failed", {{"detail", e.message_en}});
  });
}

}  // namespace dongne::programmes
