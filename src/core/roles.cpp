#include "core/roles.h"

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

bool Principal::has_scope(Role r, std::string_view scope_kind, int64_t scope_id) const {
  for (const auto& g : grants) {
    if (g.role == Role::kAdmin) return true;
    if (g.role != r) continue;
    if (g.scope_kind.empty() || g.scope_kind == "city") return true;
    if (g.scope_kind == scope_kind && g.scope_id == scope_id) return true;
  }
  return false;
}

}  // namespace dongne
