#include "sets.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dongne::bench {
namespace {

std::vector<std::string> csv_fields(const std::string& line) {
  std::vector<std::string> out(1);
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    const char c = line[i];
    if (quoted) {
      if (c == '"' && i + 1 < line.size() && line[i + 1] == '"')
        out.back() += '"', ++i;
      else if (c == '"')
        quoted = false;
      else
        out.back() += c;
    } else if (c == '"') {
      quoted = true;
    } else if (c == ',') {
      out.emplace_back();
    } else if (c != '\r') {
      out.back() += c;
    }
  }
  return out;
}

std::string fmt(const char* f, double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, f, v);
  return buf;
}

std::string signed_pct(double v) { return fmt("%+.2f", v) + " %"; }

}  // namespace

Result<std::map<std::string, Bks>> read_bks_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) return Error::invalid("BKS 파일을 열 수 없습니다: " + path, "cannot open " + path);
  std::map<std::string, Bks> out;
  std::string line;
  int number = 0;
  while (std::getline(in, line)) {
    if (++number == 1 || line.empty() || line == "\r") continue;  // header
    const std::vector<std::string> f = csv_fields(line);
    if (f.size() < 3)
      return Error::invalid(path + " " + std::to_string(number) + "번째 줄: 항목이 부족합니다",
                            path + " line " + std::to_string(number) + ": fewer than 3 fields");
    Bks b;
    try {
      b.vehicles = std::stoi(f[1]);
      if (!f[2].empty()) b.distance = std::stod(f[2]);
    } catch (const std::exception&) {
      return Error::invalid(path + " " + std::to_string(number) + "번째 줄: 숫자가 아닙니다",
                            path + " line " + std::to_string(number) + ": vehicles/distance not a number");
    }
    out[f[0]] = b;
  }
  return out;
}

std::optional<double> InstanceResult::gap_pct() const {
  if (!bks || !bks->distance || *bks->distance <= 0 || !read_ok) return std::nullopt;
  return (distance - *bks->distance) / *bks->distance * 100.0;
}

SetSummary summarise(const std::string& set, double budget, unsigned long long seed,
                     const std::vector<InstanceResult>& results) {
  SetSummary s;
  s.set = set;
  s.seconds_budget = budget;
  s.seed = seed;
  bool hierarchical = true;
  for (const InstanceResult& r : results)
    if (r.read_ok) hierarchical = r.minimise_vehicles;
  s.objective = hierarchical ? "vehicles-then-distance" : "distance";
  std::vector<std::pair<double, std::string>> gaps;
  for (const InstanceResult& r : results) {
    ++s.instances;
    if (r.complete()) ++s.complete;
    if (r.read_ok && !r.feasible) ++s.infeasible;
    if (r.read_ok && r.unassigned > 0) ++s.with_unassigned;
    s.seconds_mean += r.seconds;
    s.seconds_max = std::max(s.seconds_max, r.seconds);
    if (!r.complete()) continue;
    bool counts_for_gap = r.gap_pct().has_value();
    if (hierarchical && r.bks) {
      if (r.vehicles == r.bks->vehicles) ++s.at_bks_vehicles;
      if (r.vehicles < r.bks->vehicles) ++s.below_bks_vehicles;
      s.extra_vehicles += std::max(0, r.vehicles - r.bks->vehicles);
      counts_for_gap = counts_for_gap && r.vehicles == r.bks->vehicles;
    }
    if (counts_for_gap) gaps.emplace_back(*r.gap_pct(), r.instance);
  }
  if (s.instances > 0) s.seconds_mean /= s.instances;
  s.gap_count = static_cast<int>(gaps.size());
  if (!gaps.empty()) {
    std::sort(gaps.begin(), gaps.end());
    double sum = 0;
    for (const auto& g : gaps) sum += g.first;
    s.gap_mean = sum / gaps.size();
    const size_t m = gaps.size() / 2;
    s.gap_median = gaps.size() % 2 ? gaps[m].first : (gaps[m - 1].first + gaps[m].first) / 2;
    s.gap_max = gaps.back().first;
    s.gap_max_instance = gaps.back().second;
  }
  return s;
}

