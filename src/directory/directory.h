// The directory: organisations (city, districts, centres, facilities, operators, employers, schools),
// occupation codes and the public-holiday calendar; reads for everyone, idempotent upserts for seeding.
// Thread-safety: safe to share; the holiday calendar is immutable after construction.
#pragma once

#include <optional>
#include <string>
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
};

nlohmann::json to_json(const Organisation& o);

class Directory {
 public:
  Directory(store::Database& db, HolidayCalendar holidays) : db_(db), holidays_(std::move(holidays)) {}
  Result<std::vector<Organisation>> list(const std::optional<std::string>& kind);
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
};

void add_routes(http::Router& router, Directory& dir);

// The organisation tree as the trust boundary (DESIGN.md): a grant names one node and covers everything below it
// (core/roles.h, Principal::covers). The kind of one organisation (nullopt: there is none), and the ids of every
// organisation below one (not itself; unordered). One recursive query each, inside the caller's transaction.
Result<std::optional<std::string>> org_kind(store::Tx& tx, int64_t id);
Result<std::vector<int64_t>> orgs_below(store::Tx& tx, int64_t id);

}  // namespace dongne::directory
