// The shuttle's route table (/api/v1/dispatch/*, docs/dispatch-services.md): areas (public), ride requests with
// Idempotency-Key, riders' rides and series, the operator's board and overrides, the driver's day.
// Handlers only translate HTTP <-> ShuttleService. Thread-safety: handlers are stateless.
#pragma once

#include <nlohmann/json.hpp>

#include "dispatch/service.h"
#include "http/fields.h"
#include "http/router.h"

namespace dongne::dispatch {

void add_routes(http::Router& router, ShuttleService& service);
// Luggage delivery (routes_luggage.cpp); add_routes adds them.
void add_luggage_routes(http::Router& router, ShuttleService& service);

// Internal to the route files: JSON writers and the readers they share.
namespace io {
nlohmann::json at(LocalDate day, std::optional<int> second);  // RFC 3339 of a second of the day, or null
nlohmann::json instant(std::optional<EpochMs> t);
// An optional RFC 3339 field (a format error on the field otherwise).
std::optional<EpochMs> instant_field(http::Fields& f, const std::string& name);
// The optional ?date=YYYY-MM-DD.
Result<std::optional<LocalDate>> date_query(const http::Context& ctx);
nlohmann::json area_json(const AreaRecord& a);
nlohmann::json stop_json(const StopRecord& s);
nlohmann::json ride_json(const RideView& v);
nlohmann::json step_json(const StopStep& s);
nlohmann::json figures_json(const Figures& f);
nlohmann::json board_json(const Board& b);
nlohmann::json driver_json(const DriverDay& d);
nlohmann::json series_json(const SeriesRecord& s);
nlohmann::json replanned_json(const Replanned& r);
nlohmann::json order_json(const OrderView& v);
}  // namespace io

}  // namespace dongne::dispatch
