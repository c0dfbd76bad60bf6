// Demo data of the Dispatch room (data/demo/dispatch.json, DEMO DATA): Seo-gu's Geomdan industrial-complex shuttle
// with its virtual stops, three vans with drivers and shifts, and the operator's and drivers' accounts. Invented
// values are labelled in the file. Idempotent (upserts by code and label). Thread-safety: call once at start-up.
#pragma once

#include <ostream>
#include <string>

#include "auth/service.h"
#include "directory/directory.h"
#include "store/database.h"

namespace dongne::dispatch {

Status seed_demo(store::Database& db, auth::AuthService& auth, directory::Directory& directory, const std::string& share_dir,
                 const std::string& password, EpochMs now, std::ostream& out);

}  // namespace dongne::dispatch
