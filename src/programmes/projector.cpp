#include "programmes/projector.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace dongne::programmes {

namespace {

constexpr const char* kOwnTypes[] = {"programmes.participant_enrolled", "programmes.participant_updated",
                                     "programmes.participant_removed", "programmes.output_recorded",
                                     "programmes.spending_recorded"};
constexpr int64_t kReadBehind = 500;  // ids re-read behind the cursor (late PostgreSQL commits)

std::optional<LocalDate> date_field(const nlohmann::json& j, const char* key) {
  if (!j.contains(key) || !j[key].is_string()) return std::nullopt;
  auto d = parse_date(j[key].get<std::string>());
  if (!d.ok()) return std::nullopt;
  return d.value();
}

std::string text_of(const nlohmann::json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_boolean()) return v.get<bool>() ? "true" : "false";
  return v.dump();
}

store::Event event_of(const store::Row& r) {
  store::Event e;
  e.id = r.i64(0);
  e.type = r.str(1);
  e.payload_json = r.str(2);
  e.occurred_at_ms = r.i64(3);
  return e;
}

// Every event that may count, in id order, after `after` (up to `limit`).
Result<store::Rows> events_after(store::Tx& tx, int64_t after, const std::set<std::string>& types, int limit) {
  std::string sql = "SELECT id, type, payload, occurred_at FROM events WHERE id > ? AND type IN (";
  std::vector<store::Value> params{after};
  bool first = true;
  for (const auto& t : types) {
    sql += first ? "?" : ", ?";
    first = false;
    params.emplace_back(t);
  }
  sql += ") ORDER BY id LIMIT ?";
  params.emplace_back(static_cast<int64_t>(limit));
  return tx.query(sql, params);
}

// Calls fn(event) for every event of `types` in id order, reading 5,000 at a time.
template <typename F>
Status for_each_event(store::Tx& tx, const std::set<std::string>& types, F&& fn) {
  int64_t after = 0;
  for (;;) {
    DONGNE_ASSIGN_OR_RETURN(auto rows, events_after(tx, after, types, 5000));
    if (rows.empty()) return ok_status();
    for (const auto& r : rows.rows) {
      store::Event e = event_of(r);
      DONGNE_TRY(fn(e));
      after = e.id;
    }
  }
}

std::set<std::string> counted_types(const std::vector<Link>& links, bool own) {
  std::set<std::string> types;
  if (own) types.insert(std::begin(kOwnTypes), std::end(kOwnTypes));
  for (const auto& l : links) types.insert(l.event_type);
  return types;
}

// The queries name programme_projects first with CROSS JOIN, which makes SQLite scan the projects in scope and
// reach their facts through the (project_id, day) indexes (PostgreSQL plans CROSS JOIN + WHERE like any join).
// Scope conditions on p (programme_projects) and the participant group expression.
void add_scope(std::string& sql, std::vector<store::Value>& params, const Scope& s, const std::string& group_expr) {
  if (s.project_id) { sql += " AND p.id = ?"; params.emplace_back(*s.project_id); }
  if (s.district_id) { sql += " AND p.district_id = ?"; params.emplace_back(*s.district_id); }
  if (s.year) { sql += " AND p.year = ?"; params.emplace_back(static_cast<int64_t>(*s.year)); }
  if (s.target_group) { sql += " AND " + group_expr + " = ?"; params.emplace_back(*s.target_group); }
}

const char* kSpellGroup = "(CASE WHEN s.target_group = '' THEN p.target_group ELSE s.target_group END)";

std::string key_expr(std::optional<Dimension> by, bool spells) {
  if (!by) return "''";
  switch (*by) {
    case Dimension::kProject: return "p.id";
    case Dimension::kDistrict: return "p.district_id";
    case Dimension::kTargetGroup: return spells ? kSpellGroup : "p.target_group";
  }
  return "''";
}

