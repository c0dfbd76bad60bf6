#include "programmes/demo.h"

#include <nlohmann/json.hpp>

#include "programmes/projector.h"
#include "programmes/repo.h"

namespace dongne::programmes {

namespace {

Result<int64_t> org_id(directory::Directory& dir, const std::string& code) {
  DONGNE_ASSIGN_OR_RETURN(auto o, dir.by_code(code));
  if (!o) return Error::internal("demo data names an unknown organisation " + code);
  return o->id;
}

Result<int64_t> user_id_of(store::Database& db, const std::string& email) {
  int64_t id = 0;
  DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM users WHERE email = ?", {email}));
    if (rows.empty()) return Error::internal("demo account " + email + " is missing");
    id = rows[0].i64(0);
    return ok_status();
  }));
  return id;
}

std::string two(int n) { return (n < 10 ? "0" : "") + std::to_string(n); }

template <typename T>
Result<T> must(Result<T> r, const std::string& what) {
  if (!r.ok()) return Error::internal("programmes demo: " + what + ": " + r.error().message_en);
  return r;
}

Status seed_2019(ProgrammeService& svc, directory::Directory& dir, const nlohmann::json& doc, const Principal& admin,
                 const Principal& reviewer, int64_t city) {
  const auto& cj = doc["call"];
  CallRecord c;
  c.city_id = city;
  c.year = cj["year"];
  c.title_ko = cj["title_ko"];
  c.title_en = cj["title_en"];
  c.envelope_won = cj["envelope_won"];
  c.city_share_pct = cj["city_share_pct"];
  c.min_score = cj["min_score"];
  c.deadline = parse_rfc3339(cj["deadline"].get<std::string>()).value();
  for (const auto& k : cj["criteria"]) c.criteria.push_back({k["key"], k["name_ko"], k["name_en"], k["weight"], k["max_score"]});
  c.demo = true;
  DONGNE_ASSIGN_OR_RETURN(c, must(svc.create_call(admin, c), "call"));
  DONGNE_TRY(svc.assign_reviewer(admin, c.id, reviewer.user_id, std::nullopt));
  std::vector<int64_t> proposal_ids;
  int i = 0;
  for (const auto& p : doc["projects"]) {
    ProposalRecord r;
    r.call_id = c.id;
    DONGNE_ASSIGN_OR_RETURN(r.district_id, org_id(dir, p["district"]));
    r.title = p["title"];
    r.summary = p["title_en"].get<std::string>() + ". " + p["source"].get<std::string>();
    r.target_groups = {p["target_group"].get<std::string>()};
    r.implementing_org = p["implementing_org"];
    r.output_kind = p["output_kind"];
    r.planned_jobs = p["planned_jobs"];
    const int start_month = std::stoi(p["people"]["start"].get<std::string>().substr(5, 2));
    for (int m = start_month; m <= 12; ++m) r.monthly_targets.push_back({"2019-" + two(m), r.planned_jobs, 0});  // INVENTED plan
    const int64_t budget = p["budget_won"];
    r.city_share_won = budget / 2;
    r.district_share_won = budget - budget / 2;
    r.demo = true;
    DONGNE_ASSIGN_OR_RETURN(r, must(svc.create_proposal(admin, r), "proposal"));
    DONGNE_TRY(must(svc.submit(admin, r.id), "submit"));
    // INVENTED review scores, all above the minimum.
    DONGNE_TRY(svc.score(reviewer, r.id, {{"fit", 7 + i % 3}, {"jobs", 8 + i % 2}, {"feasibility", 7 + (i + 1) % 3}}));
    proposal_ids.push_back(r.id);
    ++i;
  }
  DONGNE_TRY(must(svc.publish(admin, c.id), "publish"));
  DONGNE_ASSIGN_OR_RETURN(auto projects, svc.projects(c.year, std::nullopt));
  const LocalDate as_of = parse_date(doc["as_of"].get<std::string>()).value();
  int project_no = 0;
  for (const auto& p : doc["projects"]) {
    ++project_no;
    const ProjectRecord* pr = nullptr;
    for (const auto& x : projects) {
      if (x.name == p["title"]) pr = &x;
    }
    if (!pr) return Error::internal("programmes demo: project not created: " + p["title"].get<std::string>());
    const auto& people = p["people"];
    auto name_of = dir.by_code(p["district"]);
    const std::string district_ko = name_of.ok() && *name_of ? (*name_of)->name_ko : "";
    for (int n = 1; n <= people["count"].get<int>(); ++n) {
      ParticipantRecord r;
      r.project_id = pr->id;
      // One person per record: the names differ between projects (Gyeyang-gu runs two).
      r.display_name = district_ko + " " + std::to_string(project_no) + "번 사업 참여자 " + two(n) + " (데모)";
      r.role = people["role"];
      r.paid = people["paid"];
      r.target_group = pr->target_group;
      r.start_date = parse_date(people["start"].get<std::string>()).value();
      if (people.contains("end")) r.end_date = parse_date(people["end"].get<std::string>()).value();
      r.demo = true;
      DONGNE_TRY(must(svc.enrol(admin, r), "participant"));
    }
    if (p["outputs"].is_object()) {
      for (const auto& [month, count] : p["outputs"]["monthly"].items()) {
        const LocalDate first = parse_date(month + "-01").value();
        const LocalDate day = month_end(first.year, first.month, as_of);
        DONGNE_TRY(must(svc.record_output(admin, pr->id, day, p["outputs"]["kind"], count.get<int64_t>()), "output"));
      }
    }
    // INVENTED spending: a twelfth of the budget at the end of each month from the start to August.
    for (int m = std::stoi(people["start"].get<std::string>().substr(5, 2)); m <= as_of.month; ++m) {
      SpendingRecord s{0, pr->id, month_end(2019, m, as_of), pr->budget_won / 12, "인건비 (데모)", "DEMO DATA"};
      DONGNE_TRY(must(svc.record_spending(admin, s), "spending"));
    }
  }
  // INVENTED monthly reports for March-July, submitted by the 10th except two late ones, and accepted.
  return svc.db().transact([&](store::Tx& tx) -> Status {
    int k = 0;
    for (const auto& pr : projects) {
      for (int m = 3; m <= 7; ++m, ++k) {
        const std::string month = "2019-" + two(m);
        const LocalDate end = month_end(2019, m, as_of);
        DONGNE_ASSIGN_OR_RETURN(Figures f, Projector::figures(tx, end, Scope{pr.id, std::nullopt, std::nullopt, std::nullopt}));
        ReportRecord r;
        r.project_id = pr.id;
        r.month = month;
        r.due_date = report_due(month);
        r.status = "submitted";
        r.narrative = "데모 월간 보고 (DEMO DATA)";
        r.figures_json = nlohmann::json{{"as_of", format_date(end)}, {"jobs", f.jobs}, {"trained", f.trained},
                                        {"participants", f.participants}, {"outputs", f.outputs}, {"spent_won", f.spent_won},
                                        {"cost_per_job_won", f.cost_per_job_won ? nlohmann::json(*f.cost_per_job_won) : nlohmann::json(nullptr)}}.dump();
        r.late = k % 17 == 5;
        r.submitted_at = from_local(add_days(r.due_date, r.late ? 4 : -2), 10 * 60);
        DONGNE_ASSIGN_OR_RETURN(int64_t id, repo::upsert_report(tx, r, reviewer.user_id));
        DONGNE_TRY(repo::review_report(tx, id, "accepted", "", reviewer.user_id, r.submitted_at + 3 * kMsPerDay));
      }
    }
    return ok_status();
  });
}

}  // namespace

