// Request readers and JSON writers of the Programmes routes (see routes.h).
#include "http/fields.h"
#include "programmes/routes.h"

namespace dongne::programmes::io {

namespace {

void no_rrn(http::Fields& f, const nlohmann::json& body, const char* name) {
  if (body.contains(name) && body[name].is_string() && looks_like_rrn(body[name].get<std::string>()))
    f.fail(name, "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
}

std::optional<LocalDate> date_of(http::Fields& f, const std::string& name, bool required) {
  auto s = f.opt_date(name, required);
  if (!s) return std::nullopt;
  auto d = parse_date(*s);
  return d.ok() ? std::optional<LocalDate>(d.value()) : std::nullopt;
}

nlohmann::json targets_json(const std::vector<MonthTarget>& ts) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : ts) a.push_back({{"month", t.month}, {"jobs", t.jobs}, {"outputs", t.outputs}});
  return a;
}

}  // namespace


Result<CallRecord> call_input(const nlohmann::json& body) {
  http::Fields f(body);
  CallRecord c;
  c.city_id = f.opt_i64("city_id", 1, INT64_MAX).value_or(0);
  c.year = static_cast<int>(f.i64("year", 2000, 2100));
  c.title_ko = f.str("title_ko");
  c.title_en = f.opt_str("title_en").value_or(c.title_ko);
  c.envelope_won = f.i64("envelope_won", 1, 10'000'000'000'000);
  c.city_share_pct = static_cast<int>(f.i64("city_share_pct", 1, 100));
  c.min_score = static_cast<int>(f.opt_i64("min_score", 0, 100).value_or(60));
  c.entered_late = f.boolean("entered_late", false);
  if (auto d = f.opt_str("deadline", http::StrRule{10, 40})) {
    auto t = parse_rfc3339(*d);
    if (!t.ok()) f.fail("deadline", "date-time", "RFC 3339 시각이어야 합니다 (예: 2027-03-31T18:00:00+09:00)",
                        "an RFC 3339 instant, e.g. 2027-03-31T18:00:00+09:00");
    else c.deadline = t.value();
  } else {
    f.fail("deadline", "required", "필수 항목입니다", "is required");
  }
  if (!body.contains("criteria") || !body["criteria"].is_array() || body["criteria"].empty()) {
    f.fail("criteria", "required", "심사 기준이 하나 이상 필요합니다", "at least one review criterion");
  } else {
    for (size_t i = 0; i < body["criteria"].size(); ++i) {
      const auto& item = body["criteria"][i];
      if (!item.is_object()) {
        f.fail("criteria[" + std::to_string(i) + "]", "type", "객체여야 합니다", "must be an object");
        continue;
      }
      http::Fields g(item, "criteria[" + std::to_string(i) + "]");
      Criterion k;
      k.key = g.str("key", http::StrRule{1, 40});
      k.name_ko = g.str("name_ko");
      k.name_en = g.opt_str("name_en").value_or(k.name_ko);
      k.weight = static_cast<int>(g.i64("weight", 1, 100));
      k.max_score = static_cast<int>(g.opt_i64("max_score", 1, 100).value_or(10));
      f.absorb(g);
      c.criteria.push_back(k);
    }
  }
  if (body.contains("required_fields")) {
    if (!body["required_fields"].is_array()) f.fail("required_fields", "type", "배열이어야 합니다", "must be an array");
    else for (const auto& x : body["required_fields"]) c.required_fields.push_back(x.is_string() ? x.get<std::string>() : "");
  }
  DONGNE_TRY(f.finish());
  return c;
}

