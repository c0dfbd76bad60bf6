#include "http/metrics.h"

#include <sstream>

namespace dongne::http {

Metrics::Metrics(std::vector<std::string> route_labels) : labels_(std::move(route_labels)) {
  labels_.emplace_back("static");
  labels_.emplace_back("refused");
  labels_.emplace_back("unmatched");
  slots_ = std::make_unique<Slot[]>(labels_.size());
}

void Metrics::record(size_t slot, int status, double seconds) {
  if (slot >= labels_.size()) slot = unmatched_slot();
  Slot& s = slots_[slot];
  int cls = status / 100 - 1;
  if (cls < 0 || cls > 4) cls = 4;
  s.by_class[static_cast<size_t>(cls)].fetch_add(1, std::memory_order_relaxed);
  size_t b = 0;
  while (b < kBuckets.size() && seconds > kBuckets[b]) ++b;
  s.buckets[b].fetch_add(1, std::memory_order_relaxed);
  s.sum_micros.fetch_add(static_cast<uint64_t>(seconds * 1e6), std::memory_order_relaxed);
  s.count.fetch_add(1, std::memory_order_relaxed);
}

void Metrics::record_refused(int status) {
  record(refused_slot(), status, 0);
  if (status >= 400 && status < 600) refused_by_status_[static_cast<size_t>(status - 400)].fetch_add(1, std::memory_order_relaxed);
}

namespace {
std::string escape_label(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '"' || c == '\\') out.push_back('\\');
    if (c == '\n') { out += "\\n"; continue; }
    out.push_back(c);
  }
  return out;
}
}  // namespace

std::string Metrics::render() const {
  std::ostringstream o;
  o << "# HELP dongne_http_requests_total HTTP requests by route and status class.\n"
    << "# TYPE dongne_http_requests_total counter\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    for (size_t c = 0; c < 5; ++c) {
      uint64_t v = slots_[i].by_class[c].load(std::memory_order_relaxed);
      if (v == 0) continue;
      o << "dongne_http_requests_total{route=\"" << escape_label(labels_[i]) << "\",status=\"" << (c + 1)
        << "xx\"} " << v << "\n";
    }
  }
  o << "# HELP dongne_http_refused_total Requests refused before routing (framing, size and connection limits) by status.\n"
    << "# TYPE dongne_http_refused_total counter\n";
  for (size_t i = 0; i < refused_by_status_.size(); ++i) {
    uint64_t v = refused_by_status_[i].load(std::memory_order_relaxed);
    if (v) o << "dongne_http_refused_total{status=\"" << (400 + i) << "\"} " << v << "\n";
  }
  o << "# HELP dongne_http_request_duration_seconds Request latency by route.\n"
    << "# TYPE dongne_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < labels_.size(); ++i) {
    const Slot& s = slots_[i];
    uint64_t count = s.count.load(std::memory_order_relaxed);
    if (count == 0) continue;
    std::string label = escape_label(labels_[i]);
    uint64_t cum = 0;
    for (size_t b = 0; b < kBuckets.size(); ++b) {
      cum += s.buckets[b].load(std::memory_order_relaxed);
      o << "dongne_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"" << kBuckets[b] << "\"} "
        << cum << "\n";
    }
    o << "dongne_http_request_duration_seconds_bucket{route=\"" << label << "\",le=\"+Inf\"} " << count << "\n";
    o << "dongne_http_request_duration_seconds_sum{route=\"" << label << "\"} "
      << static_cast<double>(s.sum_micros.load(std::memory_order_relaxed)) / 1e6 << "\n";
    o << "dongne_http_request_duration_seconds_count{route=\"" << label << "\"} " << count << "\n";
  }
  return o.str();
}

}  // namespace dongne::http
