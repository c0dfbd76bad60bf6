// Wiring: opens the store, applies migrations, builds the services and the one route table, and serves.
// Every pillar adds its routes here and nowhere else. Thread-safety: build once; serve() runs the server threads.
#pragma once

#include <iosfwd>
#include <memory>
#include <optional>
#include <vector>

#include "app/config.h"
#include "auth/routes.h"
#include "auth/service.h"
#include "booking/jobs.h"
#include "booking/service.h"
#include "core/clock.h"
#include "directory/directory.h"
#include "dispatch/service.h"
#include "dispatch/visits/service.h"
#include "http/pipeline.h"
#include "http/router.h"
#include "notify/notifier.h"
#include "jobs/reference.h"
#include "jobs/service.h"
#include "programmes/jobs.h"
#include "programmes/service.h"
#include "store/database.h"
#include "store/owners.h"
#include "store/retention.h"
#include "store/signals.h"
#include "core/periodic.h"

namespace dongne::app {

class App {
 public:
  // Opens the store named by the config and applies pending migrations.
  static Result<std::unique_ptr<App>> open(const Config& config);
  // Loads the demo city (organisations, occupation codes, one account per role); harmless to re-run.
  Status seed_demo(std::ostream& out);
  // Serves HTTP until SIGTERM/SIGINT, then drains.
  Status serve();

  store::Database& db() { return *db_; }
  auth::AuthService& auth() { return *auth_; }
  const http::Router& router() const { return router_; }

 private:
  explicit App(Config c) : cfg_(std::move(c)) {}
  void add_system_routes();
  // Retention (retention.cpp): every room's rules with DONGNE_RETENTION_DAYS applied, the admin routes, and the
  // hourly purge; each purge that deletes something is in the audit log.
  Status add_retention();
  Result<std::vector<store::Purged>> purge_expired(std::optional<int64_t> actor);
  Status seed_demo_records(std::ostream& out);
  Status link_demo_dispatch(std::ostream& out);
  void add_open_records_checks();
  Status link_demo_visits(std::ostream& out);
  Config cfg_;
  SystemClock clock_;
  std::unique_ptr<store::Database> db_;
  std::unique_ptr<auth::AuthService> auth_;
  std::unique_ptr<directory::Directory> directory_;
  std::unique_ptr<notify::Notifier> notifier_;
  std::unique_ptr<Clock> booking_clock_;  // the system clock, or shifted by DONGNE_BOOKING_CLOCK_AT
  std::unique_ptr<booking::BookingService> booking_;
  std::unique_ptr<booking::BookingJobs> booking_jobs_;
  std::unique_ptr<programmes::ProgrammeService> programmes_;
  std::unique_ptr<programmes::ProgrammeJobs> programme_jobs_;
  jobs::Reference jobs_reference_;
  std::unique_ptr<jobs::JobsService> jobs_;
  std::unique_ptr<Clock> dispatch_clock_;  // the system clock, or shifted by DONGNE_DISPATCH_CLOCK_AT
  std::unique_ptr<dispatch::ShuttleService> shuttle_;
  std::unique_ptr<dispatch::visits::VisitService> visits_;  // on the dispatch clock
  std::unique_ptr<auth::TokenAuthenticator> authenticator_;
  http::Router router_;
  store::Owners owners_;  // who owns each kind of record the routes act on (http/router.h Scope)
  store::Retention retention_;
  PeriodicTask retention_task_;
  store::SignalListener auth_signals_;  // PostgreSQL: other instances' revocations (AuthService::heard)
  std::unique_ptr<http::Pipeline> pipeline_;
};

}  // namespace dongne::app