// A project's row (id, district_id, year, target_group, start_date, end_date) as the fold's ProjectInfo.
ProjectInfo project_info(const store::Row& r) {
  ProjectInfo p{r.i64(0), r.i64(1), static_cast<int>(r.i64(2)), r.str(3)};
  if (auto d = parse_date(r.str(4)); d.ok()) p.starts = d.value();
  if (auto d = parse_date(r.str(5)); d.ok()) p.ends = d.value();
  return p;
}

Result<std::map<std::string, Figures>> sql_figures(store::Tx& tx, LocalDate as_of, std::optional<Dimension> by,
                                                   const Scope& scope) {
  const std::string day = format_date(as_of);
  std::map<std::string, Figures> out;
  {
    // One scan of the spells in scope: jobs (paid, active), trained (trainees started), participants (active).
    const std::string k = key_expr(by, true);
    // A spell counts only inside its project's period (one with no end does not outlive the project).
    std::string sql = "SELECT " + k + ", COUNT(DISTINCT CASE WHEN s.paid = 1 AND (s.end_date IS NULL OR s.end_date >= ?) "
                      "AND p.end_date >= ? THEN s.person_key END), COUNT(DISTINCT CASE WHEN s.role = 'trainee' THEN "
                      "s.person_key END), COUNT(DISTINCT CASE WHEN (s.end_date IS NULL OR s.end_date >= ?) AND "
                      "p.end_date >= ? THEN s.person_key END) FROM programme_projects p CROSS JOIN kpi_spells s WHERE "
                      "s.project_id = p.id AND s.removed = 0 AND s.start_date <= ? AND p.start_date <= ?";
    std::vector<store::Value> params{day, day, day, day, day, day};
    add_scope(sql, params, scope, kSpellGroup);
    if (by) sql += " GROUP BY " + k;
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
    for (const auto& r : rows.rows) {
      auto& f = out[r.str(0)];
      f.jobs = r.i64(1);
      f.trained = r.i64(2);
      f.participants = r.i64(3);
    }
  }
  {
    const std::string k = key_expr(by, false);
    std::string sql = "SELECT " + k + ", o.kind, SUM(o.count) FROM programme_projects p CROSS JOIN kpi_outputs o WHERE "
                      "o.project_id = p.id AND o.day <= ?";
    std::vector<store::Value> params{day};
    add_scope(sql, params, scope, "p.target_group");
    sql += by ? " GROUP BY " + k + ", o.kind" : std::string(" GROUP BY o.kind");
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
    for (const auto& r : rows.rows) {
      auto& f = out[r.str(0)];
      f.outputs_by_kind[r.str(1)] += r.i64(2);
      f.outputs += r.i64(2);
    }
  }
  {
    const std::string k = key_expr(by, false);
    std::string sql = "SELECT " + k + ", SUM(x.won) FROM programme_projects p CROSS JOIN kpi_spending x WHERE "
                      "x.project_id = p.id AND x.day <= ?";
    std::vector<store::Value> params{day};
    add_scope(sql, params, scope, "p.target_group");
    if (by) sql += " GROUP BY " + k;
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, params));
    for (const auto& r : rows.rows) {
      if (!r.is_null(1)) out[r.str(0)].spent_won = r.i64(1);
    }
  }
  for (auto& [k, f] : out) f.cost_per_job_won = cost_per_job(f.spent_won, f.jobs);
  return out;
}

}  // namespace

bool is_own_event(const std::string& type) {
  return std::find(std::begin(kOwnTypes), std::end(kOwnTypes), type) != std::end(kOwnTypes);
}

