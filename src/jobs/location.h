// Where a seeker lives and where a vacancy's work is: coordinates when the caller has them, otherwise the area an
// address names (looked up in the places shipped in data/reference/places.json), otherwise an area code. The
// stored form keeps what was given and what it resolved to, and the engine is told which one it got, so that
// an explanation can say whether a commute came from coordinates or from an area's centre.
// Thread-safety: pure functions over the (immutable) reference data.
#pragma once

#include <nlohmann/json.hpp>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/result.h"
#include "jobs/match/model.h"
#include "jobs/reference.h"

namespace dongne::jobs {

// The names places answer to, built once when the reference data is loaded (Reference::place_names): an area's
// Korean and lower-cased English names, a city's full name and its short form ("진주"), each to the codes they may
// mean.
struct PlaceNames {
  std::map<std::string, std::vector<std::string>> areas;  // name -> codes of the areas of that name
  std::map<std::string, std::set<std::string>> cities;    // name -> codes of the cities it may mean
};
std::shared_ptr<const PlaceNames> index_place_names(const std::map<std::string, Place>& places);

// The most specific place an address names: an area (읍·면·동, or a 구·군 of a metropolitan city) whose city the
// address names too, or which is the only area of that name; failing that, a city. Recognises Korean and English
// names, separated by spaces, commas or brackets ("경남 진주시 동진로 55 (상대동)", "Sangdae-dong, Jinju"), and the
// numbered parts of a merged area ("상대1동" is 상대동). nullptr when the address names no known place.
const Place* place_of_address(const std::string& address, const Reference& ref);

// Reads a location object {"lat", "lon", "address", "area"} (every key optional, lat and lon together) and
// returns its stored form {"lat", "lon", "located": "coordinates"|"address"|"area", "address", "area",
// "place_ko", "place_en"}, or null when nothing was given. Coordinates must lie in South Korea (latitude 33-39,
// longitude 124-132); an address is at most 200 characters; an area code must be known; an address that names no
// known place is an error unless coordinates or an area code stand beside it. Errors are appended to errs with
// field names prefix + key ("profile.home.lat").
struct LocationErrors {
  std::vector<FieldError>& list;
  std::string prefix;
};
nlohmann::json check_location(const nlohmann::json& in, const Reference& ref, LocationErrors errs);

// The JSON schema of a location (request and stored form), for the routes' OpenAPI documents.
nlohmann::json location_schema();

// The engine's point for a stored location (or a bare area code, the older stored form), and how it was found.
// An empty or unknown place is NaN: it matches nothing.
struct Located {
  match::GeoPoint at;
  match::Located how = match::Located::kArea;
};
Located locate(const nlohmann::json& stored, const Reference& ref);

}  // namespace dongne::jobs
