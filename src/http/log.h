// Structured log lines (one JSON object per line) on stderr for events other than requests: start-up, errors,
// jobs, the acceptor running out of descriptors. Thread-safety: safe from any thread (one fwrite per line).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace dongne::http {

void log_event(const char* level, const std::string& msg, const nlohmann::json& fields = nlohmann::json::object());

}  // namespace dongne::http
