#include "programmes/kpi.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace dongne::programmes {

namespace {
int32_t day_of(LocalDate d) { return static_cast<int32_t>(days_from_civil(d)); }

// "p:123" -> 246, "ev:123" -> 247 (the projector's keys), else -1.
int64_t numeric_key(const std::string& k) {
  size_t i = k.starts_with("p:") ? 2 : k.starts_with("ev:") ? 3 : 0;
  if (i == 0 || i == k.size() || k.size() - i > 17) return -1;
  int64_t n = 0;
  for (; i < k.size(); ++i) {
    if (k[i] < '0' || k[i] > '9') return -1;
    n = n * 10 + (k[i] - '0');
  }
  return n * 2 + (k[0] == 'e' ? 1 : 0);
}

uint64_t fnv1a(const std::string& s) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ULL;
  return h;
}

int64_t distinct(std::vector<uint64_t>& v) {
  std::sort(v.begin(), v.end());
  return static_cast<int64_t>(std::unique(v.begin(), v.end()) - v.begin());
}
}  // namespace

std::optional<int64_t> cost_per_job(int64_t spent_won, int64_t jobs) {
  if (jobs <= 0) return std::nullopt;
  return std::llround(static_cast<double>(spent_won) / static_cast<double>(jobs));
}

std::string target_group_name(const std::string& g, bool ko) {
  static const std::map<std::string, std::pair<const char*, const char*>> kNames = {
      {"career_break_women", {"경력단절 여성", "Women returning to work"}},
      {"new_middle_aged", {"신중년", "New middle-aged (50-64)"}},
      {"seniors", {"어르신", "Seniors"}},
      {"marriage_migrants", {"결혼이민자", "Marriage migrants"}},
      {"nk_defectors", {"북한이탈주민", "North Korean defectors"}},
      {"youth", {"청년", "Young people"}},
      {"people_with_disabilities", {"장애인", "People with disabilities"}},
      {"general", {"일반", "General"}}};
  auto it = kNames.find(g);
  if (it == kNames.end()) return g;
  return ko ? it->second.first : it->second.second;
}

std::string output_kind_name(const std::string& kind, bool ko) {
  static const std::map<std::string, std::pair<const char*, const char*>> kNames = {
      {"class", {"수업", "classes"}},
      {"coaching_visit", {"방문 코칭", "coaching visits"}},
      {"ride", {"운행", "rides"}},
      {"delivery", {"배송", "deliveries"}},
      {"meal_service_day", {"급식 제공일", "meal service days"}},
      {"visit", {"방문", "visits"}},
      {"booking.confirmed", {"예약", "bookings"}},
      {"dispatch.ride_completed", {"완료된 운행", "completed rides"}}};
  auto it = kNames.find(kind);
  if (it == kNames.end()) return kind;
  return ko ? it->second.first : it->second.second;
}

bool is_target_group(const std::string& g) {
  for (const char* t : kTargetGroups) {
    if (g == t) return true;
  }
  return false;
}

std::string year_month(int year, int month) {
  return std::to_string(year) + (month < 10 ? "-0" : "-") + std::to_string(month);
}

LocalDate month_end(int year, int month, LocalDate as_of) {
  LocalDate end{year, month, days_in_month(year, month)};
  return as_of < end ? as_of : end;
}

uint16_t KpiFold::group_id(const std::string& g) {
  auto [it, added] = group_ids_.emplace(g, static_cast<uint16_t>(groups_.size()));
  if (added) groups_.push_back(g);
  return it->second;
}

void KpiFold::set_project(const ProjectInfo& p) {
  ProjectRow row{p, group_id(p.target_group)};
  if (p.starts) row.start = day_of(*p.starts);
  if (p.ends) row.end = day_of(*p.ends);
  projects_[p.id] = row;
}

void KpiFold::apply(const Spell& s) {
  SpellRow row;
  row.project = s.project_id;
  row.person = fnv1a(s.person_key);
  row.start = day_of(s.start);
  if (s.end) row.end = day_of(*s.end);
  row.group = s.target_group.empty() ? 0 : group_id(s.target_group);
  row.trainee = s.role == "trainee";
  row.paid = s.paid;
  row.removed = s.removed;
  const auto next = static_cast<uint32_t>(spells_.size());
  const int64_t n = numeric_key(s.key);
  uint32_t at = next;
  bool added = false;
  if (n >= 0 && !spell_ids_.count(n) && static_cast<uint64_t>(n) < 2 * dense_.size() + (1u << 20)) {
    if (static_cast<size_t>(n) >= dense_.size()) dense_.resize(std::max<size_t>(static_cast<size_t>(n) + 1, dense_.size() * 3 / 2));
    added = dense_[static_cast<size_t>(n)] == 0;
    if (added) dense_[static_cast<size_t>(n)] = next + 1;
    at = dense_[static_cast<size_t>(n)] - 1;
  } else if (n >= 0) {
    auto [it, fresh] = spell_ids_.emplace(n, next);
    at = it->second;
    added = fresh;
  } else {
    auto [it, fresh] = spell_index_.emplace(s.key, next);
    at = it->second;
    added = fresh;
  }
  if (added) spells_.push_back(row);
  else spells_[at] = row;
}

void KpiFold::apply(const Output& o) {
  if (o.event_id != 0 && !seen_events_.insert(o.event_id).second) return;
  auto [k, added] = kind_ids_.emplace(o.kind, static_cast<uint16_t>(kinds_.size()));
  if (added) kinds_.push_back(o.kind);
  outputs_.push_back({o.project_id, day_of(o.date), k->second, o.count});
}

