// Readers for the literature's routing instance files (Solomon VRPTW, Li & Lim PDPTW, Cordeau DARP) and
// format detection. Euclidean travel in double precision; every stop keeps its node number as its external
// id. Pure functions, thread-safe; malformed input gives Code::kInvalid naming the line and field, never a
// crash.
#pragma once

#include <string>
#include <string_view>

#include "core/result.h"
#include "dispatch/engine/model.h"

namespace dongne::dispatch::formats {

enum class InstanceFormat { kSolomon, kLiLim, kCordeau, kVroomJson, kUnknown };

std::string_view format_name(InstanceFormat f);
// Guesses the format from the text: '{' first = VROOM JSON; a first line of 3 numbers = Li & Lim, of 5 =
// Cordeau; a "NUMBER ... CAPACITY" line = Solomon.
InstanceFormat detect_format(std::string_view text);

// Solomon: K identical vehicles of capacity Q at node 0, shift = depot window; customers are single tasks.
Result<Problem> read_solomon(std::string_view text);
// Li & Lim: pickup/delivery pairs (kPickupDelivery), paired by the sibling columns, checked both ways.
Result<Problem> read_lilim(std::string_view text);
// Cordeau (2006) DARP: kRide requests i / n+i with max ride time L, route duration limit T, depots 0 and
// 2n+1. Objective: routing cost only (minimise_vehicles = false).
Result<Problem> read_cordeau(std::string_view text);

// Detects the format (including VROOM JSON, vroom_json.h) and reads it.
Result<Problem> read_instance(std::string_view text);
// Reads a file (at most kMaxFileBytes) and calls read_instance. Errors name the path.
Result<Problem> read_instance_file(const std::string& path);
constexpr size_t kMaxFileBytes = 64u << 20;

}  // namespace dongne::dispatch::formats
