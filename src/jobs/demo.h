// Demo data of the Jobs room (data/demo/jobs.json, DEMO DATA): the Jinju Saeil centre's 2025 year replayed through
// the service on a demo clock that walks through the year, so its figures (4 courses, 78 completions, 45 employed
// after the courses, 18 group-counselling sessions with 200 people, 50 internships, 10 subsidised startups) are
// computed from records and events, never typed in. People and names are generated (deterministically) and
// invented; nothing is dated after the real today. Also demo employers, a second counsellor and open vacancies.
// Idempotent: skipped when the year's first course exists. Thread-safety: call once at start-up.
#pragma once

#include <ostream>
#include <string>

#include "auth/service.h"
#include "directory/directory.h"
#include "jobs/reference.h"
#include "store/database.h"

namespace dongne::jobs {

Status seed_demo(store::Database& db, const Reference& ref, auth::AuthService& auth, directory::Directory& directory,
                 const std::string& share_dir, const std::string& password, EpochMs real_now, std::ostream& out);

}  // namespace dongne::jobs
