#include "store/migrations.h"

#include <algorithm>
#include <charconv>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "store/sql_text.h"

namespace dongne::store {
namespace {

struct Parsed {
  std::string module;
  int version = 0;
  std::string name;     // "0001_events"
  std::string dialect;  // "", "sqlite" or "pg"
};

std::optional<Parsed> parse_path(std::string_view path) {
  size_t slash = path.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  Parsed p;
  p.module = std::string(path.substr(0, slash));
  std::string_view rest = path.substr(slash + 1);
  if (!rest.starts_with("migrations/")) return std::nullopt;
  std::string_view file = rest.substr(11);
  if (!file.ends_with(".sql") || file.find('/') != std::string_view::npos) return std::nullopt;
  file.remove_suffix(4);
  if (file.ends_with(".sqlite")) {
    p.dialect = "sqlite";
    file.remove_suffix(7);
  } else if (file.ends_with(".pg")) {
    p.dialect = "pg";
    file.remove_suffix(3);
  }
  if (file.size() < 6 || file[4] != '_') return std::nullopt;
  auto [end, ec] = std::from_chars(file.data(), file.data() + 4, p.version);
  if (ec != std::errc() || end != file.data() + 4 || p.version <= 0) return std::nullopt;
  p.name = std::string(file);
  return p;
}

int module_rank(const std::string& m) {
  if (m == "store") return 0;
  if (m == "core") return 1;
  if (m == "auth") return 2;
  return 3;
}

bool apply_order(const MigrationInfo& a, const MigrationInfo& b) {
  return std::tuple(module_rank(a.module), a.module, a.version) <
         std::tuple(module_rank(b.module), b.module, b.version);
}

Error in_migration(const MigrationInfo& m, Error e) {
  e.message_en = "migration " + m.module + "/" + m.name + ": " + e.message_en;
  e.message_ko = "데이터베이스 스키마 변경(" + m.module + "/" + m.name + ")에 실패했습니다: " + e.message_ko;
  return e;
}

// `-- requires: directory, auth/0002` lines: whole modules or single migrations this one must follow.
std::vector<std::string> explicit_requires(const std::string& sql) {
  std::vector<std::string> out;
  size_t pos = 0;
  while ((pos = sql.find("-- requires:", pos)) != std::string::npos) {
    size_t end = sql.find('\n', pos);
    std::string line = sql.substr(pos + 12, end == std::string::npos ? std::string::npos : end - pos - 12);
    std::string item;
    for (char ch : line + ",") {
      if (ch == ',' || ch == ' ' || ch == '\t' || ch == '\r') {
        if (!item.empty()) out.push_back(item);
        item.clear();
      } else {
        item += ch;
      }
    }
    pos += 12;
  }
  return out;
}

// Reorders a plan (given in default order) so that each migration follows: the previous version of its module,
// the migration that creates any table it references, and what its `-- requires:` lines name. Among migrations
// free to go, the default order decides. A cycle is an error.
Result<std::vector<Migration>> order_by_dependencies(std::vector<Migration> plan) {
  const size_t n = plan.size();
  std::vector<std::vector<size_t>> next(n);
  std::vector<int> indegree(n, 0);
  auto edge = [&](size_t from, size_t to) {
    if (from == to) return;
    next[from].push_back(to);
    ++indegree[to];
  };
  std::vector<sql::TableRefs> refs(n);
  std::map<std::string, size_t> creator, last_of_module;
  std::map<std::string, size_t> by_name;  // "module/NNNN"
  for (size_t i = 0; i < n; ++i) {
    refs[i] = sql::table_refs(plan[i].sql);
    for (const auto& t : refs[i].creates) creator.emplace(t, i);
    const std::string& mod = plan[i].info.module;
    if (auto it = last_of_module.find(mod); it != last_of_module.end()) edge(it->second, i);
    last_of_module[mod] = i;
    by_name[mod + "/" + plan[i].info.name.substr(0, 4)] = i;
  }
  for (size_t j = 0; j < n; ++j) {
    for (const auto& t : refs[j].uses) {
      auto it = creator.find(t);
      if (it != creator.end()) edge(it->second, j);
    }
    for (const auto& req : explicit_requires(plan[j].sql)) {
      auto m = req.find('/') == std::string::npos ? last_of_module.find(req) : by_name.find(req);
      if (m == last_of_module.end() || m == by_name.end()) {
        return in_migration(plan[j].info, Error::internal("requires unknown migration or module '" + req + "'"));
      }
      edge(m->second, j);
    }
  }
  std::set<size_t> ready;  // indices into the default order
  for (size_t i = 0; i < n; ++i) {
    if (indegree[i] == 0) ready.insert(i);
  }
  std::vector<Migration> out;
  out.reserve(n);
  std::vector<bool> done(n, false);
  while (!ready.empty()) {
    const size_t i = *ready.begin();
    ready.erase(ready.begin());
    done[i] = true;
    for (size_t j : next[i]) {
      if (--indegree[j] == 0) ready.insert(j);
    }
    out.push_back(std::move(plan[i]));
  }
  if (out.size() != n) {
    std::string stuck;
    for (size_t i = 0; i < n; ++i) {
      if (!done[i]) stuck += " " + plan[i].info.module + "/" + plan[i].info.name;
    }
    return Error::internal("migration dependency cycle among:" + stuck);
  }
  return out;
}

}  // namespace

Result<std::vector<Migration>> plan_migrations(const std::vector<EmbeddedFile>& files, Dialect dialect) {
  struct Slot {
    const EmbeddedFile* generic = nullptr;
    const EmbeddedFile* mine = nullptr;
    std::string name;
  };
  const std::string mine = dialect == Dialect::kSqlite ? "sqlite" : "pg";
  std::map<std::pair<std::string, int>, Slot> slots;
  for (const EmbeddedFile& f : files) {
    std::optional<Parsed> p = parse_path(f.path);
    if (!p) return Error::internal(std::string("bad migration file name (want NNNN_name[.sqlite|.pg].sql): ") + f.path);
    Slot& s = slots[{p->module, p->version}];
    if (!s.name.empty() && s.name != p->name) {
      return Error::internal("two migrations with version " + std::to_string(p->version) + " in module " +
                             p->module + ": " + s.name + " and " + p->name);
    }
    s.name = p->name;
    if (p->dialect.empty()) {
      s.generic = &f;
    } else if (p->dialect == mine) {
      s.mine = &f;
    }
  }
  std::vector<Migration> plan;
  for (auto& [key, s] : slots) {
    Migration m;
    m.info = {key.first, key.second, s.name};
    const EmbeddedFile* f = s.mine ? s.mine : s.generic;
    if (f) {
      Result<std::string> sql = sql::expand_macros(f->text, dialect);
      if (!sql.ok()) return in_migration(m.info, std::move(sql).error());
      m.sql = std::move(sql).value();
    }
    plan.push_back(std::move(m));
  }
  std::stable_sort(plan.begin(), plan.end(),
                   [](const Migration& a, const Migration& b) { return apply_order(a.info, b.info); });
  return order_by_dependencies(std::move(plan));
}

Status apply_migrations(const std::vector<Migration>& plan, const TxRunner& run_tx) {
  DONGNE_TRY(run_tx([](Tx& tx) {
    return tx.exec_script(
        "CREATE TABLE IF NOT EXISTS schema_migrations (module TEXT NOT NULL, version INTEGER NOT NULL, "
        "name TEXT NOT NULL, applied_at BIGINT NOT NULL, PRIMARY KEY (module, version))");
  }));
  for (const Migration& m : plan) {
    Status s = run_tx([&m](Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(Rows done, tx.query("SELECT 1 FROM schema_migrations WHERE module = ? AND version = ?",
                                                  {m.info.module, int64_t{m.info.version}}));
      if (!done.empty()) return {};
      if (!sql::trim_statement_end(m.sql).empty()) DONGNE_TRY(tx.exec_script(m.sql));
      const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::system_clock::now().time_since_epoch())
                              .count();
      DONGNE_TRY(tx.exec("INSERT INTO schema_migrations (module, version, name, applied_at) VALUES (?, ?, ?, ?)",
                         {m.info.module, int64_t{m.info.version}, m.info.name, now}));
      return {};
    });
    if (!s.ok()) return in_migration(m.info, std::move(s).error());
  }
  return {};
}

std::vector<MigrationInfo> read_applied(Database& db) {
  std::vector<MigrationInfo> out;
  Status s = db.read([&out](Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(Rows r, tx.query("SELECT module, version, name FROM schema_migrations"));
    for (const Row& row : r.rows) out.push_back({row.str(0), static_cast<int>(row.i64(1)), row.str(2)});
    return {};
  });
  if (!s.ok()) out.clear();
  std::sort(out.begin(), out.end(), [](const MigrationInfo& a, const MigrationInfo& b) { return apply_order(a, b); });
  return out;
}

}  // namespace dongne::store
