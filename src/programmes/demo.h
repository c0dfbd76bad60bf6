// Demo data of the Programmes room (data/demo/programmes.json, DEMO DATA): Incheon's 2019 call rebuilt as events
// through the service, so the dashboard's 142 jobs as of 2019-08-31 are computed, never typed in: the call, nine
// proposals, the city's review and publication, then every participant, output, spending record and monthly report.
// Also an open call for next year and a second district officer (Bupyeong-gu). Idempotent: skipped when the 2019
// call exists. Thread-safety: call once at start-up.
#pragma once

#include <ostream>
#include <string>

#include "auth/service.h"
#include "directory/directory.h"
#include "programmes/service.h"

namespace dongne::programmes {

Status seed_demo(ProgrammeService& service, auth::AuthService& auth, directory::Directory& directory,
                 const std::string& share_dir, const std::string& password, std::ostream& out);

}  // namespace dongne::programmes
