// The booking route table (/api/v1/booking/*): public catalogue, availability, lottery seeds and re-runs and the
// secret iCalendar feed; residents' household, bookings (idempotent creation with the Idempotency-Key header),
// cancellation and offer acceptance; facility managers' resources, walk-in/phone bookings, check-in, returns,
// approvals, lottery draws and the day sheet (JSON or CSV). Handlers only translate HTTP <-> BookingService.
// Thread-safety: handlers are stateless; safe to call concurrently.
#pragma once

#include "booking/service.h"
#include "http/router.h"

namespace dongne::booking {

// A resident may create `bookings_per_minute` bookings a minute (as many at once), per instance; 0: no limit.
// Staff booking for walk-in and phone callers are not limited.
void add_routes(http::Router& router, BookingService& service, double bookings_per_minute = 30);

// Internal to the route files: request readers and JSON writers shared by routes.cpp and routes_staff.cpp.
namespace io {
Result<BookingInput> booking_input(const nlohmann::json& body, std::vector<FieldError>* extra = nullptr);
Result<HouseholdRecord> household_input(const nlohmann::json& body, bool walk_in);
Result<ResourceRecord> resource_input(const nlohmann::json& body, bool create);
nlohmann::json view_json(const BookingView& v);
http::Response placed_response(const Placed& p);
using http::idempotency_key;
void add_staff_routes(http::Router& router, BookingService& service);
}  // namespace io

}  // namespace dongne::booking
