#include "app/config.h"

#include <algorithm>
#include <charconv>
#include <cstdlib>
#include <filesystem>
#include <thread>

namespace dongne::app {

namespace {
std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (v == nullptr || *v == '\0') return std::nullopt;
  return std::string(v);
}

Result<int64_t> env_int(const char* name, int64_t fallback, int64_t min, int64_t max) {
  auto v = env(name);
  if (!v) return fallback;
  int64_t x = 0;
  auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), x);
  if (ec != std::errc() || p != v->data() + v->size() || x < min || x > max)
    return Error::invalid("환경 변수 값이 올바르지 않습니다",
                          std::string(name) + " must be an integer between " + std::to_string(min) + " and " +
                              std::to_string(max));
  return x;
}

// The checkout a binary was built in (build/PRESET/dongne -> the folder holding data/ and web/), so that
// `build/release/dongne up` finds its reference data and front end from any working directory.
std::optional<std::filesystem::path> checkout_of_binary() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return std::nullopt;
  for (auto dir = exe.parent_path(); !dir.empty() && dir != dir.root_path(); dir = dir.parent_path()) {
    if (std::filesystem::exists(dir / "data" / "holidays", ec)) return dir;
  }
  return std::nullopt;
}

// A relative default that does not exist here is looked up beside the binary's checkout instead.
std::string default_dir(const std::string& rel, const char* probe) {
  std::error_code ec;
  if (std::filesystem::exists(std::filesystem::path(rel) / probe, ec)) return rel;
  if (auto root = checkout_of_binary(); root && std::filesystem::exists(*root / rel / probe, ec))
    return (*root / rel).string();
  return rel;
}

bool env_bool(const char* name, bool fallback) {
  auto v = env(name);
  if (!v) return fallback;
  return !(*v == "0" || *v == "false" || *v == "off" || *v == "no");
}
}  // namespace

Result<Config> Config::from_env() {
  Config c;
  if (auto v = env("DONGNE_HOST")) c.host = *v;
  DONGNE_ASSIGN_OR_RETURN(int64_t port, env_int("DONGNE_PORT", 8080, 0, 65535));
  c.port = static_cast<uint16_t>(port);
  if (auto v = env("DONGNE_DATA_DIR")) c.data_dir = *v;
  if (auto v = env("DONGNE_WEB_DIR")) c.web_dir = *v;
  else c.web_dir = default_dir(c.web_dir, "index.html");
  if (auto v = env("DONGNE_SHARE_DIR")) c.share_dir = *v;
  else c.share_dir = default_dir(c.share_dir, "holidays");
  c.db_url = env("DONGNE_DB").value_or("sqlite:" + c.data_dir + "/dongne.db");
  const int cores = static_cast<int>(std::clamp(std::thread::hardware_concurrency(), 2u, 16u));
  DONGNE_ASSIGN_OR_RETURN(int64_t threads, env_int("DONGNE_THREADS", cores, 1, 256));
  c.threads = static_cast<int>(threads);
  DONGNE_ASSIGN_OR_RETURN(int64_t workers, env_int("DONGNE_WORKERS", 32, 0, 1024));
  c.workers = static_cast<int>(workers);
  c.access_log = env_bool("DONGNE_ACCESS_LOG", true);
  c.cookie_secure = env_bool("DONGNE_COOKIE_SECURE", true);
  c.demo_password = env("DONGNE_DEMO_PASSWORD");
  DONGNE_ASSIGN_OR_RETURN(c.session_cache_ms, env_int("DONGNE_SESSION_CACHE_MS", 2000, 0, 60'000));
  DONGNE_ASSIGN_OR_RETURN(c.max_connections, env_int("DONGNE_MAX_CONNECTIONS", 0, 0, 1'000'000));
  DONGNE_ASSIGN_OR_RETURN(c.max_connections_per_address, env_int("DONGNE_MAX_CONNECTIONS_PER_ADDRESS", 512, 0, 1'000'000));
  DONGNE_ASSIGN_OR_RETURN(c.header_timeout_s, env_int("DONGNE_HEADER_TIMEOUT_S", 10, 1, 3600));
  DONGNE_ASSIGN_OR_RETURN(c.idle_timeout_s, env_int("DONGNE_IDLE_TIMEOUT_S", 60, 1, 3600));
  DONGNE_ASSIGN_OR_RETURN(int64_t booking_rate, env_int("DONGNE_BOOKING_RATE", 30, 0, 100'000));
  c.booking_rate_per_min = static_cast<double>(booking_rate);
  c.retention_days = env("DONGNE_RETENTION_DAYS").value_or("");
  DONGNE_ASSIGN_OR_RETURN(c.trusted_proxies, http::TrustedProxies::parse(env("DONGNE_TRUSTED_PROXIES").value_or("")));
  return c;
}

}  // namespace dongne::app
