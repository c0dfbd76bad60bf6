// The one place where an Error becomes an HTTP status and an application/problem+json body (RFC 9457), with
// field-level messages in Korean and English. A client's mistake is never a 500. Thread-safety: pure functions.
#pragma once

#include <string>

#include "core/result.h"
#include "http/message.h"

namespace dongne::http {

int status_for(const Error& e);
// Builds the problem+json response; `instance` is the request path, `request_id` is echoed for support.
Response problem_response(const Error& e, const std::string& instance, const std::string& request_id);

}  // namespace dongne::http
