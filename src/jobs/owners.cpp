// Who owns each kind of Saeil record (repo.h owner_queries): the seeker's centre, and the seeker herself where she
// may act on it; an employer for what concerns its vacancies and hires, and a vacancy also the centres of its city.
#include "jobs/repo.h"

namespace dongne::jobs::repo {

namespace {
// A case's centre, from any table that names a case id (through `join`, ending in alias c for jobs_cases).
std::string via_case(const std::string& from_join, const std::string& key) {
  return "SELECT c.centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM " + from_join + " WHERE " + key + " = ?";
}
}  // namespace

std::vector<store::OwnerQuery> owner_queries() {
  return {
      {"jobs.seeker", "SELECT centre_id, user_id, 'resident' FROM jobs_seekers WHERE id = ?"},
      {"jobs.case", "SELECT c.centre_id, s.user_id, 'resident' FROM jobs_cases c "
                    "JOIN jobs_seekers s ON s.id = c.seeker_id WHERE c.id = ?"},
      {"jobs.course", "SELECT centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_courses WHERE id = ?"},
      {"jobs.cohort", "SELECT k.centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_cohorts h JOIN jobs_courses k ON k.id = h.course_id "
                      "WHERE h.id = ?"},
      {"jobs.enrolment", "SELECT k.centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_enrolments e JOIN jobs_cohorts h ON h.id = e.cohort_id "
                         "JOIN jobs_courses k ON k.id = h.course_id WHERE e.id = ?"},
      {"jobs.group_session", "SELECT centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_group_sessions WHERE id = ?"},
      {"jobs.internship", via_case("jobs_internships i JOIN jobs_cases c ON c.id = i.case_id", "i.id")},
      {"jobs.payment", via_case("jobs_payments y JOIN jobs_internships i ON i.id = y.internship_id "
                                "JOIN jobs_cases c ON c.id = i.case_id", "y.id")},
      {"jobs.referral", via_case("jobs_referrals r JOIN jobs_cases c ON c.id = r.case_id", "r.id") +
                            " UNION ALL SELECT v.employer_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_referrals r "
                            "JOIN jobs_vacancies v ON v.id = r.vacancy_id WHERE r.id = ?"},
      {"jobs.followup", via_case("jobs_followups f JOIN jobs_hires h ON h.id = f.hire_id JOIN jobs_cases c ON c.id = h.case_id",
                                 "f.id") +
                            " UNION ALL SELECT h.employer_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_followups f "
                            "JOIN jobs_hires h ON h.id = f.hire_id WHERE f.id = ?"},
      // A vacancy is its employer's, and the Saeil centres of the employer's city place seekers with it.
      {"jobs.vacancy", "SELECT employer_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_vacancies WHERE id = ? "
                       "UNION ALL SELECT c.id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_vacancies v "
                       "JOIN organisations e ON e.id = v.employer_id JOIN organisations ep ON ep.id = e.parent_id "
                       "JOIN organisations c ON c.kind = 'centre' JOIN organisations cp ON cp.id = c.parent_id "
                       "WHERE v.id = ? AND CASE WHEN ep.kind = 'city' THEN ep.id ELSE ep.parent_id END = "
                       "CASE WHEN cp.kind = 'city' THEN cp.id ELSE cp.parent_id END"},
      {"jobs.centre", "SELECT id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM organisations WHERE id = ? AND kind = 'centre'"},
      {"jobs.term", "SELECT centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_centre_terms WHERE id = ?"},
      {"jobs.startup", "SELECT centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_startup_teams WHERE id = ?"},
      {"jobs.subsidy", "SELECT t.centre_id, CAST(NULL AS BIGINT), CAST(NULL AS TEXT) FROM jobs_subsidies u JOIN jobs_startup_teams t ON t.id = u.team_id "
                       "WHERE u.id = ?"},
  };
}

}  // namespace dongne::jobs::repo
