// Runtime configuration from the environment (12-factor); every setting has a safe local default.
//   DONGNE_HOST (127.0.0.1)  DONGNE_PORT (8080)  DONGNE_DATA_DIR (./var)  DONGNE_DB (sqlite:<data dir>/dongne.db,
//   or postgresql://...)  DONGNE_WEB_DIR (./web/dist)  DONGNE_SHARE_DIR (./data)  DONGNE_THREADS (cores)  DONGNE_WORKERS (32)
//   DONGNE_ACCESS_LOG (1)  DONGNE_COOKIE_SECURE (1)  DONGNE_DEMO_PASSWORD (random, saved in <data dir>)
//   DONGNE_SESSION_CACHE_MS (2000; how long one instance may trust a session it checked, 0 = always ask the store)
//   DONGNE_MAX_CONNECTIONS (0 = from the descriptor limit)  DONGNE_MAX_CONNECTIONS_PER_ADDRESS (512; 0 = no cap)
//   DONGNE_HEADER_TIMEOUT_S (10)  DONGNE_IDLE_TIMEOUT_S (60)
// Thread-safety: a plain value, read once at start-up.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/result.h"
#include "http/client_address.h"

namespace dongne::app {

struct Config {
  std::string host = "127.0.0.1";
  uint16_t port = 8080;
  std::string data_dir = "var";
  std::string db_url;  // derived from data_dir when empty
  std::string web_dir = "web/dist";
  std::string share_dir = "data";
  int threads = 2;  // io threads (default: the number of cores, 2..16)
  int workers = 32;  // threads for writing requests, which wait for their group commit
  bool access_log = true;
  bool cookie_secure = true;
  std::optional<std::string> demo_password;
  int64_t session_cache_ms = 2000;
  int64_t max_connections = 0;  // 0: derived from RLIMIT_NOFILE
  int64_t max_connections_per_address = 512;
  int64_t header_timeout_s = 10;
  int64_t idle_timeout_s = 60;
  double booking_rate_per_min = 30;  // DONGNE_BOOKING_RATE: bookings a resident may create a minute (0: no limit)
  std::string retention_days;  // DONGNE_RETENTION_DAYS overrides, "auth.sessions=60,notify.read_notifications=never"
  http::TrustedProxies trusted_proxies;  // DONGNE_TRUSTED_PROXIES: the load balancers whose X-Forwarded-For counts

  static Result<Config> from_env();
};

}  // namespace dongne::app
