// An Error as a JSON value and back, for answers that are stored and replayed (Idempotency-Key answers): code,
// reason, both messages, field errors and problem extensions survive the round trip. Thread-safety: pure functions.
#pragma once

#include <nlohmann/json.hpp>

#include "core/result.h"

namespace dongne {

nlohmann::json error_to_json(const Error& e);
Error error_from_json(const nlohmann::json& j);

}  // namespace dongne
