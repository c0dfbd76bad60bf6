// The Saeil centre (여성새로일하기센터): seekers and cases (intake -> ... -> closed, casework.h), the individual
// employment plan, counselling notes (readable only by the case's counsellors; every read, allowed or refused, is
// logged with its reason), courses with cohorts, attendance and outcomes, group counselling sessions, employers'
// vacancies, referrals, hires (the `jobs.hired` event Programmes counts), follow-ups at 1/3/6/12 months,
// internships with an incentive ledger, startup teams and their marketing subsidies, and matching in both
// directions through the pure engine (match/engine.h). Every change appends its `jobs.*` event (docs/events.md)
// in the same transaction. Checks run not-found first, then who may act (scope), then the input, then the state.
// Who: counsellors act for their centre (a `centre` grant), employers for their own organisation (an `employer`
// grant), a resident for her own seeker record; city officers and admins for all.
// Thread-safety: safe to share; state is in the store, the reference data is immutable.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.h"
#include "core/roles.h"
#include "directory/directory.h"
#include "jobs/match/model.h"
#include "jobs/records.h"
#include "jobs/reference.h"
#include "jobs/terms.h"
#include "store/database.h"

namespace dongne::jobs {

struct WorkList {
  std::vector<CaseRecord> cases;           // open cases of the counsellor's centre (hers first)
  std::vector<FollowUpRecord> followups;   // due within 14 days or overdue, not done
  std::vector<PaymentRecord> payments;     // scheduled and due, awaiting approval
  std::vector<std::string> seeker_names;   // parallel to cases
};

struct CourseOutcome {
  CourseRecord course;
  int cohorts = 0, enrolled = 0, completed = 0, employed = 0;  // employed: hired within outcome_months of completing
};

struct YearFigures {
  int year = 0;
  int courses = 0, completions = 0, employed_after_courses = 0;
  int group_sessions = 0, group_people = 0;
  int internships = 0, hires = 0;
  int subsidy_teams = 0;
  std::vector<CourseOutcome> by_course;
};

struct MatchView {
  std::vector<match::Match> matches;
  std::string direction;  // vacancies_for_seeker | seekers_for_vacancy
};

class JobsService {
 public:
  JobsService(store::Database& db, const Clock& clock, const Reference& ref)
      : db_(db), clock_(clock), ref_(ref), terms_(ref) {}
  const Clock& clock() const { return clock_; }
  // The reference data with the centres' own competency terms (terms.h); hold it while using what it holds.
  std::shared_ptr<const Reference> reference();
  store::Database& db() { return db_; }

  // Seekers and cases.
  // counsellor: a seeker and her case, opened today or on an earlier day (at most three years back, or from 2000
  // when entered_late: a past year's record entered after the fact, so marked on the case and its events)
  Result<CaseRecord> intake(const Principal& p, SeekerRecord s, std::optional<LocalDate> opened_on = std::nullopt,
                            bool entered_late = false);
  Result<CaseRecord> self_register(const Principal& p, SeekerRecord s);    // resident: her own record and case
  Result<SeekerRecord> seeker(const Principal& p, int64_t id, const std::string& reason);
  Result<std::optional<SeekerRecord>> my_seeker(const Principal& p);
  Result<SeekerRecord> update_profile(const Principal& p, int64_t seeker_id, const nlohmann::json& profile);
  Result<CaseRecord> case_of(const Principal& p, int64_t id);
  Result<std::vector<CaseRecord>> cases_of_seeker(const Principal& p, int64_t seeker_id);
  Result<WorkList> work_list(const Principal& p);
  Result<CaseRecord> transition(const Principal& p, int64_t case_id, const std::string& to, std::optional<LocalDate> on,
                                const std::string& reason);
  Result<std::vector<TransitionRecord>> history(const Principal& p, int64_t case_id);
  Result<CaseRecord> save_plan(const Principal& p, int64_t case_id, const nlohmann::json& plan);
  Result<CaseRecord> add_counsellor(const Principal& p, int64_t case_id, int64_t user_id);
  Result<NoteRecord> add_note(const Principal& p, int64_t case_id, const std::string& kind, const std::string& body);
  // The case's notes: only its counsellors; the read (or its refusal) is logged with the reason.
  Result<std::vector<NoteRecord>> notes(const Principal& p, int64_t case_id, const std::string& reason);
  Result<std::vector<nlohmann::json>> access_log(const Principal& p, int64_t case_id);

  // Courses.
  Result<CourseRecord> create_course(const Principal& p, CourseRecord c);
  Result<std::vector<CourseRecord>> courses(std::optional<int64_t> centre_id);
  Result<CohortRecord> create_cohort(const Principal& p, CohortRecord c);
  Result<std::vector<CohortRecord>> cohorts(int64_t course_id);
  Result<EnrolmentRecord> enrol(const Principal& p, int64_t cohort_id, int64_t seeker_id);
  Result<std::vector<EnrolmentRecord>> enrolments(const Principal& p, int64_t cohort_id);
  Status record_attendance(const Principal& p, int64_t enrolment_id, LocalDate day, bool present);
  Result<EnrolmentRecord> complete(const Principal& p, int64_t enrolment_id, LocalDate on);
  Result<EnrolmentRecord> drop(const Principal& p, int64_t enrolment_id);

  // Group counselling (취업 솔루션).
  Result<int64_t> create_group_session(const Principal& p, int64_t centre_id, const std::string& title, LocalDate on,
                                       std::optional<int64_t> booking_resource_id);
  Status record_group_attendance(const Principal& p, int64_t session_id, std::optional<int64_t> seeker_id,
                                 const std::string& person_key);
  Result<std::vector<nlohmann::json>> group_sessions(int year);

