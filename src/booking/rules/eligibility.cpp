#include "booking/rules/eligibility.h"

#include <algorithm>

namespace dongne::booking {
namespace {

bool in_range(int v, std::optional<int> lo, std::optional<int> hi) {
  return (!lo || v >= *lo) && (!hi || v <= *hi);
}

std::string range_text(std::optional<int> lo, std::optional<int> hi) {
  if (lo && hi) return std::to_string(*lo) + "-" + std::to_string(*hi);
  if (lo) return std::to_string(*lo) + "+";
  return "-" + std::to_string(hi.value_or(0));
}

}  // namespace

std::optional<EligibilityFailure> check_eligibility(const Eligibility& e, const Household& h, LocalDate on,
                                                    std::optional<MemberId> child_member_id,
                                                    const std::vector<MemberId>& attending) {
  if (e.city_code && h.city_code != *e.city_code) {
    return EligibilityFailure{EligibilityRule::kResidentCity, "이 시에 거주하는 가구만 예약할 수 있습니다",
                              "only households living in the city (" + *e.city_code + ") may book"};
  }
  if (!e.district_codes.empty() &&
      std::find(e.district_codes.begin(), e.district_codes.end(), h.district_code) == e.district_codes.end()) {
    return EligibilityFailure{EligibilityRule::kResidentDistrict, "대상 지역에 거주하는 가구만 예약할 수 있습니다",
                              "only households living in the listed districts may book"};
  }
  const bool age_rule = e.min_child_age_months || e.max_child_age_months;
  const bool grade_rule = e.min_school_grade || e.max_school_grade;
  if (!age_rule && !grade_rule) return std::nullopt;

  std::vector<const Member*> children;
  for (const Member& m : h.members) {
    if (!m.is_child || !m.birth) continue;
    if (child_member_id) {
      if (m.id == *child_member_id) children.push_back(&m);
    } else if (!attending.empty()) {
      if (std::find(attending.begin(), attending.end(), m.id) != attending.end()) children.push_back(&m);
    } else {
      children.push_back(&m);
    }
  }
  bool any_age = false;
  for (const Member* c : children) {
    const bool age_ok = !age_rule || in_range(age_in_months(*c->birth, on), e.min_child_age_months, e.max_child_age_months);
    const bool grade_ok = !grade_rule || in_range(school_grade(*c->birth, on), e.min_school_grade, e.max_school_grade);
    if (age_ok && grade_ok) return std::nullopt;
    any_age = any_age || age_ok;
  }
  if (age_rule && !any_age) {
    const std::string r = range_text(e.min_child_age_months, e.max_child_age_months);
    return EligibilityFailure{EligibilityRule::kChildAgeMonths,
                              "이용일 기준 자녀 나이가 " + r + "개월인 가구만 예약할 수 있습니다",
                              "a child aged " + r + " months on the day is required"};
  }
  const std::string r = range_text(e.min_school_grade, e.max_school_grade);
  return EligibilityFailure{EligibilityRule::kSchoolGrade, "이용일 기준 초등학교 " + r + "학년 자녀가 있어야 합니다",
                            "a child in elementary grade " + r + " on the day is required"};
}

}  // namespace dongne::booking
