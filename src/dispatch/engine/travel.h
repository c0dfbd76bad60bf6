// Travel models for the dispatch engine: a given matrix, Euclidean (double precision, never rounded) and haversine
// with time-of-day speed profiles (piecewise-constant speeds, FIFO travel times). Distances are precomputed.
// Thread-safety: immutable after construction; share freely by const reference. Constructors validate nothing
// beyond sizes (see the static `make` helpers, which return errors as values).
#pragma once

#include <vector>

#include "core/result.h"
#include "dispatch/engine/model.h"

namespace dongne::dispatch {

// A TravelModel that can tell the solver whether travel time depends on the departure time, and give a lower
// bound on travel time (used to prune insertion positions before an exact check).
class BoundedTravel : public TravelModel {
 public:
  virtual bool time_dependent() const = 0;
  virtual Time min_travel_time(LocationIndex from, LocationIndex to) const = 0;
};

// Row-major n*n matrices, given by the caller.
class MatrixTravel final : public BoundedTravel {
 public:
  static Result<std::shared_ptr<MatrixTravel>> make(int32_t n, std::vector<Distance> distances,
                                                   std::vector<Time> times);
  MatrixTravel(int32_t n, std::vector<Distance> distances, std::vector<Time> times);
  Distance distance(LocationIndex from, LocationIndex to) const override { return d_[idx(from, to)]; }
  Time travel_time(LocationIndex from, LocationIndex to, Time) const override { return t_[idx(from, to)]; }
  int32_t size() const override { return n_; }
  bool time_dependent() const override { return false; }
  Time min_travel_time(LocationIndex from, LocationIndex to) const override { return t_[idx(from, to)]; }

 private:
  size_t idx(LocationIndex a, LocationIndex b) const { return static_cast<size_t>(a) * n_ + b; }
  int32_t n_;
  std::vector<Distance> d_;
  std::vector<Time> t_;
};

// Euclidean distance in double precision; time = distance / speed. Precomputes the matrix when n <= kMaxPrecompute.
class EuclideanTravel final : public BoundedTravel {
 public:
  static constexpr int32_t kMaxPrecompute = 4096;
  explicit EuclideanTravel(std::vector<Coord> coords, double speed = 1.0);
  Distance distance(LocationIndex from, LocationIndex to) const override;
  Time travel_time(LocationIndex from, LocationIndex to, Time) const override { return distance(from, to) / speed_; }
  int32_t size() const override { return static_cast<int32_t>(c_.size()); }
  bool time_dependent() const override { return false; }
  Time min_travel_time(LocationIndex from, LocationIndex to) const override { return travel_time(from, to, 0); }

 private:
  std::vector<Coord> c_;
  double speed_;
  std::vector<Distance> d_;  // empty when not precomputed
};

// One piece of a speed profile: from `from` (seconds since the profile's period start) the speed is `speed` (m/s).
struct SpeedPiece {
  Time from = 0;
  double speed = 1.0;
};

// Great-circle metres from Coord{x = longitude, y = latitude} (degrees) times a circuity factor; travel time
// integrates distance over a periodic piecewise-constant speed profile (Ichoua, Gendreau & Potvin 2003), which
// is FIFO by construction. A profile with one piece is time-independent.
class HaversineTravel final : public BoundedTravel {
 public:
  // `profile` must be non-empty, sorted by `from`, the first piece at 0, every speed > 0; `period` > 0
  // (86400 for a day). Returns kInvalid otherwise.
  static Result<std::shared_ptr<HaversineTravel>> make(std::vector<Coord> coords, std::vector<SpeedPiece> profile,
                                                      Time period = 86400.0, double circuity = 1.0);
  HaversineTravel(std::vector<Coord> coords, std::vector<SpeedPiece> profile, Time period, double circuity);
  Distance distance(LocationIndex from, LocationIndex to) const override;
  Time travel_time(LocationIndex from, LocationIndex to, Time depart) const override;
  int32_t size() const override { return static_cast<int32_t>(c_.size()); }
  bool time_dependent() const override { return profile_.size() > 1; }
  Time min_travel_time(LocationIndex from, LocationIndex to) const override { return distance(from, to) / vmax_; }
  // Travel time for `metres` leaving at `depart` (exposed for tests).
  Time time_for(Distance metres, Time depart) const;

 private:
  std::vector<Coord> c_;
  std::vector<SpeedPiece> profile_;
  Time period_;
  double circuity_;
  double vmax_ = 1.0;
  std::vector<Distance> d_;
};

// Metres between two lon/lat points on a sphere of radius 6,371,008.8 m.
Distance haversine_metres(const Coord& a, const Coord& b);

}  // namespace dongne::dispatch
