// Who owns each kind of programme record (repo.h owner_queries): a call is its city's, and its city's districts
// may read it and propose to it; a proposal, a project and what hangs on them are their district's (and so their
// city's, which lies above it); a call's assigned reviewers act on its proposals as district officers.
#include "programmes/repo.h"

namespace dongne::programmes::repo {

namespace {
const std::string kReviewers =
    " UNION ALL SELECT CAST(NULL AS BIGINT), v.user_id, 'district_officer' FROM programme_proposals p "
    "JOIN programme_reviewers v ON v.call_id = p.call_id WHERE p.id = ";
}  // namespace

std::vector<store::OwnerQuery> owner_queries() {
  return {
      {"programmes.call", "SELECT city_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_calls WHERE id = ? "
                          "UNION ALL SELECT o.id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_calls c JOIN organisations o "
                          "ON o.parent_id = c.city_id AND o.kind = 'district' WHERE c.id = ? "
                          "UNION ALL SELECT CAST(NULL AS BIGINT), user_id, 'district_officer' FROM programme_reviewers WHERE call_id = ?"},
      {"programmes.proposal", "SELECT district_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_proposals WHERE id = ?" + kReviewers + "?"},
      {"programmes.attachment", "SELECT p.district_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_attachments a "
                                "JOIN programme_proposals p ON p.id = a.proposal_id WHERE a.id = ?" + kReviewers +
                                    "(SELECT proposal_id FROM programme_attachments WHERE id = ?)"},
      {"programmes.project", "SELECT district_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_projects WHERE id = ?"},
      {"programmes.participant", "SELECT j.district_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_participants t "
                                 "JOIN programme_projects j ON j.id = t.project_id WHERE t.id = ?"},
      {"programmes.report", "SELECT j.district_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM programme_reports r "
                            "JOIN programme_projects j ON j.id = r.project_id WHERE r.id = ?"},
  };
}

}  // namespace dongne::programmes::repo
