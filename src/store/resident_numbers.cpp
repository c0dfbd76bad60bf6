#include "store/resident_numbers.h"

#include <nlohmann/json.hpp>

#include "core/privacy.h"

namespace dongne::store {

namespace {

constexpr const char* kModule = "privacy";
constexpr int64_t kVersion = 1;

bool skipped_table(const std::string& t) {
  return t == "events" || t == "schema_migrations" || t.rfind("sqlite_", 0) == 0;
}

bool skipped_column(const std::string& c) {
  for (const char* s : {"hash", "token", "sha", "seed", "base64", "secret"})
    if (c.find(s) != std::string::npos) return true;
  return false;
}

// (table, column) of every text column.
Result<std::vector<std::pair<std::string, std::string>>> text_columns(Tx& tx, Dialect d) {
  std::vector<std::pair<std::string, std::string>> out;
  Rows rows;
  if (d == Dialect::kSqlite) {
    DONGNE_ASSIGN_OR_RETURN(rows, tx.query("SELECT m.name, p.name, UPPER(p.type) FROM sqlite_master m, pragma_table_info(m.name) p "
                                           "WHERE m.type = 'table' ORDER BY m.name, p.cid"));
    for (const auto& r : rows.rows) {
      const std::string type = r.str(2);
      if (type.empty() || type.find("TEXT") != std::string::npos || type.find("CHAR") != std::string::npos)
        out.emplace_back(r.str(0), r.str(1));
    }
  } else {
    DONGNE_ASSIGN_OR_RETURN(rows, tx.query("SELECT table_name, column_name FROM information_schema.columns "
                                           "WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying') "
                                           "ORDER BY table_name, ordinal_position"));
    for (const auto& r : rows.rows) out.emplace_back(r.str(0), r.str(1));
  }
  std::erase_if(out, [](const auto& tc) { return skipped_table(tc.first) || skipped_column(tc.second); });
  return out;
}

// Every number in a JSON document masked: in its strings with '*', and a bare number's digits with 9s (no date has
// them), so that the document stays one, with its keys in their order.
void mask_json(nlohmann::ordered_json& j) {
  if (j.is_string()) {
    j = mask_rrns(j.get<std::string>());
  } else if (j.is_number_integer() || j.is_number_unsigned()) {
    const std::string digits = j.dump();
    if (looks_like_rrn(digits)) j = nlohmann::ordered_json::parse(mask_rrns(digits, '9'));
  } else if (j.is_structured()) {
    for (auto& v : j) mask_json(v);
  }
}

std::string masked(const std::string& v) {
  if (!v.empty() && (v.front() == '{' || v.front() == '[')) {
    auto j = nlohmann::ordered_json::parse(v, nullptr, /*allow_exceptions=*/false);
    if (!j.is_discarded()) {
      mask_json(j);
      return j.dump();
    }
  }
  return mask_rrns(v);
}

}  // namespace

Result<MaskReport> mask_stored_resident_numbers(Database& db, int64_t now_ms) {
  MaskReport report;
  DONGNE_TRY(db.transact([&](Tx& tx) -> Status {
    report = MaskReport{};
    DONGNE_ASSIGN_OR_RETURN(auto done, tx.query("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?",
                                                {std::string(kModule), kVersion}));
    if (!done.empty()) return ok_status();
    // The ledger row first: a second instance starting at the same moment waits on it, then finds it.
    DONGNE_TRY(tx.exec("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                       {std::string(kModule), kVersion, std::string("0001_mask_resident_numbers"), now_ms}));
    report.ran = true;
    DONGNE_ASSIGN_OR_RETURN(auto columns, text_columns(tx, db.dialect()));
    for (const auto& [table, column] : columns) {
      const std::string q = "\"" + column + "\"", t = "\"" + table + "\"";
      DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT DISTINCT " + q + " FROM " + t + " WHERE " + q + " IS NOT NULL"));
      bool found = false;
      for (const auto& r : rows.rows) {
        const std::string v = r.str(0);
        if (!looks_like_rrn(v)) continue;
        DONGNE_TRY(tx.exec("UPDATE " + t + " SET " + q + " = ? WHERE " + q + " = ?", {masked(v), v}));
        ++report.values;
        found = true;
      }
      if (found) report.columns.push_back(table + "." + column);
    }
    if (report.values == 0) return ok_status();
    nlohmann::json payload = {{"values", report.values}, {"columns", report.columns}};
    return to_status(tx.append_event({"privacy.resident_numbers_masked", "database", "1", payload.dump(), std::nullopt, now_ms}));
  }));
  return report;
}

}  // namespace dongne::store
