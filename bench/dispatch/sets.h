// Whole-set benchmark runner for the dispatch solver: solve every instance of a folder with a time budget,
// check each answer with the independent validator, compare with the folder's bks.csv, and write CSV + JSON
// results; a report mode turns the JSON summaries into the dispatch section of docs/benchmarks.md. Single
// process; the runner solves several instances at once on worker threads (one thread per instance).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

namespace dongne::bench {

struct Bks {
  int vehicles = 0;
  std::optional<double> distance;  // empty when the set has no known value for the instance
};

// Parses `instance,vehicles,distance,source` (RFC 4180 quoting; extra columns ignored).
Result<std::map<std::string, Bks>> read_bks_csv(const std::string& path);

struct InstanceResult {
  std::string instance;
  std::optional<Bks> bks;
  bool read_ok = false;
  std::string error;  // reader or solver error, when any
  bool minimise_vehicles = true;
  int vehicles = 0;
  double distance = 0;
  double seconds = 0;     // wall-clock time of solve()
  bool feasible = false;  // validator verdict
  int unassigned = 0;
  int violations = 0;
  unsigned long long iterations = 0;
  // Percentage above the BKS distance; only when a BKS distance exists.
  std::optional<double> gap_pct() const;
  bool complete() const { return read_ok && feasible && unassigned == 0; }
};

struct SetSummary {
  std::string set;
  double seconds_budget = 0;
  unsigned long long seed = 0;
  std::string objective;  // "vehicles-then-distance" or "distance"
  int instances = 0, complete = 0, infeasible = 0, with_unassigned = 0;
  // Hierarchical sets: instances at the BKS vehicle count (complete), below it, and extra vehicles in total.
  int at_bks_vehicles = 0, below_bks_vehicles = 0, extra_vehicles = 0;
  // Gap statistics over complete instances at the BKS vehicle count (hierarchical) or with a BKS value
  // (distance).
  int gap_count = 0;
  double gap_mean = 0, gap_median = 0, gap_max = 0;
  std::string gap_max_instance;
  double seconds_mean = 0, seconds_max = 0;
  std::string date;  // UTC date of the run (YYYY-MM-DD), set by the runner
};

SetSummary summarise(const std::string& set, double budget, unsigned long long seed,
                     const std::vector<InstanceResult>& results);
std::string results_csv(const std::vector<InstanceResult>& results);
std::string summary_json(const SetSummary& s);
Result<SetSummary> parse_summary_json(const std::string& text);

// Replaces the text between `<!-- dispatch:begin -->` and `<!-- dispatch:end -->` in `doc` (created with a
// short intro when missing or without markers) with tables built from the summaries and `baseline_md`
// (VROOM's figures).
std::string render_dispatch_section(const std::vector<SetSummary>& sets, const std::string& baseline_md);
std::string replace_section(const std::string& doc, const std::string& section);

}  // namespace dongne::bench
