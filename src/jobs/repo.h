// SQL for the Jobs pillar (tables in migrations/0001_jobs.sql). Every function runs inside the caller's
// transaction; none checks permissions (the service does). Thread-safety: stateless functions.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "jobs/records.h"
#include "store/database.h"
#include "store/owners.h"

namespace dongne::jobs::repo {

Result<int64_t> insert_seeker(store::Tx& tx, const SeekerRecord& s, EpochMs now, int64_t actor);
Result<std::optional<SeekerRecord>> find_seeker(store::Tx& tx, int64_t id);
Result<std::optional<SeekerRecord>> seeker_by_user(store::Tx& tx, int64_t user_id);
Status update_profile(store::Tx& tx, int64_t id, const nlohmann::json& profile, EpochMs now);
// Seekers with an open case at the centre (any centre when none), for matching a vacancy.
Result<std::vector<SeekerRecord>> active_seekers(store::Tx& tx, std::optional<int64_t> centre_id);

Result<int64_t> insert_case(store::Tx& tx, const CaseRecord& c, EpochMs now);
Result<std::optional<CaseRecord>> find_case(store::Tx& tx, int64_t id);
Result<std::vector<CaseRecord>> cases_of_seeker(store::Tx& tx, int64_t seeker_id);
Result<std::vector<CaseRecord>> open_cases(store::Tx& tx, int64_t centre_id);
Status set_state(store::Tx& tx, int64_t case_id, const std::string& state, std::optional<LocalDate> closed_on, EpochMs now);
Status set_plan(store::Tx& tx, int64_t case_id, const nlohmann::json& plan, EpochMs now);
Status add_counsellor(store::Tx& tx, int64_t case_id, int64_t user_id);
Status insert_transition(store::Tx& tx, int64_t case_id, const TransitionRecord& t);
Result<std::vector<TransitionRecord>> transitions(store::Tx& tx, int64_t case_id);

// Who owns each kind of record this pillar's routes act on (store/owners.h; the routes name the kinds).
std::vector<store::OwnerQuery> owner_queries();

Result<int64_t> insert_note(store::Tx& tx, const NoteRecord& n);
Result<std::vector<NoteRecord>> notes(store::Tx& tx, int64_t case_id);
// What a Saeil centre or an employer still has open (directory's retire check): cases not closed, open vacancies.
Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org);
Status log_access(store::Tx& tx, int64_t actor, int64_t case_id, int64_t seeker_id, const std::string& what,
                  const std::string& reason, bool allowed, EpochMs now);
// The case's reads in the access log (auth/access_log.h): its notes, and its seeker's record and profile.
Result<std::vector<nlohmann::json>> access_log(store::Tx& tx, int64_t case_id, int64_t seeker_id);

Result<int64_t> insert_course(store::Tx& tx, const CourseRecord& c, EpochMs now);
Result<std::optional<CourseRecord>> find_course(store::Tx& tx, int64_t id);
Result<std::vector<CourseRecord>> courses(store::Tx& tx, std::optional<int64_t> centre_id);
Result<int64_t> insert_cohort(store::Tx& tx, const CohortRecord& c, EpochMs now);
Result<std::optional<CohortRecord>> find_cohort(store::Tx& tx, int64_t id);
Result<std::vector<CohortRecord>> cohorts(store::Tx& tx, int64_t course_id);
Result<int64_t> insert_enrolment(store::Tx& tx, int64_t cohort_id, int64_t seeker_id, EpochMs now);
Result<std::optional<EnrolmentRecord>> find_enrolment(store::Tx& tx, int64_t id);
Result<std::vector<EnrolmentRecord>> enrolments(store::Tx& tx, int64_t cohort_id);
Result<int64_t> count_enrolled(store::Tx& tx, int64_t cohort_id);
Status set_enrolment(store::Tx& tx, int64_t id, const std::string& status, std::optional<LocalDate> completed_on);
Status upsert_attendance(store::Tx& tx, int64_t enrolment_id, LocalDate day, bool present);

Result<int64_t> insert_vacancy(store::Tx& tx, const VacancyRecord& v, EpochMs now, int64_t actor);
Result<std::optional<VacancyRecord>> find_vacancy(store::Tx& tx, int64_t id);
Result<std::vector<VacancyRecord>> vacancies(store::Tx& tx, std::optional<int64_t> employer_id, bool open_only);
Status set_vacancy_status(store::Tx& tx, int64_t id, const std::string& status, EpochMs now);

Result<int64_t> insert_referral(store::Tx& tx, int64_t vacancy_id, int64_t case_id, int64_t actor, EpochMs now);
Result<std::optional<ReferralRecord>> find_referral(store::Tx& tx, int64_t id);
Status update_referral(store::Tx& tx, const ReferralRecord& r, EpochMs now);

Result<int64_t> insert_hire(store::Tx& tx, const HireRecord& h, int64_t actor, EpochMs now);
Result<std::vector<HireRecord>> hires_of_case(store::Tx& tx, int64_t case_id);
Status insert_followup(store::Tx& tx, int64_t hire_id, int month, LocalDate due_on);
Result<std::optional<FollowUpRecord>> find_followup(store::Tx& tx, int64_t id);
// Follow-ups not done: of a case, or (case_id = 0) of a centre due on or before `until`.
Result<std::vector<FollowUpRecord>> followups(store::Tx& tx, int64_t case_id, int64_t centre_id, std::optional<LocalDate> until);
Status record_followup(store::Tx& tx, const FollowUpRecord& f, int64_t actor);
Status set_retention(store::Tx& tx, int64_t hire_id, const std::string& retention, std::optional<LocalDate> left_on);

Result<int64_t> insert_internship(store::Tx& tx, const InternshipRecord& i, int64_t actor, EpochMs now);
Result<std::optional<InternshipRecord>> find_internship(store::Tx& tx, int64_t id);
// centres: only internships (payments) of cases at these centres; nullopt: every centre.
Result<std::vector<InternshipRecord>> internships(store::Tx& tx, std::optional<int64_t> case_id,
                                                  const std::optional<std::vector<int64_t>>& centres);
Status set_internship(store::Tx& tx, int64_t id, const std::string& status, std::optional<int64_t> hire_id);
Status insert_payment(store::Tx& tx, const PaymentRecord& p);
Result<std::optional<PaymentRecord>> find_payment(store::Tx& tx, int64_t id);
Result<std::vector<PaymentRecord>> payments(store::Tx& tx, std::optional<int64_t> internship_id,
                                            std::optional<std::string> status,
                                            const std::optional<std::vector<int64_t>>& centres);
// Approve / pay only from the expected state; answers the rows changed (0: it was not in that state).
Result<int64_t> approve_payment(store::Tx& tx, int64_t id, int64_t actor, EpochMs now);
Result<int64_t> pay_payment(store::Tx& tx, int64_t id, int64_t actor, EpochMs now, const std::string& ref);
Status cancel_scheduled_payments(store::Tx& tx, int64_t internship_id, LocalDate after);

// The centre a case, a cohort, an internship or a payment belongs to.
Result<std::optional<int64_t>> centre_of_case(store::Tx& tx, int64_t case_id);

}  // namespace dongne::jobs::repo
