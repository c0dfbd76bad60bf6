#include "app/app.h"

#include <cstdio>
#include <filesystem>
#include <ostream>
#include <thread>

#include "auth/passwords.h"
#include "auth/routes.h"
#include "http/openapi.h"
#include "http/server.h"

namespace dongne::app {

Result<std::unique_ptr<App>> App::open(const Config& config) {
  if (!auth::init_crypto()) return Error::internal("libsodium failed to initialise");
  std::unique_ptr<App> app(new App(config));
  std::error_code ec;
  std::filesystem::create_directories(config.data_dir, ec);
  DONGNE_ASSIGN_OR_RETURN(app->db_, store::open_database(config.db_url));
  DONGNE_TRY(app->db_->migrate());
  DONGNE_ASSIGN_OR_RETURN(HolidayCalendar holidays,
                          load_holiday_file(config.share_dir + "/holidays/kr-public-holidays.csv"));
  auth::AuthOptions auth_options;
  auth_options.session_cache_ms = config.session_cache_ms;
  app->auth_ = std::make_unique<auth::AuthService>(*app->db_, app->clock_, auth_options);
  app->directory_ = std::make_unique<directory::Directory>(*app->db_, std::move(holidays));
  app->notifier_ = std::make_unique<notify::Notifier>(*app->db_, app->clock_);
  app->notifier_->on("user.registered", {"동네에 오신 것을 환영합니다", "Welcome to dongne"});
  app->notifier_->on("user.staff_created", {"직원 계정이 만들어졌습니다", "Your staff account was created"});

  auth::CookieOptions cookie;
  cookie.secure = config.cookie_secure;
  app->authenticator_ = std::make_unique<auth::TokenAuthenticator>(*app->auth_, cookie);
  app->add_system_routes();
  auth::add_routes(app->router_, *app->auth_, cookie);
  directory::add_routes(app->router_, *app->directory_);
  notify::add_routes(app->router_, *app->db_, app->clock_);

  http::PipelineOptions po;
  po.static_dir = config.web_dir;
  po.access_log = config.access_log;
  if (!std::filesystem::exists(config.web_dir + "/index.html", ec)) {
    http::log_event("warn", "web front end not built; serving the API only", {{"web_dir", config.web_dir}});
  }
  app->pipeline_ = std::make_unique<http::Pipeline>(app->router_, *app->authenticator_, po);
  return app;
}

Status App::serve() {
  http::ServerOptions so;
  so.host = cfg_.host;
  so.port = cfg_.port;
  so.threads = cfg_.threads;
  http::Server server(so, [this](http::Request& req) { return pipeline_->handle(req); });
  DONGNE_TRY(server.listen());
  notifier_->start();
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
  notifier_->stop();
  flushing = false;
  flusher.join();
  std::fflush(stdout);
  http::log_event("info", "stopped");
  return ok_status();
}

}  // namespace dongne::app
