// Jobs matching benchmark driver. Modes (one per run, each writes its own JSON with --json FILE):
//   single  top-k with explanations for --queries seekers among --vacancies vacancies, one thread:
//   p50/p95/p99 batch   top-k (scores only, then the winners explained) for --seekers seekers over
//   --vacancies, --threads pg      the same scoring as one SQL query on PostgreSQL (--pg CONNINFO, default
//   $DONGNE_PG) over --vacancies
//           loaded with COPY, --queries seekers, against the engine on the same data and seekers
// Reference data comes from data/reference/ (KECO, competencies, places). Data are synthetic (synth.h),
// seeded.
#include <libpq-fe.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>

#include "pg_scoring.h"
#include "synth.h"

using namespace dongne::jobs::match;

namespace {

// This thread's CPU seconds: on a shared machine the wall time of one query includes being preempted by other
// work, its CPU time is what the query costs one core.
double thread_cpu() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}
double since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}
nlohmann::json read_json(const std::string& path) {
  std::ifstream in(path);
  if (!in) return nullptr;
  return nlohmann::json::parse(in, nullptr, false);
}
double pct(std::vector<double> v, double q) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const std::size_t i =
      std::min(v.size() - 1, static_cast<std::size_t>(q * static_cast<double>(v.size() - 1) + 0.5));
  return v[i];
}
nlohmann::json stats_ms(const std::vector<double>& seconds) {
  std::vector<double> ms;
  double sum = 0;
  for (double s : seconds) {
    ms.push_back(s * 1e3);
    sum += s * 1e3;
  }
  return {{"p50_ms", pct(ms, 0.50)},
          {"p95_ms", pct(ms, 0.95)},
          {"p99_ms", pct(ms, 0.99)},
          {"max_ms", pct(ms, 1.0)},
          {"mean_ms", ms.empty() ? 0 : sum / static_cast<double>(ms.size())},
          {"n", ms.size()}};
}
std::string load_average() {
  std::ifstream in("/proc/loadavg");
  std::string a, b, c;
  in >> a >> b >> c;
  return a + " " + b + " " + c;
}
std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

}  // namespace

