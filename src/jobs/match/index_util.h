// Internal to the indexes: the spatial grid (cells of about 10 km), a bounded top-k keeper with deterministic
// ties, and the radius a commute limit allows. Thread-safety: plain values; a TopK belongs to one query.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "jobs/match/engine.h"

namespace dongne::jobs::match::detail {

// Cells are fixed steps of latitude and longitude: 10 km north-south everywhere, 10 km east-west at 36°N (the
// middle of Korea), so a city-sized commute circle covers about 5 x 5 cells.
inline constexpr double kKmPerDegLat = 111.195;
inline constexpr double kCellDegLat = 10.0 / kKmPerDegLat;
inline constexpr double kCellDegLon = kCellDegLat / 0.80902;  // cos(36°)

// Out-of-range and non-finite coordinates are clamped (NaN to the south-west corner) so the cast is always
// defined; such rows never pass the NaN-safe commute checks anyway.
inline double clamp_deg(double x, double lim) { return x > -lim ? (x < lim ? x : lim) : -lim; }
inline std::int32_t cell_y(double lat) {
  return static_cast<std::int32_t>(std::floor(clamp_deg(lat, 90.0) / kCellDegLat));
}
inline std::int32_t cell_x(double lon) {
  return static_cast<std::int32_t>(std::floor(clamp_deg(lon, 180.0) / kCellDegLon));
}
inline bool finite(GeoPoint p) { return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180; }
inline std::int64_t cell_key(std::int32_t y, std::int32_t x) {
  return (static_cast<std::int64_t>(y) << 32) ^ static_cast<std::uint32_t>(x);
}

// The cell rows and columns that may hold a point within radius_km of p (exact spherical-cap bounds plus a
// margin).
struct CellRange {
  std::int32_t y0, y1, x0, x1;
};
inline CellRange cells_within(GeoPoint p, double radius_km) {
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double r = radius_km + 0.5;
  const double dlat = r / kKmPerDegLat;
  double dlon = 180.0;
  const double delta = r / 6371.0088;
  const double c = std::cos(p.lat * kRad);
  if (delta < 1.5 && std::sin(delta) < c) dlon = std::asin(std::sin(delta) / c) / kRad * 1.01;
  return {cell_y(p.lat - dlat), cell_y(p.lat + dlat), cell_x(p.lon - dlon), cell_x(p.lon + dlon)};
}

// A lower bound of the distance in km from p to any point of cell (y, x): the distance to the nearest point
// of the cell's rectangle in degrees, shrunk by a margin for the sphere's curvature (cells are small).
inline double cell_min_km(GeoPoint p, std::int32_t y, std::int32_t x) {
  const double lat0 = y * kCellDegLat;
  const double lon0 = x * kCellDegLon;
  const GeoPoint q{std::clamp(p.lat, lat0, lat0 + kCellDegLat), std::clamp(p.lon, lon0, lon0 + kCellDegLon)};
  return std::max(0.0, haversine_km(p, q) * 0.99 - 0.2);
}

// The largest distance a commute limit allows (minutes = base + km x per_km).
inline double radius_km(int max_commute_min, const Params& p) {
  if (p.commute_min_per_km <= 0) return 1e9;
  return std::max(0.0, (max_commute_min - p.commute_base_min) / p.commute_min_per_km);
}

// Keeps the k best (score desc, id asc). The front of the heap is the worst kept.
struct Scored {
  double score;
  std::int64_t id;
  std::uint32_t row;
};
inline bool better(const Scored& a, const Scored& b) {
  return a.score > b.score || (a.score == b.score && a.id < b.id);
}

class TopK {
 public:
  explicit TopK(int k) : k_(static_cast<std::size_t>(std::max(0, k))) { heap_.reserve(k_ + 1); }
  bool full() const { return heap_.size() >= k_; }
  // The score a candidate must reach to enter (-1 while not full).
  double floor() const { return full() && !heap_.empty() ? heap_.front().score : -1.0; }
  void offer(const Scored& s) {
    if (k_ == 0) return;
    if (heap_.size() < k_) {
      heap_.push_back(s);
      std::push_heap(heap_.begin(), heap_.end(), better);
    } else if (better(s, heap_.front())) {
      std::pop_heap(heap_.begin(), heap_.end(), better);
      heap_.back() = s;
      std::push_heap(heap_.begin(), heap_.end(), better);
    }
  }
  std::vector<Scored> sorted() && {
    std::sort(heap_.begin(), heap_.end(), better);
    return std::move(heap_);
  }

 private:
  std::size_t k_;
  std::vector<Scored> heap_;
};

}  // namespace dongne::jobs::match::detail
