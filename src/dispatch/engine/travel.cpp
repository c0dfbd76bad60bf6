#include "dispatch/engine/travel.h"

#include <algorithm>
#include <cmath>

namespace dongne::dispatch {

Result<std::shared_ptr<MatrixTravel>> MatrixTravel::make(int32_t n, std::vector<Distance> distances,
                                                         std::vector<Time> times) {
  const size_t nn = static_cast<size_t>(std::max(n, 0)) * static_cast<size_t>(std::max(n, 0));
  if (n < 0 || distances.size() != nn || times.size() != nn)
    return Error::invalid("거리·시간 행렬의 크기가 맞지 않습니다", "distance and time matrices must both be n*n");
  for (size_t i = 0; i < nn; ++i)
    if (!std::isfinite(distances[i]) || !std::isfinite(times[i]) || distances[i] < 0 || times[i] < 0)
      return Error::invalid("행렬 값이 올바르지 않습니다", "matrix entries must be finite and non-negative");
  return std::make_shared<MatrixTravel>(n, std::move(distances), std::move(times));
}

MatrixTravel::MatrixTravel(int32_t n, std::vector<Distance> distances, std::vector<Time> times)
    : n_(n), d_(std::move(distances)), t_(std::move(times)) {}

EuclideanTravel::EuclideanTravel(std::vector<Coord> coords, double speed) : c_(std::move(coords)), speed_(speed) {
  const size_t n = c_.size();
  if (n <= static_cast<size_t>(kMaxPrecompute)) {
    d_.resize(n * n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) {
        const double dx = c_[i].x - c_[j].x, dy = c_[i].y - c_[j].y;
        d_[i * n + j] = std::sqrt(dx * dx + dy * dy);
      }
  }
}

Distance EuclideanTravel::distance(LocationIndex from, LocationIndex to) const {
  if (!d_.empty()) return d_[static_cast<size_t>(from) * c_.size() + to];
  const double dx = c_[from].x - c_[to].x, dy = c_[from].y - c_[to].y;
  return std::sqrt(dx * dx + dy * dy);
}

Distance haversine_metres(const Coord& a, const Coord& b) {
  constexpr double kR = 6371008.8;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double lat1 = a.y * kRad, lat2 = b.y * kRad;
  const double dlat = lat2 - lat1, dlon = (b.x - a.x) * kRad;
  const double s = std::sin(dlat / 2) * std::sin(dlat / 2) +
                   std::cos(lat1) * std::cos(lat2) * std::sin(dlon / 2) * std::sin(dlon / 2);
  return 2 * kR * std::asin(std::min(1.0, std::sqrt(s)));
}

Result<std::shared_ptr<HaversineTravel>> HaversineTravel::make(std::vector<Coord> coords,
                                                               std::vector<SpeedPiece> profile, Time period,
                                                               double circuity) {
  if (profile.empty() || profile.front().from != 0 || !(period > 0) || !(circuity > 0) || !std::isfinite(period))
    return Error::invalid("속도 프로필이 올바르지 않습니다", "speed profile must start at 0 with a positive period");
  for (size_t i = 0; i < profile.size(); ++i) {
    if (!(profile[i].speed > 0) || !std::isfinite(profile[i].speed) || profile[i].from >= period ||
        (i > 0 && !(profile[i].from > profile[i - 1].from)))
      return Error::invalid("속도 프로필이 올바르지 않습니다", "speeds must be positive and pieces sorted in the period");
  }
  for (const Coord& c : coords)
    if (!std::isfinite(c.x) || !std::isfinite(c.y) || std::fabs(c.y) > 90 || std::fabs(c.x) > 180)
      return Error::invalid("좌표가 올바르지 않습니다", "coordinates must be longitude/latitude in degrees");
  return std::make_shared<HaversineTravel>(std::move(coords), std::move(profile), period, circuity);
}

HaversineTravel::HaversineTravel(std::vector<Coord> coords, std::vector<SpeedPiece> profile, Time period,
                                 double circuity)
    : c_(std::move(coords)), profile_(std::move(profile)), period_(period), circuity_(circuity) {
  vmax_ = 0;
  for (const SpeedPiece& p : profile_) vmax_ = std::max(vmax_, p.speed);
  const size_t n = c_.size();
  if (n <= static_cast<size_t>(EuclideanTravel::kMaxPrecompute)) {
    d_.resize(n * n);
    for (size_t i = 0; i < n; ++i)
      for (size_t j = 0; j < n; ++j) d_[i * n + j] = circuity_ * haversine_metres(c_[i], c_[j]);
  }
}

Distance HaversineTravel::distance(LocationIndex from, LocationIndex to) const {
  if (!d_.empty()) return d_[static_cast<size_t>(from) * c_.size() + to];
  return circuity_ * haversine_metres(c_[from], c_[to]);
}

Time HaversineTravel::time_for(Distance metres, Time depart) const {
  if (profile_.size() == 1) return metres / profile_[0].speed;
  // Position in the period and the piece that contains it.
  const double cycles = std::floor(depart / period_);
  Time base = cycles * period_;
  Time t = depart - base;
  size_t k = static_cast<size_t>(
      std::upper_bound(profile_.begin(), profile_.end(), t, [](Time v, const SpeedPiece& p) { return v < p.from; }) -
      profile_.begin() - 1);
  Distance left = metres;
  Time now = depart;
  for (int guard = 0; guard < 1000000; ++guard) {
    const Time piece_end = base + (k + 1 < profile_.size() ? profile_[k + 1].from : period_);
    const double v = profile_[k].speed;
    const Distance can = v * (piece_end - now);
    if (left <= can) return now + left / v - depart;
    left -= can;
    now = piece_end;
    if (++k == profile_.size()) {
      k = 0;
      base += period_;
    }
  }
  return metres / vmax_;  // unreachable for positive speeds; a safe lower bound otherwise
}

Time HaversineTravel::travel_time(LocationIndex from, LocationIndex to, Time depart) const {
  return time_for(distance(from, to), depart);
}

}  // namespace dongne::dispatch
