// Demo data of the booking room (data/demo/booking.json, DEMO DATA): Jinju's four 공동육아나눔터 resources and the
// five family events, a manager account per site beyond the city demo's Sinan-dong one, and the demo resident's
// household. Idempotent: resources and households are created once (matched by code / account), managers upserted.
// Thread-safety: call once at start-up.
#pragma once

#include <ostream>
#include <string>

#include "auth/service.h"
#include "booking/service.h"
#include "store/database.h"

namespace dongne::booking {

Status seed_demo(store::Database& db, BookingService& service, auth::AuthService& auth, const std::string& share_dir,
                 const std::string& password, std::ostream& out);

}  // namespace dongne::booking
