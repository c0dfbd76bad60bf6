#include "jobs/location.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>

#include "http/fields.h"

namespace dongne::jobs {

namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}

// Splits on spaces, commas, dots and brackets (ASCII and the full-width forms Korean keyboards type).
std::vector<std::string> tokens_of(const std::string& text) {
  static const std::vector<std::string> kFullWidth = {"（", "）", "，", "［", "］"};
  std::string s = text;
  for (const auto& f : kFullWidth) {
    for (size_t at = s.find(f); at != std::string::npos; at = s.find(f, at)) s.replace(at, f.size(), " ");
  }
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == ',' || c == '(' || c == ')' || c == '[' || c == ']' || c == '\t' || c == '\n' || c == '.') {
      if (!cur.empty()) out.push_back(lower_ascii(cur));
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(lower_ascii(cur));
  return out;
}

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() > suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// "상대1동" -> "상대동": the numbered parts of a merged 동 are the 동.
std::string without_dong_number(const std::string& t) {
  if (!ends_with(t, "동")) return t;
  std::string out;
  for (char c : t) {
    if (c < '0' || c > '9') out += c;
  }
  return out.size() > std::string("동").size() ? out : t;
}

}  // namespace

std::shared_ptr<const PlaceNames> index_place_names(const std::map<std::string, Place>& places) {
  auto n = std::make_shared<PlaceNames>();
  for (const auto& [code, p] : places) {
    std::vector<std::string> forms = {p.name_ko, lower_ascii(p.name_en)};
    if (p.is_city()) {
      for (const char* suffix : {"특별자치시", "특별시", "광역시", "시", "군"}) {
        if (ends_with(p.name_ko, suffix)) {
          forms.push_back(p.name_ko.substr(0, p.name_ko.size() - std::string(suffix).size()));
          break;
        }
      }
      for (const auto& f : forms) {
        if (!f.empty()) n->cities[f].insert(code);
      }
    } else {
      for (const auto& f : forms) {
        if (!f.empty()) n->areas[f].push_back(code);
      }
    }
  }
  return n;
}

const Place* place_of_address(const std::string& address, const Reference& ref) {
  const auto index = ref.place_names ? ref.place_names : index_place_names(ref.places);
  const PlaceNames& names = *index;
  const auto tokens = tokens_of(address);
  std::set<std::string> named_cities;
  bool city_named = false;  // also a name that may mean two cities ("광주")
  for (const auto& t : tokens) {
    auto c = names.cities.find(t);
    if (c == names.cities.end()) continue;
    city_named = true;
    if (c->second.size() == 1) named_cities.insert(*c->second.begin());
  }
  const Place* area = nullptr;
  for (const auto& raw : tokens) {
    auto a = names.areas.find(without_dong_number(raw));
    if (a == names.areas.end()) continue;
    std::vector<const Place*> fit;
    for (const std::string& code : a->second) {
      const Place* p = ref.place(code);
      if (p && named_cities.contains(p->city)) fit.push_back(p);
    }
    if (fit.empty() && !city_named && a->second.size() == 1) fit = {ref.place(a->second.front())};
    if (fit.size() == 1 && fit.front()) area = fit.front();  // the last one named: the most specific part comes last
  }
  if (area) return area;
  if (named_cities.size() == 1) return ref.place(*named_cities.begin());
  return nullptr;
}