int main(int argc, char** argv) {
  std::string mode = "single", json_out, pg = std::getenv("DONGNE_PG") ? std::getenv("DONGNE_PG") : "";
  std::size_t n_vac = 1'000'000, n_seek = 100'000, queries = 1000;
  int k = 20, threads = 2;
  std::uint64_t seed = 20261201;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string a = argv[i];
    const std::string v = argv[i + 1];
    if (a == "--mode")
      mode = v;
    else if (a == "--vacancies")
      n_vac = std::stoul(v);
    else if (a == "--seekers")
      n_seek = std::stoul(v);
    else if (a == "--queries")
      queries = std::stoul(v);
    else if (a == "--k")
      k = std::stoi(v);
    else if (a == "--threads")
      threads = std::stoi(v);
    else if (a == "--seed")
      seed = std::stoull(v);
    else if (a == "--pg")
      pg = v;
    else if (a == "--json")
      json_out = v;
    else {
      std::fprintf(stderr, "unknown option %s\n", a.c_str());
      return 2;
    }
  }
  const std::string ref = std::string(DONGNE_SOURCE_DIR) + "/data/reference/";
  auto tax = Taxonomy::from_json(read_json(ref + "keco-2018.json"));
  auto voc = Vocabulary::from_json(read_json(ref + "competencies.json"));
  if (!tax.ok() || !voc.ok()) {
    std::fprintf(stderr, "cannot read the reference data in %s\n", ref.c_str());
    return 1;
  }
  const nlohmann::json places = read_json(ref + "places.json");
  bench::Synth synth(seed, *tax, *voc, bench::cities_from_json(places));
  const CourseCatalog courses(synth.courses(60));
  const Weights w;
  nlohmann::json out = {{"mode", mode},
                        {"machine",
                         {{"cpu", cpu_model()},
                          {"cores", std::thread::hardware_concurrency()},
                          {"load_average_at_start", load_average()}}},
                        {"k", k},
                        {"seed", seed},
                        {"cities", bench::cities_from_json(places).size()}};

  auto t0 = std::chrono::steady_clock::now();
  std::vector<Vacancy> vacancies = synth.vacancies(n_vac);
  const double gen_s = since(t0);
  out["vacancies"] = n_vac;
  out["generate_seconds"] = gen_s;

  if (mode == "single" || mode == "batch") {
    t0 = std::chrono::steady_clock::now();
    const VacancyIndex index(std::move(vacancies), *tax, *voc, courses);
    out["index_build_seconds"] = since(t0);
    if (mode == "single") {
      const std::vector<Seeker> seekers = synth.seekers(queries);
      std::vector<double> times, cpu;
      std::size_t returned = 0, empty = 0;
      for (const Seeker& s : seekers) {
        t0 = std::chrono::steady_clock::now();
        const double c0 = thread_cpu();
        const auto top = index.top_for_seeker(s, k, w);
        cpu.push_back(thread_cpu() - c0);
        times.push_back(since(t0));
        returned += top.size();
        empty += top.empty();
      }
      if (std::getenv("JOBS_BENCH_SLOW")) {  // diagnosis: the slowest seekers and what they look like
        std::vector<std::size_t> idx(times.size());
        for (std::size_t i = 0; i < idx.size(); ++i) idx[i] = i;
        std::sort(idx.begin(), idx.end(), [&](auto a, auto b) { return times[a] > times[b]; });
        for (std::size_t j = 0; j < 15 && j < idx.size(); ++j) {
          const Seeker& s = seekers[idx[j]];
          std::printf(
              "%.2f ms: wishes %zu (%s) comps %zu commute %d lat %.3f lon %.3f fri-end %d sat %d exp %d\n",
              times[idx[j]] * 1e3, s.occupations.size(),
              s.occupations.empty() ? "-" : s.occupations[0].c_str(), s.competencies.size(),
              s.max_commute_min, s.home.lat, s.home.lon, s.available[4].end, s.available[5].on(),
              s.expected.has_value());
        }
      }
      out["queries"] = queries;
      out["latency"] = stats_ms(times);
      out["cpu"] = stats_ms(cpu);
      out["mean_results"] = static_cast<double>(returned) / static_cast<double>(queries);
      out["empty_results"] = empty;
      out["target"] = {{"p99_ms", 5.0}};
      std::printf(
          "single: %zu vacancies, %zu seekers, top-%d with explanations: wall p50 %.3f ms, p95 %.3f ms, p99 "
          "%.3f ms "
          "(target p99 <= 5 ms); CPU time p50 %.3f ms, p95 %.3f ms, p99 %.3f ms; %.1f results a query, %zu "
          "empty; "
          "index built in %.1f s\n",
          n_vac, queries, k, out["latency"]["p50_ms"].get<double>(), out["latency"]["p95_ms"].get<double>(),
          out["latency"]["p99_ms"].get<double>(), out["cpu"]["p50_ms"].get<double>(),
          out["cpu"]["p95_ms"].get<double>(), out["cpu"]["p99_ms"].get<double>(),
          out["mean_results"].get<double>(), empty, out["index_build_seconds"].get<double>());
    } else {
      const std::vector<Seeker> seekers = synth.seekers(n_seek);
      t0 = std::chrono::steady_clock::now();
      const std::clock_t cpu0 = std::clock();  // process CPU time, all threads
      auto all = batch_top(seekers, index, k, w, threads, false);
      const double rank_s = since(t0);
      const double rank_cpu = static_cast<double>(std::clock() - cpu0) / CLOCKS_PER_SEC;
      // Explain the winners too (what the nightly job stores), on the same threads.
      t0 = std::chrono::steady_clock::now();
      std::atomic<std::size_t> next{0};
      auto work = [&] {
        for (std::size_t i; (i = next.fetch_add(256)) < seekers.size();) {
          for (std::size_t j = i; j < std::min(seekers.size(), i + 256); ++j) {
            for (Match& m : all[j]) index.fill_explanation(seekers[j], m, w);
          }
        }
      };
      std::vector<std::thread> pool;
      for (int t = 1; t < threads; ++t) pool.emplace_back(work);
      work();
      for (auto& t : pool) t.join();
      const double explain_s = since(t0);
      std::size_t pairs = 0;
      for (const auto& l : all) pairs += l.size();
      out["seekers"] = n_seek;
      out["threads"] = threads;
      out["rank_seconds"] = rank_s;
      out["rank_cpu_seconds"] = rank_cpu;  // / threads = the wall time on otherwise idle cores
      out["explain_seconds"] = explain_s;
      out["wall_seconds"] = rank_s;  // the batch's top-20 for everyone; explanations are extra (below)
      out["rank_and_explain_seconds"] = rank_s + explain_s;
      out["matches"] = pairs;
      out["target"] = {{"wall_seconds", 30.0}};
      std::printf(
          "batch: %zu seekers x %zu vacancies, top-%d on %d threads: %.2f s ranking + %.2f s explaining = "
          "%.2f s (target for the ranking <= 30 s); ranking CPU %.1f s over %d threads; %zu matches\n",
          n_seek, n_vac, k, threads, rank_s, explain_s, rank_s + explain_s, rank_cpu, threads, pairs);
    }
  } else if (mode == "pg") {
    PGconn* conn = PQconnectdb(pg.c_str());
    if (PQstatus(conn) != CONNECTION_OK) {
      std::fprintf(stderr, "cannot connect to PostgreSQL (%s): %s\n", pg.c_str(), PQerrorMessage(conn));
      return 1;
    }
    t0 = std::chrono::steady_clock::now();
    if (std::string e = bench::pg_load(conn, vacancies); !e.empty()) {
      std::fprintf(stderr, "load failed: %s\n", e.c_str());
      return 1;
    }
    const double load_s = since(t0);
    const std::vector<Seeker> seekers = synth.seekers(queries);
    std::vector<double> sql_t, eng_t;
    std::vector<std::vector<VacancyId>> sql_ids;
    for (const Seeker& s : seekers) {
      const std::string sql = bench::pg_top_sql(s, k, w, Params{});
      std::string err;
      t0 = std::chrono::steady_clock::now();
      sql_ids.push_back(bench::pg_top(conn, sql, &err));
      sql_t.push_back(since(t0));
      if (!err.empty()) {
        std::fprintf(stderr, "query failed: %s\n", err.c_str());
        return 1;
      }
    }
    PQfinish(conn);
    const VacancyIndex index(std::move(vacancies), *tax, *voc, courses);
    std::size_t same_lists = 0, same_ids = 0, total_ids = 0;
    std::vector<double>
        scores_t;  // the engine ranking without explanations: what the SQL returns (ids, scores)
    for (const Seeker& s : seekers) {
      t0 = std::chrono::steady_clock::now();
      const auto top = index.top_for_seeker_scores(s, k, w);
      scores_t.push_back(since(t0));
    }
    for (std::size_t i = 0; i < seekers.size(); ++i) {
      t0 = std::chrono::steady_clock::now();
      const auto top = index.top_for_seeker(seekers[i], k, w);
      eng_t.push_back(since(t0));
      std::vector<VacancyId> ids;
      for (const Match& m : top) ids.push_back(m.vacancy_id);
      same_lists += ids == sql_ids[i];
      if (ids != sql_ids[i] && std::getenv("JOBS_BENCH_DEBUG")) {
        std::printf("seeker %lld:\n", static_cast<long long>(seekers[i].id));
        for (std::size_t j = 0; j < std::max(ids.size(), sql_ids[i].size()); ++j) {
          const VacancyId e = j < ids.size() ? ids[j] : 0, q = j < sql_ids[i].size() ? sql_ids[i][j] : 0;
          const Vacancy* qv = index.find(q);
          const Verdict vd = qv ? explain(seekers[i], *qv, *tax, *voc, courses, w) : Verdict{};
          std::printf("  %2zu engine %lld (%.6f)  sql %lld (engine says %s %.6f)\n", j,
                      static_cast<long long>(e), j < top.size() ? top[j].score : 0.0,
                      static_cast<long long>(q), vd.eligible ? "ok" : vd.reason_code.c_str(),
                      vd.match ? vd.match->score : 0.0);
        }
      }
      const std::set<VacancyId> a(ids.begin(), ids.end());
      for (VacancyId id : sql_ids[i]) same_ids += a.contains(id);
      total_ids += std::max(ids.size(), sql_ids[i].size());
    }
    out["queries"] = queries;
    out["load_seconds"] = load_s;
    out["sql"] = stats_ms(sql_t);
    out["engine"] = stats_ms(eng_t);
    out["engine_scores_only"] = stats_ms(scores_t);
    const double ratio_p50 = out["sql"]["p50_ms"].get<double>() / out["engine"]["p50_ms"].get<double>();
    const double ratio_mean = out["sql"]["mean_ms"].get<double>() / out["engine"]["mean_ms"].get<double>();
    out["ratio_p50"] = ratio_p50;
    out["ratio_mean"] = ratio_mean;
    out["ratio_p50_scores_only"] =
        out["sql"]["p50_ms"].get<double>() / out["engine_scores_only"]["p50_ms"].get<double>();
    out["identical_top_k"] = same_lists;
    out["shared_ids_fraction"] =
        total_ids ? static_cast<double>(same_ids) / static_cast<double>(total_ids) : 1.0;
    out["target"] = {{"ratio", 100.0}};
    std::printf(
        "pg: %zu vacancies loaded with COPY in %.1f s; %zu seekers top-%d: SQL p50 %.1f ms p99 %.1f ms, "
        "engine "
        "p50 %.3f ms p99 %.3f ms with explanations (%.3f ms p50 scores only); engine %.0fx faster at p50 "
        "(%.0fx "
        "mean, %.0fx scores only; target >= 100x); identical top-%d lists %zu/%zu, shared ids %.4f\n",
        n_vac, load_s, queries, k, out["sql"]["p50_ms"].get<double>(), out["sql"]["p99_ms"].get<double>(),
        out["engine"]["p50_ms"].get<double>(), out["engine"]["p99_ms"].get<double>(),
        out["engine_scores_only"]["p50_ms"].get<double>(), ratio_p50, ratio_mean,
        out["ratio_p50_scores_only"].get<double>(), k, same_lists, queries,
        out["shared_ids_fraction"].get<double>());
  } else {
    std::fprintf(stderr, "unknown mode %s\n", mode.c_str());
    return 2;
  }
  out["machine"]["load_average_at_end"] = load_average();
  if (!json_out.empty()) std::ofstream(json_out) << out.dump(1) << "\n";
  return 0;
}
