// Projects, participants, outputs, spending, links, KPIs (with CSV/XLSX export) and monthly reports (see routes.h).
#include "http/fields.h"
#include "http/schema.h"
#include "programmes/export.h"
#include "programmes/routes.h"
#include "programmes/schemas.h"

namespace dongne::programmes::io {

using http::Access;
using http::Context;
using http::Doc;
using http::Method;
using http::Response;
using namespace http::schema;  // NOLINT(google-build-using-namespace): the response schemas' vocabulary

namespace {

using http::schema::kStr;
using http::schema::kInt;
using http::schema::kDate;

const nlohmann::json kParticipantSchema = {
    {"type", "object"},
    {"required", {"display_name", "role", "start_date"}},
    {"description", "Never a resident registration number. One person (the Jobs seeker she is, her account, or her "
                    "name and phone) may hold several spells in a project, never two at once. seeker_id links her to a "
                    "Saeil centre seeker, so that her hire recorded by Jobs is the same person (set once; linking "
                    "re-keys her other records in the project)."},
    {"properties", {{"display_name", kStr}, {"phone", kStr}, {"user_id", kInt}, {"seeker_id", kInt},
                    {"role", {{"enum", {"trainee", "employee", "volunteer"}}}}, {"paid", {{"type", "boolean"}}},
                    {"target_group", kStr}, {"start_date", kDate}, {"end_date", kDate}}}};

const nlohmann::json kSpending =
    object({{"id", kInt}, {"day", kDate}, {"won", kInt}, {"category", kStr}, {"note", kStr}});

const Access kDistrict = Access::roles({Role::kDistrictOfficer, Role::kCityOfficer, Role::kAdmin});

Result<Scope> scope_of(const Context& ctx) {
  Scope s;
  DONGNE_ASSIGN_OR_RETURN(s.year, opt_year_query(ctx));
  DONGNE_ASSIGN_OR_RETURN(s.district_id, opt_id_query(ctx, "district_id"));
  DONGNE_ASSIGN_OR_RETURN(s.project_id, opt_id_query(ctx, "project_id"));
  if (auto g = ctx.query("target_group")) {
    if (!is_target_group(*g)) return Error::field("query.target_group", "unknown", "알 수 없는 대상 집단입니다", "unknown target group");
    s.target_group = *g;
  }
  return s;
}

Table figures_table(const Dashboard& d, const std::string& table, bool ko) {
  Table t;
  // Outputs of different kinds are never added up (a visit is not a meal): one column per kind in scope.
  std::vector<std::string> kinds;
  for (const auto& [k, n] : d.total.outputs_by_kind) {
    if (!k.empty()) kinds.push_back(k);
  }
  auto header = [&](std::string first) {
    t.header = {std::move(first), ko ? "일자리(명)" : "jobs", ko ? "교육 수료(명)" : "trained",
                ko ? "참여자(명)" : "participants"};
    for (const auto& k : kinds) t.header.push_back((ko ? "실적: " : "outputs: ") + output_kind_name(k, ko) + (ko ? "(건)" : ""));
    t.header.push_back(ko ? "집행액(원)" : "spent (won)");
    t.header.push_back(ko ? "일자리당 비용(원)" : "cost per job (won)");
    t.numeric.assign(t.header.size(), true);
    t.numeric[0] = false;
  };
  auto row = [&](std::string first, const Figures& f) {
    std::vector<std::string> cells = {std::move(first), std::to_string(f.jobs), std::to_string(f.trained),
                                      std::to_string(f.participants)};
    for (const auto& k : kinds) {
      auto it = f.outputs_by_kind.find(k);
      cells.push_back(std::to_string(it == f.outputs_by_kind.end() ? 0 : it->second));
    }
    cells.push_back(std::to_string(f.spent_won));
    cells.push_back(f.cost_per_job_won ? std::to_string(*f.cost_per_job_won) : std::string());
    t.rows.push_back(std::move(cells));
  };
  if (table == "monthly") {
    t.sheet = ko ? "월별" : "monthly";
    header(ko ? "월" : "month");
    t.header.push_back(ko ? "계획 일자리(명)" : "planned jobs");
    t.numeric.push_back(true);
    const int year = d.scope.year.value_or(d.as_of.year);
    for (size_t i = 0; i < d.monthly.size(); ++i) {
      const std::string ym = year_month(year, static_cast<int>(i + 1));
      row(ym, d.monthly[i]);
      t.rows.back().push_back(std::to_string(d.monthly_planned_jobs[i]));
    }
  } else if (table == "districts") {
    t.sheet = ko ? "구군별" : "districts";
    header(ko ? "구·군" : "district");
    for (const auto& [k, f] : d.by_district) {
      auto n = d.district_names.find(k);
      row(n == d.district_names.end() ? k : (ko ? n->second.first : n->second.second), f);
    }
  } else if (table == "groups") {
    t.sheet = ko ? "대상별" : "target groups";
    header(ko ? "대상 집단" : "target group");
    for (const auto& [k, f] : d.by_group) row(target_group_name(k, ko), f);
  } else {
    t.sheet = ko ? "사업별" : "projects";
    header(ko ? "사업" : "project");
    for (const auto& p : d.projects) {
      auto it = d.by_project.find(std::to_string(p.id));
      row(p.name, it == d.by_project.end() ? Figures{} : it->second);
    }
  }
  row(ko ? "합계" : "total", d.total);
  if (table == "monthly") {  // the plan's column too, so that every row has the header's cells
    int64_t planned = 0;
    for (int64_t p : d.monthly_planned_jobs) planned += p;
    t.rows.back().push_back(std::to_string(planned));
  }
  return t;
}

}  // namespace

void add_project_routes(http::Router& r, ProgrammeService& svc) {
  const std::string base = "/api/v1/programmes";

  r.add(Method::kGet, base + "/projects", Access::anyone(), Doc{"Funded projects, by year and district", "programmes", nullptr,
                                                                {"year", "district_id"}}.returns(list_of(schemas::project())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto year, opt_year_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto district, opt_id_query(ctx, "district_id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.projects(year, district));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& p : list) items.push_back(project_json(p));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kGet, base + "/projects/{id}", Access::anyone(),
        Doc{"One project with its figures as of a date (default today)", "programmes", nullptr, {"as_of"}}.returns(schemas::project_with_figures()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ProjectRecord p, svc.project(id));
          DONGNE_ASSIGN_OR_RETURN(LocalDate as_of, as_of_query(ctx, local_date(svc.clock().now_ms())));
          DONGNE_ASSIGN_OR_RETURN(Dashboard d, svc.dashboard(as_of, Scope{id, std::nullopt, std::nullopt, p.year}));
          nlohmann::json j = project_json(p);
          j["as_of"] = format_date(as_of);
          j["figures"] = figures_json(d.total);
          nlohmann::json monthly = nlohmann::json::array();
          for (size_t i = 0; i < d.monthly.size(); ++i) {
            monthly.push_back({{"month", i + 1}, {"figures", figures_json(d.monthly[i])}, {"planned_jobs", d.monthly_planned_jobs[i]}});
          }
          j["monthly"] = monthly;
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/projects/{id}/participants", kDistrict.on("programmes.project"),
        Doc{"Participants of a project (personal data: the read is logged)", "programmes", nullptr, {}, 200, "participant"}.returns(list_of(schemas::participant())),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.participants(ctx.me(), id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& p : list) items.push_back(participant_json(p));
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/projects/{id}/participants", kDistrict.on("programmes.project"),
        Doc{"Enrol a participant as trainee, employee or volunteer", "programmes", kParticipantSchema, {}, 201}.returns(schemas::participant()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.project(id));
          DONGNE_ASSIGN_OR_RETURN(ParticipantRecord p, participant_input(body, true));
          p.project_id = id;
          DONGNE_ASSIGN_OR_RETURN(p, svc.enrol(ctx.me(), std::move(p)));
          return Response::json(201, participant_json(p));
        });

  r.add(Method::kPut, base + "/participants/{id}", kDistrict.on("programmes.participant"),
        Doc{"Change a participant's record (role, dates, group); the person stays counted once", "programmes",
            kParticipantSchema}.returns(schemas::participant()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_ASSIGN_OR_RETURN(ParticipantRecord p, participant_input(body, false));
          p.id = id;
          DONGNE_ASSIGN_OR_RETURN(p, svc.update_participant(ctx.me(), std::move(p)));
          return Response::json(200, participant_json(p));
        });

  r.add(Method::kDelete, base + "/participants/{id}", kDistrict.on("programmes.participant"),
        Doc{"Remove a participant entered by mistake (the record is kept, marked removed)", "programmes"}.returns(schemas::participant()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(ParticipantRecord p, svc.remove_participant(ctx.me(), id));
          return Response::json(200, participant_json(p));
        });

  r.add(Method::kGet, base + "/projects/{id}/outputs", Access::anyone(), Doc{"The project's latest 500 outputs", "programmes"}.returns(list_of(object({{"event_id", kInt}, {"day", kDate}, {"kind", kStr}, {"count", kInt}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.outputs(id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& o : list) {
            items.push_back({{"event_id", o.event_id}, {"day", format_date(o.date)}, {"kind", o.kind}, {"count", o.count}});
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/projects/{id}/outputs", kDistrict.on("programmes.project"),
        Doc{"Record delivered outputs (a coaching visit, a class, ...) on a day", "programmes",
            {{"type", "object"}, {"required", {"day", "kind"}},
             {"properties", {{"day", kDate}, {"kind", kStr}, {"count", kInt}}}},
            {}, 201}.returns(object({{"event_id", kInt}, {"project_id", kInt}, {"day", kDate}, {"kind", kStr}, {"count", kInt}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.project(id));
          http::Fields f(body);
          auto day = f.opt_date("day", true);
          std::string kind = f.str("kind", http::StrRule{1, 40});
          int64_t count = f.opt_i64("count", 1, 100000).value_or(1);
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(int64_t event, svc.record_output(ctx.me(), id, parse_date(*day).value(), kind, count));
          return Response::json(201, {{"event_id", event}, {"project_id", id}, {"day", *day}, {"kind", kind}, {"count", count}});
        });

  r.add(Method::kGet, base + "/projects/{id}/spending", Access::anyone(), Doc{"The project's spending records", "programmes"}.returns(list_of(kSpending)),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto list, svc.spending(id));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& s : list) {
            items.push_back({{"id", s.id}, {"day", format_date(s.day)}, {"won", s.won}, {"category", s.category}, {"note", s.note}});
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/projects/{id}/spending", kDistrict.on("programmes.project"),
        Doc{"Record spending (within the project's budget); a refund or correction is a negative amount with its reason "
            "in the note", "programmes",
            {{"type", "object"}, {"required", {"day", "won", "category"}},
             {"properties", {{"day", kDate}, {"won", kInt}, {"category", kStr}, {"note", kStr}}}},
            {}, 201}.returns(kSpending),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.project(id));
          http::Fields f(body);
          SpendingRecord s;
          s.project_id = id;
          auto day = f.opt_date("day", true);
          s.won = f.i64("won", -1'000'000'000'000, 1'000'000'000'000);
          s.category = f.str("category", http::StrRule{1, 60});
          s.note = f.opt_str("note", http::StrRule{0, 500}).value_or("");
          DONGNE_TRY(f.finish());
          s.day = parse_date(*day).value();
          DONGNE_ASSIGN_OR_RETURN(s, svc.record_spending(ctx.me(), s));
          return Response::json(201, {{"id", s.id}, {"day", format_date(s.day)}, {"won", s.won}, {"category", s.category},
                                      {"note", s.note}});
        });

  r.add(Method::kGet, base + "/projects/{id}/links", kDistrict.on("programmes.project"),
        Doc{"Other pillars' events that count for the project", "programmes"}.returns(list_of(object({{"id", kInt}, {"event_type", kStr}, {"match_key", kStr}, {"match_value", kStr}, {"fact", one_of_strings({"output", "job"})}, {"output_kind", kStr}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_TRY(svc.project(id));
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.links(id));
          return Response::json(200, {{"items", j}});
        });

  r.add(Method::kPost, base + "/projects/{id}/links", Access::roles({Role::kCityOfficer, Role::kAdmin}).on("programmes.project"),
        Doc{"Count another pillar's events for the project: e.g. booking.confirmed with resource_id=12 as outputs "
            "'class', or jobs.hired with vacancy_id=7 as jobs. Earlier matching events count too.", "programmes",
            {{"type", "object"}, {"required", {"event_type", "match_key", "match_value", "fact"}},
             {"properties", {{"event_type", kStr}, {"match_key", kStr}, {"match_value", kStr},
                             {"fact", {{"enum", {"output", "job"}}}}, {"output_kind", kStr}}}},
            {}, 201}.returns(object({{"project_id", kInt}, {"event_type", kStr}, {"match_key", kStr}, {"match_value", kStr}, {"fact", one_of_strings({"output", "job"})}, {"output_kind", kStr}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.project(id));
          http::Fields f(body);
          std::string type = f.str("event_type", http::StrRule{3, 60});
          std::string key = f.str("match_key", http::StrRule{1, 60});
          std::string value = f.str("match_value", http::StrRule{1, 100});
          std::string fact = f.one_of("fact", {"output", "job"});
          std::string kind = f.opt_str("output_kind", http::StrRule{0, 40}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_TRY(svc.add_link(ctx.me(), id, type, key, value, fact, kind));
          return Response::json(201, {{"project_id", id}, {"event_type", type}, {"match_key", key}, {"match_value", value},
                                      {"fact", fact}, {"output_kind", kind}});
        });

  r.add(Method::kGet, base + "/kpis", Access::anyone(),
        Doc{"KPIs projected from the event log as of a date: jobs (unique people in paid roles that day), people "
            "trained, participants, outputs, budget executed and cost per job; by project, district, target group "
            "and month, against plan", "programmes", nullptr, {"as_of", "year", "district_id", "project_id", "target_group"}}.returns(schemas::dashboard()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(Scope s, scope_of(ctx));
          DONGNE_ASSIGN_OR_RETURN(LocalDate as_of, as_of_query(ctx, local_date(svc.clock().now_ms())));
          DONGNE_ASSIGN_OR_RETURN(Dashboard d, svc.dashboard(as_of, s));
          return Response::json(200, dashboard_json(d));
        });

  r.add(Method::kGet, base + "/kpis/export", Access::anyone(),
        Doc{"A KPI table as CSV (UTF-8 with BOM, or encoding=cp949) or XLSX: table=projects|districts|groups|monthly",
            "programmes", nullptr, {"format", "encoding", "table", "lang", "as_of", "year", "district_id", "project_id", "target_group"}},
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(Scope s, scope_of(ctx));
          DONGNE_ASSIGN_OR_RETURN(LocalDate as_of, as_of_query(ctx, local_date(svc.clock().now_ms())));
          const std::string table = ctx.query("table").value_or("projects");
          if (table != "projects" && table != "districts" && table != "groups" && table != "monthly")
            return Error::field("query.table", "enum", "projects, districts, groups, monthly 중 하나입니다",
                                "one of projects, districts, groups, monthly");
          const std::string format = ctx.query("format").value_or("csv");
          const std::string encoding = ctx.query("encoding").value_or("utf-8");
          DONGNE_ASSIGN_OR_RETURN(Dashboard d, svc.dashboard(as_of, s));
          const bool ko = ctx.query("lang").value_or(ctx.principal() ? ctx.principal()->locale : "ko") != "en";
          DONGNE_ASSIGN_OR_RETURN(ExportFile file, export_table(figures_table(d, table, ko), format, encoding));
          Response resp = Response::text(200, std::move(file.bytes), file.media_type);
          resp.headers.emplace_back("Content-Disposition", "attachment; filename=\"kpis-" + table + "-" +
                                                               format_date(as_of) + "." + file.extension + "\"");
          resp.headers.emplace_back("Cache-Control", "no-store");
          return resp;
        });

  r.add(Method::kPost, base + "/kpis/recompute", Access::roles({Role::kAdmin}),
        Doc{"Rebuild the KPI projection from the whole event log and say whether it matched", "programmes"}.returns(object({{"projects_compared", kInt}, {"projects_differing", kInt}, {"matched", kBool}})),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto j, svc.recompute(ctx.me()));
          return Response::json(200, j);
        });

  r.add(Method::kGet, base + "/reports", kDistrict.in_own_scope(),
        Doc{"Monthly reports of a year: submitted, late, or overdue (due on the 10th of the next month)", "programmes",
            nullptr, {"year", "district_id"}}.returns(list_of(object({{"project_id", kInt}, {"project_name", kStr}, {"district_id", kInt}, {"month", kStr}, {"due_date", kDate}, {"overdue", kBool}, {"report", nullable(schemas::report())}}))),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(auto year, opt_year_query(ctx));
          DONGNE_ASSIGN_OR_RETURN(auto district, opt_id_query(ctx, "district_id"));
          DONGNE_ASSIGN_OR_RETURN(auto rows, svc.reports(ctx.me(), year.value_or(local_date(svc.clock().now_ms()).year), district));
          nlohmann::json items = nlohmann::json::array();
          for (const auto& x : rows) {
            items.push_back({{"project_id", x.project.id}, {"project_name", x.project.name},
                             {"district_id", x.project.district_id}, {"month", x.month},
                             {"due_date", format_date(x.due_date)}, {"overdue", x.overdue},
                             {"report", x.report ? report_json(*x.report) : nlohmann::json(nullptr)}});
          }
          return Response::json(200, {{"items", items}});
        });

  r.add(Method::kPost, base + "/projects/{id}/reports", kDistrict.on("programmes.project"),
        Doc{"Submit (or resubmit) the monthly report: its figures are the KPIs at the month's end", "programmes",
            {{"type", "object"}, {"required", {"month"}},
             {"properties", {{"month", {{"type", "string"}, {"pattern", "^\\d{4}-\\d{2}$"}}}, {"narrative", kStr}}}},
            {}, 201}.returns(schemas::report()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          DONGNE_TRY(svc.project(id));
          http::Fields f(body);
          std::string month = f.str("month", http::StrRule{7, 7});
          std::string narrative = f.opt_str("narrative", http::StrRule{0, 4000, true}).value_or("");
          if (looks_like_rrn(narrative)) f.fail("narrative", "rrn", "주민등록번호는 받지 않습니다", "resident registration numbers are never accepted");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(ReportRecord rep, svc.submit_report(ctx.me(), id, month, narrative));
          return Response::json(201, report_json(rep));
        });

  r.add(Method::kPost, base + "/reports/{id}/review", Access::roles({Role::kCityOfficer, Role::kAdmin}).on("programmes.report"),
        Doc{"Accept a monthly report, or return it with a note", "programmes",
            {{"type", "object"}, {"required", {"decision"}},
             {"properties", {{"decision", {{"enum", {"accept", "return"}}}}, {"note", kStr}}}}}.returns(schemas::report()),
        [&svc](Context& ctx) -> Result<Response> {
          DONGNE_ASSIGN_OR_RETURN(int64_t id, ctx.id_param("id"));
          DONGNE_ASSIGN_OR_RETURN(auto body, ctx.json_body());
          http::Fields f(body);
          std::string decision = f.one_of("decision", {"accept", "return"});
          std::string note = f.opt_str("note", http::StrRule{0, 2000, true}).value_or("");
          DONGNE_TRY(f.finish());
          DONGNE_ASSIGN_OR_RETURN(ReportRecord rep, svc.review_report(ctx.me(), id, decision == "accept", note));
          return Response::json(200, report_json(rep));
        });
}

}  // namespace dongne::programmes::io
