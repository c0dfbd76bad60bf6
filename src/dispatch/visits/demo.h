// Demo data of home visits (data/demo/visits.json, DEMO DATA): Bupyeong's parenting coaches with twelve families
// (booking households in Bupyeong; children's ages relative to the day of loading), Gyeyang's multicultural
// instructors with five schools and Michuhol's cooks with six daycares; the operators', workers' and two parents'
// accounts; then the fortnight planned. Idempotent (upserts by code and name). Thread-safety: call once at start-up.
#pragma once

#include <ostream>
#include <string>

#include "auth/service.h"
#include "directory/directory.h"
#include "dispatch/visits/service.h"
#include "store/database.h"

namespace dongne::dispatch::visits {

Status seed_demo(store::Database& db, VisitService& service, auth::AuthService& auth, directory::Directory& directory,
                 const std::string& share_dir, const std::string& password, std::ostream& out);

}  // namespace dongne::dispatch::visits