std::string results_csv(const std::vector<InstanceResult>& results) {
  std::ostringstream o;
  o << "instance,bks_vehicles,vehicles,bks_distance,distance,gap_pct,seconds,feasible,unassigned,iterations,"
       "error\n";
  for (const InstanceResult& r : results) {
    o << r.instance << ',' << (r.bks ? std::to_string(r.bks->vehicles) : "") << ',' << r.vehicles << ','
      << (r.bks && r.bks->distance ? fmt("%.4f", *r.bks->distance) : "") << ',' << fmt("%.4f", r.distance)
      << ',' << (r.gap_pct() ? fmt("%.3f", *r.gap_pct()) : "") << ',' << fmt("%.2f", r.seconds) << ','
      << (r.feasible ? "true" : "false") << ',' << r.unassigned << ',' << r.iterations << ',';
    std::string e = r.error;
    std::replace(e.begin(), e.end(), '"', '\'');
    if (!e.empty()) o << '"' << e << '"';
    o << '\n';
  }
  return o.str();
}

std::string summary_json(const SetSummary& s) {
  nlohmann::ordered_json j = {{"set", s.set},
                              {"seconds_budget", s.seconds_budget},
                              {"seed", s.seed},
                              {"objective", s.objective},
                              {"instances", s.instances},
                              {"complete", s.complete},
                              {"infeasible", s.infeasible},
                              {"with_unassigned", s.with_unassigned},
                              {"at_bks_vehicles", s.at_bks_vehicles},
                              {"below_bks_vehicles", s.below_bks_vehicles},
                              {"extra_vehicles", s.extra_vehicles},
                              {"gap_count", s.gap_count},
                              {"gap_mean_pct", s.gap_mean},
                              {"gap_median_pct", s.gap_median},
                              {"gap_max_pct", s.gap_max},
                              {"gap_max_instance", s.gap_max_instance},
                              {"seconds_mean", s.seconds_mean},
                              {"seconds_max", s.seconds_max},
                              {"date", s.date}};
  return j.dump(2) + "\n";
}

Result<SetSummary> parse_summary_json(const std::string& text) {
  try {
    const nlohmann::json j = nlohmann::json::parse(text);
    SetSummary s;
    s.set = j.at("set");
    s.seconds_budget = j.at("seconds_budget");
    s.seed = j.at("seed");
    s.objective = j.at("objective");
    s.instances = j.at("instances");
    s.complete = j.at("complete");
    s.infeasible = j.at("infeasible");
    s.with_unassigned = j.at("with_unassigned");
    s.at_bks_vehicles = j.at("at_bks_vehicles");
    s.below_bks_vehicles = j.at("below_bks_vehicles");
    s.extra_vehicles = j.at("extra_vehicles");
    s.gap_count = j.at("gap_count");
    s.gap_mean = j.at("gap_mean_pct");
    s.gap_median = j.at("gap_median_pct");
    s.gap_max = j.at("gap_max_pct");
    s.gap_max_instance = j.at("gap_max_instance");
    s.seconds_mean = j.at("seconds_mean");
    s.seconds_max = j.at("seconds_max");
    s.date = j.value("date", "");
    return s;
  } catch (const nlohmann::json::exception& e) {
    return Error::invalid("요약 JSON을 읽을 수 없습니다", std::string("bad summary JSON: ") + e.what());
  }
}