Result<ProposalRecord> proposal_input(const nlohmann::json& body) {
  http::Fields f(body);
  ProposalRecord r;
  r.district_id = f.opt_i64("district_id", 1, INT64_MAX).value_or(0);
  r.title = f.str("title");
  r.summary = f.opt_str("summary", http::StrRule{0, 4000, true}).value_or("");
  r.implementing_org = f.opt_str("implementing_org", http::StrRule{0, 200}).value_or("");
  r.output_kind = f.opt_str("output_kind", http::StrRule{0, 40}).value_or("");
  r.planned_jobs = static_cast<int>(f.opt_i64("planned_jobs", 0, 100000).value_or(0));
  r.city_share_won = f.i64("city_share_won", 0, 10'000'000'000'000);
  r.district_share_won = f.i64("district_share_won", 0, 10'000'000'000'000);
  no_rrn(f, body, "summary");
  no_rrn(f, body, "title");
  if (!body.contains("target_groups") || !body["target_groups"].is_array()) {
    f.fail("target_groups", "required", "대상 집단을 고르세요", "choose the target groups");
  } else {
    for (const auto& g : body["target_groups"]) r.target_groups.push_back(g.is_string() ? g.get<std::string>() : "");
  }
  if (body.contains("monthly_targets")) {
    if (!body["monthly_targets"].is_array()) {
      f.fail("monthly_targets", "type", "배열이어야 합니다", "must be an array");
    } else {
      for (size_t i = 0; i < body["monthly_targets"].size(); ++i) {
        const auto& item = body["monthly_targets"][i];
        const std::string pre = "monthly_targets[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          f.fail(pre, "type", "객체여야 합니다", "must be an object");
          continue;
        }
        http::Fields g(item, pre);
        MonthTarget t;
        t.month = g.str("month", http::StrRule{7, 7});
        t.jobs = static_cast<int>(g.opt_i64("jobs", 0, 100000).value_or(0));
        t.outputs = static_cast<int>(g.opt_i64("outputs", 0, 10000000).value_or(0));
        f.absorb(g);
        r.monthly_targets.push_back(t);
      }
    }
  }
  if (r.planned_jobs == 0) {
    for (const auto& t : r.monthly_targets) r.planned_jobs = std::max(r.planned_jobs, t.jobs);
  }
  DONGNE_TRY(f.finish());
  return r;
}

