// The KPI definitions (docs/programmes.md, "KPIs") as a property: random sequences of enrolments, role changes,
// edits, ends, removals, outputs, spending with refunds, and hires recorded by Jobs go through the service on both
// stores. After each step, the dashboard agrees with a naive reference written from the definitions table (and
// with it on which requests are refused), and every few steps the incremental projection equals the pure fold
// over the whole log and a recomputation. A failure prints the seed and the step.
#include <random>
#include <set>

#include "programmes/service_fixture.h"

namespace dongne::programmes {
namespace {

using fixture::at;

// The definitions, as plainly as they are written: no indexes, no incremental state.
struct Reference {
  struct Project {
    LocalDate starts, ends;
    int64_t budget = 0;
  };
  struct Spell {
    int64_t id = 0;  // the participant record (0 for a hire from Jobs)
    int64_t project = 0;
    std::string person, role;
    bool paid = false;
    LocalDate start;
    std::optional<LocalDate> end;
    bool removed = false;
  };
  struct Amount {
    int64_t project = 0;
    LocalDate day;
    int64_t value = 0;
  };
  std::map<int64_t, Project> projects;
  std::vector<Spell> spells;
  std::vector<Amount> outputs, spending;

  // The spell clipped to its project's period; nullopt when nothing is left.
  std::optional<std::pair<LocalDate, LocalDate>> clipped(const Spell& s) const {
    const Project& p = projects.at(s.project);
    const LocalDate from = std::max(s.start, p.starts);
    const LocalDate to = s.end ? std::min(*s.end, p.ends) : p.ends;
    if (to < from) return std::nullopt;
    return std::make_pair(from, to);
  }

  Figures figures(LocalDate d, std::optional<int64_t> project) const {
    Figures f;
    std::set<std::string> jobs, trained, active;
    for (const auto& s : spells) {
      if (s.removed || (project && s.project != *project)) continue;
      auto c = clipped(s);
      if (!c) continue;
      if (s.role == "trainee" && c->first <= d) trained.insert(s.person);
      if (c->first <= d && d <= c->second) {
        active.insert(s.person);
        if (s.paid) jobs.insert(s.person);
      }
    }
    f.jobs = static_cast<int64_t>(jobs.size());
    f.trained = static_cast<int64_t>(trained.size());
    f.participants = static_cast<int64_t>(active.size());
    for (const auto& o : outputs) {
      if ((project && o.project != *project) || d < o.day) continue;
      f.outputs += o.value;
      f.outputs_by_kind["visit"] += o.value;
    }
    for (const auto& s : spending) {
      if ((!project || s.project == *project) && !(d < s.day)) f.spent_won += s.value;
    }
    if (f.jobs > 0) f.cost_per_job_won = (f.spent_won * 2 + f.jobs) / (2 * f.jobs);  // rounded half up
    return f;
  }

  // Whether a person's spell would overlap another she holds in the project (the service refuses it).
  bool overlaps(int64_t project, const std::string& person, LocalDate start, std::optional<LocalDate> end,
                int64_t except_id) const {
    for (const auto& s : spells) {
      if (s.removed || s.project != project || s.person != person || (except_id && s.id == except_id)) continue;
      const bool before = end && *end < s.start;
      const bool after = s.end && *s.end < start;
      if (!before && !after) return true;
    }
    return false;
  }

