#include "core/roles.h"

#include <algorithm>

namespace dongne {

namespace {
constexpr std::array<std::string_view, 9> kNames = {
    "resident", "counsellor", "employer", "facility_manager", "operator",
    "driver",   "district_officer", "city_officer", "admin"};
}

std::string_view role_name(Role r) { return kNames[static_cast<size_t>(r)]; }

std::optional<Role> parse_role(std::string_view s) {
  for (size_t i = 0; i < kNames.size(); ++i)
    if (kNames[i] == s) return static_cast<Role>(i);
  return std::nullopt;
}

std::vector<std::string_view> scope_kinds_for(Role r) {
  switch (r) {
    case Role::kCounsellor: return {"centre"};
    case Role::kEmployer: return {"employer"};
    case Role::kFacilityManager: return {"facility", "city"};
    case Role::kOperator:
    case Role::kDriver: return {"operator"};
    case Role::kDistrictOfficer: return {"district"};
    case Role::kCityOfficer: return {"city"};
    case Role::kResident:
    case Role::kAdmin: return {};
  }
  return {};
}

bool Principal::covers(Role r, int64_t owner) const {
  for (const auto& g : grants) {
    if (g.role == Role::kAdmin) return true;
    if (g.role != r || g.scope_kind.empty() || owner <= 0) continue;
    if (g.scope_id == owner || std::binary_search(g.below.begin(), g.below.end(), owner)) return true;
  }
  return false;
}

bool Principal::acts_on(const std::vector<Role>& roles, const Owner& owner) const {
  if (has(Role::kAdmin)) return true;
  for (const auto& person : owner.people) {
    if (person.user_id == user_id && has(person.role) &&
        std::find(roles.begin(), roles.end(), person.role) != roles.end())
      return true;
  }
  for (Role r : roles) {
    for (int64_t org : owner.orgs)
      if (covers(r, org)) return true;
  }
  return false;
}

std::vector<int64_t> Principal::orgs_covered(Role r) const {
  std::vector<int64_t> out;
  for (const auto& g : grants) {
    if (g.role != r || g.scope_id <= 0) continue;
    out.push_back(g.scope_id);
    out.insert(out.end(), g.below.begin(), g.below.end());
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace dongne
