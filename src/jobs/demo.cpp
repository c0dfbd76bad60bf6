#include "jobs/demo.h"

#include "auth/repo.h"
#include "jobs/casework.h"
#include "jobs/service.h"

namespace dongne::jobs {

namespace {

// A small deterministic generator (the demo is the same on every machine).
struct Lcg {
  uint64_t s;
  uint32_t next() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<uint32_t>(s >> 33);
  }
  size_t pick(size_t n) { return next() % n; }
};

const char* kFamily[] = {"김", "이", "박", "최", "정", "강", "조", "윤", "장", "임", "한", "오", "서", "신", "권", "황", "안", "송", "류", "홍"};
const char* kGiven[] = {"지", "은", "수", "민", "서", "현", "영", "미", "정", "희", "경", "혜", "선", "주", "아", "연", "윤", "진", "숙", "란"};
const char* kAreas[] = {"jinju-sangdae", "jinju-hadae", "jinju-chojang", "jinju-pyeonggeo", "jinju-sinan", "jinju-gaho",
                        "jinju-chungmugong", "jinju-sangbong", "jinju-seongbuk", "jinju-panmun", "jinju-munsan", "jinju-jeongchon"};

LocalDate date(const std::string& s) { return parse_date(s).value(); }
EpochMs at(LocalDate d, int hour = 10) { return from_local(d, hour * 60); }

struct Ctx {
  store::Database& db;
  const Reference& ref;
  ManualClock clock{0};
  JobsService svc;
  Principal counsellor;
  LocalDate today;  // the real today: nothing is recorded after it
  Lcg rng{20250101};
  std::map<std::string, int64_t> employers;
  int people = 0;
  Ctx(store::Database& d, const Reference& r) : db(d), ref(r), svc(d, clock, r) {}
  void on(LocalDate d, int hour = 10) { clock.set(at(d, hour)); }
};

std::string name(Ctx& c) {
  std::string n = kFamily[c.rng.pick(20)];
  n += kGiven[c.rng.pick(20)];
  n += kGiven[c.rng.pick(20)];
  return n;
}

// A seeker with a generated profile, her case taken from intake to `last` (counselling, plan, training or job_search).
Result<CaseRecord> seeker(Ctx& c, LocalDate intake, const std::string& occupation, const nlohmann::json& competencies,
                          const std::string& last) {
  c.on(intake, 10);
  SeekerRecord s;
  s.display_name = name(c);
  s.demo = true;
  const bool leave_early = c.rng.pick(10) < 4;  // about 40% have a childcare limit
  nlohmann::json profile = {
      {"occupations", {occupation}},
      {"competencies", competencies},
      {"career_break_months", 12 + static_cast<int>(c.rng.pick(120))},
      {"availability", {{"days", {"mon", "tue", "wed", "thu", "fri"}}, {"start", "09:00"}, {"end", "18:00"}}},
      {"home_area", kAreas[c.rng.pick(std::size(kAreas))]},
      {"max_commute_min", 30 + 10 * static_cast<int>(c.rng.pick(4))},
      {"expected_wage", {{"won", 2000000 + 100000 * static_cast<int>(c.rng.pick(5))}, {"unit", "monthly"}}},
      {"languages", {"ko"}}};
  if (leave_early) profile["childcare"] = {{"leave_by", c.rng.pick(2) ? "16:00" : "15:30"}, {"no_saturday", true}};
  s.profile = profile;
  s.phone = "010-9" + std::to_string(100 + c.people / 100 % 900) + "-" + std::to_string(1000 + c.people % 9000);
  ++c.people;
  DONGNE_ASSIGN_OR_RETURN(CaseRecord k, c.svc.intake(c.counsellor, s));
  c.on(add_days(intake, 2), 11);
  DONGNE_ASSIGN_OR_RETURN(k, c.svc.transition(c.counsellor, k.id, "counselling", std::nullopt, ""));
  c.on(add_days(intake, 5), 11);
  DONGNE_ASSIGN_OR_RETURN(k, c.svc.transition(c.counsellor, k.id, "plan", std::nullopt, ""));
  if (last == "plan") return k;
  DONGNE_TRY(to_status(c.svc.save_plan(c.counsellor, k.id,
                                       {{"goal", "희망 직종 취업"},
                                        {"steps", {{{"action", "직업훈련 또는 구직활동"}, {"by", format_date(add_days(intake, 60))}}}}})));
  c.on(add_days(intake, 7), 11);
  DONGNE_ASSIGN_OR_RETURN(k, c.svc.transition(c.counsellor, k.id, last, std::nullopt, ""));
  return k;
}

// Follow-ups due a week or more before the real today are recorded; the rest stay on the work list.
Status follow_up(Ctx& c, int64_t case_id, bool leaves) {
  DONGNE_ASSIGN_OR_RETURN(auto fs, c.svc.followups(c.counsellor, case_id));
  for (const auto& f : fs) {
    if (f.done_on || f.due_on > add_days(c.today, -7)) continue;
    c.on(f.due_on, 14);
    const bool left = leaves && f.month == 6;
    DONGNE_TRY(to_status(c.svc.record_followup(c.counsellor, f.id, left ? "left" : "retained",
                                               left ? "개인 사정으로 퇴사" : "근무 중, 만족도 양호", "")));
    if (left) break;
  }
  return ok_status();
}

Status courses(Ctx& c, const nlohmann::json& doc, int64_t centre) {
  for (const auto& spec : doc["courses"]) {
    const auto& co = spec["cohort"];
    const LocalDate starts = date(co["starts_on"]), ends = date(co["ends_on"]);
    c.on(add_days(starts, -30));
    CourseRecord cr;
    cr.centre_id = centre;
    cr.code = spec["code"];
    cr.title_ko = spec["title_ko"];
    cr.title_en = spec["title_en"];
    cr.occupation = spec["occupation"];
    cr.competencies = spec["competencies"].get<std::vector<std::string>>();
    cr.hours = spec["hours"];
    cr.outcome_months = spec["outcome_months"];
    cr.demo = true;
    DONGNE_ASSIGN_OR_RETURN(cr, c.svc.create_course(c.counsellor, cr));
    CohortRecord cohort{0, cr.id, starts, ends, co["capacity"], co["sessions"], 80, "open"};
    DONGNE_ASSIGN_OR_RETURN(cohort, c.svc.create_cohort(c.counsellor, cohort));
    const int enrolled = spec["enrolled"], completed = spec["completed"], employed = spec["employed"];
    std::vector<std::pair<CaseRecord, int64_t>> trainees;  // case, enrolment
    for (int i = 0; i < enrolled; ++i) {
      nlohmann::json comps = nlohmann::json::array({cr.competencies[static_cast<size_t>(i) % cr.competencies.size()]});
      DONGNE_ASSIGN_OR_RETURN(CaseRecord k, seeker(c, add_days(starts, -28 + i % 14), cr.occupation, comps, "training"));
      c.on(add_days(starts, -3));
      DONGNE_ASSIGN_OR_RETURN(EnrolmentRecord e, c.svc.enrol(c.counsellor, cohort.id, k.seeker_id));
      trainees.emplace_back(k, e.id);
    }
    // Ten weekly sessions; completers miss at most one, the others leave after three.
    for (int i = 0; i < enrolled; ++i) {
      const bool completes = i < completed;
      for (int d = 0; d < cohort.sessions; ++d) {
        const LocalDate day = add_days(starts, 7 * d);
        if (day > ends || (!completes && d >= 3)) break;
        c.on(day, 17);
        DONGNE_TRY(c.svc.record_attendance(c.counsellor, trainees[static_cast<size_t>(i)].second, day, !(completes && d == i % 10 && i % 3 == 0)));
      }
      const CaseRecord& k = trainees[static_cast<size_t>(i)].first;
      if (!completes) {
        c.on(add_days(starts, 22));
        DONGNE_TRY(to_status(c.svc.drop(c.counsellor, trainees[static_cast<size_t>(i)].second)));
        DONGNE_TRY(to_status(c.svc.transition(c.counsellor, k.id, "job_search", std::nullopt, "중도 포기 후 구직")));
        continue;
      }
      c.on(ends, 18);
      DONGNE_TRY(to_status(c.svc.complete(c.counsellor, trainees[static_cast<size_t>(i)].second, ends)));
      DONGNE_TRY(to_status(c.svc.transition(c.counsellor, k.id, "job_search", std::nullopt, "수료")));
      if (i >= employed) continue;
      // Hired within the course's outcome window (and never after the real today).
      LocalDate start = add_days(ends, 10 + (i * 11) % 150);
      if (start > add_days(c.today, -1)) start = add_days(c.today, -1);
      c.on(start, 9);
      HireRecord h;
      h.case_id = k.id;
      h.employer_id = c.employers.at(spec["employer"]);
      h.occupation = cr.occupation;
      h.start_on = start;
      h.wage_won = spec["wage"]["won"];
      h.wage_unit = spec["wage"]["unit"];
      h.demo = true;
      DONGNE_TRY(to_status(c.svc.record_hire(c.counsellor, h)));
      DONGNE_TRY(to_status(c.svc.transition(c.counsellor, k.id, "follow_up", std::nullopt, "")));
      DONGNE_TRY(follow_up(c, k.id, i % 9 == 4));
    }
  }
  return ok_status();
}

Status internships(Ctx& c, const nlohmann::json& spec) {
  const int count = spec["count"], converted = spec["converted"], early = spec["ended_early"];
  const LocalDate first = date(spec["first_start"]);
  const auto& emps = spec["employers"];
  const auto& occs = spec["occupations"];
  for (int i = 0; i < count; ++i) {
    const LocalDate starts = add_days(first, 5 * i);
    const std::string occ = occs[static_cast<size_t>(i) % occs.size()];
    DONGNE_ASSIGN_OR_RETURN(CaseRecord k, seeker(c, add_days(starts, -14), occ, nlohmann::json::array({"customer-service"}), "job_search"));
    c.on(starts, 9);
    InternshipRecord in;
    in.case_id = k.id;
    in.employer_id = c.employers.at(emps[static_cast<size_t>(i) % emps.size()]);
    in.starts_on = starts;
    in.monthly_wage_won = spec["monthly_wage_won"];
    in.demo = true;
    DONGNE_ASSIGN_OR_RETURN(in, c.svc.start_internship(c.counsellor, in));
    const bool ends_early = i >= converted && i < converted + early;
    if (ends_early) {
      c.on(add_days(starts, 40), 17);
      DONGNE_TRY(to_status(c.svc.end_internship(c.counsellor, in.id, add_days(starts, 40), "개인 사정으로 중단")));
    }
    // The monthly payments that fell due: approved and paid on their due dates.
    DONGNE_ASSIGN_OR_RETURN(auto pays, c.svc.payments(c.counsellor, in.id, std::string("scheduled")));
    for (const auto& p : pays) {
      if (p.due_on > add_days(c.today, -3)) continue;
      c.on(p.due_on, 11);
      DONGNE_TRY(to_status(c.svc.approve_payment(c.counsellor, p.id)));
      c.on(add_days(p.due_on, 2), 11);
      DONGNE_TRY(to_status(c.svc.mark_paid(c.counsellor, p.id, "DEMO-" + std::to_string(p.id))));
    }
    if (ends_early) continue;
    const LocalDate after = add_days(in.ends_on, 1);
    if (after > c.today) continue;  // still placed
    c.on(after, 9);
    if (i < converted) {
      DONGNE_ASSIGN_OR_RETURN(in, c.svc.convert_internship(c.counsellor, in.id, after, 2200000, "monthly", occ));
      DONGNE_TRY(to_status(c.svc.transition(c.counsellor, k.id, "follow_up", std::nullopt, "")));
      DONGNE_ASSIGN_OR_RETURN(auto bonus, c.svc.payments(c.counsellor, in.id, std::string("scheduled")));
      for (const auto& p : bonus) {
        if (p.due_on > add_days(c.today, -3)) continue;
        c.on(p.due_on, 11);
        DONGNE_TRY(to_status(c.svc.approve_payment(c.counsellor, p.id)));
      }
      DONGNE_TRY(follow_up(c, k.id, false));
    } else {
      DONGNE_TRY(to_status(c.svc.end_internship(c.counsellor, in.id, in.ends_on, "기간 만료, 정규직 전환 없음")));
    }
  }
  return ok_status();
}

Status group_counselling(Ctx& c, const nlohmann::json& spec, int64_t centre, const std::vector<int64_t>& seekers) {
  const int sessions = spec["sessions"], people = spec["people"];
  std::vector<int64_t> ids;
  for (int s = 0; s < sessions; ++s) {
    const LocalDate day = add_days(date(spec["first"]), spec["every_days"].get<int>() * s);
    c.on(day, 15);
    DONGNE_ASSIGN_OR_RETURN(int64_t id, c.svc.create_group_session(c.counsellor, centre, spec["title"], day, std::nullopt));
    ids.push_back(id);
  }
  // Everyone attends one session; a third come back for a second.
  for (int p = 0; p < people; ++p) {
    const bool registered = static_cast<size_t>(p) < seekers.size() && p < 120;
    std::optional<int64_t> seeker = registered ? std::optional<int64_t>(seekers[static_cast<size_t>(p)]) : std::nullopt;
    const std::string key = registered ? "" : "walkin:" + std::to_string(p);
    DONGNE_TRY(c.svc.record_group_attendance(c.counsellor, ids[static_cast<size_t>(p % sessions)], seeker, key));
    if (p % 3 == 0) DONGNE_TRY(c.svc.record_group_attendance(c.counsellor, ids[static_cast<size_t>((p * 7 + 5) % sessions)], seeker, key));
  }
  return ok_status();
}

Status startups(Ctx& c, const nlohmann::json& spec, int year, int64_t centre) {
  int approved = 0;
  int i = 0;
  for (const auto& n : spec["teams"]) {
    c.on(LocalDate{year, 3, 10 + i});
    StartupTeamRecord t;
    t.centre_id = centre;
    t.name = n;
    t.business = "지역 소상공 창업 (데모)";
    t.demo = true;
    DONGNE_ASSIGN_OR_RETURN(t, c.svc.register_team(c.counsellor, t));
    int topic = 0;
    for (const auto& tp : spec["education_topics"]) {
      DONGNE_TRY(c.svc.record_education(c.counsellor, t.id, LocalDate{year, 4 + topic++, 15}, tp, 1 + i % 3));
    }
    if (i < 11) {
      c.on(LocalDate{year, 7, 1});
      SubsidyRecord s{0, t.id, year, spec["amount_won"], "온라인 홍보 및 포장 디자인", "applied", std::nullopt};
      DONGNE_ASSIGN_OR_RETURN(s, c.svc.apply_subsidy(c.counsellor, s));
      c.on(LocalDate{year, 7, 20});
      const bool ok = approved < spec["approved"].get<int>();
      DONGNE_ASSIGN_OR_RETURN(s, c.svc.decide_subsidy(c.counsellor, s.id, ok));
      if (ok) {
        ++approved;
        c.on(LocalDate{year, 8, 5});
        DONGNE_TRY(to_status(c.svc.disburse_subsidy(c.counsellor, s.id, LocalDate{year, 8, 5})));
      }
    }
    ++i;
  }
  return ok_status();
}

Status vacancies(Ctx& c, const nlohmann::json& list) {
  c.clock.set(at(add_days(c.today, -3)));
  for (const auto& v : list) {
    VacancyRecord r;
    r.employer_id = c.employers.at(v["employer"]);
    r.title = v["title"];
    r.occupation = v["occupation"];
    r.start_on = add_days(c.today, 14);
    r.openings = v["openings"];
    r.demo = true;
    r.detail = {{"required", v["required"]}, {"preferred", v["preferred"]}, {"hours", v["hours"]}, {"wage", v["wage"]},
                {"workplace", {{"area", v["area"]}, {"address", "진주시 (데모 주소)"}}}, {"languages", {"ko"}},
                {"description", "데모 채용 공고입니다."}};
    Principal admin;
    admin.grants.push_back(Grant{Role::kAdmin, "", 0, ""});
    DONGNE_TRY(to_status(c.svc.post_vacancy(admin, r)));
  }
  return ok_status();
}

}  // namespace

