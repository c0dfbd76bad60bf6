// Generates the OpenAPI 3.1 document from the route table, so /api/openapi.json cannot drift from the router.
// Each operation carries `x-roles` (who may call it), which the role-by-route test reads.
// Thread-safety: pure function of the router.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"

namespace dongne::http {

// A stable, URL-safe operationId from the method and the pattern: "GET /api/v1/booking/resources/{id}" ->
// "getBookingResourcesById".
std::string operation_id(Method m, const std::string& pattern);
nlohmann::json openapi_document(const Router& router, const std::string& version);

}  // namespace dongne::http
