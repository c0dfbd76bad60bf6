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

// A role held within a scope: one node of the organisation tree (city -> district -> centres, facilities,
// employers, operators), which the grant covers with everything under it (DESIGN.md, the trust boundary):
// e.g. facility_manager of facility 3, district_officer of district 12, city_officer of city 1 (that city's
// districts and everything under them, never another city's).
// scope_kind is the node's kind ("city", "district", "centre", "facility", "operator", "employer"), or "" for the
// roles that have no scope (resident, admin). Which kinds each role takes: scope_kinds_for().
struct Grant {
  Role role = Role::kResident;
  std::string scope_kind;
  int64_t scope_id = 0;
  std::string scope_name;
  int64_t id = 0;  // the stored grant (role_grants.id), which revoking names; 0 for a grant not yet stored
  // The organisations under the scope, sorted (filled from the directory's tree when the caller is
  // authenticated); empty: the scope alone.
  std::vector<int64_t> below = {};
};

// The kinds of scope a role is granted in, the usual one first (empty for resident and admin, which take none). A
// facility manager may also hold a whole city (every facility under it).
std::vector<std::string_view> scope_kinds_for(Role r);

// Who owns a record, as its pillar says (store/owners.h): the organisations whose staff may act on it (a case's
// centre; a referral's centre and employer; a proposal's district and its call's city) and the people who may act
// on it themselves, each in one role (the seeker of a case as a resident, the driver of a vehicle, a call's
// assigned reviewer as a district officer).
struct Owner {
  struct Person {
    int64_t user_id = 0;
    Role role = Role::kResident;
  };
  std::vector<int64_t> orgs;
  std::vector<Person> people;
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
  // May this principal act in role r on a record owned by organisation `owner`? True for an admin, and for a
  // grant of role r whose scope is the owner or lies above it in the tree. An unscoped grant of a staff role
  // covers nothing. The one place that decides it; each pillar only says who owns its record.
  bool covers(Role r, int64_t owner) const;
  // May this principal act, in one of `roles`, on a record with this owner? An admin may; a listed person may, in
  // her listed role if it is one of `roles` and she holds it; a grant of one of `roles` covering one of the owner's
  // organisations may.
  bool acts_on(const std::vector<Role>& roles, const Owner& owner) const;
  // The organisations this principal's grants of role r cover (each scope and everything under it), sorted: what a
  // list filters by. Empty for a role she does not hold; an admin's lists are not filtered (check has(kAdmin)).
  std::vector<int64_t> orgs_covered(Role r) const;
};

}  // namespace dongne
