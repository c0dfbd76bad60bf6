// dispatch_bench_sets: see sets.h.
//   dispatch_bench_sets run --set DIR [--name NAME] [--seconds S] [--jobs J] [--seed N] [--out DIR] [--only
//   a,b] dispatch_bench_sets report --results DIR --doc FILE [--baseline FILE] [--sets a,b,c]
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <mutex>
#include <sstream>
#include <thread>

#include "dispatch/engine/solver.h"
#include "dispatch/engine/validator.h"
#include "dispatch/formats/instance_readers.h"
#include "sets.h"

namespace fs = std::filesystem;
using namespace dongne;
using namespace dongne::bench;

namespace {

constexpr const char* kUsage =
    "usage: dispatch_bench_sets run --set DIR [--name NAME] [--seconds S] [--jobs J] [--seed N] [--out DIR] "
    "[--only a,b,...]\n"
    "       dispatch_bench_sets report --results DIR --doc FILE [--baseline FILE] [--sets a,b,...]\n";

std::vector<std::string> split_commas(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string item;
  while (std::getline(ss, item, ','))
    if (!item.empty()) out.push_back(item);
  return out;
}

std::string slurp(const fs::path& p) {
  std::ifstream in(p, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

bool write_file(const fs::path& p, const std::string& text) {
  std::error_code ec;
  if (p.has_parent_path()) fs::create_directories(p.parent_path(), ec);
  std::ofstream out(p, std::ios::binary);
  out << text;
  return static_cast<bool>(out);
}

std::string today_utc() {
  const std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

InstanceResult run_one(const fs::path& file, const std::map<std::string, Bks>& bks, double seconds,
                       unsigned long long seed) {
  InstanceResult r;
  r.instance = file.stem().string();
  if (auto it = bks.find(r.instance); it != bks.end()) r.bks = it->second;
  Result<dispatch::Problem> problem = dispatch::formats::read_instance_file(file.string());
  if (!problem.ok()) {
    r.error = problem.error().message_en;
    return r;
  }
  r.read_ok = true;
  r.minimise_vehicles = problem->objective.minimise_vehicles;
  dispatch::SolveOptions options;
  options.seconds = seconds;
  options.seed = seed;
  dispatch::SolveStats stats;
  const auto t0 = std::chrono::steady_clock::now();
  Result<dispatch::Solution> solution = dispatch::try_solve(*problem, options, &stats);
  r.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  r.iterations = stats.iterations;
  if (!solution.ok()) {
    r.error = solution.error().message_en;
    return r;
  }
  const dispatch::Validation v = dispatch::validate(*problem, *solution);
  r.feasible = v.feasible;
  r.vehicles = v.vehicles_used;
  r.distance = v.distance;
  r.unassigned = v.unassigned;
  r.violations = static_cast<int>(v.violations.size());
  if (!v.feasible) r.error = "validator: " + v.violations.front();
  return r;
}

std::string progress_line(size_t done, size_t total, const InstanceResult& r) {
  char buf[512];
  const auto gap = r.gap_pct();
  char pct[32];
  std::snprintf(pct, sizeof pct, "%+.3f", gap.value_or(0.0));
  std::snprintf(buf, sizeof buf,
                "[%zu/%zu] %s: %d vehicles (BKS %s), distance %.2f%s, %s%s, %.1f s, %llu it\n", done, total,
                r.instance.c_str(), r.vehicles, r.bks ? std::to_string(r.bks->vehicles).c_str() : "-",
                r.distance, gap ? (" (" + std::string(pct) + " %)").c_str() : "",
                r.feasible ? "feasible" : "NOT FEASIBLE",
                r.unassigned ? (", " + std::to_string(r.unassigned) + " unassigned").c_str() : "", r.seconds,
                r.iterations);
  std::string line = buf;
  if (!r.error.empty()) line += "    " + r.error + "\n";
  return line;
}

int cmd_run(const std::map<std::string, std::string>& opt) {
  if (!opt.count("--set")) {
    std::cerr << "dispatch_bench_sets run: --set DIR is required\n" << kUsage;
    return 2;
  }
  const fs::path dir = opt.at("--set");
  const std::string name = opt.count("--name") ? opt.at("--name") : dir.filename().string();
  double seconds = 0;
  int jobs = 2;
  unsigned long long seed = 1;
  try {
    seconds = opt.count("--seconds") ? std::stod(opt.at("--seconds")) : 60.0;
    jobs = opt.count("--jobs") ? std::stoi(opt.at("--jobs")) : 2;
    seed = opt.count("--seed") ? std::stoull(opt.at("--seed")) : 1;
  } catch (const std::exception&) {
    std::cerr << "dispatch_bench_sets run: --seconds, --jobs and --seed must be numbers\n";
    return 2;
  }
  if (!(seconds > 0) || jobs < 1) {
    std::cerr << "dispatch_bench_sets run: --seconds must be > 0 and --jobs >= 1\n";
    return 2;
  }
  const fs::path out_dir = opt.count("--out") ? fs::path(opt.at("--out")) : fs::path("bench/results");
  Result<std::map<std::string, Bks>> bks = read_bks_csv((dir / "bks.csv").string());
  if (!bks.ok()) {
    std::cerr << "dispatch_bench_sets run: " << bks.error().message_en << "\n";
    return 2;
  }
  std::vector<fs::path> files;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(dir, ec))
    if (e.path().extension() == ".txt" || e.path().extension() == ".json") files.push_back(e.path());
  if (ec || files.empty()) {
    std::cerr << "dispatch_bench_sets run: no instance files in " << dir << "\n";
    return 2;
  }
  std::sort(files.begin(), files.end());
  if (opt.count("--only")) {
    const std::vector<std::string> only = split_commas(opt.at("--only"));
    std::erase_if(files, [&](const fs::path& p) {
      return std::find(only.begin(), only.end(), p.stem().string()) == only.end();
    });
  }
  std::vector<InstanceResult> results(files.size());
  std::atomic<size_t> next{0};
  size_t done = 0;
  std::mutex mu;
  auto worker = [&] {
    for (size_t i; (i = next.fetch_add(1)) < files.size();) {
      results[i] = run_one(files[i], *bks, seconds, seed);
      std::lock_guard<std::mutex> lock(mu);
      std::cerr << progress_line(++done, files.size(), results[i]) << std::flush;
    }
  };
  std::vector<std::thread> threads;
  for (int t = 0; t < std::min<int>(jobs, static_cast<int>(files.size())); ++t) threads.emplace_back(worker);
  for (std::thread& t : threads) t.join();

  SetSummary s = summarise(name, seconds, seed, results);
  s.date = today_utc();
  const bool ok = write_file(out_dir / (name + ".csv"), results_csv(results)) &&
                  write_file(out_dir / (name + ".json"), summary_json(s));
  std::cout << summary_json(s);
  if (!ok) {
    std::cerr << "dispatch_bench_sets run: cannot write results to " << out_dir << "\n";
    return 2;
  }
  return s.infeasible > 0 ? 1 : 0;
}

int cmd_report(const std::map<std::string, std::string>& opt) {
  if (!opt.count("--results") || !opt.count("--doc")) {
    std::cerr << "dispatch_bench_sets report: --results DIR and --doc FILE are required\n" << kUsage;
    return 2;
  }
  const fs::path results = opt.at("--results");
  const std::vector<std::string> names =
      split_commas(opt.count("--sets") ? opt.at("--sets") : "lilim100,solomon100,cordeau_darp");
  std::vector<SetSummary> sets;
  for (const std::string& n : names) {
    const fs::path p = results / (n + ".json");
    if (!fs::exists(p)) {
      std::cerr << "dispatch_bench_sets report: skipping " << n << " (no " << p << ")\n";
      continue;
    }
    Result<SetSummary> s = parse_summary_json(slurp(p));
    if (!s.ok()) {
      std::cerr << "dispatch_bench_sets report: " << p << ": " << s.error().message_en << "\n";
      return 2;
    }
    sets.push_back(*s);
  }
  const std::string baseline = opt.count("--baseline") ? slurp(opt.at("--baseline")) : std::string();
  const fs::path doc = opt.at("--doc");
  const std::string text = fs::exists(doc) ? slurp(doc) : std::string();
  if (!write_file(doc, replace_section(text, render_dispatch_section(sets, baseline)))) {
    std::cerr << "dispatch_bench_sets report: cannot write " << doc << "\n";
    return 2;
  }
  std::cerr << "dispatch_bench_sets report: wrote " << sets.size() << " set(s) to " << doc << "\n";
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << kUsage;
    return 2;
  }
  const std::string cmd = argv[1];
  std::map<std::string, std::string> opt;
  for (int i = 2; i < argc; ++i) {
    std::string key = argv[i];
    if (key.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::cerr << "dispatch_bench_sets: expected --option VALUE, got '" << key << "'\n" << kUsage;
      return 2;
    }
    opt[key] = argv[++i];
  }
  if (cmd == "run") return cmd_run(opt);
  if (cmd == "report") return cmd_report(opt);
  std::cerr << kUsage;
  return 2;
}
