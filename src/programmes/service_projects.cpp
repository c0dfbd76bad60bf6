// Projects, participants, outputs, spending, links to other pillars, KPIs and monthly reports (see service.h).
#include "auth/access_log.h"
#include "core/person_key.h"
#include "core/sha256.h"
#include "programmes/projector.h"
#include "programmes/repo.h"
#include "programmes/service.h"
#include "programmes/service_util.h"

namespace dongne::programmes {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

Error no_project() { return Error::not_found("사업을 찾을 수 없습니다", "no such project"); }

constexpr const char* kRoles[] = {"trainee", "employee", "volunteer"};

// Appends an event and applies its KPI fact in the same transaction.
Status emit(store::Tx& tx, const std::string& type, const std::string& aggregate, int64_t id, const nlohmann::json& payload,
            int64_t actor, EpochMs now) {
  const std::string text = payload.dump();
  DONGNE_ASSIGN_OR_RETURN(int64_t event_id, tx.append_event({type, aggregate, std::to_string(id), text, actor, now}));
  return Projector::apply_own(tx, event_id, type, text, now);
}

nlohmann::json spell_payload(const ParticipantRecord& r) {
  return {{"participant_id", r.id},   {"project_id", r.project_id},     {"person_key", r.person_key},
          {"role", r.role},           {"paid", r.paid},                 {"target_group", r.target_group},
          {"start", format_date(r.start_date)},
          {"end", r.end_date ? nlohmann::json(format_date(*r.end_date)) : nlohmann::json(nullptr)},
          {"removed", r.removed},
          {"seeker_id", r.seeker_id ? nlohmann::json(*r.seeker_id) : nlohmann::json(nullptr)}};
}

// Who the record is about, the same in every record of the person: the Jobs seeker she is (so that her hire, which
// Jobs keys the same way, is the same person), an account, or the normalised name and phone.
std::string person_key_of(const ParticipantRecord& r) {
  if (r.seeker_id) return seeker_person_key(*r.seeker_id);
  if (r.user_id) return account_person_key(*r.user_id);
  std::string name;
  for (char c : r.display_name) {
    if (c != ' ' && c != '\t') name.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  return "h:" + to_hex(sha256(name + "|" + r.phone.value_or(""))).substr(0, 24);
}

// A seeker a participant is linked to must be one Jobs registered: Programmes learns it from the event log (where
// the pillars meet), never from Jobs' tables.
Status check_seeker(store::Tx& tx, int64_t seeker_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM events WHERE type = 'jobs.seeker_registered' AND aggregate = "
                                              "'jobs_seeker' AND aggregate_id = ? LIMIT 1",
                                              {std::to_string(seeker_id)}));
  if (rows.empty()) {
    return Error::field("seeker_id", "unknown", "새일센터에 등록된 구직자 번호가 아닙니다: " + std::to_string(seeker_id),
                        "no Saeil centre seeker has this number: " + std::to_string(seeker_id));
  }
  return ok_status();
}

Status check_participant(const ParticipantRecord& r, const ProjectRecord& p) {
  std::vector<FieldError> errs;
  bool role_ok = false;
  for (const char* k : kRoles) role_ok = role_ok || r.role == k;
  if (!role_ok) errs.push_back({"role", "unknown", "역할은 교육생, 근로자, 자원봉사자 중 하나입니다", "role is trainee, employee or volunteer"});
  if (!is_target_group(r.target_group)) errs.push_back({"target_group", "unknown", "알 수 없는 대상 집단입니다", "unknown target group"});
  if (r.end_date && *r.end_date < r.start_date)
    errs.push_back({"end_date", "before_start", "종료일이 시작일보다 빠릅니다", "the end date is before the start date"});
  if (r.start_date > p.end_date || (r.end_date && *r.end_date < p.start_date))
    errs.push_back({"start_date", "outside_project", "사업 기간(" + format_date(p.start_date) + "~" + format_date(p.end_date) + ") 밖입니다",
                    "outside the project's period"});
  if (r.display_name.empty()) errs.push_back({"display_name", "required", "이름이 필요합니다", "a name is required"});
  if (!errs.empty()) return Error::invalid("참여자 정보를 확인해 주세요", "check the participant", std::move(errs));
  return ok_status();
}

}  // namespace