void KpiFold::apply(const Spend& s) {
  if (s.event_id != 0 && !seen_events_.insert(s.event_id).second) return;
  spends_.push_back({s.project_id, day_of(s.date), s.won});
}

std::optional<uint16_t> KpiFold::scope_group(const Scope& s) const {
  if (!s.target_group) return std::nullopt;
  auto it = group_ids_.find(*s.target_group);
  return it == group_ids_.end() ? uint16_t{0xFFFF} : it->second;
}

// Whether a row of `project` (with its own group, 0 for the project's) is in scope.
bool KpiFold::project_in(int64_t project, const Scope& s, uint16_t want_group, uint16_t row_group) const {
  if (s.project_id && *s.project_id != project) return false;
  const bool need_project = s.district_id || s.year || s.target_group;
  if (!need_project) return true;
  auto it = projects_.find(project);
  if (it == projects_.end()) return false;
  if (s.district_id && it->second.info.district_id != *s.district_id) return false;
  if (s.year && it->second.info.year != *s.year) return false;
  if (s.target_group && (row_group ? row_group : it->second.group) != want_group) return false;
  return true;
}

Figures KpiFold::figures(LocalDate as_of, const Scope& scope) const {
  Figures f;
  const int32_t d = day_of(as_of);
  const auto want = scope_group(scope);
  const uint16_t want_group = want.value_or(0);
  jobs_.clear();
  trained_.clear();
  active_.clear();
  // Rows of one project come together in practice: remember the last project's answer.
  int64_t last_project = -1;
  uint16_t last_group = 0;
  bool last_in = false;
  int32_t p_start = INT32_MIN, p_end = INT32_MAX;  // the last project's period
  for (const auto& s : spells_) {
    if (s.removed || s.start > d) continue;
    if (s.project != last_project || s.group != last_group) {
      last_project = s.project;
      last_group = s.group;
      last_in = project_in(s.project, scope, want_group, s.group);
      auto it = projects_.find(s.project);
      p_start = it == projects_.end() ? INT32_MIN : it->second.start;
      p_end = it == projects_.end() ? INT32_MAX : it->second.end;
    }
    if (!last_in || p_start > d) continue;  // clipped to the project's period
    if (s.trainee) trained_.push_back(s.person);
    if (s.end < d || p_end < d) continue;
    active_.push_back(s.person);
    if (s.paid) jobs_.push_back(s.person);
  }
  f.trained = distinct(trained_);
  f.participants = distinct(active_);
  f.jobs = distinct(jobs_);
  // Outputs and spending belong to a project, and so to its main target group.
  std::vector<int64_t> by_kind(kinds_.size(), 0);
  std::vector<bool> kind_seen(kinds_.size(), false);
  last_project = -1;
  for (const auto& o : outputs_) {
    if (o.day > d) continue;
    if (o.project != last_project) {
      last_project = o.project;
      last_in = project_in(o.project, scope, want_group, 0);
    }
    if (!last_in) continue;
    f.outputs += o.count;
    by_kind[o.kind] += o.count;
    kind_seen[o.kind] = true;
  }
  for (size_t k = 0; k < kinds_.size(); ++k) {
    if (kind_seen[k]) f.outputs_by_kind[kinds_[k]] = by_kind[k];
  }
  last_project = -1;
  for (const auto& s : spends_) {
    if (s.day > d) continue;
    if (s.project != last_project) {
      last_project = s.project;
      last_in = project_in(s.project, scope, want_group, 0);
    }
    if (last_in) f.spent_won += s.won;
  }
  f.cost_per_job_won = cost_per_job(f.spent_won, f.jobs);
  return f;
}

std::map<std::string, Figures> KpiFold::breakdown(LocalDate as_of, Dimension by, const Scope& scope) const {
  const Scope any_group{scope.project_id, scope.district_id, std::nullopt, scope.year};
  std::set<std::string> keys;
  for (const auto& [id, p] : projects_) {
    if (!project_in(id, any_group, 0, 0)) continue;
    if (by == Dimension::kProject) keys.insert(std::to_string(id));
    if (by == Dimension::kDistrict) keys.insert(std::to_string(p.info.district_id));
    if (by == Dimension::kTargetGroup) keys.insert(p.info.target_group);  // its outputs and spending count there
  }
  if (by == Dimension::kTargetGroup) {
    for (const auto& s : spells_) {
      if (s.removed || !project_in(s.project, any_group, 0, 0)) continue;
      if (s.group) keys.insert(groups_[s.group]);
    }
  }
  if (by == Dimension::kTargetGroup && scope.target_group) keys = {*scope.target_group};
  std::map<std::string, Figures> out;
  for (const auto& k : keys) {
    Scope s = scope;
    if (by == Dimension::kProject) s.project_id = std::stoll(k);
    if (by == Dimension::kDistrict) s.district_id = std::stoll(k);
    if (by == Dimension::kTargetGroup) s.target_group = k;
    out[k] = figures(as_of, s);
  }
  return out;
}

std::vector<Figures> KpiFold::monthly(int year, LocalDate as_of, const Scope& scope) const {
  std::vector<Figures> out;
  for (int m = 1; m <= 12; ++m) {
    if (LocalDate{year, m, 1} > as_of) break;
    out.push_back(figures(month_end(year, m, as_of), scope));
  }
  return out;
}

}  // namespace dongne::programmes
