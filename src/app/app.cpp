#include "app/app.h"

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <ostream>
#include <thread>

#include "auth/access_log.h"
#include "auth/passwords.h"
#include "auth/routes.h"
#include "booking/repo.h"
#include "booking/routes.h"
#include "dispatch/repo.h"
#include "dispatch/routes.h"
#include "dispatch/visits/routes.h"
#include "jobs/repo.h"
#include "jobs/routes.h"
#include "programmes/repo.h"
#include "programmes/routes.h"
#include "http/openapi.h"
#include "http/server.h"
#include "store/resident_numbers.h"

namespace dongne::app {

Result<std::unique_ptr<App>> App::open(const Config& config) {
  if (!auth::init_crypto()) return Error::internal("libsodium failed to initialise");
  std::unique_ptr<App> app(new App(config));
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  DONGNE_ASSIGN_OR_RETURN(app->db_, store::open_database(config.db_url));
  DONGNE_TRY(app->db_->migrate());
  DONGNE_ASSIGN_OR_RETURN(auto masked, store::mask_stored_resident_numbers(*app->db_, app->clock_.now_ms()));
  if (masked.values > 0) {
    http::log_event("warn", "resident registration numbers stored before they were refused are now masked",
                    {{"values", masked.values}, {"columns", masked.columns}});
  }
  DONGNE_ASSIGN_OR_RETURN(HolidayCalendar holidays,
                          load_holiday_file(config.share_dir + "/holidays/kr-public-holidays.csv"));
  auth::AuthOptions auth_options;
  auth_options.session_cache_ms = config.session_cache_ms;
  app->auth_ = std::make_unique<auth::AuthService>(*app->db_, app->clock_, auth_options);
  app->directory_ = std::make_unique<directory::Directory>(*app->db_, std::move(holidays));
  app->auth_->set_org_tree({directory::org_kind, directory::orgs_below});
  app->notifier_ = std::make_unique<notify::Notifier>(*app->db_, app->clock_);
  app->notifier_->on("user.registered", {"동네에 오신 것을 환영합니다", "Welcome to dongne"});
  app->notifier_->on("user.staff_created", {"직원 계정이 만들어졌습니다", "Your staff account was created"});
  DONGNE_ASSIGN_OR_RETURN(auto booking_start, booking::booking_clock_start_from_env());
  if (booking_start) app->booking_clock_ = std::make_unique<ShiftedClock>(*booking_start);
  else app->booking_clock_ = std::make_unique<SystemClock>();
  app->booking_ = std::make_unique<booking::BookingService>(*app->db_, *app->booking_clock_, app->directory_->holidays());
  app->booking_jobs_ = std::make_unique<booking::BookingJobs>(*app->booking_);
  app->programmes_ = std::make_unique<programmes::ProgrammeService>(*app->db_, app->clock_);
  app->programme_jobs_ = std::make_unique<programmes::ProgrammeJobs>(*app->db_);
  DONGNE_ASSIGN_OR_RETURN(app->jobs_reference_, jobs::load_reference(config.share_dir));
  app->jobs_ = std::make_unique<jobs::JobsService>(*app->db_, app->clock_, app->jobs_reference_);
  DONGNE_ASSIGN_OR_RETURN(auto dispatch_start, clock_start_from_env("DONGNE_DISPATCH_CLOCK_AT"));
  DONGNE_ASSIGN_OR_RETURN(double dispatch_rate, clock_rate_from_env("DONGNE_DISPATCH_CLOCK_RATE"));
  if (dispatch_start) app->dispatch_clock_ = std::make_unique<ShiftedClock>(*dispatch_start, dispatch_rate);
  else app->dispatch_clock_ = std::make_unique<SystemClock>();
  app->shuttle_ = std::make_unique<dispatch::ShuttleService>(*app->db_, *app->dispatch_clock_, config.share_dir);
  app->visits_ = std::make_unique<dispatch::visits::VisitService>(*app->db_, *app->dispatch_clock_);
  app->notifier_->on("dispatch.ride_promised", {"무빙콜 예약이 확정되었습니다", "Your shuttle ride is promised"});
  app->notifier_->on("dispatch.promise_broken", {"무빙콜 약속 시간을 지키기 어렵습니다. 운영센터가 연락드립니다",
                                                  "Your shuttle may be late: the operator will contact you"});
  app->notifier_->on("dispatch.ride_cancelled", {"무빙콜 예약이 취소되었습니다", "Your shuttle ride was cancelled"});
  app->notifier_->on("dispatch.delivery_ordered", {"짐 배송 주문이 접수되었습니다", "Your luggage delivery is scheduled"});
  app->notifier_->on("dispatch.delivery_completed", {"짐이 배송되었습니다", "Your luggage has been delivered"});
  app->notifier_->on("booking.confirmed", {"예약이 확정되었습니다", "Your booking is confirmed"});
  app->notifier_->on("booking.pending", {"예약 신청이 접수되었습니다 (승인 대기)", "Your booking awaits staff approval"});
  app->notifier_->on("booking.waitlisted", {"대기자로 등록되었습니다", "You are on the waitlist"});
  app->notifier_->on("booking.lottery_entered", {"추첨에 응모되었습니다", "You entered the lottery"});
  app->notifier_->on("booking.offered", {"빈자리가 생겼습니다. 시간 안에 수락해 주세요", "A place is free for you: accept it in time"});
  app->notifier_->on("booking.offer_expired", {"빈자리 제안 시간이 지났습니다", "Your waitlist offer has expired"});
  app->notifier_->on("booking.cancelled", {"예약이 취소되었습니다", "Your booking was cancelled"});
  app->notifier_->on("booking.rejected", {"예약이 승인되지 않았습니다", "Your booking was not approved"});
  app->notifier_->on("booking.not_drawn", {"추첨에 당첨되지 않았습니다", "Your lottery entry was not drawn"});
  app->notifier_->on("booking.reminder", {"내일 예약이 있습니다", "Reminder: you have a booking tomorrow"});

  auth::CookieOptions cookie;
  cookie.secure = config.cookie_secure;
  app->authenticator_ = std::make_unique<auth::TokenAuthenticator>(*app->auth_, cookie);
  app->add_system_routes();
  auth::add_routes(app->router_, *app->auth_, cookie);
  directory::add_routes(app->router_, *app->directory_);
  directory::add_admin_routes(app->router_, *app->directory_);
  app->add_open_records_checks();
  notify::add_routes(app->router_, *app->db_, app->clock_);
  booking::add_routes(app->router_, *app->booking_, config.booking_rate_per_min);
  programmes::add_routes(app->router_, *app->programmes_);
  jobs::add_routes(app->router_, *app->jobs_, *app->directory_);
  dispatch::add_routes(app->router_, *app->shuttle_);
  dispatch::visits::add_routes(app->router_, *app->visits_);

  // Each pillar says who owns its records; every route that acts on a record names a kind that one of them knows.
  for (auto q : {jobs::repo::owner_queries(), booking::repo::owner_queries(), dispatch::repo::owner_queries(),
                 programmes::repo::owner_queries()})
    app->owners_.add(q);
  DONGNE_TRY(app->add_retention());
  for (const auto& r : app->router_.routes()) {
    if (r.access.scope().kind == http::Scope::Kind::kRecord && !app->owners_.knows(r.access.scope().record)) {
      std::fprintf(stderr, "%s %s acts on record kind %s, which no pillar owns\n", std::string(http::method_name(r.method)).c_str(),
                   r.pattern.c_str(), r.access.scope().record.c_str());
      std::abort();
    }
  }

  http::PipelineOptions po;
  po.static_dir = config.web_dir;
  po.access_log = config.access_log;
  po.trusted_proxies = config.trusted_proxies;
  po.on_refused_read = [db = app->db_.get(), &clock = app->clock_](const http::RefusedRead& r) {
    Status st = db->transact([&](store::Tx& tx) {
      return auth::log_read(tx, {r.reader, 0, r.kind, r.record, r.route, r.reason, false, clock.now_ms()});
    });
    if (!st.ok()) http::log_event("error", "access log write failed", {{"detail", st.error().message_en}});
  };
  po.owner_of = [app = app.get()](const std::string& kind, int64_t id) {
    return app->owners_.find(*app->db_, kind, id);
  };
  if (!std::filesystem::exists(config.web_dir + "/index.html", ec)) {
    http::log_event("warn", "web front end not built; serving the API only", {{"web_dir", config.web_dir}});
  }
  app->pipeline_ = std::make_unique<http::Pipeline>(app->router_, *app->authenticator_, po);
  return app;
}

// Retiring an organisation asks each pillar whether it still owns open records there (directory.h).
void App::add_open_records_checks() {
  using Found = std::optional<std::pair<std::string, std::string>>;
  directory_->add_open_records_check([](store::Tx& tx, int64_t org) -> Result<Found> {
    return directory::count_open(tx, "SELECT COUNT(*) FROM role_grants WHERE scope_id = ? AND scope_kind <> ''", org,
                                 "이 기관의 권한을 가진 계정", "role grants in its scope");
  });
  directory_->add_open_records_check(jobs::repo::open_records_of);
  directory_->add_open_records_check(booking::repo::open_records_of);
  directory_->add_open_records_check(dispatch::repo::open_records_of);
  directory_->add_open_records_check([this](store::Tx& tx, int64_t org) -> Result<Found> {
    return programmes::repo::open_records_of(tx, org, format_date(local_date(clock_.now_ms())));
  });
}

Status App::serve() {
  http::ServerOptions so;
  so.host = cfg_.host;
  so.port = cfg_.port;
  so.threads = cfg_.threads;
  so.workers = cfg_.workers;
  so.offload = [this](const http::Request& r) { return router_.may_write(r.method, r.path); };
  so.max_connections = static_cast<size_t>(cfg_.max_connections);
  so.max_connections_per_address = static_cast<size_t>(cfg_.max_connections_per_address);
  so.header_timeout_seconds = static_cast<double>(cfg_.header_timeout_s);
  so.idle_timeout_seconds = static_cast<double>(cfg_.idle_timeout_s);
  so.refuse = [this](const Error& e, const std::string& target, const std::string& remote) {
    return pipeline_->refuse(e, target, remote);
  };
  http::Server server(so, [this](http::Request& req) { return pipeline_->handle(req); });
  DONGNE_TRY(server.listen());
  const auto& budget = server.budget();
  http::log_event("info", "connection limits",
                  {{"nofile_soft", budget.soft}, {"nofile_hard", budget.hard},
                   {"max_connections", budget.max_connections},
                   {"max_connections_per_address", so.max_connections_per_address},
                   {"header_timeout_s", cfg_.header_timeout_s}, {"idle_timeout_s", cfg_.idle_timeout_s}});
  notifier_->start();
  booking_jobs_->start();
  programme_jobs_->start();
  shuttle_->start();
  if (db_->dialect() == store::Dialect::kPostgres)
    auth_signals_.start(cfg_.db_url, auth::AuthService::kSignalChannel, [this](const std::string& s) { auth_->heard(s); },
                        [this] { auth_->forget_all(); });
  retention_task_.start(std::chrono::hours(1), [this] { return to_status(purge_expired(std::nullopt)); },
                        [](const Error& e) { http::log_event("error", "retention purge failed", {{"detail", e.message_en}}); });
  std::atomic<bool> flushing{true};
  std::thread flusher([&flushing] {  // the access log is block-buffered; flush it a few times a second
    while (flushing.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(250));
      std::fflush(stdout);
    }
  });
  http::log_event("info", "listening", {{"url", "http://" + cfg_.host + ":" + std::to_string(server.port())},
                                        {"store", db_->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"}});
  server.run();
  retention_task_.stop();
  auth_signals_.stop();
  booking_jobs_->stop();
  programme_jobs_->stop();
  shuttle_->stop();
  notifier_->stop();
  flushing = false;
  flusher.join();
  std::fflush(stdout);
  http::log_event("info", "stopped");
  return ok_status();
}

}  // namespace dongne::app