Result<ParticipantRecord> participant_input(const nlohmann::json& body, bool create) {
  http::Fields f(body);
  ParticipantRecord r;
  if (create || f.has("display_name")) r.display_name = f.str("display_name", http::StrRule{1, 100});
  r.phone = f.opt_phone("phone");
  r.user_id = f.opt_i64("user_id", 1, INT64_MAX);
  r.seeker_id = f.opt_i64("seeker_id", 1, INT64_MAX);
  r.role = f.one_of("role", {"trainee", "employee", "volunteer"});
  // Paid is what the record says; unsaid, an employee is paid and a trainee or volunteer is not (a trainee with a
  // training allowance says paid: true).
  r.paid = f.boolean("paid", r.role == "employee");
  r.target_group = f.opt_str("target_group", http::StrRule{1, 40}).value_or("");
  if (auto d = date_of(f, "start_date", true)) r.start_date = *d;
  r.end_date = date_of(f, "end_date", false);
  no_rrn(f, body, "display_name");
  if (f.has("resident_registration_number") || f.has("rrn"))
    f.fail("resident_registration_number", "forbidden", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
  DONGNE_TRY(f.finish());
  return r;
}

nlohmann::json call_json(const CallRecord& c) {
  nlohmann::json crit = nlohmann::json::array();
  for (const auto& k : c.criteria) {
    crit.push_back({{"key", k.key}, {"name_ko", k.name_ko}, {"name_en", k.name_en}, {"weight", k.weight},
                    {"max_score", k.max_score}});
  }
  return {{"id", c.id}, {"city_id", c.city_id}, {"year", c.year}, {"title_ko", c.title_ko}, {"title_en", c.title_en},
          {"envelope_won", c.envelope_won}, {"city_share_pct", c.city_share_pct}, {"min_score", c.min_score},
          {"criteria", crit}, {"required_fields", c.required_fields}, {"deadline", format_rfc3339(c.deadline)},
          {"status", c.status}, {"published_at", c.published_at ? nlohmann::json(format_rfc3339(*c.published_at)) : nlohmann::json(nullptr)},
          {"demo", c.demo}, {"entered_late", c.entered_late}};
}

nlohmann::json proposal_json(const ProposalRecord& p) {
  nlohmann::json att = nlohmann::json::array();
  for (const auto& a : p.attachments) {
    att.push_back({{"id", a.id}, {"name", a.name}, {"media_type", a.media_type}, {"size_bytes", a.size_bytes}, {"sha256", a.sha256}});
  }
  nlohmann::json decision = nullptr;
  if (p.decision_reason) decision = nlohmann::json::parse(*p.decision_reason, nullptr, false);
  return {{"id", p.id}, {"call_id", p.call_id}, {"district_id", p.district_id}, {"title", p.title}, {"summary", p.summary},
          {"target_groups", p.target_groups}, {"implementing_org", p.implementing_org}, {"output_kind", p.output_kind},
          {"planned_jobs", p.planned_jobs}, {"monthly_targets", targets_json(p.monthly_targets)},
          {"city_share_won", p.city_share_won}, {"district_share_won", p.district_share_won}, {"budget_won", p.budget_won()},
          {"status", p.status}, {"return_note", p.return_note ? nlohmann::json(*p.return_note) : nlohmann::json(nullptr)},
          {"decision", decision}, {"submitted_at", p.submitted_at ? nlohmann::json(format_rfc3339(*p.submitted_at)) : nlohmann::json(nullptr)},
          {"attachments", att}, {"demo", p.demo}};
}

nlohmann::json project_json(const ProjectRecord& p) {
  return {{"id", p.id}, {"proposal_id", p.proposal_id ? nlohmann::json(*p.proposal_id) : nlohmann::json(nullptr)},
          {"call_id", p.call_id}, {"district_id", p.district_id}, {"year", p.year}, {"name", p.name},
          {"target_group", p.target_group}, {"implementing_org", p.implementing_org}, {"output_kind", p.output_kind},
          {"budget_won", p.budget_won}, {"city_share_won", p.city_share_won}, {"district_share_won", p.district_share_won},
          {"planned_jobs", p.planned_jobs}, {"monthly_targets", targets_json(p.monthly_targets)},
          {"start_date", format_date(p.start_date)}, {"end_date", format_date(p.end_date)}, {"demo", p.demo},
          {"entered_late", p.entered_late}};
}

nlohmann::json participant_json(const ParticipantRecord& p) {
  return {{"id", p.id}, {"project_id", p.project_id}, {"display_name", p.display_name},
          {"phone", p.phone ? nlohmann::json(*p.phone) : nlohmann::json(nullptr)},
          {"user_id", p.user_id ? nlohmann::json(*p.user_id) : nlohmann::json(nullptr)}, {"role", p.role}, {"paid", p.paid},
          {"target_group", p.target_group}, {"start_date", format_date(p.start_date)},
          {"end_date", p.end_date ? nlohmann::json(format_date(*p.end_date)) : nlohmann::json(nullptr)},
          {"removed", p.removed}, {"demo", p.demo},
          {"seeker_id", p.seeker_id ? nlohmann::json(*p.seeker_id) : nlohmann::json(nullptr)}};
}

nlohmann::json figures_json(const Figures& f) {
  nlohmann::json kinds = nlohmann::json::object();
  for (const auto& [k, v] : f.outputs_by_kind) kinds[k] = v;
  return {{"jobs", f.jobs}, {"trained", f.trained}, {"participants", f.participants}, {"outputs", f.outputs},
          {"outputs_by_kind", kinds}, {"spent_won", f.spent_won}, {"cost_per_job_won", f.cost_per_job_won ? nlohmann::json(*f.cost_per_job_won) : nlohmann::json(nullptr)}};
}

nlohmann::json dashboard_json(const Dashboard& d) {
  nlohmann::json projects = nlohmann::json::array();
  for (const auto& p : d.projects) {
    auto it = d.by_project.find(std::to_string(p.id));
    nlohmann::json row = project_json(p);
    row["figures"] = figures_json(it == d.by_project.end() ? Figures{} : it->second);
    projects.push_back(row);
  }
  nlohmann::json districts = nlohmann::json::array();
  for (const auto& [k, f] : d.by_district) {
    auto n = d.district_names.find(k);
    districts.push_back({{"district_id", std::stoll(k)}, {"name_ko", n == d.district_names.end() ? k : n->second.first},
                         {"name_en", n == d.district_names.end() ? k : n->second.second}, {"figures", figures_json(f)}});
  }
  nlohmann::json groups = nlohmann::json::array();
  for (const auto& [k, f] : d.by_group) groups.push_back({{"target_group", k}, {"figures", figures_json(f)}});
  nlohmann::json monthly = nlohmann::json::array();
  const int year = d.scope.year.value_or(d.as_of.year);
  for (size_t i = 0; i < d.monthly.size(); ++i) {
    const std::string ym = year_month(year, static_cast<int>(i + 1));
    monthly.push_back({{"month", ym}, {"figures", figures_json(d.monthly[i])}, {"planned_jobs", d.monthly_planned_jobs[i]}});
  }
  nlohmann::json scope = nlohmann::json::object();
  if (d.scope.year) scope["year"] = *d.scope.year;
  if (d.scope.district_id) scope["district_id"] = *d.scope.district_id;
  if (d.scope.project_id) scope["project_id"] = *d.scope.project_id;
  if (d.scope.target_group) scope["target_group"] = *d.scope.target_group;
  return {{"as_of", format_date(d.as_of)}, {"scope", scope}, {"total", figures_json(d.total)},
          {"planned_jobs", d.planned_jobs}, {"projects", projects}, {"districts", districts}, {"target_groups", groups},
          {"monthly", monthly}};
}

nlohmann::json report_json(const ReportRecord& r) {
  return {{"id", r.id}, {"project_id", r.project_id}, {"month", r.month}, {"due_date", format_date(r.due_date)},
          {"status", r.status}, {"narrative", r.narrative}, {"figures", nlohmann::json::parse(r.figures_json, nullptr, false)},
          {"late", r.late}, {"submitted_at", format_rfc3339(r.submitted_at)},
          {"review_note", r.review_note ? nlohmann::json(*r.review_note) : nlohmann::json(nullptr)}};
}

Result<std::optional<int64_t>> opt_id_query(const http::Context& ctx, const char* name) {
  auto q = ctx.query(name);
  if (!q) return std::optional<int64_t>{};
  char* end = nullptr;
  long long v = std::strtoll(q->c_str(), &end, 10);
  if (q->empty() || *end != '\0' || v < 1) {
    return Error::field(std::string("query.") + name, "integer", "번호가 올바르지 않습니다", "not a valid id");
  }
  return std::optional<int64_t>(v);
}

Result<std::optional<int>> opt_year_query(const http::Context& ctx) {
  auto q = ctx.query("year");
  if (!q) return std::optional<int>{};
  char* end = nullptr;
  long v = std::strtol(q->c_str(), &end, 10);
  if (q->empty() || *end != '\0' || v < 2000 || v > 2100) {
    return Error::field("query.year", "range", "연도가 올바르지 않습니다", "year must be 2000-2100");
  }
  return std::optional<int>(static_cast<int>(v));
}

Result<LocalDate> as_of_query(const http::Context& ctx, LocalDate fallback) {
  auto q = ctx.query("as_of");
  if (!q) return fallback;
  auto d = parse_date(*q);
  if (!d.ok()) return Error::field("query.as_of", "date", "날짜 형식은 YYYY-MM-DD입니다", "dates are YYYY-MM-DD");
  return d.value();
}

}  // namespace dongne::programmes::io
