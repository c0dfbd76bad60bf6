#include "http/log.h"

#include <chrono>
#include <cstdio>

namespace dongne::http {

void log_event(const char* level, const std::string& msg, const nlohmann::json& fields) {
  nlohmann::json j = fields;
  j["ts"] = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::system_clock::now().time_since_epoch()).count();
  j["level"] = level;
  j["msg"] = msg;
  std::string line = j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace dongne::http