  // Whether budget executed, as of every day, stays within 0 and the budget with one more amount.
  bool spending_fits(int64_t project, LocalDate day, int64_t won) const {
    std::map<LocalDate, int64_t> by_day;
    for (const auto& s : spending) {
      if (s.project == project) by_day[s.day] += s.value;
    }
    by_day[day] += won;
    int64_t running = 0;
    for (const auto& [d, v] : by_day) {
      running += v;
      if (running < 0) return false;
    }
    return running <= projects.at(project).budget;
  }
};

class KpiPropertyTest : public fixture::ProgrammeServiceTest {};

LocalDate day_in(std::mt19937& rng, int year) {
  const int m = 1 + static_cast<int>(rng() % 12);
  return {year, m, 1 + static_cast<int>(rng() % static_cast<unsigned>(days_in_month(year, m)))};
}


TEST_P(KpiPropertyTest, RandomHistoriesFollowTheDefinitions) {
  auto [a, b] = published_projects();
  clock_.set(at("2028-01-05T10:00:00+09:00"));
  Reference ref;
  auto projects = svc_->projects(2027, std::nullopt);
  ASSERT_TRUE(projects.ok());
  for (const auto& p : *projects) ref.projects[p.id] = {p.start_date, p.end_date, p.budget_won};
  ASSERT_TRUE(svc_->add_link(city_officer_, a, "jobs.hired", "vacancy_id", "5", "job", "").ok());
  const std::vector<std::pair<std::string, std::string>> people = {
      {"김하나", "01011110001"}, {"이두리", "01011110002"}, {"박세미", "01011110003"},
      {"최네오", "01011110004"}, {"정다섯", "01011110005"}, {"강여섯", "01011110006"}};
  const std::vector<std::string> roles = {"trainee", "employee", "volunteer"};
  const std::vector<LocalDate> days = {{2027, 1, 31}, {2027, 4, 1}, {2027, 6, 30}, {2027, 9, 15}, {2027, 12, 31}, {2028, 1, 5}};
  std::map<int64_t, size_t> person_of;  // participant id -> index into people
  std::map<int64_t, Principal*> officer_of = {{a, &d1_officer_}, {b, &d2_officer_}};
  int64_t hire_event = 100;
  std::map<std::string, int> seen;  // what the histories exercised, accepted and refused

  for (unsigned seed : {7u, 11u, 23u}) {
    std::mt19937 rng(seed);
    for (int step = 0; step < 40; ++step) {
      SCOPED_TRACE("seed " + std::to_string(seed) + " step " + std::to_string(step));
      const int64_t project = rng() % 2 ? a : b;
      Principal& officer = *officer_of[project];
      switch (rng() % 8) {
        case 0:
        case 1: {  // enrol someone, sometimes outside the project's period or overlapping a spell she holds
          const size_t who = rng() % people.size();
          ParticipantRecord r{0, project, "", people[who].first, people[who].second, std::nullopt, roles[rng() % 3],
                              rng() % 2 == 0, "career_break_women", day_in(rng, 2027), std::nullopt, false, false};
          if (rng() % 2) r.end_date = add_days(r.start_date, static_cast<int>(rng() % 200));
          const std::string person = "p" + std::to_string(who);
          const auto& period = ref.projects.at(project);
          const bool outside = r.start_date > period.ends || (r.end_date && *r.end_date < period.starts);
          const bool overlap = ref.overlaps(project, person, r.start_date, r.end_date, 0);
          auto got = svc_->enrol(officer, r);
          ASSERT_EQ(got.ok(), !outside && !overlap) << (got.ok() ? "accepted" : got.error().message_en);
          ++seen[got.ok() ? "enrolled" : outside ? "outside refused" : "overlap refused"];
          if (got.ok()) {
            ref.spells.push_back({got->id, project, person, r.role, r.paid, r.start_date, r.end_date, false});
            person_of[got->id] = who;
          }
          break;
        }
        case 2:
        case 3: {  // change role: end a spell and start the next one the day after, or edit it in place
          std::vector<Reference::Spell*> open;
          for (auto& s : ref.spells) {
            if (s.id && !s.removed && s.project == project) open.push_back(&s);
          }
          if (open.empty()) break;
          Reference::Spell& s = *open[rng() % open.size()];
          ParticipantRecord r{s.id, project, "", people[person_of[s.id]].first, people[person_of[s.id]].second,
                              std::nullopt, s.role, s.paid, "career_break_women", s.start, s.end, false, false};
          if (rng() % 2) {  // an edit: role, paid or end
            r.role = roles[rng() % 3];
            r.paid = rng() % 2 == 0;
            r.end_date = rng() % 3 ? std::optional<LocalDate>(add_days(r.start_date, static_cast<int>(rng() % 300))) : std::nullopt;
            const bool overlap = ref.overlaps(project, s.person, r.start_date, r.end_date, s.id);
            auto got = svc_->update_participant(officer, r);
            ASSERT_EQ(got.ok(), !overlap) << (got.ok() ? "accepted" : got.error().message_en);
            ++seen[got.ok() ? "edited" : "overlapping edit refused"];
            if (got.ok()) s.role = r.role, s.paid = r.paid, s.end = r.end_date;
          } else if (!s.end || *s.end > add_days(s.start, 30)) {  // hired: the trainee spell ends, a paid one starts
            const LocalDate change = add_days(s.start, 30);
            r.end_date = change;
            ASSERT_TRUE(svc_->update_participant(officer, r).ok());
            s.end = change;
            ParticipantRecord next = r;
            next.id = 0;
            next.role = "employee";
            next.paid = true;
            next.start_date = add_days(change, 1);
            next.end_date = std::nullopt;
            const std::string person = s.person;
            const bool overlap = ref.overlaps(project, person, next.start_date, std::nullopt, 0);
            auto got = svc_->enrol(officer, next);
            ASSERT_EQ(got.ok(), !overlap && next.start_date <= ref.projects.at(project).ends);
            ++seen["role changed"];
            if (got.ok()) {
              person_of[got->id] = person_of[s.id];  // before push_back, which may move s
              ref.spells.push_back({got->id, project, person, "employee", true, next.start_date, std::nullopt, false});
            }
          }
          break;
        }
        case 4: {  // remove a record
          std::vector<Reference::Spell*> live;
          for (auto& s : ref.spells) {
            if (s.id && !s.removed) live.push_back(&s);
          }
          if (live.empty() || rng() % 3) break;
          Reference::Spell& s = *live[rng() % live.size()];
          ASSERT_TRUE(svc_->remove_participant(*officer_of[s.project], s.id).ok());
          s.removed = true;
          ++seen["removed"];
          break;
        }
        case 5: {  // an output
          const LocalDate day = day_in(rng, 2027);
          const int64_t n = 1 + rng() % 5;
          const auto& period = ref.projects.at(project);
          const bool inside = !(day < period.starts) && !(period.ends < day);
          auto got = svc_->record_output(officer, project, day, "visit", n);
          ASSERT_EQ(got.ok(), inside);
          if (got.ok()) ref.outputs.push_back({project, day, n});
          break;
        }
        case 6: {  // spending or a refund; refused when budget executed would leave 0..budget on any day
          const LocalDate day = day_in(rng, 2027);
          const int64_t won = (static_cast<int64_t>(rng() % 9) - 3) * 1'000'000 + 1'000;
          const auto& period = ref.projects.at(project);
          const bool inside = !(day < period.starts) && !(period.ends < day);
          auto got = svc_->record_spending(officer, SpendingRecord{0, project, day, won, "인건비", won < 0 ? "환수" : ""});
          ASSERT_EQ(got.ok(), inside && ref.spending_fits(project, day, won)) << won << " on " << format_date(day);
          ++seen[won < 0 ? (got.ok() ? "refund" : "refund refused") : (got.ok() ? "spent" : "spending refused")];
          if (got.ok()) ref.spending.push_back({project, day, won});
          break;
        }
        case 7: {  // a hire recorded by Jobs for project a's linked vacancy
          const LocalDate start = day_in(rng, 2027);
          const int seeker = 1 + static_cast<int>(rng() % 4);
          nlohmann::json payload = {{"vacancy_id", 5}, {"seeker_id", seeker}, {"person_key", "jobs:" + std::to_string(seeker)},
                                    {"start", format_date(start)}};
          ASSERT_TRUE(db_->transact([&](store::Tx& tx) -> Status {
                           return to_status(tx.append_event({"jobs.hired", "hire", std::to_string(++hire_event), payload.dump(),
                                                             std::nullopt, at("2027-12-31T10:00:00+09:00")}));
                         }).ok());
          ASSERT_TRUE(Projector::catch_up(*db_).ok());
          ref.spells.push_back({0, a, "jobs:" + std::to_string(seeker), "employee", true, start, std::nullopt, false});
          ++seen["hired"];
          break;
        }
      }
      for (LocalDate d : days) {
        for (std::optional<int64_t> scope : {std::optional<int64_t>(), std::optional<int64_t>(a), std::optional<int64_t>(b)}) {
          auto served = svc_->dashboard(d, Scope{scope, std::nullopt, std::nullopt, std::nullopt});
          ASSERT_TRUE(served.ok());
          Figures want = ref.figures(d, scope);
          Figures got = served->total;
          got.outputs_by_kind.erase("");
          if (want.outputs == 0) want.outputs_by_kind.clear();
          ASSERT_EQ(got, want) << "as of " << format_date(d) << (scope ? " in project " + std::to_string(*scope) : " in all")
                               << ": jobs " << got.jobs << " vs " << want.jobs << ", trained " << got.trained << " vs "
                               << want.trained << ", participants " << got.participants << " vs " << want.participants
                               << ", spent " << got.spent_won << " vs " << want.spent_won;
          ASSERT_GE(got.spent_won, 0);
        }
      }
      if (step % 10 == 9) expect_kpis_agree("random history");
    }
  }
  for (const char* what : {"enrolled", "overlap refused", "edited", "role changed", "removed", "refund", "refund refused", "spent", "hired"}) {
    EXPECT_GT(seen[what], 0) << "the histories never exercised: " << what;
  }
}

INSTANTIATE_TEST_SUITE_P(Stores, KpiPropertyTest, ::testing::Values("sqlite", "postgresql"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace dongne::programmes
