// Home visits' route table (/api/v1/dispatch/visits/*, docs/dispatch-services.md "Home visits"): the services
// (public), a family's or the operator's requests, the operator's week with re-planning and absences, and the
// worker's day with her reports. Handlers only translate HTTP <-> VisitService. Thread-safety: stateless handlers.
#pragma once

#include "dispatch/visits/service.h"
#include "http/router.h"

namespace dongne::dispatch::visits {

void add_routes(http::Router& router, VisitService& service);

}  // namespace dongne::dispatch::visits
