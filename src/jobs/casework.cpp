#include "jobs/casework.h"

#include <algorithm>
#include <map>
#include <set>

namespace dongne::jobs {

namespace {

// Legal moves by hand. "internship" and "hired" are reached only when the record is made (see check_transition).
const std::map<std::string_view, std::vector<std::string_view>>& manual_moves() {
  static const std::map<std::string_view, std::vector<std::string_view>> m = {
      {"intake", {"counselling", "closed"}},
      {"counselling", {"plan", "closed"}},
      {"plan", {"training", "job_search", "closed"}},
      {"training", {"job_search", "closed"}},
      {"job_search", {"training", "closed"}},
      {"internship", {"job_search", "closed"}},  // the placement ended without a hire
      {"hired", {"follow_up"}},
      {"follow_up", {"job_search", "closed"}},  // left the job: back to the search
      {"closed", {}},
  };
  return m;
}

// States from which recording a hire or an internship is allowed.
const std::set<std::string_view> kPlacable = {"plan", "training", "job_search", "internship"};

const std::map<std::string_view, std::pair<const char*, const char*>>& names() {
  static const std::map<std::string_view, std::pair<const char*, const char*>> m = {
      {"intake", {"접수", "intake"}},         {"counselling", {"상담", "counselling"}},
      {"plan", {"계획", "plan"}},             {"training", {"직업훈련", "training"}},
      {"job_search", {"구직", "job search"}}, {"internship", {"인턴십", "internship"}},
      {"hired", {"취업", "hired"}},           {"follow_up", {"사후관리", "follow-up"}},
      {"closed", {"종결", "closed"}},
  };
  return m;
}

std::string ko_name(std::string_view s) { return names().at(s).first; }
std::string en_name(std::string_view s) { return names().at(s).second; }

Result<int64_t> won_of(const nlohmann::json& j, const char* key, std::vector<FieldError>& errs) {
  if (!j.contains(key)) return int64_t{0};
  if (!j[key].is_number_integer() || j[key].get<int64_t>() < 0 || j[key].get<int64_t>() > 100'000'000) {
    errs.push_back({key, "range", "0~100,000,000원 사이의 정수여야 합니다", "must be a whole number of won, 0 to 100,000,000"});
    return int64_t{0};
  }
  return j[key].get<int64_t>();
}

int months_of(const nlohmann::json& j, const char* key, int fallback, std::vector<FieldError>& errs) {
  if (!j.contains(key)) return fallback;
  if (!j[key].is_number_integer() || j[key].get<int>() < 1 || j[key].get<int>() > 24) {
    errs.push_back({key, "range", "1~24개월이어야 합니다", "must be 1 to 24 months"});
    return fallback;
  }
  return j[key].get<int>();
}

}  // namespace

bool is_case_state(std::string_view s) {
  return std::find(std::begin(kCaseStates), std::end(kCaseStates), s) != std::end(kCaseStates);
}

std::optional<Refusal> check_transition(std::string_view from, std::string_view to, bool recorded, bool has_plan) {
  if (!is_case_state(to)) return Refusal{"unknown_state", "알 수 없는 단계입니다", "unknown case state"};
  if (!is_case_state(from)) return Refusal{"unknown_state", "사례의 현재 단계를 알 수 없습니다", "the case is in an unknown state"};
  if (from == to) {
    return Refusal{"same_state", "이미 '" + ko_name(to) + "' 단계입니다", "the case is already in '" + en_name(to) + "'"};
  }
  if (to == "hired" || to == "internship") {
    if (!recorded) {
      return Refusal{"record_required", "'" + ko_name(to) + "' 단계는 채용 또는 인턴십을 등록하면 자동으로 바뀝니다",
                     "a case reaches '" + en_name(to) + "' only by recording the hire or the internship"};
    }
    if (!kPlacable.contains(from) || (to == "internship" && from == "internship")) {
      return Refusal{"illegal_transition", "'" + ko_name(from) + "' 단계에서는 '" + ko_name(to) + "'(으)로 갈 수 없습니다",
                     "a case in '" + en_name(from) + "' cannot move to '" + en_name(to) + "'"};
    }
    return std::nullopt;
  }
  const auto& next = manual_moves().at(from);
  if (std::find(next.begin(), next.end(), to) == next.end()) {
    return Refusal{"illegal_transition", "'" + ko_name(from) + "' 단계에서는 '" + ko_name(to) + "'(으)로 갈 수 없습니다",
                   "a case in '" + en_name(from) + "' cannot move to '" + en_name(to) + "'"};
  }
  if (from == "plan" && to != "closed" && !has_plan) {
    return Refusal{"plan_required", "개인별 취업활동계획을 먼저 작성해 주세요",
                   "write the individual employment plan first"};
  }
  return std::nullopt;
}

std::vector<std::string> manual_next_states(std::string_view from, bool has_plan) {
  std::vector<std::string> out;
  auto it = manual_moves().find(from);
  if (it == manual_moves().end()) return out;
  for (auto s : it->second) {
    if (!check_transition(from, s, false, has_plan)) out.emplace_back(s);
  }
  return out;
}

LocalDate add_months(LocalDate d, int months) {
  int m0 = d.year * 12 + (d.month - 1) + months;
  LocalDate r{m0 / 12, m0 % 12 + 1, 1};
  r.day = std::min(d.day, days_in_month(r.year, r.month));
  return r;
}

Result<IncentiveRule> incentive_rule_from_json(const nlohmann::json& j) {
  if (!j.is_object()) return Error::invalid("인센티브 규칙은 객체여야 합니다", "an incentive rule is an object");
  std::vector<FieldError> errs;
  IncentiveRule r;
  r.code = j.value("code", "");
  r.name_ko = j.value("name_ko", r.code);
  r.name_en = j.value("name_en", r.code);
  if (r.code.empty()) errs.push_back({"code", "required", "규칙 코드가 필요합니다", "a rule code is required"});
  r.internship_months = months_of(j, "internship_months", 3, errs);
  r.employer_retention_months = months_of(j, "employer_retention_months", 6, errs);
  r.intern_retention_months = months_of(j, "intern_retention_months", 6, errs);
  DONGNE_ASSIGN_OR_RETURN(r.employer_monthly_won, won_of(j, "employer_monthly_won", errs));
  DONGNE_ASSIGN_OR_RETURN(r.employer_retention_won, won_of(j, "employer_retention_won", errs));
  DONGNE_ASSIGN_OR_RETURN(r.intern_retention_won, won_of(j, "intern_retention_won", errs));
  if (!errs.empty()) return Error::invalid("인센티브 규칙을 확인해 주세요", "check the incentive rule", std::move(errs));
  return r;
}

nlohmann::json incentive_rule_json(const IncentiveRule& r) {
  return {{"code", r.code},
          {"name_ko", r.name_ko},
          {"name_en", r.name_en},
          {"internship_months", r.internship_months},
          {"employer_monthly_won", r.employer_monthly_won},
          {"employer_retention_months", r.employer_retention_months},
          {"employer_retention_won", r.employer_retention_won},
          {"intern_retention_months", r.intern_retention_months},
          {"intern_retention_won", r.intern_retention_won}};
}

std::vector<PaymentDue> internship_payments(const IncentiveRule& r, LocalDate starts_on, LocalDate ends_on) {
  std::vector<PaymentDue> out;
  if (r.employer_monthly_won <= 0) return out;
  for (int m = 1; m <= r.internship_months; ++m) {
    const LocalDate month_end = add_days(add_months(starts_on, m), -1);
    if (month_end > ends_on) break;  // a shorter placement pays only its completed months
    out.push_back({"employer", "internship_month", m, add_days(month_end, 1), r.employer_monthly_won,
                   "internship month " + std::to_string(m) + " completed (" + format_date(add_months(starts_on, m - 1)) +
                       " ~ " + format_date(month_end) + ")"});
  }
  return out;
}

std::vector<PaymentDue> retention_payments(const IncentiveRule& r, LocalDate hired_on) {
  std::vector<PaymentDue> out;
  if (r.employer_retention_won > 0) {
    out.push_back({"employer", "retention", 1, add_months(hired_on, r.employer_retention_months), r.employer_retention_won,
                   "still employed " + std::to_string(r.employer_retention_months) + " months after " + format_date(hired_on)});
  }
  if (r.intern_retention_won > 0) {
    out.push_back({"intern", "intern_retention", 1, add_months(hired_on, r.intern_retention_months), r.intern_retention_won,
                   "still employed " + std::to_string(r.intern_retention_months) + " months after " + format_date(hired_on)});
  }
  return out;
}

}  // namespace dongne::jobs