LocalDate report_due(const std::string& month) {
  auto d = parse_date(month + "-01");
  LocalDate first = d.ok() ? d.value() : LocalDate{};
  const int y = first.month == 12 ? first.year + 1 : first.year;
  const int m = first.month == 12 ? 1 : first.month + 1;
  return {y, m, 10};
}

Result<std::vector<ProjectRecord>> ProgrammeService::projects(std::optional<int> year, std::optional<int64_t> district_id) {
  std::vector<ProjectRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_projects(tx, year, district_id));
    return ok_status();
  }));
  return out;
}

Result<ProjectRecord> ProgrammeService::project(int64_t id) {
  std::optional<ProjectRecord> p;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(p, repo::find_project(tx, id));
    return ok_status();
  }));
  if (!p) return no_project();
  return std::move(*p);
}

Result<ParticipantRecord> ProgrammeService::enrol(const Principal& p, ParticipantRecord r) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, r.project_id));
    if (!pr) return no_project();
    if (!acts_for_district(p, pr->district_id)) return not_district();
    if (r.target_group.empty()) r.target_group = pr->target_group;
    DONGNE_TRY(check_participant(r, *pr));
    if (r.seeker_id) {
      DONGNE_TRY(check_seeker(tx, *r.seeker_id));
    }
    if (r.person_key.empty() && !r.user_id && !r.seeker_id) {
      // The same person enrolled again (a trainee hired as an employee) keeps her identity, also after her name was
      // corrected on her first record.
      DONGNE_ASSIGN_OR_RETURN(auto known, repo::person_key_by_contact(tx, r.project_id, r.display_name, r.phone.value_or("")));
      if (known) r.person_key = *known;
    }
    if (r.person_key.empty()) r.person_key = person_key_of(r);
    // Several spells of one person in one project, in different roles over time; never two at once.
    DONGNE_ASSIGN_OR_RETURN(auto dup, repo::overlapping_spell(tx, r.project_id, r.person_key, format_date(r.start_date),
                                                              r.end_date ? format_date(*r.end_date) : std::string()));
    if (dup) {
      return Error::conflict("이 기간에 이미 이 사업에 등록된 사람입니다 (참여자 " + std::to_string(*dup) + ")",
                             "this person is already enrolled in the project over those dates (participant " +
                                 std::to_string(*dup) + ")",
                             "already_enrolled");
    }
    DONGNE_ASSIGN_OR_RETURN(r.id, repo::insert_participant(tx, r, now));
    return emit(tx, "programmes.participant_enrolled", "programme_participant", r.id, spell_payload(r), p.user_id, now);
  }));
  return r;
}

