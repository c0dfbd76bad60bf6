// The directory: organisations (city, districts, centres, facilities, operators, employers, schools),
// occupation codes and the public-holiday calendar; reads for everyone, idempotent upserts for seeding.
// Thread-safety: safe to share; the holiday calendar is immutable after construction.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/result.h"
#include "http/router.h"
#include "store/database.h"

namespace dongne::directory {

struct Organisation {
  int64_t id = 0;
  std::string kind;
  std::string code;
  std::string name_ko;
  std::string name_en;
  std::optional<int64_t> parent_id;
  std::string address;
  bool demo = false;
  bool retired = false;
};

// A pillar's answer to "does this organisation still own open records?" (nullopt: none; else what, in Korean and
// English, e.g. {"진행 중인 사례 3건", "3 open cases"}). Retiring asks every registered check.
using OpenRecordsCheck =
    std::function<Result<std::optional<std::pair<std::string, std::string>>>(store::Tx&, int64_t org_id)>;

nlohmann::json to_json(const Organisation& o);

class Directory {
 public:
  Directory(store::Database& db, HolidayCalendar holidays) : db_(db), holidays_(std::move(holidays)) {}
  // Active organisations (and retired ones too when include_retired).
  Result<std::vector<Organisation>> list(const std::optional<std::string>& kind, bool include_retired = false);
  Result<std::optional<Organisation>> by_id(int64_t id);

  // Administration (admin.cpp), each change an event (directory.*, docs/events.md). The tree's shape: a city has
  // no parent, a district's parent is a city, anything else hangs under a district or a city; a code is unique
  // ([a-z0-9-], 2-60); a retired parent takes no children. Retiring refuses (409 has_open_records, nothing
  // changes) while active children, role grants or any pillar's open records remain.
  Result<Organisation> create(int64_t actor, Organisation o);
  Result<Organisation> rename(int64_t actor, int64_t id, const std::optional<std::string>& name_ko,
                              const std::optional<std::string>& name_en, const std::optional<std::string>& address);
  Result<Organisation> retire(int64_t actor, int64_t id);
  // Before serving (not thread-safe).
  void add_open_records_check(OpenRecordsCheck check) { checks_.push_back(std::move(check)); }
  Result<std::optional<Organisation>> by_code(const std::string& code);
  // Inserts or updates by code; returns the id.
  Result<int64_t> upsert(store::Tx& tx, const Organisation& o, const std::optional<std::string>& parent_code);
  Status upsert_occupation(store::Tx& tx, const std::string& code, const std::string& ko, const std::string& en,
                           const std::optional<std::string>& parent);
  Result<std::vector<nlohmann::json>> occupations();
  const HolidayCalendar& holidays() const { return holidays_; }

 private:
  store::Database& db_;
  HolidayCalendar holidays_;
  std::vector<OpenRecordsCheck> checks_;
};

void add_routes(http::Router& router, Directory& dir);
// POST /api/v1/admin/organisations, PATCH /api/v1/admin/organisations/{id}, POST .../{id}/retire (admin.cpp).
void add_admin_routes(http::Router& router, Directory& dir);

// The organisation tree as the trust boundary (DESIGN.md): a grant names one node and covers everything below it
// (core/roles.h, Principal::covers). The kind of one organisation (nullopt: there is none, or it is retired), and the ids of every
// organisation below one (not itself; unordered). One recursive query each, inside the caller's transaction.
Result<std::optional<std::string>> org_kind(store::Tx& tx, int64_t id);
// An OpenRecordsCheck from one counting query ("SELECT COUNT(*) FROM t WHERE owner = ? AND open"), naming what is
// counted: e.g. count_open(tx, sql, org, "진행 중인 사례", "open cases") -> {"진행 중인 사례 3건", "3 open cases"}.
Result<std::optional<std::pair<std::string, std::string>>> count_open(store::Tx& tx, const std::string& sql, int64_t org,
                                                                       const std::string& ko, const std::string& en);
Result<std::vector<int64_t>> orgs_below(store::Tx& tx, int64_t id);

}  // namespace dongne::directory