  // Employers: a centre registers the employers it works with (an organisation under the centre's city, through
  // the directory; a business registration number, when given, must be valid and is registered once).
  struct NewEmployer {
    std::string name_ko, name_en, business_number, address;
    std::optional<int64_t> centre_id;  // an admin names the centre whose city it joins; a counsellor's is hers
  };
  Result<directory::Organisation> register_employer(const Principal& p, directory::Directory& dir, NewEmployer e);

  // Employers: vacancies, referrals, hires, follow-ups.
  Result<VacancyRecord> post_vacancy(const Principal& p, VacancyRecord v);
  Result<VacancyRecord> close_vacancy(const Principal& p, int64_t id);
  Result<std::vector<VacancyRecord>> vacancies(const Principal& p, std::optional<int64_t> employer_id, bool open_only);
  Result<VacancyRecord> vacancy(int64_t id);
  Result<ReferralRecord> refer(const Principal& p, int64_t vacancy_id, int64_t case_id);
  Result<ReferralRecord> update_referral(const Principal& p, int64_t id, const std::string& status,
                                         std::optional<LocalDate> interview_on, const std::string& note);
  Result<std::vector<nlohmann::json>> referrals(const Principal& p, std::optional<int64_t> vacancy_id,
                                                std::optional<int64_t> case_id);
  Result<HireRecord> record_hire(const Principal& p, HireRecord h);
  Result<std::vector<FollowUpRecord>> followups(const Principal& p, int64_t case_id);
  Result<FollowUpRecord> record_followup(const Principal& p, int64_t id, const std::string& outcome,
                                         const std::string& note, const std::string& employer_note);

  // Internships and the incentive ledger.
  Result<InternshipRecord> start_internship(const Principal& p, InternshipRecord i);
  // The intern is hired as a regular employee: a hire (jobs.hired, follow-ups) and the retention payments.
  Result<InternshipRecord> convert_internship(const Principal& p, int64_t id, LocalDate hired_on, int64_t wage_won,
                                              const std::string& wage_unit, const std::string& occupation);
  Result<InternshipRecord> end_internship(const Principal& p, int64_t id, LocalDate on, const std::string& reason);
  Result<std::vector<InternshipRecord>> internships(const Principal& p, std::optional<int64_t> case_id);
  Result<std::vector<PaymentRecord>> payments(const Principal& p, std::optional<int64_t> internship_id,
                                              std::optional<std::string> status);
  Result<PaymentRecord> approve_payment(const Principal& p, int64_t id);
  Result<PaymentRecord> mark_paid(const Principal& p, int64_t id, const std::string& reference);

  // Startups.
  Result<StartupTeamRecord> register_team(const Principal& p, StartupTeamRecord t);
  Result<std::vector<StartupTeamRecord>> teams(const Principal& p);
  Status record_education(const Principal& p, int64_t team_id, LocalDate on, const std::string& topic, int people);
  Result<SubsidyRecord> apply_subsidy(const Principal& p, SubsidyRecord s);
  Result<SubsidyRecord> decide_subsidy(const Principal& p, int64_t id, bool approve);
  Result<SubsidyRecord> disburse_subsidy(const Principal& p, int64_t id, LocalDate on);
  Result<std::vector<SubsidyRecord>> subsidies(const Principal& p, int year);

  // Matching (the engine over the store's open vacancies / active seekers).
  Result<MatchView> vacancies_for_seeker(const Principal& p, int64_t seeker_id, int k, const match::Weights& w);
  Result<MatchView> seekers_for_vacancy(const Principal& p, int64_t vacancy_id, int k, const match::Weights& w);
  // A seeker's display name (for ranked lists whose read was already logged).
  Result<std::string> seeker_name(int64_t id);
  Result<match::Verdict> explain_pair(const Principal& p, int64_t seeker_id, int64_t vacancy_id, const match::Weights& w);

  // A centre's own competency words (terms.h): anyone may read them; its counsellors add and remove them.
  Result<std::vector<CentreTerm>> terms(int64_t centre_id);
  // alias: the word; means: the vocabulary item it is a synonym of (a key or a name), or none for a term of the
  // centre's own, named alias in Korean and name_en in English, in NCS domain ncs_domain (optional).
  Result<CentreTerm> add_term(const Principal& p, int64_t centre_id, const std::string& alias,
                              const std::optional<std::string>& means, const std::string& name_en,
                              const std::string& ncs_domain);
  Status remove_term(const Principal& p, int64_t id);

  // The centre's year, computed from its records.
  Result<YearFigures> year_figures(std::optional<int64_t> centre_id, int year);

  // Who may act: a counsellor of the centre (or city-wide staff), an employer of the organisation.
  static bool acts_for_centre(const Principal& p, int64_t centre_id);
  static bool acts_for_employer(const Principal& p, int64_t employer_id);
  // The centre a counsellor works at (her first centre grant), if any.
  static std::optional<int64_t> centre_of(const Principal& p);
  static Result<std::optional<std::vector<int64_t>>> ledger_centres(const Principal& p);

 private:
  Result<match::CourseCatalog> catalog(store::Tx& tx, const Reference& ref);
  // The current terms snapshot, read in its own transaction (for checks made before a write's transaction).
  Result<std::shared_ptr<const TermSnapshot>> snapshot();
  // record_hire's work inside a caller's transaction (also a converted internship's hire); sets h.id.
  Status hire_in(store::Tx& tx, const Principal& p, HireRecord& h, EpochMs now);
  store::Database& db_;
  const Clock& clock_;
  const Reference& ref_;  // as shipped; what the centres added is in terms_
  TermCache terms_;
};

}  // namespace dongne::jobs