Result<ParticipantRecord> ProgrammeService::update_participant(const Principal& p, ParticipantRecord r) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto old, repo::find_participant(tx, r.id));
    if (!old) return Error::not_found("참여자를 찾을 수 없습니다", "no such participant");
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, old->project_id));
    if (!acts_for_district(p, pr->district_id)) return not_district();
    r.project_id = old->project_id;
    r.person_key = old->person_key;  // the same person, however the record is edited
    r.user_id = old->user_id;
    r.demo = old->demo;
    if (r.target_group.empty()) r.target_group = old->target_group;
    if (r.display_name.empty()) r.display_name = old->display_name;
    DONGNE_TRY(check_participant(r, *pr));
    if (old->removed) return Error::conflict("삭제된 참여자입니다", "the participant was removed", "removed");
    if (!r.seeker_id) r.seeker_id = old->seeker_id;
    if (r.seeker_id != old->seeker_id) {
      // Linked to a Jobs seeker now: she becomes that seeker in every record of hers in the project.
      if (old->seeker_id) {
        return Error::field("seeker_id", "already_linked", "이미 다른 구직자(" + std::to_string(*old->seeker_id) + ")와 연결되어 있습니다",
                            "already linked to another seeker (" + std::to_string(*old->seeker_id) + ")");
      }
      DONGNE_TRY(check_seeker(tx, *r.seeker_id));
      r.person_key = seeker_person_key(*r.seeker_id);
      DONGNE_ASSIGN_OR_RETURN(auto all, repo::participants_of(tx, r.project_id));
      for (auto& other : all) {
        if (other.id == r.id || other.person_key != old->person_key) continue;
        other.person_key = r.person_key;
        other.seeker_id = r.seeker_id;
        DONGNE_TRY(repo::update_participant(tx, other, now));
        DONGNE_TRY(emit(tx, "programmes.participant_updated", "programme_participant", other.id, spell_payload(other), p.user_id, now));
      }
    }
    DONGNE_ASSIGN_OR_RETURN(auto overlap, repo::overlapping_spell(tx, r.project_id, r.person_key, format_date(r.start_date),
                                                                  r.end_date ? format_date(*r.end_date) : std::string(), r.id));
    if (overlap) {
      return Error::conflict("같은 사람의 다른 기간(참여자 " + std::to_string(*overlap) + ")과 겹칩니다",
                             "this would overlap the same person's other spell (participant " + std::to_string(*overlap) + ")",
                             "already_enrolled");
    }
    DONGNE_TRY(repo::update_participant(tx, r, now));
    return emit(tx, "programmes.participant_updated", "programme_participant", r.id, spell_payload(r), p.user_id, now);
  }));
  return r;
}

Result<ParticipantRecord> ProgrammeService::remove_participant(const Principal& p, int64_t id) {
  const EpochMs now = clock_.now_ms();
  std::optional<ParticipantRecord> r;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(r, repo::find_participant(tx, id));
    if (!r) return Error::not_found("참여자를 찾을 수 없습니다", "no such participant");
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, r->project_id));
    if (!acts_for_district(p, pr->district_id)) return not_district();
    if (r->removed) return Error::conflict("이미 삭제된 참여자입니다", "already removed", "removed");
    r->removed = true;
    DONGNE_TRY(repo::update_participant(tx, *r, now));
    return emit(tx, "programmes.participant_removed", "programme_participant", id, spell_payload(*r), p.user_id, now);
  }));
  return std::move(*r);
}

Result<std::vector<ParticipantRecord>> ProgrammeService::participants(const Principal& p, int64_t project_id) {
  std::vector<ParticipantRecord> out;
  // A personal-data read: logged (who read whose list, and why) in the same transaction.
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, project_id));
    if (!pr) return no_project();
    if (!acts_for_district(p, pr->district_id)) return not_district();
    DONGNE_ASSIGN_OR_RETURN(out, repo::participants_of(tx, project_id));
    const std::string route = "GET /api/v1/programmes/projects/{id}/participants";
    const std::string why = "participants of project " + std::to_string(project_id);
    for (const auto& x : out) {  // one row per person, so each can see the read
      DONGNE_TRY(auth::log_read(tx, {p.user_id, x.user_id.value_or(0), "participant", std::to_string(x.id), route, why,
                                     true, clock_.now_ms()}));
    }
    return ok_status();
  }));
  return out;
}

