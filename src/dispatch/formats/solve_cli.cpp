#include "dispatch/formats/solve_cli.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>

#include "dispatch/engine/solver.h"
#include "dispatch/engine/validator.h"
#include "dispatch/formats/instance_readers.h"
#include "dispatch/formats/vroom_json.h"

namespace dongne::dispatch::formats {
namespace {

constexpr const char* kUsage =
    "usage: dongne solve FILE [--seconds S] [--seed N] [--iterations N]\n"
    "  FILE: Solomon, Li & Lim, Cordeau (2006) or VROOM JSON; prints VROOM-style JSON.\n"
    "  --seconds S     time budget (default 1; 0 = no time limit, needs --iterations)\n"
    "  --seed N        random seed (default 1)\n"
    "  --iterations N  ruin-and-recreate iterations (default 0 = until the time budget)\n";

struct Args {
  std::string file;
  SolveOptions options;
};

std::optional<uint64_t> parse_u64(const std::string& s) {
  uint64_t v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::optional<double> parse_seconds(const std::string& s) {
  double v = 0;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || p != s.data() + s.size() || s.empty() || !std::isfinite(v) || v < 0)
    return std::nullopt;
  return v;
}

// Fills `a`, or returns the message for a usage error.
std::optional<std::string> parse_args(std::vector<std::string> args, Args& a) {
  if (!args.empty() && args.front() == "solve") args.erase(args.begin());
  for (size_t i = 0; i < args.size(); ++i) {
    std::string key = args[i], value;
    const bool option = key.rfind("--", 0) == 0;
    if (option && key.find('=') != std::string::npos) {
      value = key.substr(key.find('=') + 1);
      key = key.substr(0, key.find('='));
    } else if (option && key != "--help") {
      if (i + 1 >= args.size()) return key + " needs a value";
      value = args[++i];
    }
    if (key == "--help") return std::string();
    if (key == "--seconds") {
      auto v = parse_seconds(value);
      if (!v) return "--seconds must be a non-negative number, got '" + value + "'";
      a.options.seconds = *v;
    } else if (key == "--seed") {
      auto v = parse_u64(value);
      if (!v) return "--seed must be a non-negative integer, got '" + value + "'";
      a.options.seed = *v;
    } else if (key == "--iterations") {
      auto v = parse_u64(value);
      if (!v) return "--iterations must be a non-negative integer, got '" + value + "'";
      a.options.max_iterations = *v;
    } else if (option) {
      return "unknown option " + key;
    } else if (a.file.empty()) {
      a.file = key;
    } else {
      return "more than one FILE given ('" + a.file + "' and '" + key + "')";
    }
  }
  if (a.file.empty()) return std::string("FILE is required");
  if (a.options.seconds <= 0 && a.options.max_iterations == 0)
    return std::string("--seconds 0 needs --iterations N (otherwise the search would not stop)");
  return std::nullopt;
}

void print_error(std::ostream& err, const Error& e) {
  err << "dongne solve: " << e.message_en << "\n";
  if (!e.message_ko.empty()) err << "dongne solve: " << e.message_ko << "\n";
  for (const FieldError& f : e.fields)
    if (f.message_en != e.message_en) err << "  " << f.field << ": " << f.message_en << "\n";
}

double ms_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
}

}  // namespace

int run_solve_cli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  Args a;
  if (auto usage_error = parse_args(args, a)) {
    if (usage_error->empty()) {
      out << kUsage;
      return 0;
    }
    err << "dongne solve: " << *usage_error << "\n" << kUsage;
    return 2;
  }
  const auto t0 = std::chrono::steady_clock::now();
  Result<Problem> problem = read_instance_file(a.file);
  if (!problem.ok()) {
    print_error(err, problem.error());
    return 2;
  }
  const double loading_ms = ms_since(t0);
  const auto t1 = std::chrono::steady_clock::now();
  SolveStats stats;
  Result<Solution> solution = try_solve(*problem, a.options, &stats);
  if (!solution.ok()) {
    print_error(err, solution.error());
    return 2;
  }
  const double solving_ms = ms_since(t1);
  const Validation v = validate(*problem, *solution);
  out << write_vroom_output(*problem, *solution, v, OutputTimings{loading_ms, solving_ms}) << "\n";
  char line[1024];
  std::snprintf(
      line, sizeof line, "%s: %d vehicles, distance %.2f, %d unassigned, %s, %llu iterations, %.2f s\n",
      a.file.c_str(), v.vehicles_used, v.distance, v.unassigned, v.feasible ? "feasible" : "INFEASIBLE",
      static_cast<unsigned long long>(stats.iterations), solving_ms / 1000.0);
  err << line;
  if (!v.feasible) {
    for (const std::string& s : v.violations) err << "  violation: " << s << "\n";
    return 1;
  }
  return 0;
}

}  // namespace dongne::dispatch::formats