nlohmann::json check_location(const nlohmann::json& in, const Reference& ref, LocationErrors errs) {
  auto add = [&](const std::string& key, std::string code, std::string ko, std::string en) {
    errs.list.push_back({errs.prefix + key, std::move(code), std::move(ko), std::move(en)});
  };
  if (in.is_null()) return nullptr;
  if (!in.is_object()) {
    add("", "type", "위치는 {lat, lon, address, area} 객체입니다", "a location is an object {lat, lon, address, area}");
    return nullptr;
  }
  const size_t before = errs.list.size();
  static const std::set<std::string> kKnown = {"lat", "lon", "address", "area", "located", "place_ko", "place_en"};
  for (const auto& [k, v] : in.items()) {
    if (!kKnown.contains(k)) add(k, "unknown_field", "알 수 없는 항목입니다", "unknown field");
  }
  nlohmann::json out = nlohmann::json::object();
  // Coordinates: both or neither, inside South Korea.
  // A stored form sent back (a form that read it) carries the point it was resolved to: only "coordinates" are
  // the caller's own; any other point is derived again from the address or the area.
  const bool derived = in.contains("located") && in["located"] != "coordinates";
  const bool has_lat = !derived && in.contains("lat") && !in["lat"].is_null();
  const bool has_lon = !derived && in.contains("lon") && !in["lon"].is_null();
  std::optional<match::GeoPoint> point;
  if (has_lat != has_lon) {
    add(has_lat ? "lon" : "lat", "required", "위도와 경도는 함께 보내 주세요", "send latitude and longitude together");
  } else if (has_lat) {
    const auto& la = in["lat"];
    const auto& lo = in["lon"];
    if (!la.is_number() || !lo.is_number()) {
      add(la.is_number() ? "lon" : "lat", "type", "좌표는 숫자(도)입니다", "a coordinate is a number of degrees");
    } else {
      const double lat = la.get<double>(), lon = lo.get<double>();
      if (!(lat >= 33.0 && lat <= 39.0)) add("lat", "range", "위도는 33~39도(대한민국)여야 합니다", "the latitude is 33 to 39 degrees (South Korea)");
      if (!(lon >= 124.0 && lon <= 132.0)) add("lon", "range", "경도는 124~132도(대한민국)여야 합니다", "the longitude is 124 to 132 degrees (South Korea)");
      if (errs.list.size() == before) point = match::GeoPoint{lat, lon};
    }
  }
  std::string address;
  if (in.contains("address") && !in["address"].is_null()) {
    if (!in["address"].is_string()) {
      add("address", "type", "주소는 글자여야 합니다", "the address is text");
    } else {
      address = in["address"].get<std::string>();
      auto n = http::utf8_length(address);
      if (!n || *n > 200) add("address", "too_long", "주소는 200자 이하입니다", "an address is at most 200 characters");
    }
  }
  const Place* coded = nullptr;
  std::string area = in.contains("area") && in["area"].is_string() ? in["area"].get<std::string>() : std::string();
  if (in.contains("area") && !in["area"].is_null() && !in["area"].is_string()) {
    add("area", "type", "지역 코드는 글자입니다", "the area code is text");
  } else if (!area.empty()) {
    coded = ref.place(area);
    if (!coded) add("area", "unknown_code", "알 수 없는 지역 코드입니다: " + area, "unknown area code: " + area);
  }
  const Place* named = address.empty() ? nullptr : place_of_address(address, ref);
  if (!address.empty() && !named && !point && !coded && errs.list.size() == before) {
    add("address", "unresolved", "주소에서 아는 동네(읍·면·동 또는 시·군·구)를 찾지 못했습니다. 좌표나 지역 코드를 함께 보내 주세요",
        "the address names no place we know (a town, district or city); send coordinates or an area code with it");
  }
  if (errs.list.size() != before) return nullptr;
  if (!point && !named && !coded) return nullptr;
  // The most specific wins: coordinates, then an area (named by the address, else by its code), then a city.
  const Place* place = nullptr;
  std::string located;
  if (named && !named->is_city()) {
    place = named, located = "address";
  } else if (coded) {
    place = coded, located = "area";
  } else {
    place = named, located = "address";
  }
  if (point) located = "coordinates";
  out["lat"] = point ? point->lat : place->lat;
  out["lon"] = point ? point->lon : place->lon;
  out["located"] = located;
  out["address"] = address;
  out["area"] = coded ? coded->code : (place ? place->code : std::string());
  out["place_ko"] = place ? place->name_ko : std::string();
  out["place_en"] = place ? place->name_en : std::string();
  return out;
}

nlohmann::json location_schema() {
  const nlohmann::json str = {{"type", "string"}};
  const nlohmann::json deg = {{"type", "number"}};
  return {{"type", "object"},
          {"description", "Coordinates (WGS84 degrees, inside South Korea), or an address naming a known 읍·면·동 or "
                          "시·군·구 (at most 200 characters), or an area code from /jobs/reference/places; the answer "
                          "adds the point used and how it was found (located)."},
          {"properties",
           {{"lat", deg}, {"lon", deg}, {"address", str}, {"area", str},
            {"located", {{"enum", {"coordinates", "address", "area"}}}}, {"place_ko", str}, {"place_en", str}}}};
}

Located locate(const nlohmann::json& stored, const Reference& ref) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  Located out{{nan, nan}, match::Located::kArea};
  if (stored.is_string()) {  // a bare area code
    if (const Place* p = ref.place(stored.get<std::string>())) out.at = {p->lat, p->lon};
    return out;
  }
  if (!stored.is_object()) return out;
  const auto lat = stored.find("lat");
  const auto lon = stored.find("lon");
  if (lat != stored.end() && lon != stored.end() && lat->is_number() && lon->is_number()) {
    out.at = {lat->get<double>(), lon->get<double>()};
    const std::string how = stored.value("located", "");
    out.how = how == "coordinates" ? match::Located::kCoordinates
              : how == "address"   ? match::Located::kAddress
                                   : match::Located::kArea;
    return out;
  }
  if (stored.contains("area") && stored["area"].is_string()) return locate(stored["area"], ref);
  return out;
}

}  // namespace dongne::jobs