Status seed_demo(ProgrammeService& svc, auth::AuthService& auth, directory::Directory& dir, const std::string& share_dir,
                 const std::string& password, std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir + "/demo/programmes.json"));
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::internal("data/demo/programmes.json is not valid JSON");
  DONGNE_ASSIGN_OR_RETURN(int64_t city, org_id(dir, "incheon"));
  for (const auto& a : doc["accounts"]) {  // district officers, and another city's officer
    const std::string scope = a.value("scope", a.value("district", ""));
    const auto role = parse_role(a.value("role", "district_officer"));
    if (!role) return Error::internal("data/demo/programmes.json names an unknown role");
    DONGNE_ASSIGN_OR_RETURN(int64_t org, org_id(dir, scope));
    Grant g{*role, std::string(scope_kinds_for(*role).front()), org, scope};
    DONGNE_TRY(auth.ensure_account(a["name"], a["email"], password, "staff", {g}, std::nullopt));
  }
  Principal admin;
  admin.grants = {Grant{Role::kAdmin, "", 0, ""}};
  DONGNE_ASSIGN_OR_RETURN(int64_t reviewer_id, user_id_of(svc.db(), "city_officer@demo.dongne.kr"));
  Principal reviewer{reviewer_id, "city officer", "ko", {Grant{Role::kCityOfficer, "city", city, "incheon"}}};
  DONGNE_ASSIGN_OR_RETURN(auto calls, svc.calls());
  bool have_2019 = false, have_next = false;
  const int next_year = local_date(svc.clock().now_ms()).year + 1;
  for (const auto& c : calls) {
    have_2019 = have_2019 || (c.city_id == city && c.year == doc["call"]["year"].get<int>());
    have_next = have_next || (c.city_id == city && c.year == next_year);
  }
  if (!have_2019) {
    DONGNE_TRY(seed_2019(svc, dir, doc, admin, reviewer, city));
    out << "Programmes demo: Incheon 2019, 9 projects rebuilt from events (DEMO DATA, data/demo/programmes.json)\n";
  }
  if (!have_next) {
    const auto& n = doc["next_call"];
    CallRecord c;
    c.city_id = city;
    c.year = next_year;
    auto fill = [&](std::string s) {
      const auto at = s.find("{year}");
      return at == std::string::npos ? s : s.replace(at, 6, std::to_string(next_year));
    };
    c.title_ko = fill(n["title_ko"]);
    c.title_en = fill(n["title_en"]);
    c.envelope_won = n["envelope_won"];
    c.city_share_pct = n["city_share_pct"];
    c.min_score = n["min_score"];
    c.deadline = svc.clock().now_ms() + n["deadline_days_ahead"].get<int64_t>() * kMsPerDay;
    for (const auto& k : doc["call"]["criteria"]) c.criteria.push_back({k["key"], k["name_ko"], k["name_en"], k["weight"], k["max_score"]});
    c.required_fields = {"summary", "monthly_targets"};
    DONGNE_ASSIGN_OR_RETURN(c, must(svc.create_call(reviewer, c), "next call"));
    DONGNE_TRY(svc.assign_reviewer(reviewer, c.id, reviewer.user_id, std::nullopt));
    out << "Programmes demo: the " << next_year << " call is open until " << format_rfc3339(c.deadline) << "\n";
  }
  return ok_status();
}

}  // namespace dongne::programmes