Fact fact_of(const store::Event& e, const std::vector<Link>& links) {
  auto j = nlohmann::json::parse(e.payload_json, nullptr, false);
  if (!j.is_object()) return std::monostate{};
  const LocalDate on_day = local_date(e.occurred_at_ms);
  if (e.type.starts_with("programmes.participant_")) {
    Spell s;
    s.key = "p:" + text_of(j.value("participant_id", nlohmann::json(0)));
    s.project_id = j.value("project_id", int64_t{0});
    s.person_key = j.value("person_key", std::string());
    s.role = j.value("role", std::string());
    s.paid = j.value("paid", false);
    s.target_group = j.value("target_group", std::string());
    auto start = date_field(j, "start");
    if (!start || s.project_id == 0 || s.person_key.empty()) return std::monostate{};
    s.start = *start;
    s.end = date_field(j, "end");
    s.removed = e.type == "programmes.participant_removed" || j.value("removed", false);
    return s;
  }
  if (e.type == "programmes.output_recorded") {
    Output o{e.id, j.value("project_id", int64_t{0}), date_field(j, "day").value_or(on_day),
             j.value("kind", std::string()), j.value("count", int64_t{1})};
    if (o.project_id == 0 || o.count <= 0) return std::monostate{};
    return o;
  }
  if (e.type == "programmes.spending_recorded") {
    Spend s{e.id, j.value("project_id", int64_t{0}), date_field(j, "day").value_or(on_day), j.value("won", int64_t{0})};
    if (s.project_id == 0 || s.won == 0) return std::monostate{};  // a refund or correction is negative
    return s;
  }
  for (const auto& l : links) {
    if (l.event_type != e.type || !j.contains(l.match_key) || text_of(j[l.match_key]) != l.match_value) continue;
    if (l.fact == "output") {
      return Output{e.id, l.project_id, date_field(j, "day").value_or(on_day),
                    l.output_kind.empty() ? e.type : l.output_kind, 1};
    }
    Spell s;  // a hire recorded by another pillar: a paid job from its day on
    s.key = "ev:" + std::to_string(e.id);
    s.project_id = l.project_id;
    s.person_key = j.contains("person_key") ? text_of(j["person_key"])
                   : j.contains("seeker_id") ? "seeker:" + text_of(j["seeker_id"])
                   : j.contains("user_id")   ? "u:" + text_of(j["user_id"])
                                             : "ev:" + std::to_string(e.id);
    s.role = "employee";
    s.paid = true;
    s.target_group = j.value("target_group", std::string());
    s.start = date_field(j, "start").value_or(on_day);
    s.end = date_field(j, "end");
    return s;
  }
  return std::monostate{};
}

Status Projector::apply(store::Tx& tx, const Fact& f, int64_t event_id) {
  if (const auto* s = std::get_if<Spell>(&f)) {
    std::optional<std::string> end;
    if (s->end) end = format_date(*s->end);
    return to_status(tx.exec(
        "INSERT INTO kpi_spells (spell_key, project_id, person_key, role, paid, target_group, start_date, end_date, "
        "removed, event_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (spell_key) DO UPDATE SET "
        "project_id = excluded.project_id, person_key = excluded.person_key, role = excluded.role, paid = "
        "excluded.paid, target_group = excluded.target_group, start_date = excluded.start_date, end_date = "
        "excluded.end_date, removed = excluded.removed, event_id = excluded.event_id",
        {s->key, s->project_id, s->person_key, s->role, int64_t{s->paid ? 1 : 0}, s->target_group,
         format_date(s->start), end ? store::Value(*end) : store::Value(nullptr), int64_t{s->removed ? 1 : 0},
         event_id}));
  }
  if (const auto* o = std::get_if<Output>(&f)) {
    return to_status(tx.exec("INSERT INTO kpi_outputs (event_id, project_id, day, kind, count) VALUES (?, ?, ?, ?, ?) "
                             "ON CONFLICT (event_id) DO NOTHING",
                             {o->event_id, o->project_id, format_date(o->date), o->kind, o->count}));
  }
  if (const auto* s = std::get_if<Spend>(&f)) {
    return to_status(tx.exec("INSERT INTO kpi_spending (event_id, project_id, day, won) VALUES (?, ?, ?, ?) "
                             "ON CONFLICT (event_id) DO NOTHING",
                             {s->event_id, s->project_id, format_date(s->date), s->won}));
  }
  return ok_status();
}

