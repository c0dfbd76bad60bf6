// Programme KPIs at scale: a synthetic national load (local governments x years x projects x participants, with
// monthly output and spending events), folded from scratch by the pure engine (events per second), and loaded into
// a store's projection tables to time the dashboard's queries for one local government and one year (p50/p99).
//   programmes_kpi_bench [--governments N] [--years N] [--projects N] [--people N] [--store URL] [--queries N]
//                        [--json FILE]
// Without --store only the fold runs. The store is written with multi-row INSERTs of 500 rows (not COPY).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "programmes/kpi.h"
#include "programmes/projector.h"
#include "store/database.h"

using namespace dongne;
using namespace dongne::programmes;
using Clock = std::chrono::steady_clock;

namespace {

struct Shape {
  int governments = 226, years = 10, projects = 50, people = 1000;
};

const char* kGroups[] = {"career_break_women", "new_middle_aged", "seniors", "marriage_migrants", "nk_defectors", "youth"};

// Calls f(spell) and f(output)/f(spend) for every synthetic fact in a deterministic order.
template <typename F>
void generate(const Shape& s, F&& f) {
  std::mt19937_64 rng(20190831);
  int64_t event = 0;
  for (int g = 0; g < s.governments; ++g) {
    for (int y = 0; y < s.years; ++y) {
      const int year = 2019 + y;
      for (int p = 0; p < s.projects; ++p) {
        const int64_t project = (static_cast<int64_t>(g) * s.years + y) * s.projects + p + 1;
        ProjectInfo info{project, g + 1, year, kGroups[project % 6]};
        f(info);
        for (int k = 0; k < s.people; ++k) {
          Spell sp;
          sp.key = "p:" + std::to_string(++event);
          sp.project_id = project;
          sp.person_key = "g" + std::to_string(g) + ":" + std::to_string(rng() % (s.people * s.projects * 4));
          sp.role = k % 5 == 0 ? "trainee" : (k % 11 == 0 ? "volunteer" : "employee");
          sp.paid = sp.role != "volunteer";
          sp.start = LocalDate{year, static_cast<int>(1 + rng() % 12), static_cast<int>(1 + rng() % 28)};
          if (rng() % 3 == 0) sp.end = LocalDate{year, 12, 31};
          f(sp);
        }
        for (int m = 1; m <= 12; ++m) {
          f(Output{++event, project, LocalDate{year, m, 28}, "visit", static_cast<int64_t>(10 + rng() % 90)});
          f(Spend{++event, project, LocalDate{year, m, 28}, static_cast<int64_t>(1'000'000 + rng() % 9'000'000)});
        }
      }
    }
  }
}

double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

double pct(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

// Multi-row INSERT buffers, flushed every 500 rows in the caller's transaction.
struct Batch {
  std::string head;
  int cols;
  std::vector<store::Value> params;
  int rows = 0;
  Status add(store::Tx& tx, std::vector<store::Value> row) {
    for (auto& v : row) params.push_back(std::move(v));
    if (++rows == 500) return flush(tx);
    return ok_status();
  }
  Status flush(store::Tx& tx) {
    if (rows == 0) return ok_status();
    std::string sql = head;
    std::string one = "(" + std::string(static_cast<size_t>(cols) * 3 - 2, ' ') + ")";
    for (int r = 0; r < rows; ++r) {
      sql += r ? ", (" : " (";
      for (int c = 0; c < cols; ++c) sql += c ? ", ?" : "?";
      sql += ")";
    }
    auto st = to_status(tx.exec(sql, params));
    params.clear();
    rows = 0;
    return st;
  }
};

Status load(store::Database& db, const Shape& s, int64_t* loaded) {
  // Organisations and calls the projects point at.
  DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
    DONGNE_TRY(tx.exec("INSERT INTO organisations (id, kind, code, name_ko, name_en) VALUES (1000000, 'city', 'bench-nation', "
                       "'전국', 'nation')"));
    for (int g = 1; g <= s.governments; ++g) {
      DONGNE_TRY(tx.exec("INSERT INTO organisations (id, kind, code, name_ko, name_en, parent_id) VALUES (?, 'district', ?, "
                         "?, ?, 1000000)",
                         {int64_t{g}, "bench-" + std::to_string(g), "지자체 " + std::to_string(g), "LG " + std::to_string(g)}));
    }
    for (int y = 0; y < s.years; ++y) {
      DONGNE_TRY(tx.exec("INSERT INTO programme_calls (id, city_id, year, title_ko, title_en, envelope_won, city_share_pct, "
                         "criteria, deadline, created_at) VALUES (?, 1000000, ?, 'b', 'b', 1, 50, '[]', 0, 0)",
                         {int64_t{y + 1}, int64_t{2019 + y}}));
    }
    return ok_status();
  }));
  // Facts in transactions of about 200k rows.
  std::vector<ProjectInfo> projects;
  std::vector<Spell> spells;
  std::vector<Output> outputs;
  std::vector<Spend> spends;
  auto flush = [&]() -> Status {
    return db.transact([&](store::Tx& tx) -> Status {
      Batch pj{"INSERT INTO programme_projects (id, call_id, district_id, year, name, target_group, budget_won, start_date, "
               "end_date, created_at) VALUES", 10};
      for (const auto& p : projects) {
        DONGNE_TRY(pj.add(tx, {p.id, int64_t{p.year - 2018}, p.district_id, int64_t{p.year}, "p" + std::to_string(p.id),
                               p.target_group, int64_t{1'000'000'000}, std::to_string(p.year) + "-01-01",
                               std::to_string(p.year) + "-12-31", int64_t{0}}));
      }
      DONGNE_TRY(pj.flush(tx));
      Batch sp{"INSERT INTO kpi_spells (spell_key, project_id, person_key, role, paid, target_group, start_date, end_date, "
               "removed, event_id) VALUES", 10};
      int64_t i = 0;
      for (const auto& x : spells) {
        DONGNE_TRY(sp.add(tx, {x.key, x.project_id, x.person_key, x.role, int64_t{x.paid ? 1 : 0}, std::string(),
                               format_date(x.start), x.end ? store::Value(format_date(*x.end)) : store::Value(nullptr),
                               int64_t{0}, ++i}));
      }
      DONGNE_TRY(sp.flush(tx));
      Batch op{"INSERT INTO kpi_outputs (event_id, project_id, day, kind, count) VALUES", 5};
      for (const auto& o : outputs) DONGNE_TRY(op.add(tx, {o.event_id, o.project_id, format_date(o.date), o.kind, o.count}));
      DONGNE_TRY(op.flush(tx));
      Batch sd{"INSERT INTO kpi_spending (event_id, project_id, day, won) VALUES", 4};
      for (const auto& x : spends) DONGNE_TRY(sd.add(tx, {x.event_id, x.project_id, format_date(x.date), x.won}));
      DONGNE_TRY(sd.flush(tx));
      *loaded += static_cast<int64_t>(spells.size() + outputs.size() + spends.size());
      projects.clear();
      spells.clear();
      outputs.clear();
      spends.clear();
      return ok_status();
    });
  };
  Status st = ok_status();
  generate(s, [&](const auto& x) {
    using T = std::decay_t<decltype(x)>;
    if (!st.ok()) return;
    if constexpr (std::is_same_v<T, ProjectInfo>) {
      if (spells.size() >= 200'000) st = flush();
      projects.push_back(x);
    } else if constexpr (std::is_same_v<T, Spell>) {
      spells.push_back(x);
    } else if constexpr (std::is_same_v<T, Output>) {
      outputs.push_back(x);
    } else {
      spends.push_back(x);
    }
  });
  DONGNE_TRY(st);
  return flush();
}

}  // namespace

