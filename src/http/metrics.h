// Prometheus metrics for HTTP: request counts by route, method and status class, and latency histograms by
// route. Slots are fixed when the router is built, so recording is lock-free (atomics).
// Thread-safety: record() and render() are safe from any thread.
#pragma once

#include <array>
#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace dongne::http {

class Metrics {
 public:
  // One slot per route label (e.g. "GET /api/v1/me"), then "static" (files of the web front end), "refused"
  // (requests the server refused before routing: framing, limits) and "unmatched" (no route, no file).
  explicit Metrics(std::vector<std::string> route_labels);
  void record(size_t slot, int status, double seconds);
  // A request refused before routing: counted in the "refused" slot and by its exact status (4xx, 5xx).
  void record_refused(int status);
  size_t static_slot() const { return labels_.size() - 3; }
  size_t refused_slot() const { return labels_.size() - 2; }
  size_t unmatched_slot() const { return labels_.size() - 1; }
  std::string render() const;  // text exposition format 0.0.4

  static constexpr std::array<double, 12> kBuckets = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                      0.05,   0.1,   0.25,   0.5,   1.0,  2.5};

 private:
  struct Slot {
    std::array<std::atomic<uint64_t>, 5> by_class{};  // 1xx..5xx
    std::array<std::atomic<uint64_t>, kBuckets.size() + 1> buckets{};
    std::atomic<uint64_t> sum_micros{0};
    std::atomic<uint64_t> count{0};
  };
  std::vector<std::string> labels_;
  std::unique_ptr<Slot[]> slots_;
  std::array<std::atomic<uint64_t>, 200> refused_by_status_{};  // 400..599
};

}  // namespace dongne::http