Result<int64_t> ProgrammeService::record_output(const Principal& p, int64_t project_id, LocalDate day,
                                                const std::string& kind, int64_t count) {
  const EpochMs now = clock_.now_ms();
  int64_t event_id = 0;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, project_id));
    if (!pr) return no_project();
    if (!acts_for_district(p, pr->district_id)) return not_district();
    std::vector<FieldError> errs;
    if (kind.empty() || kind.size() > 40) errs.push_back({"kind", "required", "실적 종류가 필요합니다", "the output kind is required"});
    if (count < 1 || count > 100000) errs.push_back({"count", "range", "1~100,000이어야 합니다", "must be 1-100,000"});
    if (day < pr->start_date || day > pr->end_date)
      errs.push_back({"day", "outside_project", "사업 기간 밖의 날짜입니다", "outside the project's period"});
    if (day > local_date(now)) errs.push_back({"day", "future", "앞으로의 날짜에는 실적을 적을 수 없습니다", "a future day"});
    if (!errs.empty()) return Error::invalid("실적을 확인해 주세요", "check the output", std::move(errs));
    const nlohmann::json payload = {{"project_id", project_id}, {"day", format_date(day)}, {"kind", kind}, {"count", count}};
    DONGNE_ASSIGN_OR_RETURN(event_id, tx.append_event({"programmes.output_recorded", "programme_project",
                                                       std::to_string(project_id), payload.dump(), p.user_id, now}));
    return Projector::apply_own(tx, event_id, "programmes.output_recorded", payload.dump(), now);
  }));
  return event_id;
}

Result<std::vector<Output>> ProgrammeService::outputs(int64_t project_id) {
  std::vector<Output> out;
  DONGNE_TRY(project(project_id));
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT event_id, project_id, day, kind, count FROM kpi_outputs WHERE "
                                                "project_id = ? ORDER BY day DESC, event_id DESC LIMIT 500",
                                                {project_id}));
    for (const auto& r : rows.rows) {
      out.push_back({r.i64(0), r.i64(1), parse_date(r.str(2)).ok() ? parse_date(r.str(2)).value() : LocalDate{}, r.str(3),
                     r.i64(4)});
    }
    return ok_status();
  }));
  return out;
}

Result<SpendingRecord> ProgrammeService::record_spending(const Principal& p, SpendingRecord s) {
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, s.project_id));
    if (!pr) return no_project();
    if (!acts_for_district(p, pr->district_id)) return not_district();
    std::vector<FieldError> errs;
    if (s.won == 0) errs.push_back({"won", "range", "금액은 0이 아니어야 합니다", "the amount is not zero"});
    if (s.won < 0 && s.note.empty())
      errs.push_back({"note", "required", "환수·정정(음수 금액)은 사유를 적어야 합니다", "a refund or correction (a negative amount) needs its reason"});
    if (s.category.empty()) errs.push_back({"category", "required", "비목이 필요합니다", "the category is required"});
    if (s.day < pr->start_date || s.day > pr->end_date)
      errs.push_back({"day", "outside_project", "사업 기간 밖의 날짜입니다", "outside the project's period"});
    if (!errs.empty()) return Error::invalid("집행 내역을 확인해 주세요", "check the spending", std::move(errs));
    // Budget executed, as of any day, stays at zero or more: a refund may take back at most what was spent up to
    // its day and stays spent on every later day (a later refund counts there too).
    DONGNE_ASSIGN_OR_RETURN(auto days, tx.query("SELECT day, SUM(won) FROM programme_spending WHERE project_id = ? "
                                                "GROUP BY day ORDER BY day", {s.project_id}));
    const std::string day = format_date(s.day);
    // room: the least running total from its day on (the total just before its day included), without this amount.
    int64_t running = 0;
    std::optional<int64_t> room;
    for (const auto& r : days.rows) {
      if (!room && r.str(0) >= day) room = running;
      running += r.i64(1);
      if (r.str(0) >= day) room = std::min(*room, running);
    }
    if (!room) room = running;
    const int64_t total = running;
    if (*room + s.won < 0) {
      return Error::field("won", "below_zero", "환수·정정이 그날(" + day + ") 이후 집행액(" + won(*room) + "원)보다 큽니다",
                          "the refund or correction is more than was spent by " + day + " and kept after it (" + won(*room) + " won)");
    }
    if (total + s.won > pr->budget_won) {
      return Error::field("won", "over_budget", "사업비(" + won(pr->budget_won) + "원)를 넘는 집행입니다",
                          "the spending would exceed the project's budget of " + won(pr->budget_won) + " won");
    }
    DONGNE_ASSIGN_OR_RETURN(s.id, repo::insert_spending(tx, s, p.user_id, now));
    return emit(tx, "programmes.spending_recorded", "programme_project", s.project_id,
                {{"project_id", s.project_id}, {"spending_id", s.id}, {"day", format_date(s.day)}, {"won", s.won},
                 {"category", s.category}, {"correction", s.won < 0}},
                p.user_id, now);
  }));
  return s;
}