Status seed_demo(store::Database& db, const Reference& ref, auth::AuthService& auth, directory::Directory& directory,
                 const std::string& share_dir, const std::string& password, EpochMs real_now, std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir + "/demo/jobs.json"));
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::internal("data/demo/jobs.json is not valid JSON");
  const int year = doc["year"];
  Ctx c(db, ref);
  c.today = local_date(real_now);

  DONGNE_ASSIGN_OR_RETURN(auto centre, directory.by_code(doc["centre"]));
  if (!centre) return Error::internal("demo jobs data names an unknown centre");
  bool seeded = false;
  std::optional<auth::User> counsellor;
  DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM jobs_courses WHERE code = ?", {doc["courses"][0]["code"].get<std::string>()}));
    seeded = !rows.empty();
    for (const auto& e : doc["employers"]) {
      directory::Organisation org;
      org.kind = "employer";
      org.code = e["code"];
      org.name_ko = e["name_ko"];
      org.name_en = e["name_en"];
      org.demo = true;
      DONGNE_ASSIGN_OR_RETURN(int64_t id, directory.upsert(tx, org, std::string("jinju")));
      c.employers[org.code] = id;
    }
    DONGNE_ASSIGN_OR_RETURN(counsellor, auth::repo::find_user_by_login(tx, "counsellor@demo.dongne.kr"));
    return ok_status();
  }));
  Grant g{Role::kCounsellor, "centre", centre->id, centre->name_ko};
  for (const auto& extra : doc["counsellors"]) {
    DONGNE_TRY(to_status(auth.ensure_account(extra["name"], extra["email"], password, "staff", {g}, std::nullopt)));
    out << "  counsellor        " << extra["email"].get<std::string>() << "\n";
  }
  if (seeded || !counsellor) return ok_status();
  c.counsellor.user_id = counsellor->id;
  c.counsellor.name = counsellor->name;
  c.counsellor.grants.push_back(g);

  // The centre's own words: synonyms its counsellors write, and a term the shipped vocabulary lacks.
  for (const auto& t : doc.value("centre_terms", nlohmann::json::array())) {
    std::optional<std::string> means;
    if (t.contains("means")) means = t["means"].get<std::string>();
    DONGNE_TRY(to_status(c.svc.add_term(c.counsellor, centre->id, t["alias"], means, t.value("name_en", ""),
                                        t.value("ncs_domain", ""))));
  }
  DONGNE_TRY(courses(c, doc, centre->id));
  DONGNE_TRY(internships(c, doc["internships"]));
  std::vector<int64_t> seekers;
  DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM jobs_seekers WHERE centre_id = ? ORDER BY id", {centre->id}));
    for (const auto& r : rows.rows) seekers.push_back(r.i64(0));
    return ok_status();
  }));
  DONGNE_TRY(group_counselling(c, doc["group_counselling"], centre->id, seekers));
  DONGNE_TRY(startups(c, doc["startups"], year, centre->id));
  DONGNE_TRY(vacancies(c, doc["vacancies"]));
  DONGNE_ASSIGN_OR_RETURN(YearFigures f, c.svc.year_figures(centre->id, year));
  out << "Jobs demo: Jinju Saeil centre " << year << ": " << f.courses << " courses, " << f.completions << " completions, "
      << f.employed_after_courses << " employed, " << f.group_sessions << " group sessions with " << f.group_people
      << " people, " << f.internships << " internships, " << f.subsidy_teams << " subsidised startups (DEMO DATA)\n";
  return ok_status();
}

}  // namespace dongne::jobs