Status Projector::apply_own(store::Tx& tx, int64_t event_id, const std::string& type, const std::string& payload,
                            EpochMs at) {
  store::Event e;
  e.id = event_id;
  e.type = type;
  e.payload_json = payload;
  e.occurred_at_ms = at;
  return apply(tx, fact_of(e, {}), event_id);
}

Result<std::vector<Link>> Projector::links(store::Tx& tx) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT project_id, event_type, match_key, match_value, fact, output_kind "
                                              "FROM programme_links ORDER BY id"));
  std::vector<Link> out;
  for (const auto& r : rows.rows) out.push_back({r.i64(0), r.str(1), r.str(2), r.str(3), r.str(4), r.str(5)});
  return out;
}

Result<std::vector<ProjectInfo>> Projector::projects(store::Tx& tx) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, district_id, year, target_group, start_date, end_date FROM programme_projects"));
  std::vector<ProjectInfo> out;
  for (const auto& r : rows.rows) out.push_back(project_info(r));
  return out;
}

Result<int> Projector::catch_up(store::Database& db, int batch) {
  int applied = 0;
  DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
    applied = 0;
    DONGNE_ASSIGN_OR_RETURN(auto ls, links(tx));
    DONGNE_ASSIGN_OR_RETURN(auto cur, tx.query("SELECT last_event_id FROM kpi_cursor WHERE name = 'foreign'"));
    const int64_t cursor = cur.empty() ? 0 : cur[0].i64(0);
    int64_t last = cursor;
    if (!ls.empty()) {
      DONGNE_ASSIGN_OR_RETURN(auto rows, events_after(tx, std::max<int64_t>(0, cursor - kReadBehind),
                                                      counted_types(ls, false), batch));
      for (const auto& r : rows.rows) {
        store::Event e = event_of(r);
        Fact f = fact_of(e, ls);
        if (!std::holds_alternative<std::monostate>(f)) {
          DONGNE_TRY(apply(tx, f, e.id));
          if (e.id > cursor) ++applied;
        }
        last = std::max(last, e.id);
      }
    } else {
      DONGNE_ASSIGN_OR_RETURN(auto mx, tx.query("SELECT MAX(id) FROM events"));
      if (!mx.empty() && !mx[0].is_null(0)) last = std::max(last, mx[0].i64(0) - kReadBehind);
    }
    if (last == cursor) return ok_status();
    return to_status(tx.exec("INSERT INTO kpi_cursor (name, last_event_id) VALUES ('foreign', ?) ON CONFLICT (name) "
                             "DO UPDATE SET last_event_id = excluded.last_event_id",
                             {last}));
  }));
  return applied;
}

Status Projector::recompute(store::Tx& tx) {
  DONGNE_TRY(tx.exec("DELETE FROM kpi_spells"));
  DONGNE_TRY(tx.exec("DELETE FROM kpi_outputs"));
  DONGNE_TRY(tx.exec("DELETE FROM kpi_spending"));
  DONGNE_ASSIGN_OR_RETURN(auto ls, links(tx));
  DONGNE_TRY(for_each_event(tx, counted_types(ls, true),
                             [&](const store::Event& e) { return apply(tx, fact_of(e, ls), e.id); }));
  DONGNE_ASSIGN_OR_RETURN(auto mx, tx.query("SELECT MAX(id) FROM events"));
  const int64_t last = mx.empty() || mx[0].is_null(0) ? 0 : mx[0].i64(0);
  return to_status(tx.exec("INSERT INTO kpi_cursor (name, last_event_id) VALUES ('foreign', ?) ON CONFLICT (name) DO "
                           "UPDATE SET last_event_id = excluded.last_event_id",
                           {last}));
}