Result<std::vector<SpendingRecord>> ProgrammeService::spending(int64_t project_id) {
  std::vector<SpendingRecord> out;
  DONGNE_TRY(project(project_id));
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::spending_of(tx, project_id));
    return ok_status();
  }));
  return out;
}

Status ProgrammeService::add_link(const Principal& p, int64_t project_id, const std::string& event_type,
                                  const std::string& key, const std::string& value, const std::string& fact,
                                  const std::string& output_kind) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, project_id));
    if (!pr) return no_project();
    // The city decides which other pillar's records count for which project (a district could otherwise count
    // another district's bookings or hires as its own).
    if (!is_city_staff(p, pr->district_id)) return not_city();
    std::vector<FieldError> errs;
    if (event_type.find('.') == std::string::npos || event_type.starts_with("programmes."))
      errs.push_back({"event_type", "format", "다른 분야의 사건 이름이어야 합니다 (예: booking.confirmed)",
                      "another pillar's event type, e.g. booking.confirmed"});
    if (key.empty()) errs.push_back({"match_key", "required", "맞출 항목이 필요합니다", "the payload field to match"});
    if (value.empty()) errs.push_back({"match_value", "required", "맞출 값이 필요합니다", "the value to match"});
    if (fact != "output" && fact != "job") errs.push_back({"fact", "unknown", "output 또는 job입니다", "output or job"});
    if (!errs.empty()) return Error::invalid("연결을 확인해 주세요", "check the link", std::move(errs));
    DONGNE_ASSIGN_OR_RETURN(auto dup, tx.query("SELECT project_id FROM programme_links WHERE event_type = ? AND match_key = ? "
                                               "AND match_value = ?",
                                               {event_type, key, value}));
    if (!dup.empty()) return Error::conflict("이미 다른 사업에 연결된 기록입니다", "these events already count for a project", "linked");
    DONGNE_TRY(tx.exec("INSERT INTO programme_links (project_id, event_type, match_key, match_value, fact, output_kind, "
                       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                       {project_id, event_type, key, value, fact, output_kind, clock_.now_ms()}));
    DONGNE_TRY(tx.append_event({"programmes.link_added", "programme_project", std::to_string(project_id),
                                nlohmann::json{{"project_id", project_id}, {"event_type", event_type}}.dump(), p.user_id}));
    return Projector::recompute(tx);  // events recorded before the link count too
  });
}

Result<nlohmann::json> ProgrammeService::links(int64_t project_id) {
  nlohmann::json out = nlohmann::json::array();
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, event_type, match_key, match_value, fact, output_kind FROM "
                                                "programme_links WHERE project_id = ? ORDER BY id",
                                                {project_id}));
    for (const auto& r : rows.rows) {
      out.push_back({{"id", r.i64(0)}, {"event_type", r.str(1)}, {"match_key", r.str(2)}, {"match_value", r.str(3)},
                     {"fact", r.str(4)}, {"output_kind", r.str(5)}});
    }
    return ok_status();
  }));
  return out;
}

