#include "dispatch/formats/router_matrix.h"

#include <cmath>

#include <nlohmann/json.hpp>

namespace dongne::dispatch::formats {

namespace {

using json = nlohmann::json;
constexpr size_t kMaxSide = 5000;

Error bad(const std::string& path, const std::string& ko, const std::string& en) {
  return Error::invalid(path + ": " + ko, path + ": " + en, {FieldError{path, "format", path + ": " + ko, path + ": " + en}});
}

Result<json> parse(std::string_view text) {
  try {
    json j = json::parse(text);
    if (!j.is_object()) return bad("$", "객체가 아닙니다", "not a JSON object");
    return j;
  } catch (const json::exception& e) {
    return Error::invalid("JSON을 읽을 수 없습니다", std::string("not JSON: ") + e.what());
  }
}

bool number(const json& v) { return v.is_number() && std::isfinite(v.get<double>()) && v.get<double>() >= 0; }

Status square(const json& rows, const std::string& path, size_t n) {
  if (!rows.is_array() || rows.size() != n) return bad(path, "출발지 수만큼의 행이 필요합니다", "needs one row per source");
  for (size_t i = 0; i < n; ++i)
    if (!rows[i].is_array() || rows[i].size() != n)
      return bad(path + "[" + std::to_string(i) + "]", "정사각 행렬이 아닙니다", "the matrix is not square (sources = targets)");
  return ok_status();
}

}  // namespace

Result<RouterMatrix> read_osrm_table(std::string_view text) {
  DONGNE_ASSIGN_OR_RETURN(json j, parse(text));
  if (j.contains("code") && j["code"] != "Ok") return bad("code", "OSRM이 실패를 알렸습니다", "OSRM answered " + j["code"].dump());
  if (!j.contains("durations")) return bad("durations", "시간 행렬이 없습니다", "missing (ask for annotations=duration,distance)");
  if (!j.contains("sources") || !j["sources"].is_array()) return bad("sources", "출발지 목록이 없습니다", "missing");
  const json& src = j["sources"];
  const size_t n = src.size();
  if (n == 0 || n > kMaxSide) return bad("sources", "지점 수가 올바르지 않습니다", "between 1 and 5000 points");
  RouterMatrix m;
  for (size_t i = 0; i < n; ++i) {
    const json& loc = src[i].is_object() && src[i].contains("location") ? src[i]["location"] : json();
    if (!loc.is_array() || loc.size() != 2 || !loc[0].is_number() || !loc[1].is_number())
      return bad("sources[" + std::to_string(i) + "].location", "[경도, 위도]가 필요합니다", "must be [lon, lat]");
    m.points.push_back({loc[0].get<double>(), loc[1].get<double>()});
  }
  DONGNE_TRY(square(j["durations"], "durations", n));
  const bool has_dist = j.contains("distances");
  if (has_dist) DONGNE_TRY(square(j["distances"], "distances", n));
  m.seconds.resize(n * n);
  m.metres.resize(n * n);
  for (size_t a = 0; a < n; ++a)
    for (size_t b = 0; b < n; ++b) {
      const std::string cell = "[" + std::to_string(a) + "][" + std::to_string(b) + "]";
      const json& t = j["durations"][a][b];
      if (!number(t)) return bad("durations" + cell, "갈 수 없는 구간입니다", "no route between these points (null or negative)");
      m.seconds[a * n + b] = t.get<double>();
      if (has_dist) {
        const json& d = j["distances"][a][b];
        if (!number(d)) return bad("distances" + cell, "갈 수 없는 구간입니다", "no route between these points (null or negative)");
        m.metres[a * n + b] = d.get<double>();
      } else {
        return bad("distances", "거리 행렬이 없습니다", "missing (ask for annotations=duration,distance)");
      }
    }
  return m;
}

Result<RouterMatrix> read_valhalla_matrix(std::string_view text) {
  DONGNE_ASSIGN_OR_RETURN(json j, parse(text));
  if (!j.contains("sources_to_targets")) return bad("sources_to_targets", "행렬이 없습니다", "missing");
  if (!j.contains("sources") || !j["sources"].is_array()) return bad("sources", "출발지 목록이 없습니다", "missing");
  const std::string units = j.value("units", std::string("kilometers"));
  double per_unit = 1000.0;
  if (units == "miles") per_unit = 1609.344;
  else if (units != "kilometers") return bad("units", "단위는 kilometers 또는 miles 입니다", "units are kilometers or miles");
  const json& src = j["sources"];
  // Valhalla echoes each location as an array of candidates (or one object): the first is the point.
  const size_t n = src.size();
  if (n == 0 || n > kMaxSide) return bad("sources", "지점 수가 올바르지 않습니다", "between 1 and 5000 points");
  RouterMatrix m;
  for (size_t i = 0; i < n; ++i) {
    const json& e = src[i].is_array() && !src[i].empty() ? src[i][0] : src[i];
    if (!e.is_object() || !e.contains("lon") || !e.contains("lat") || !e["lon"].is_number() || !e["lat"].is_number())
      return bad("sources[" + std::to_string(i) + "]", "lon, lat가 필요합니다", "must have lon and lat");
    m.points.push_back({e["lon"].get<double>(), e["lat"].get<double>()});
  }
  const json& rows = j["sources_to_targets"];
  DONGNE_TRY(square(rows, "sources_to_targets", n));
  m.seconds.assign(n * n, 0);
  m.metres.assign(n * n, 0);
  for (size_t a = 0; a < n; ++a)
    for (size_t b = 0; b < n; ++b) {
      const json& c = rows[a][b];
      const std::string cell = "sources_to_targets[" + std::to_string(a) + "][" + std::to_string(b) + "]";
      if (!c.is_object() || !c.contains("time") || !c.contains("distance") || !number(c["time"]) || !number(c["distance"]))
        return bad(cell, "갈 수 없는 구간입니다", "no route between these points (time or distance null)");
      const size_t from = c.value("from_index", a), to = c.value("to_index", b);
      if (from >= n || to >= n) return bad(cell, "색인이 범위를 벗어났습니다", "from_index or to_index out of range");
      m.seconds[from * n + to] = c["time"].get<double>();
      m.metres[from * n + to] = c["distance"].get<double>() * per_unit;
    }
  return m;
}

Result<RouterMatrix> read_router_matrix(std::string_view text) {
  DONGNE_ASSIGN_OR_RETURN(json j, parse(text));
  if (j.contains("sources_to_targets")) return read_valhalla_matrix(text);
  if (j.contains("durations")) return read_osrm_table(text);
  return bad("$", "OSRM table 또는 Valhalla matrix 출력이 아닙니다", "neither an OSRM table nor a Valhalla matrix answer");
}

}  // namespace dongne::dispatch::formats
