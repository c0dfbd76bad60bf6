// Request readers and JSON writers for the Jobs routes (see routes.h).
#include "core/privacy.h"
#include "http/fields.h"
#include "jobs/routes.h"

namespace dongne::jobs::io {

namespace {

nlohmann::json opt_date_json(const std::optional<LocalDate>& d) { return d ? nlohmann::json(format_date(*d)) : nlohmann::json(nullptr); }
template <typename T>
nlohmann::json opt_json(const std::optional<T>& v) { return v ? nlohmann::json(*v) : nlohmann::json(nullptr); }

std::string competency_name(const Reference& ref, match::CompetencyId id, bool ko) {
  if (id >= ref.competencies.size()) return "";
  const auto& e = ref.competencies.entry(id);
  return ko ? e.name_ko : e.name_en;
}

nlohmann::json keys_named(const nlohmann::json& keys, const Reference& ref) {
  nlohmann::json out = nlohmann::json::array();
  if (!keys.is_array()) return out;
  for (const auto& k : keys) {
    if (!k.is_string()) continue;
    auto id = ref.competencies.by_key(k.get<std::string>());
    if (!id) continue;
    out.push_back({{"key", k}, {"name_ko", competency_name(ref, *id, true)}, {"name_en", competency_name(ref, *id, false)}});
  }
  return out;
}

nlohmann::json occupation_named(const std::string& code, const Reference& ref) {
  const auto* item = ref.keco.find(code);
  return {{"code", code}, {"name_ko", item ? item->name_ko : ""}, {"name_en", item ? item->name_en : ""}};
}

}  // namespace

Result<std::optional<LocalDate>> opt_date_field(const nlohmann::json& body, const char* name) {
  http::Fields f(body);
  auto s = f.opt_date(name);
  DONGNE_TRY(f.finish());
  if (!s) return std::optional<LocalDate>{};
  return std::optional<LocalDate>{parse_date(*s).value()};
}

Result<SeekerRecord> seeker_input(const nlohmann::json& body) {
  http::Fields f(body);
  SeekerRecord s;
  s.centre_id = f.opt_i64("centre_id", 1, INT64_MAX).value_or(0);
  s.display_name = f.opt_str("display_name", http::StrRule{1, 100}).value_or("");
  s.phone = f.opt_phone("phone");
  s.email = f.opt_email("email");
  if (auto y = f.opt_i64("birth_year", 1900, 2100)) s.birth_year = static_cast<int>(*y);
  if (f.has("resident_registration_number") || f.has("rrn")) {
    f.fail("resident_registration_number", "forbidden", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
  }
  if (body.contains("display_name") && body["display_name"].is_string() && looks_like_rrn(body["display_name"].get<std::string>())) {
    f.fail("display_name", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
  }
  if (body.contains("profile")) s.profile = body["profile"];
  DONGNE_TRY(f.finish());
  return s;
}

Result<VacancyRecord> vacancy_input(const nlohmann::json& body) {
  http::Fields f(body);
  VacancyRecord v;
  v.employer_id = f.i64("employer_id", 1, INT64_MAX);
  v.title = f.str("title", http::StrRule{1, 200});
  v.occupation = f.str("occupation", http::StrRule{1, 8});
  if (auto d = f.opt_date("start_on", true)) v.start_on = parse_date(*d).value();
  v.openings = static_cast<int>(f.opt_i64("openings", 1, 500).value_or(1));
  DONGNE_TRY(f.finish());
  v.detail = nlohmann::json::object();
  for (const char* k : {"required", "preferred", "hours", "wage", "workplace", "languages", "description"}) {
    if (body.contains(k)) v.detail[k] = body[k];
  }
  return v;
}

Result<HireRecord> hire_input(const nlohmann::json& body) {
  http::Fields f(body);
  HireRecord h;
  h.case_id = f.i64("case_id", 1, INT64_MAX);
  h.employer_id = f.opt_i64("employer_id", 1, INT64_MAX).value_or(0);
  h.vacancy_id = f.opt_i64("vacancy_id", 1, INT64_MAX);
  h.referral_id = f.opt_i64("referral_id", 1, INT64_MAX);
  h.occupation = f.opt_str("occupation", http::StrRule{1, 8}).value_or("");
  if (auto d = f.opt_date("start_on", true)) h.start_on = parse_date(*d).value();
  if (!body.contains("wage") || !body["wage"].is_object()) {
    f.fail("wage", "required", "임금(won, unit)이 필요합니다", "the wage (won, unit) is required");
  } else {
    http::Fields w(body["wage"], "wage");
    h.wage_won = w.i64("won", 1, 100'000'000);
    h.wage_unit = w.one_of("unit", {"hourly", "monthly"});
    f.absorb(w);
  }
  if (h.employer_id == 0 && !h.vacancy_id && !h.referral_id) {
    f.fail("employer_id", "required", "기업 또는 공고가 필요합니다", "the employer or the vacancy is required");
  }
  DONGNE_TRY(f.finish());
  return h;
}

nlohmann::json seeker_json(const SeekerRecord& s) {
  return {{"id", s.id},           {"centre_id", s.centre_id},        {"user_id", opt_json(s.user_id)},
          {"display_name", s.display_name}, {"phone", opt_json(s.phone)}, {"email", opt_json(s.email)},
          {"birth_year", opt_json(s.birth_year)}, {"profile", s.profile}, {"demo", s.demo},
          {"updated_at", format_rfc3339(s.updated_at)}};
}

nlohmann::json case_json(const CaseRecord& c) {
  return {{"id", c.id},
          {"seeker_id", c.seeker_id},
          {"centre_id", c.centre_id},
          {"state", c.state},
          {"lead_counsellor_id", opt_json(c.lead_counsellor_id)},
          {"counsellors", c.counsellors},
          {"opened_on", format_date(c.opened_on)},
          {"closed_on", opt_date_json(c.closed_on)},
          {"plan", c.plan.empty() ? nlohmann::json(nullptr) : c.plan},
          {"demo", c.demo},
          {"entered_late", c.entered_late}};
}

nlohmann::json transition_json(const TransitionRecord& t) {
  return {{"from", opt_json(t.from)}, {"to", t.to}, {"on", format_date(t.on)}, {"reason", t.reason},
          {"actor_user_id", opt_json(t.actor)}, {"at", format_rfc3339(t.at)}};
}

nlohmann::json note_json(const NoteRecord& n) {
  return {{"id", n.id}, {"case_id", n.case_id}, {"author_user_id", n.author}, {"author_name", n.author_name},
          {"kind", n.kind}, {"body", n.body}, {"at", format_rfc3339(n.at)}};
}

nlohmann::json course_json(const CourseRecord& c, const Reference& ref) {
  return {{"id", c.id},
          {"centre_id", c.centre_id},
          {"code", c.code},
          {"title_ko", c.title_ko},
          {"title_en", c.title_en},
          {"occupation", occupation_named(c.occupation, ref)},
          {"competencies", keys_named(nlohmann::json(c.competencies), ref)},
          {"hours", c.hours},
          {"outcome_months", c.outcome_months},
          {"demo", c.demo}};
}

nlohmann::json cohort_json(const CohortRecord& c) {
  return {{"id", c.id},          {"course_id", c.course_id}, {"starts_on", format_date(c.starts_on)},
          {"ends_on", format_date(c.ends_on)}, {"capacity", c.capacity}, {"sessions", c.sessions},
          {"min_attendance_pct", c.min_attendance_pct}, {"status", c.status}};
}

nlohmann::json enrolment_json(const EnrolmentRecord& e) {
  return {{"id", e.id},         {"cohort_id", e.cohort_id},     {"seeker_id", e.seeker_id},
          {"seeker_name", e.seeker_name}, {"status", e.status}, {"completed_on", opt_date_json(e.completed_on)},
          {"days_present", e.days_present}, {"days_recorded", e.days_recorded}};
}

nlohmann::json vacancy_json(const VacancyRecord& v, const Reference& ref) {
  nlohmann::json d = v.detail;
  nlohmann::json j = {{"id", v.id},
                      {"employer_id", v.employer_id},
                      {"employer_name", v.employer_name},
                      {"title", v.title},
                      {"occupation", occupation_named(v.occupation, ref)},
                      {"start_on", format_date(v.start_on)},
                      {"openings", v.openings},
                      {"status", v.status},
                      {"hours", d.value("hours", nlohmann::json(nullptr))},
                      {"wage", d.value("wage", nlohmann::json(nullptr))},
                      {"workplace", d.value("workplace", nlohmann::json::object())},
                      {"required", keys_named(d.value("required", nlohmann::json::array()), ref)},
                      {"preferred", keys_named(d.value("preferred", nlohmann::json::array()), ref)},
                      {"languages", d.value("languages", nlohmann::json::array())},
                      {"description", d.value("description", "")},
                      {"demo", v.demo}};
  if (const Place* p = ref.place(j["workplace"].value("area", ""))) {
    j["workplace"]["name_ko"] = p->name_ko;
    j["workplace"]["name_en"] = p->name_en;
  }
  return j;
}

nlohmann::json referral_json(const ReferralRecord& r) {
  return {{"id", r.id}, {"vacancy_id", r.vacancy_id}, {"case_id", r.case_id}, {"status", r.status},
          {"interview_on", opt_date_json(r.interview_on)}, {"outcome_note", r.outcome_note}};
}

nlohmann::json hire_json(const HireRecord& h) {
  return {{"id", h.id},
          {"case_id", h.case_id},
          {"employer_id", h.employer_id},
          {"vacancy_id", opt_json(h.vacancy_id)},
          {"referral_id", opt_json(h.referral_id)},
          {"occupation", h.occupation},
          {"kind", h.kind},
          {"start_on", format_date(h.start_on)},
          {"wage", {{"won", h.wage_won}, {"unit", h.wage_unit}}},
          {"retention", h.retention},
          {"left_on", opt_date_json(h.left_on)}};
}

nlohmann::json followup_json(const FollowUpRecord& f) {
  return {{"id", f.id},           {"hire_id", f.hire_id},         {"case_id", f.case_id},
          {"month", f.month},     {"due_on", format_date(f.due_on)}, {"done_on", opt_date_json(f.done_on)},
          {"outcome", opt_json(f.outcome)}, {"note", f.note},     {"employer_note", f.employer_note},
          {"seeker_name", f.seeker_name}, {"employer_name", f.employer_name}};
}

nlohmann::json internship_json(const InternshipRecord& i) {
  return {{"id", i.id},           {"case_id", i.case_id},     {"employer_id", i.employer_id},
          {"vacancy_id", opt_json(i.vacancy_id)}, {"starts_on", format_date(i.starts_on)}, {"ends_on", format_date(i.ends_on)},
          {"monthly_wage_won", i.monthly_wage_won}, {"rule_code", i.rule_code}, {"rule", i.rule},
          {"status", i.status}, {"hire_id", opt_json(i.hire_id)}};
}

nlohmann::json payment_json(const PaymentRecord& p) {
  auto at = [](const std::optional<EpochMs>& t) { return t ? nlohmann::json(format_rfc3339(*t)) : nlohmann::json(nullptr); };
  return {{"id", p.id},           {"internship_id", p.internship_id}, {"payee", p.payee},
          {"kind", p.kind},       {"seq", p.seq},                     {"due_on", format_date(p.due_on)},
          {"amount_won", p.amount_won}, {"condition", p.condition},  {"status", p.status},
          {"approved_by", opt_json(p.approved_by)}, {"approved_at", at(p.approved_at)},
          {"paid_by", opt_json(p.paid_by)}, {"paid_at", at(p.paid_at)}, {"paid_ref", opt_json(p.paid_ref)}};
}

nlohmann::json team_json(const StartupTeamRecord& t) {
  return {{"id", t.id}, {"centre_id", t.centre_id}, {"name", t.name}, {"business", t.business},
          {"members", t.members}, {"education_sessions", t.education_sessions}, {"demo", t.demo}};
}

nlohmann::json subsidy_json(const SubsidyRecord& s) {
  return {{"id", s.id}, {"team_id", s.team_id}, {"year", s.year}, {"amount_won", s.amount_won},
          {"purpose", s.purpose}, {"status", s.status}, {"disbursed_on", opt_date_json(s.disbursed_on)}};
}

nlohmann::json match_json(const match::Match& m, const Reference& ref) {
  nlohmann::json factors = nlohmann::json::array();
  for (const auto& f : m.factors) {
    factors.push_back({{"name", f.name}, {"score", f.score}, {"weight", f.weight}, {"contribution", f.contribution}, {"share", f.share},
                       {"detail_ko", f.detail_ko}, {"detail_en", f.detail_en}});
  }
  nlohmann::json gaps = nlohmann::json::array();
  for (const auto& g : m.gaps) {
    nlohmann::json courses = nlohmann::json::array();
    for (const auto& c : g.courses) courses.push_back({{"id", c.course_id}, {"name", c.name}});
    const std::string key = g.competency < ref.competencies.size() ? ref.competencies.entry(g.competency).key : "";
    gaps.push_back({{"competency", key}, {"name_ko", competency_name(ref, g.competency, true)},
                    {"name_en", competency_name(ref, g.competency, false)}, {"required", g.required}, {"courses", courses}});
  }
  return {{"seeker_id", m.seeker_id}, {"vacancy_id", m.vacancy_id}, {"score", m.score}, {"factors", factors}, {"gaps", gaps}};
}

nlohmann::json verdict_json(const match::Verdict& v, const Reference& ref) {
  return {{"eligible", v.eligible},
          {"reason_code", v.reason_code.empty() ? nlohmann::json(nullptr) : nlohmann::json(v.reason_code)},
          {"reason_ko", v.reason_ko},
          {"reason_en", v.reason_en},
          {"match", v.match ? match_json(*v.match, ref) : nlohmann::json(nullptr)}};
}

nlohmann::json figures_json(const YearFigures& f) {
  nlohmann::json courses = nlohmann::json::array();
  for (const auto& o : f.by_course) {
    courses.push_back({{"course_id", o.course.id}, {"title_ko", o.course.title_ko}, {"title_en", o.course.title_en},
                       {"cohorts", o.cohorts}, {"enrolled", o.enrolled}, {"completed", o.completed}, {"employed", o.employed},
                       {"outcome_months", o.course.outcome_months}});
  }
  return {{"year", f.year},
          {"courses", f.courses},
          {"completions", f.completions},
          {"employed_after_courses", f.employed_after_courses},
          {"group_sessions", f.group_sessions},
          {"group_people", f.group_people},
          {"internships", f.internships},
          {"hires", f.hires},
          {"subsidy_teams", f.subsidy_teams},
          {"by_course", courses}};
}

Result<int> k_query(const http::Context& ctx) {
  auto k = ctx.query("k");
  if (!k) return 20;
  char* end = nullptr;
  const long v = std::strtol(k->c_str(), &end, 10);
  if (k->empty() || *end != '\0' || v < 1 || v > 100) {
    return Error::field("query.k", "range", "k는 1~100입니다", "k is 1 to 100");
  }
  return static_cast<int>(v);
}

Result<match::Weights> weights_query(const http::Context& ctx) {
  auto w = ctx.query("weights");
  if (!w) return match::Weights{};
  auto j = nlohmann::json::parse(*w, nullptr, false);
  if (j.is_discarded()) return Error::field("query.weights", "format", "가중치는 JSON 객체입니다", "weights are a JSON object");
  return match::weights_from_json(j);
}

Result<std::optional<int64_t>> opt_id_query(const http::Context& ctx, const char* name) {
  auto v = ctx.query(name);
  if (!v) return std::optional<int64_t>{};
  char* end = nullptr;
  const long long id = std::strtoll(v->c_str(), &end, 10);
  if (v->empty() || *end != '\0' || id < 1) {
    return Error::field(std::string("query.") + name, "format", "양의 정수 id여야 합니다", "must be a positive id");
  }
  return std::optional<int64_t>{id};
}

}  // namespace dongne::jobs::io