Result<Dashboard> ProgrammeService::dashboard(LocalDate as_of, const Scope& scope) {
  Dashboard d;
  d.as_of = as_of;
  d.scope = scope;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    // Figures of something that does not exist are not zeros: a project or district that is not there is a 404.
    if (scope.project_id) {
      DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, *scope.project_id));
      if (!pr) return Error::not_found("사업을 찾을 수 없습니다", "no such project");
    }
    if (scope.district_id) {
      DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM organisations WHERE id = ? AND kind = 'district'", {*scope.district_id}));
      if (rows.empty()) return Error::not_found("구·군을 찾을 수 없습니다", "no such district");
    }
    // One read of the scope's projection rows; every figure below is computed from them in memory.
    DONGNE_ASSIGN_OR_RETURN(KpiFold fold, Projector::fold_of_scope(tx, scope));
    d.total = fold.figures(as_of, scope);
    d.by_project = fold.breakdown(as_of, Dimension::kProject, scope);
    d.by_district = fold.breakdown(as_of, Dimension::kDistrict, scope);
    d.by_group = fold.breakdown(as_of, Dimension::kTargetGroup, scope);
    DONGNE_ASSIGN_OR_RETURN(auto names, tx.query("SELECT id, name_ko, name_en FROM organisations WHERE kind = 'district'"));
    for (const auto& r : names.rows) d.district_names[r.str(0)] = {r.str(1), r.str(2)};
    DONGNE_ASSIGN_OR_RETURN(auto all, repo::list_projects(tx, scope.year, scope.district_id));
    for (auto& p : all) {
      if (scope.project_id && p.id != *scope.project_id) continue;
      if (scope.target_group && p.target_group != *scope.target_group) continue;
      d.projects.push_back(std::move(p));
    }
    const int year = scope.year.value_or(as_of.year);
    for (int m = 1; m <= 12 && LocalDate{year, m, 1} <= as_of; ++m) {
      d.monthly.push_back(fold.figures(month_end(year, m, as_of), scope));
      int64_t planned = 0;
      const std::string ym = year_month(year, m);
      for (const auto& p : d.projects) {
        for (const auto& t : p.monthly_targets) {
          if (t.month == ym) planned += t.jobs;
        }
      }
      d.monthly_planned_jobs.push_back(planned);
    }
    d.planned_jobs = d.monthly_planned_jobs.empty() ? 0 : d.monthly_planned_jobs.back();
    return ok_status();
  }));
  return d;
}

Result<nlohmann::json> ProgrammeService::recompute(const Principal& p) {
  if (!p.has(Role::kAdmin)) return Error::forbidden();
  nlohmann::json out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    const LocalDate today = local_date(clock_.now_ms());
    DONGNE_ASSIGN_OR_RETURN(auto before, Projector::breakdown(tx, today, Dimension::kProject, {}));
    DONGNE_TRY(Projector::recompute(tx));
    DONGNE_ASSIGN_OR_RETURN(auto after, Projector::breakdown(tx, today, Dimension::kProject, {}));
    int differing = 0;
    for (const auto& [k, f] : after) {
      auto it = before.find(k);
      if (it == before.end() || !(it->second == f)) ++differing;
    }
    for (const auto& [k, f] : before) differing += after.count(k) ? 0 : 1;
    out = {{"projects_compared", after.size()}, {"projects_differing", differing}, {"matched", differing == 0}};
    return to_status(tx.append_event({"programmes.kpis_recomputed", "programme_kpis", "all", out.dump(), p.user_id}));
  }));
  return out;
}

