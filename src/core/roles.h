// Roles a person may hold, each with a scope (DESIGN.md "Who uses it"). A route declares which roles may call it;
// services check scopes. Thread-safety: constants and pure functions.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dongne {

enum class Role : uint8_t {
  kResident,
  kCounsellor,
  kEmployer,
  kFacilityManager,
  kOperator,
  kDriver,
  kDistrictOfficer,
  kCityOfficer,
  kAdmin,
};

inline constexpr std::array<Role, 9> kAllRoles = {
    Role::kResident,  Role::kCounsellor,      Role::kEmployer,    Role::kFacilityManager, Role::kOperator,
    Role::kDriver,    Role::kDistrictOfficer, Role::kCityOfficer, Role::kAdmin};

std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view s);

// A role held within a scope: e.g. facility_manager of facility 3, district_officer of district "yeonsu".
// scope_kind is "city", "district", "centre", "facility", "operator", "employer" or "" (unscoped, e.g. resident).
struct Grant {
  Role role = Role::kResident;
  std::string scope_kind;
  int64_t scope_id = 0;
  std::string scope_name;
  int64_t id = 0;  // the stored grant (role_grants.id), which revoking names; 0 for a grant not yet stored
};

// Who is calling. Anonymous callers have no Principal.
struct Principal {
  int64_t user_id = 0;
  std::string name;
  std::string locale = "ko";
  std::vector<Grant> grants;
  int64_t session_id = 0;
  bool via_bearer = false;
  bool has(Role r) const {
    for (const auto& g : grants) if (g.role == r) return true;
    return false;
  }
  // True when the principal holds role r for (scope_kind, scope_id), or holds it city-wide, or is admin.
  bool has_scope(Role r, std::string_view scope_kind, int64_t scope_id) const;
};

}  // namespace dongne