int main(int argc, char** argv) {
  Shape s;
  std::string store_url, json_out;
  int queries = 50;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const int v = std::atoi(argv[i + 1]);
    if (a == "--governments") s.governments = v;
    else if (a == "--years") s.years = v;
    else if (a == "--projects") s.projects = v;
    else if (a == "--people") s.people = v;
    else if (a == "--queries") queries = v;
    else if (a == "--store") store_url = argv[i + 1];
    else if (a == "--json") json_out = argv[i + 1];
  }
  nlohmann::json out = {{"shape", {{"governments", s.governments}, {"years", s.years}, {"projects", s.projects},
                                   {"people", s.people}}}};
  // 1. The pure fold from scratch.
  {
    KpiFold fold;
    int64_t events = 0;
    auto t0 = Clock::now();
    generate(s, [&](const auto& x) {
      using T = std::decay_t<decltype(x)>;
      if constexpr (std::is_same_v<T, ProjectInfo>) fold.set_project(x);
      else { fold.apply(x); ++events; }
    });
    const double gen_and_fold = seconds_since(t0);
    // Generation alone, to subtract it.
    int64_t n = 0;
    t0 = Clock::now();
    generate(s, [&](const auto&) { ++n; });
    const double gen = seconds_since(t0);
    const double fold_s = std::max(1e-9, gen_and_fold - gen);
    t0 = Clock::now();
    Figures f = fold.figures({2019 + s.years / 2, 6, 30}, Scope{std::nullopt, 1, std::nullopt, 2019 + s.years / 2});
    const double query = seconds_since(t0);
    std::printf("fold: %lld events in %.2f s (generation %.2f s excluded): %.2f M events/s; one city-year figures %.1f ms "
                "(jobs %lld)\n",
                static_cast<long long>(events), fold_s, gen, static_cast<double>(events) / fold_s / 1e6, query * 1e3,
                static_cast<long long>(f.jobs));
    out["fold"] = {{"events", events}, {"seconds", fold_s}, {"events_per_second", static_cast<double>(events) / fold_s}};
  }
  // 2. The store: load, then time the dashboard's queries for one local government and year.
  if (!store_url.empty()) {
    auto db = store::open_database(store_url);
    if (!db.ok() || !(*db)->migrate().ok()) {
      std::fprintf(stderr, "cannot open or migrate %s\n", store_url.c_str());
      return 1;
    }
    int64_t loaded = 0;
    auto t0 = Clock::now();
    Status st = load(**db, s, &loaded);
    if (!st.ok()) {
      std::fprintf(stderr, "load failed: %s\n", st.error().message_en.c_str());
      return 1;
    }
    const double load_s = seconds_since(t0);
    std::printf("store: loaded %lld facts in %.1f s (%.0f/s)\n", static_cast<long long>(loaded), load_s,
                static_cast<double>(loaded) / load_s);
    std::mt19937 rng(7);
    std::vector<double> total_ms, dash_ms, fold_ms;
    for (int q = 0; q < queries; ++q) {
      const int64_t gov = 1 + static_cast<int64_t>(rng() % static_cast<unsigned>(s.governments));
      const int year = 2019 + static_cast<int>(rng() % static_cast<unsigned>(s.years));
      const Scope scope{std::nullopt, gov, std::nullopt, year};
      const LocalDate as_of{year, 12, 31};
      auto t = Clock::now();
      Status r = (*db)->read([&](store::Tx& tx) -> Status { return to_status(Projector::figures(tx, as_of, scope)); });
      total_ms.push_back(seconds_since(t) * 1e3);
      t = Clock::now();
      r = (*db)->read([&](store::Tx& tx) -> Status {
        DONGNE_TRY(to_status(Projector::figures(tx, as_of, scope)));
        DONGNE_TRY(to_status(Projector::breakdown(tx, as_of, Dimension::kProject, scope)));
        DONGNE_TRY(to_status(Projector::breakdown(tx, as_of, Dimension::kTargetGroup, scope)));
        for (int m = 1; m <= 12; ++m) DONGNE_TRY(to_status(Projector::figures(tx, month_end(year, m, as_of), scope)));
        return ok_status();
      });
      dash_ms.push_back(seconds_since(t) * 1e3);
      // What the service's dashboard does: one read of the scope's rows, then every figure in memory.
      t = Clock::now();
      r = (*db)->read([&](store::Tx& tx) -> Status {
        DONGNE_ASSIGN_OR_RETURN(KpiFold fold, Projector::fold_of_scope(tx, scope));
        (void)fold.figures(as_of, scope);
        (void)fold.breakdown(as_of, Dimension::kProject, scope);
        (void)fold.breakdown(as_of, Dimension::kTargetGroup, scope);
        (void)fold.monthly(year, as_of, scope);
        return ok_status();
      });
      fold_ms.push_back(seconds_since(t) * 1e3);
      if (!r.ok()) {
        std::fprintf(stderr, "query failed: %s\n", r.error().message_en.c_str());
        return 1;
      }
    }
    std::printf("store: one city-year total p50 %.1f ms p99 %.1f ms; whole dashboard (total, 2 breakdowns, 12 months) "
                "p50 %.1f ms p99 %.1f ms over %d queries\n",
                pct(total_ms, 0.5), pct(total_ms, 0.99), pct(dash_ms, 0.5), pct(dash_ms, 0.99), queries);
    std::printf("store: the dashboard as served (one read of the scope's rows, figures in memory) p50 %.1f ms p99 %.1f ms\n",
                pct(fold_ms, 0.5), pct(fold_ms, 0.99));
    out["store"] = {{"url_kind", (*db)->dialect() == store::Dialect::kSqlite ? "sqlite" : "postgresql"},
                    {"facts", loaded}, {"load_seconds", load_s},
                    {"total_p50_ms", pct(total_ms, 0.5)}, {"total_p99_ms", pct(total_ms, 0.99)},
                    {"dashboard_sql_p50_ms", pct(dash_ms, 0.5)}, {"dashboard_sql_p99_ms", pct(dash_ms, 0.99)},
                    {"dashboard_served_p50_ms", pct(fold_ms, 0.5)}, {"dashboard_served_p99_ms", pct(fold_ms, 0.99)}};
  }
  if (!json_out.empty()) std::ofstream(json_out) << out.dump(1) << "\n";
  return 0;
}