Result<ReportRecord> ProgrammeService::submit_report(const Principal& p, int64_t project_id, const std::string& month,
                                                     const std::string& narrative) {
  const EpochMs now = clock_.now_ms();
  ReportRecord r;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, project_id));
    if (!pr) return no_project();
    if (!acts_for_district(p, pr->district_id)) return not_district();
    auto first = parse_date(month + "-01");
    if (month.size() != 7 || !first.ok() || first->year != pr->year)
      return Error::field("month", "format", "사업 연도의 YYYY-MM이어야 합니다", "a YYYY-MM of the project's year");
    const LocalDate end = month_end(first->year, first->month, LocalDate{9999, 12, 31});
    const LocalDate today = local_date(now);
    if (today <= end) return Error::field("month", "not_ended", "끝나지 않은 달은 보고할 수 없습니다", "the month has not ended");
    DONGNE_ASSIGN_OR_RETURN(auto old, repo::report_of(tx, project_id, month));
    if (old && old->status == "accepted") return Error::conflict("이미 승인된 보고입니다", "the report is accepted", "accepted");
    DONGNE_ASSIGN_OR_RETURN(Figures f, Projector::figures(tx, end, Scope{project_id, std::nullopt, std::nullopt, std::nullopt}));
    nlohmann::json by_kind = f.outputs_by_kind;
    r.project_id = project_id;
    r.month = month;
    r.due_date = report_due(month);
    r.narrative = narrative;
    r.figures_json = nlohmann::json{{"as_of", format_date(end)}, {"jobs", f.jobs}, {"trained", f.trained},
                                    {"participants", f.participants}, {"outputs", f.outputs}, {"outputs_by_kind", by_kind},
                                    {"spent_won", f.spent_won}, {"cost_per_job_won", f.cost_per_job_won ? nlohmann::json(*f.cost_per_job_won) : nlohmann::json(nullptr)}}
                         .dump();
    r.late = old ? old->late : today > r.due_date;  // a resubmission after a return keeps the first one's flag
    r.submitted_at = now;
    r.status = "submitted";
    DONGNE_ASSIGN_OR_RETURN(r.id, repo::upsert_report(tx, r, p.user_id));
    return to_status(tx.append_event({"programmes.report_submitted", "programme_report", std::to_string(r.id),
                                      nlohmann::json{{"report_id", r.id}, {"project_id", project_id}, {"month", month},
                                                     {"late", r.late}}.dump(),
                                      p.user_id}));
  }));
  return r;
}

Result<ReportRecord> ProgrammeService::review_report(const Principal& p, int64_t report_id, bool accept,
                                                     const std::string& note) {
  std::optional<ReportRecord> r;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(r, repo::find_report(tx, report_id));
    if (!r) return Error::not_found("보고서를 찾을 수 없습니다", "no such report");
    DONGNE_ASSIGN_OR_RETURN(auto pr, repo::find_project(tx, r->project_id));
    if (!pr || !is_city_staff(p, pr->district_id)) return not_city();
    if (!accept && note.empty()) return Error::field("note", "required", "반려 사유를 적어 주세요", "say why it is returned");
    if (r->status != "submitted") return Error::conflict("제출된 보고만 검토합니다", "only a submitted report is reviewed", "not_submitted");
    r->status = accept ? "accepted" : "returned";
    r->review_note = note;
    r->reviewed_at = clock_.now_ms();
    DONGNE_TRY(repo::review_report(tx, report_id, r->status, note, p.user_id, *r->reviewed_at));
    return to_status(tx.append_event({"programmes.report_reviewed", "programme_report", std::to_string(report_id),
                                      nlohmann::json{{"report_id", report_id}, {"status", r->status}}.dump(), p.user_id}));
  }));
  return std::move(*r);
}

Result<std::vector<ReportRow>> ProgrammeService::reports(const Principal& p, int year, std::optional<int64_t> district_id) {
  std::vector<ReportRow> out;
  const LocalDate today = local_date(clock_.now_ms());
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto projects, repo::list_projects(tx, year, district_id));
    DONGNE_ASSIGN_OR_RETURN(auto reports, repo::reports_of_year(tx, year));
    for (const auto& pr : projects) {
      if (!acts_for_district(p, pr.district_id)) continue;
      int first = pr.start_date.year == year ? pr.start_date.month : 1;
      if (!pr.monthly_targets.empty()) first = std::max(first, std::stoi(pr.monthly_targets.front().month.substr(5, 2)));
      for (int m = first; m <= 12; ++m) {
        const std::string ym = year_month(year, m);
        const LocalDate end = month_end(year, m, LocalDate{9999, 12, 31});
        if (end >= today) break;  // the month has not ended: nothing is due yet
        ReportRow row{pr, ym, report_due(ym), std::nullopt, false};
        for (const auto& r : reports) {
          if (r.project_id == pr.id && r.month == ym) row.report = r;
        }
        row.overdue = !row.report && today > row.due_date;
        out.push_back(std::move(row));
      }
    }
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::programmes
