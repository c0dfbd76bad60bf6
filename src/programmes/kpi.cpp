#include "programmes/kpi.h"

#include <set>

namespace dongne::programmes {

bool is_target_group(const std::string& g) {
  for (const char* t : kTargetGroups) {
    if (g == t) return true;
  }
  return false;
}

LocalDate month_end(int year, int month, LocalDate as_of) {
  LocalDate end{year, month, days_in_month(year, month)};
  return as_of < end ? as_of : end;
}

void KpiFold::apply(const Spell& s) { spells_[s.key] = s; }

void KpiFold::apply(const Output& o) {
  if (o.event_id != 0 && !seen_events_.emplace(o.event_id, true).second) return;
  outputs_.push_back(o);
}

void KpiFold::apply(const Spend& s) {
  if (s.event_id != 0 && !seen_events_.emplace(s.event_id, true).second) return;
  spends_.push_back(s);
}

std::string KpiFold::group_of(const Spell& s) const {
  if (!s.target_group.empty()) return s.target_group;
  auto it = projects_.find(s.project_id);
  return it == projects_.end() ? std::string() : it->second.target_group;
}

bool KpiFold::in_scope(int64_t project_id, const std::string& group, const Scope& s) const {
  if (s.project_id && *s.project_id != project_id) return false;
  if (s.district_id || s.year) {
    auto it = projects_.find(project_id);
    if (it == projects_.end()) return false;
    if (s.district_id && it->second.district_id != *s.district_id) return false;
    if (s.year && it->second.year != *s.year) return false;
  }
  if (s.target_group && *s.target_group != group) return false;
  return true;
}

Figures KpiFold::figures(LocalDate as_of, const Scope& scope) const {
  Figures f;
  std::set<std::string> jobs, trained, active;
  for (const auto& [key, s] : spells_) {
    if (s.removed || s.start > as_of) continue;
    if (!in_scope(s.project_id, group_of(s), scope)) continue;
    if (s.role == "trainee") trained.insert(s.person_key);
    const bool on = !s.end || *s.end >= as_of;
    if (!on) continue;
    active.insert(s.person_key);
    if (s.paid) jobs.insert(s.person_key);
  }
  f.jobs = static_cast<int64_t>(jobs.size());
  f.trained = static_cast<int64_t>(trained.size());
  f.participants = static_cast<int64_t>(active.size());
  // Outputs and spending belong to a project, and so to its main target group.
  auto project_group = [&](int64_t pid) {
    auto it = projects_.find(pid);
    return it == projects_.end() ? std::string() : it->second.target_group;
  };
  for (const auto& o : outputs_) {
    if (o.date > as_of || !in_scope(o.project_id, project_group(o.project_id), scope)) continue;
    f.outputs += o.count;
    f.outputs_by_kind[o.kind] += o.count;
  }
  for (const auto& s : spends_) {
    if (s.date > as_of || !in_scope(s.project_id, project_group(s.project_id), scope)) continue;
    f.spent_won += s.won;
  }
  f.cost_per_job_won = f.jobs > 0 ? f.spent_won / f.jobs : 0;
  return f;
}

std::map<std::string, Figures> KpiFold::breakdown(LocalDate as_of, Dimension by, const Scope& scope) const {
  const Scope any_group{scope.project_id, scope.district_id, std::nullopt, scope.year};
  std::set<std::string> keys;
  for (const auto& [id, p] : projects_) {
    if (!in_scope(id, p.target_group, any_group)) continue;
    if (by == Dimension::kProject) keys.insert(std::to_string(id));
    if (by == Dimension::kDistrict) keys.insert(std::to_string(p.district_id));
    if (by == Dimension::kTargetGroup) keys.insert(p.target_group);  // its outputs and spending count there
  }
  if (by == Dimension::kTargetGroup) {
    for (const auto& [key, s] : spells_) {
      if (!s.removed && in_scope(s.project_id, group_of(s), any_group))
        keys.insert(group_of(s));
    }
  }
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
