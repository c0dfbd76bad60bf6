// The Jobs route table (/api/v1/jobs/*): seekers and cases (counsellors; a resident for her own record), plans,
// notes (personal data, every read logged), courses and cohorts, group counselling, vacancies (public to read),
// referrals, hires, follow-ups, internships and their payments, startups and subsidies, matching with explanations,
// reference data and the centre's year. Handlers only translate HTTP <-> JobsService.
// Thread-safety: handlers are stateless; safe to call concurrently.
#pragma once

#include <nlohmann/json.hpp>

#include "http/router.h"
#include "jobs/service.h"

namespace dongne::jobs {

void add_routes(http::Router& router, JobsService& service, directory::Directory& directory);

// Internal to the route files: request readers and JSON writers.
namespace io {
// Counsellors (their centre is checked by the service) and admins.
inline const http::Access kCounsellor = http::Access::roles({Role::kCounsellor, Role::kAdmin});
Result<SeekerRecord> seeker_input(const nlohmann::json& body);
Result<VacancyRecord> vacancy_input(const nlohmann::json& body);
Result<HireRecord> hire_input(const nlohmann::json& body);
nlohmann::json seeker_json(const SeekerRecord& s);
nlohmann::json case_json(const CaseRecord& c);
nlohmann::json transition_json(const TransitionRecord& t);
nlohmann::json note_json(const NoteRecord& n);
nlohmann::json course_json(const CourseRecord& c, const Reference& ref);
nlohmann::json cohort_json(const CohortRecord& c);
nlohmann::json enrolment_json(const EnrolmentRecord& e);
nlohmann::json vacancy_json(const VacancyRecord& v, const Reference& ref);
nlohmann::json referral_json(const ReferralRecord& r);
nlohmann::json hire_json(const HireRecord& h);
nlohmann::json followup_json(const FollowUpRecord& f);
nlohmann::json internship_json(const InternshipRecord& i);
nlohmann::json payment_json(const PaymentRecord& p);
nlohmann::json team_json(const StartupTeamRecord& t);
nlohmann::json subsidy_json(const SubsidyRecord& s);
nlohmann::json match_json(const match::Match& m, const Reference& ref);
nlohmann::json verdict_json(const match::Verdict& v, const Reference& ref);
nlohmann::json figures_json(const YearFigures& f);
// ?k= (1..100, default 20) and ?weights= (a JSON object of factor weights, optional).
Result<int> k_query(const http::Context& ctx);
Result<match::Weights> weights_query(const http::Context& ctx);
Result<std::optional<int64_t>> opt_id_query(const http::Context& ctx, const char* name);
Result<std::optional<LocalDate>> opt_date_field(const nlohmann::json& body, const char* name);
void add_case_routes(http::Router& router, JobsService& service);
void add_course_routes(http::Router& router, JobsService& service);
void add_employer_routes(http::Router& router, JobsService& service, directory::Directory& directory);
void add_internship_routes(http::Router& router, JobsService& service);
void add_term_routes(http::Router& router, JobsService& service);
}  // namespace io

}  // namespace dongne::jobs
