// Programme KPIs as a fold over facts taken from the event log: a pure engine (no I/O, no JSON, no clock).
// The projector (projector.h) turns each stored event into at most one Fact and keeps the same figures in SQL
// tables incrementally; this engine computes them from scratch over every fact, so the two can be compared.
//   jobs         unique people in paid roles on the as-of date (a person counts once per scope, however many spells)
//   trained      unique people who started as trainees on or before the date
//   participants unique people active on the date, in any role
//   outputs      delivered service outputs (a coaching visit, a ride, a delivery, a class) on or before the date
//   spent        budget executed (spending records) on or before the date, in won
//   cost per job spent / jobs (0 when there is no job)
// A participant record is one Spell keyed by its participant key: editing it replaces the spell, so a person is
// never counted twice for one record. Thread-safety: a KpiFold is a plain value; one thread at a time (queries
// reuse scratch space).
#pragma once

#include <climits>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "core/calendar.h"

namespace dongne::programmes {

// The target groups of the co-prosperity job programmes (DESIGN.md, Programmes).
inline constexpr const char* kTargetGroups[] = {"career_break_women", "new_middle_aged", "seniors", "marriage_migrants",
                                                "nk_defectors", "youth", "people_with_disabilities", "general"};
bool is_target_group(const std::string& g);
// A target group's name in Korean or English, for exports (the key itself when unknown).
std::string target_group_name(const std::string& g, bool ko);
// An output kind's name for exports ("coaching_visit" -> 방문 코칭 / coaching visits); an unknown kind as it is.
std::string output_kind_name(const std::string& kind, bool ko);
// Budget executed per job, rounded to the won; none without jobs (there is no cost per job of nothing).
std::optional<int64_t> cost_per_job(int64_t spent_won, int64_t jobs);

struct ProjectInfo {
  int64_t id = 0;
  int64_t district_id = 0;
  int year = 0;
  std::string target_group;  // the project's main group; a participant may name another
  // The project's period: a spell counts only inside it (one with no end does not outlive its project). Unset in
  // folds that know no dates.
  std::optional<LocalDate> starts;
  std::optional<LocalDate> ends;
};

struct Spell {
  std::string key;           // the participant record ("p:12") or the event that made it ("ev:345")
  int64_t project_id = 0;
  std::string person_key;    // who: the same person has the same key in every record of a project
  std::string role;          // "trainee", "employee", "volunteer"
  bool paid = false;
  std::string target_group;
  LocalDate start;
  std::optional<LocalDate> end;  // last day, inclusive
  bool removed = false;      // the record was withdrawn (entered by mistake)
};

struct Output {
  int64_t event_id = 0;
  int64_t project_id = 0;
  LocalDate date;
  std::string kind;  // "coaching_visit", "ride", "delivery", "class", "session_booking", ...
  int64_t count = 1;
};

struct Spend {
  int64_t event_id = 0;
  int64_t project_id = 0;
  LocalDate date;
  int64_t won = 0;
};

struct Figures {
  int64_t jobs = 0;
  int64_t trained = 0;
  int64_t participants = 0;
  int64_t outputs = 0;
  std::map<std::string, int64_t> outputs_by_kind;
  int64_t spent_won = 0;
  std::optional<int64_t> cost_per_job_won;  // cost_per_job(): none without jobs
  bool operator==(const Figures&) const = default;
};

// Which facts count: all, or one project, district, target group and/or call year.
struct Scope {
  std::optional<int64_t> project_id;
  std::optional<int64_t> district_id;
  std::optional<std::string> target_group;
  std::optional<int> year;
};

enum class Dimension { kProject, kDistrict, kTargetGroup };

class KpiFold {
 public:
  void set_project(const ProjectInfo& p);
  void apply(const Spell& s);   // inserts or replaces the spell with the same key
  void apply(const Output& o);  // ignored when the event was applied already
  void apply(const Spend& s);   // ignored when the event was applied already

  Figures figures(LocalDate as_of, const Scope& scope = {}) const;
  // The figures of each project, district or target group in scope (keys as text: ids or group names).
  std::map<std::string, Figures> breakdown(LocalDate as_of, Dimension by, const Scope& scope = {}) const;
  // The figures at the end of each month of `year` (or as_of, whichever is earlier), January first.
  std::vector<Figures> monthly(int year, LocalDate as_of, const Scope& scope = {}) const;

  size_t spells() const { return spells_.size(); }

 private:
  // Compact rows: people, groups and kinds interned, dates as day numbers (days_from_civil).
  struct SpellRow {
    int64_t project = 0;
    uint64_t person = 0;  // FNV-1a of the person key (a collision among 10 million people: ~3e-6)
    int32_t start = 0;
    int32_t end = INT32_MAX;  // open-ended
    uint16_t group = 0;       // 0: the project's group
    bool trainee = false, paid = false, removed = false;
  };
  struct OutRow {
    int64_t project = 0;
    int32_t day = 0;
    uint16_t kind = 0;
    int64_t count = 0;
  };
  struct SpendRow {
    int64_t project = 0;
    int32_t day = 0;
    int64_t won = 0;
  };
  struct ProjectRow {
    ProjectInfo info;
    uint16_t group = 0;
    int32_t start = INT32_MIN, end = INT32_MAX;  // the period as day numbers
  };
  uint16_t group_id(const std::string& g);
  bool project_in(int64_t project, const Scope& s, uint16_t want_group, uint16_t row_group) const;
  std::optional<uint16_t> scope_group(const Scope& s) const;  // nullopt: not scoped; 0xFFFF: unknown group
  std::vector<uint32_t> dense_;                             // "p:N"/"ev:N" -> 1 + row, when the ids are dense
  std::unordered_map<int64_t, uint32_t> spell_ids_;         // the same when they are not
  std::unordered_map<std::string, uint32_t> spell_index_;  // any other key
  std::vector<SpellRow> spells_;
  std::vector<OutRow> outputs_;
  std::vector<SpendRow> spends_;
  std::vector<std::string> groups_{""};
  std::unordered_map<std::string, uint16_t> group_ids_{{"", 0}};
  std::vector<std::string> kinds_;
  std::unordered_map<std::string, uint16_t> kind_ids_;
  std::unordered_set<int64_t> seen_events_;
  std::unordered_map<int64_t, ProjectRow> projects_;
  mutable std::vector<uint64_t> jobs_, trained_, active_;  // scratch of the last query
};

// "YYYY-MM" of a year and month.
std::string year_month(int year, int month);

// Month-end (or as_of, if earlier) of month m of year y.
LocalDate month_end(int year, int month, LocalDate as_of);

}  // namespace dongne::programmes