Result<KpiFold> Projector::fold(store::Tx& tx) {
  KpiFold fold;
  DONGNE_ASSIGN_OR_RETURN(auto ps, projects(tx));
  for (const auto& p : ps) fold.set_project(p);
  DONGNE_ASSIGN_OR_RETURN(auto ls, links(tx));
  DONGNE_TRY(for_each_event(tx, counted_types(ls, true), [&](const store::Event& e) -> Status {
    Fact f = fact_of(e, ls);
    if (const auto* s = std::get_if<Spell>(&f)) fold.apply(*s);
    if (const auto* o = std::get_if<Output>(&f)) fold.apply(*o);
    if (const auto* x = std::get_if<Spend>(&f)) fold.apply(*x);
    return ok_status();
  }));
  return fold;
}

Result<KpiFold> Projector::fold_of_scope(store::Tx& tx, const Scope& scope) {
  KpiFold fold;
  Scope projects_only = scope;
  projects_only.target_group.reset();  // the fold filters groups itself (a participant's own group counts)
  auto where = [&](std::string sql, std::vector<store::Value>& params) {
    add_scope(sql, params, projects_only, "p.target_group");
    return sql;
  };
  std::vector<store::Value> params;
  DONGNE_ASSIGN_OR_RETURN(auto ps, tx.query(where("SELECT p.id, p.district_id, p.year, p.target_group, p.start_date, "
                                                  "p.end_date FROM programme_projects p WHERE 1 = 1", params), params));
  for (const auto& r : ps.rows) fold.set_project(project_info(r));
  auto date_of = [](const std::string& s) {
    auto d = parse_date(s);
    return d.ok() ? d.value() : LocalDate{};
  };
  params.clear();
  DONGNE_ASSIGN_OR_RETURN(auto ss, tx.query(where("SELECT s.spell_key, s.project_id, s.person_key, s.role, s.paid, "
                                                  "s.target_group, s.start_date, s.end_date, s.removed FROM "
                                                  "programme_projects p CROSS JOIN kpi_spells s WHERE s.project_id = p.id",
                                                  params), params));
  for (const auto& r : ss.rows) {
    Spell s{r.str(0), r.i64(1), r.str(2), r.str(3), r.i64(4) != 0, r.str(5), date_of(r.str(6)), std::nullopt, r.i64(8) != 0};
    if (!r.is_null(7)) s.end = date_of(r.str(7));
    fold.apply(s);
  }
  params.clear();
  DONGNE_ASSIGN_OR_RETURN(auto os, tx.query(where("SELECT o.event_id, o.project_id, o.day, o.kind, o.count FROM "
                                                  "programme_projects p CROSS JOIN kpi_outputs o WHERE o.project_id = p.id",
                                                  params), params));
  for (const auto& r : os.rows) fold.apply(Output{r.i64(0), r.i64(1), date_of(r.str(2)), r.str(3), r.i64(4)});
  params.clear();
  DONGNE_ASSIGN_OR_RETURN(auto xs, tx.query(where("SELECT x.event_id, x.project_id, x.day, x.won FROM programme_projects p "
                                                  "CROSS JOIN kpi_spending x WHERE x.project_id = p.id",
                                                  params), params));
  for (const auto& r : xs.rows) fold.apply(Spend{r.i64(0), r.i64(1), date_of(r.str(2)), r.i64(3)});
  return fold;
}

Result<Figures> Projector::figures(store::Tx& tx, LocalDate as_of, const Scope& scope) {
  DONGNE_ASSIGN_OR_RETURN(auto m, sql_figures(tx, as_of, std::nullopt, scope));
  return m.empty() ? Figures{} : m.begin()->second;
}

Result<std::map<std::string, Figures>> Projector::breakdown(store::Tx& tx, LocalDate as_of, Dimension by,
                                                            const Scope& scope) {
  return sql_figures(tx, as_of, by, scope);
}

}  // namespace dongne::programmes
