// Internal to the Programmes service files: small shared helpers (errors, event payloads, formatting).
#pragma once

#include <initializer_list>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/roles.h"
#include "programmes/records.h"

namespace dongne::programmes::detail {

inline nlohmann::json ids_payload(std::initializer_list<std::pair<const char*, int64_t>> ids) {
  nlohmann::json j = nlohmann::json::object();
  for (const auto& [k, v] : ids) j[k] = v;
  return j;
}

inline Error no_call() { return Error::not_found("공모를 찾을 수 없습니다", "no such call"); }
inline Error no_proposal() { return Error::not_found("제안서를 찾을 수 없습니다", "no such proposal"); }
inline Error not_district() {
  return Error::forbidden("이 구·군의 일자리 담당자만 할 수 있습니다", "only this district's officers may do this");
}
inline Error not_city() { return Error::forbidden("시 일자리정책과만 할 수 있습니다", "only the city's job-policy officers may do this"); }

inline std::string won(int64_t v) {
  std::string s = std::to_string(v);
  for (int i = static_cast<int>(s.size()) - 3; i > 0; i -= 3) s.insert(static_cast<size_t>(i), ",");
  return s;
}

inline std::string fixed2(double v) {
  const int64_t c = static_cast<int64_t>(v * 100 + (v >= 0 ? 0.5 : -0.5));
  std::string frac = std::to_string(c % 100);
  return std::to_string(c / 100) + "." + (frac.size() < 2 ? "0" + frac : frac);
}

// Whether the deadline has passed (a proposal may be written and submitted up to and including the deadline).
inline bool past(const CallRecord& c, EpochMs now) { return now > c.deadline; }

inline Error deadline_passed(const CallRecord& c) {
  return Error::conflict("제출 마감(" + format_rfc3339(c.deadline) + ")이 지났습니다",
                         "the call closed at " + format_rfc3339(c.deadline), "deadline_passed");
}

// The reviewer's own district: the one recorded at assignment, else a district they are an officer of.
inline bool own_district(const Principal& p, std::optional<int64_t> assigned, int64_t district) {
  if (assigned && *assigned == district) return true;
  for (const auto& g : p.grants) {
    if (g.role == Role::kDistrictOfficer && g.scope_kind == "district" && g.scope_id == district) return true;
  }
  return false;
}


}  // namespace dongne::programmes::detail