std::string render_dispatch_section(const std::vector<SetSummary>& sets, const std::string& baseline_md) {
  std::ostringstream o;
  o << "<!-- dispatch:begin -->\n"
    << "<!-- Generated by bench/dispatch/run_sets.sh from bench/results/<set>.json; do not edit by hand. "
       "-->\n\n"
    << "Each instance is solved once with the stated budget (one thread per instance, two instances at a "
       "time on "
       "a 2-core machine), and every answer is re-checked by `dispatch/engine/validator.cpp`. Distances are "
       "double precision, never rounded. Per-instance rows: `bench/results/<set>.csv`.\n\n"
    << "Runs: ";
  for (size_t i = 0; i < sets.size(); ++i)
    o << (i ? ", " : "") << sets[i].set << " " << (sets[i].date.empty() ? "(undated)" : sets[i].date)
      << " (seed " << sets[i].seed << ")";
  o << ".\n";
  bool any_hierarchical_set = false;
  for (const SetSummary& s : sets)
    any_hierarchical_set = any_hierarchical_set || s.objective == "vehicles-then-distance";
  if (any_hierarchical_set)
    o << "\n| set | solver | budget / instance | complete and feasible | instances at BKS vehicle count | "
         "fewer than BKS "
         "| extra vehicles in total | mean distance gap on those at BKS count | mean / max seconds |\n"
      << "|---|---|---|---|---|---|---|---|---|\n";
  bool any_distance_set = false;
  for (const SetSummary& s : sets) {
    if (s.objective != "vehicles-then-distance") {
      any_distance_set = true;
      continue;
    }
    o << "| " << s.set << " | dongne | " << fmt("%g", s.seconds_budget) << " s | " << s.complete << " / "
      << s.instances << " | " << s.at_bks_vehicles << " / " << s.instances << " | " << s.below_bks_vehicles
      << " | +" << s.extra_vehicles << " | "
      << (s.gap_count ? signed_pct(s.gap_mean) + " (median " + signed_pct(s.gap_median) + ", max " +
                            signed_pct(s.gap_max) + " on " + s.gap_max_instance + ")"
                      : std::string("—"))
      << " | " << fmt("%.2f", s.seconds_mean) << " / " << fmt("%.2f", s.seconds_max) << " |\n";
  }
  if (any_distance_set) {
    o << "\n| set | solver | budget / instance | complete and feasible | instances with a BKS value | mean "
         "gap to BKS "
         "| max gap | mean / max seconds |\n|---|---|---|---|---|---|---|---|\n";
    for (const SetSummary& s : sets) {
      if (s.objective == "vehicles-then-distance") continue;
      o << "| " << s.set << " | dongne | " << fmt("%g", s.seconds_budget) << " s | " << s.complete << " / "
        << s.instances << " | " << s.gap_count << " | " << (s.gap_count ? signed_pct(s.gap_mean) : "—")
        << " | " << (s.gap_count ? signed_pct(s.gap_max) + " (" + s.gap_max_instance + ")" : "—") << " | "
        << fmt("%.2f", s.seconds_mean) << " / " << fmt("%.2f", s.seconds_max) << " |\n";
    }
  }
  o << "\n" << baseline_md;
  if (!baseline_md.empty() && baseline_md.back() != '\n') o << '\n';
  o << "<!-- dispatch:end -->";
  return o.str();
}

std::string replace_section(const std::string& doc, const std::string& section) {
  const std::string begin = "<!-- dispatch:begin -->", end = "<!-- dispatch:end -->";
  const size_t b = doc.find(begin);
  const size_t e = b == std::string::npos ? std::string::npos : doc.find(end, b);
  if (b != std::string::npos && e != std::string::npos)
    return doc.substr(0, b) + section + doc.substr(e + end.size());
  std::string out = doc;
  if (out.empty())
    out =
        "# Benchmarks\n\nMeasured results for dongne's engines. Each section is regenerated by the script "
        "named in "
        "it; the numbers are from the machine and date the script records, not hand-edited.\n";
  if (out.back() != '\n') out += '\n';
  return out + "\n## Dispatch\n\n" + section + "\n";
}

}  // namespace dongne::bench
