#include "booking/rules_json.h"

#include <array>

namespace dongne::booking {
namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

class Reader {
 public:
  explicit Reader(std::string prefix) : prefix_(std::move(prefix)) {}
  void fail(const std::string& field, const std::string& ko, const std::string& en) {
    errors_.push_back(FieldError{prefix_.empty() ? field : prefix_ + "." + field, "invalid", ko, en});
  }
  int integer(const nlohmann::json& j, const char* key, int fallback, int lo, int hi, const std::string& path) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_number_integer() || j[key].get<int64_t>() < lo || j[key].get<int64_t>() > hi) {
      fail(path, std::to_string(lo) + "에서 " + std::to_string(hi) + " 사이의 정수여야 합니다",
           "must be an integer between " + std::to_string(lo) + " and " + std::to_string(hi));
      return fallback;
    }
    return j[key].get<int>();
  }
  std::optional<int> opt_integer(const nlohmann::json& j, const char* key, int lo, int hi, const std::string& path) {
    if (!j.contains(key) || j[key].is_null()) return std::nullopt;
    return integer(j, key, 0, lo, hi, path);
  }
  bool boolean(const nlohmann::json& j, const char* key, bool fallback, const std::string& path) {
    if (!j.contains(key) || j[key].is_null()) return fallback;
    if (!j[key].is_boolean()) {
      fail(path, "참/거짓이어야 합니다", "must be true or false");
      return fallback;
    }
    return j[key].get<bool>();
  }
  std::optional<int> hhmm(const nlohmann::json& v, const std::string& path) {
    if (v.is_string()) {
      const std::string s = v.get<std::string>();
      if (s.size() == 5 && s[2] == ':' && isdigit(s[0]) && isdigit(s[1]) && isdigit(s[3]) && isdigit(s[4])) {
        const int h = (s[0] - '0') * 10 + (s[1] - '0');
        const int m = (s[3] - '0') * 10 + (s[4] - '0');
        if (h <= 24 && m < 60 && h * 60 + m <= 24 * 60) return h * 60 + m;
      }
    }
    fail(path, "HH:MM 형식이어야 합니다", "must be a time HH:MM");
    return std::nullopt;
  }
  Status finish() const {
    if (errors_.empty()) return {};
    return Error::invalid("예약 규칙이 올바르지 않습니다", "the booking rules are not valid", errors_);
  }

 private:
  std::string prefix_;
  std::vector<FieldError> errors_;
};

std::string minute_text(int m) { return format_hhmm(m); }

}  // namespace

Result<ParsedRules> rules_from_json(const nlohmann::json& j, const std::string& prefix) {
  ParsedRules out;
  Rules& r = out.rules;
  Reader in(prefix);
  if (!j.is_object()) {
    in.fail("", "객체여야 합니다", "must be an object");
    DONGNE_TRY(in.finish());
  }
  if (j.contains("hours")) {
    const auto& h = j["hours"];
    if (!h.is_object()) in.fail("hours", "객체여야 합니다", "must be an object");
    for (size_t d = 0; d < kDays.size() && h.is_object(); ++d) {
      if (!h.contains(kDays[d])) continue;
      const std::string p = std::string("hours.") + kDays[d];
      if (!h[kDays[d]].is_array()) {
        in.fail(p, "배열이어야 합니다", "must be a list of [open, close]");
        continue;
      }
      for (const auto& iv : h[kDays[d]]) {
        if (!iv.is_array() || iv.size() != 2) {
          in.fail(p, "[여는 시각, 닫는 시각] 쌍이어야 합니다", "each interval is [open, close]");
          continue;
        }
        auto o = in.hhmm(iv[0], p);
        auto c = in.hhmm(iv[1], p);
        if (o && c && *o >= *c) in.fail(p, "닫는 시각이 여는 시각보다 늦어야 합니다", "close must be after open");
        if (o && c) r.hours.by_weekday[d].push_back(DayInterval{*o, *c});
      }
    }
  }
  r.closed_on_public_holidays = in.boolean(j, "closed_on_public_holidays", true, "closed_on_public_holidays");
  if (j.contains("closure_days")) {
    for (const auto& d : j["closure_days"]) {
      auto p = d.is_string() ? parse_date(d.get<std::string>()) : Result<LocalDate>(Error::invalid("", ""));
      if (!p.ok()) in.fail("closure_days", "날짜(YYYY-MM-DD) 목록이어야 합니다", "must be a list of dates YYYY-MM-DD");
      else r.closure_days.push_back(p.value());
    }
  }
  if (j.contains("window") && j["window"].is_object()) {
    const auto& w = j["window"];
    r.window.opens_days_ahead = in.integer(w, "opens_days_ahead", 14, 0, 400, "window.opens_days_ahead");
    if (w.contains("opens_at")) {
      if (auto m = in.hhmm(w["opens_at"], "window.opens_at")) r.window.opens_at_minute = *m;
    }
    r.window.closes_before = minutes{in.integer(w, "closes_before_minutes", 0, 0, 60 * 24 * 60, "window.closes_before_minutes")};
  }
  r.slot_length = minutes{in.integer(j, "slot_minutes", 60, 5, 24 * 60, "slot_minutes")};
  r.max_slots_per_booking = in.integer(j, "max_slots_per_booking", 1, 1, 48, "max_slots_per_booking");
  r.max_loan_days = in.integer(j, "max_loan_days", 7, 0, 365, "max_loan_days");
  r.turnaround_days = in.integer(j, "turnaround_days", 0, 0, 30, "turnaround_days");
  r.max_persons_per_booking = in.integer(j, "max_persons_per_booking", 0, 0, 1000, "max_persons_per_booking");
  if (j.contains("eligibility") && j["eligibility"].is_object()) {
    const auto& e = j["eligibility"];
    if (e.contains("city_code") && e["city_code"].is_string()) r.eligibility.city_code = e["city_code"].get<std::string>();
    if (e.contains("district_codes") && e["district_codes"].is_array()) {
      for (const auto& d : e["district_codes"]) {
        if (d.is_string()) r.eligibility.district_codes.push_back(d.get<std::string>());
      }
    }
    r.eligibility.min_child_age_months = in.opt_integer(e, "min_child_age_months", 0, 240, "eligibility.min_child_age_months");
    r.eligibility.max_child_age_months = in.opt_integer(e, "max_child_age_months", 0, 240, "eligibility.max_child_age_months");
    r.eligibility.min_school_grade = in.opt_integer(e, "min_school_grade", 1, 6, "eligibility.min_school_grade");
    r.eligibility.max_school_grade = in.opt_integer(e, "max_school_grade", 1, 6, "eligibility.max_school_grade");
  }
  if (j.contains("quota") && j["quota"].is_object()) {
    const auto& q = j["quota"];
    Quota quota;
    const std::string period = q.value("period", std::string("month"));
    if (period == "week") quota.period = QuotaPeriod::kWeek;
    else if (period == "month") quota.period = QuotaPeriod::kMonth;
    else if (period == "year") quota.period = QuotaPeriod::kYear;
    else in.fail("quota.period", "week, month, year 중 하나여야 합니다", "must be week, month or year");
    quota.max_bookings = in.integer(q, "max_bookings", 1, 0, 1000, "quota.max_bookings");
    if (q.contains("group") && q["group"].is_string()) quota.group = q["group"].get<std::string>();
    r.quota = quota;
  }
  const std::string approval = j.value("approval", std::string("instant"));
  if (approval == "staff") r.approval = Approval::kStaff;
  else if (approval != "instant") in.fail("approval", "instant 또는 staff여야 합니다", "must be instant or staff");
  const std::string alloc = j.value("allocation", std::string("first_come"));
  if (alloc == "lottery") r.allocation = Allocation::kLottery;
  else if (alloc != "first_come") in.fail("allocation", "first_come 또는 lottery여야 합니다", "must be first_come or lottery");
  if (j.contains("lottery_draw_at") && !j["lottery_draw_at"].is_null()) {
    auto t = j["lottery_draw_at"].is_string() ? parse_rfc3339(j["lottery_draw_at"].get<std::string>())
                                              : Result<EpochMs>(Error::invalid("", ""));
    if (!t.ok()) in.fail("lottery_draw_at", "RFC 3339 일시여야 합니다", "must be an RFC 3339 date-time");
    else r.lottery_draw_at = t.value();
  }
  if (r.allocation == Allocation::kLottery && !r.lottery_draw_at) {
    in.fail("lottery_draw_at", "추첨 일시가 필요합니다", "a lottery needs its draw time");
  }
  r.waitlist = in.boolean(j, "waitlist", true, "waitlist");
  r.cancel_deadline_before = minutes{in.integer(j, "cancel_deadline_minutes", 24 * 60, 0, 60 * 24 * 60, "cancel_deadline_minutes")};
  if (j.contains("check_in") && j["check_in"].is_object()) {
    const auto& c = j["check_in"];
    r.check_in.opens_before = minutes{in.integer(c, "opens_before_minutes", 15, 0, 24 * 60, "check_in.opens_before_minutes")};
    r.check_in.closes_after = minutes{in.integer(c, "closes_after_minutes", 15, 0, 24 * 60, "check_in.closes_after_minutes")};
  }
  if (j.contains("penalty") && j["penalty"].is_object()) {
    const auto& p = j["penalty"];
    r.penalty.expires_after_days = in.integer(p, "expires_after_days", 90, 1, 3650, "penalty.expires_after_days");
    r.penalty.ban_after = in.integer(p, "ban_after", 3, 0, 100, "penalty.ban_after");
    r.penalty.ban_days = in.integer(p, "ban_days", 30, 0, 3650, "penalty.ban_days");
    r.penalty.late_cancel_counts = in.boolean(p, "late_cancel_counts", false, "penalty.late_cancel_counts");
  }
  if (j.contains("fees") && j["fees"].is_object()) {
    r.fees.per_booking.amount = in.integer(j["fees"], "per_booking_won", 0, 0, 10'000'000, "fees.per_booking_won");
    r.fees.per_person.amount = in.integer(j["fees"], "per_person_won", 0, 0, 10'000'000, "fees.per_person_won");
  }
  out.offer_minutes = in.integer(j, "offer_minutes", 120, 1, 7 * 24 * 60, "offer_minutes");
  DONGNE_TRY(in.finish());
  return out;
}

nlohmann::json rules_to_json(const Rules& r, int offer_minutes) {
  nlohmann::json hours = nlohmann::json::object();
  for (size_t d = 0; d < kDays.size(); ++d) {
    nlohmann::json day = nlohmann::json::array();
    for (const auto& iv : r.hours.by_weekday[d]) day.push_back({minute_text(iv.open_minute), minute_text(iv.close_minute)});
    hours[kDays[d]] = day;
  }
  nlohmann::json closure = nlohmann::json::array();
  for (const auto& d : r.closure_days) closure.push_back(format_date(d));
  nlohmann::json elig = nlohmann::json::object();
  if (r.eligibility.city_code) elig["city_code"] = *r.eligibility.city_code;
  elig["district_codes"] = r.eligibility.district_codes;
  if (r.eligibility.min_child_age_months) elig["min_child_age_months"] = *r.eligibility.min_child_age_months;
  if (r.eligibility.max_child_age_months) elig["max_child_age_months"] = *r.eligibility.max_child_age_months;
  if (r.eligibility.min_school_grade) elig["min_school_grade"] = *r.eligibility.min_school_grade;
  if (r.eligibility.max_school_grade) elig["max_school_grade"] = *r.eligibility.max_school_grade;
  nlohmann::json j = {
      {"hours", hours},
      {"closed_on_public_holidays", r.closed_on_public_holidays},
      {"closure_days", closure},
      {"window", {{"opens_days_ahead", r.window.opens_days_ahead}, {"opens_at", minute_text(r.window.opens_at_minute)},
                  {"closes_before_minutes", r.window.closes_before.count()}}},
      {"slot_minutes", r.slot_length.count()},
      {"max_slots_per_booking", r.max_slots_per_booking},
      {"max_loan_days", r.max_loan_days},
      {"turnaround_days", r.turnaround_days},
      {"max_persons_per_booking", r.max_persons_per_booking},
      {"eligibility", elig},
      {"approval", r.approval == Approval::kStaff ? "staff" : "instant"},
      {"allocation", r.allocation == Allocation::kLottery ? "lottery" : "first_come"},
      {"waitlist", r.waitlist},
      {"cancel_deadline_minutes", r.cancel_deadline_before.count()},
      {"check_in", {{"opens_before_minutes", r.check_in.opens_before.count()},
                    {"closes_after_minutes", r.check_in.closes_after.count()}}},
      {"penalty", {{"expires_after_days", r.penalty.expires_after_days}, {"ban_after", r.penalty.ban_after},
                   {"ban_days", r.penalty.ban_days}, {"late_cancel_counts", r.penalty.late_cancel_counts}}},
      {"fees", {{"per_booking_won", r.fees.per_booking.amount}, {"per_person_won", r.fees.per_person.amount}}},
      {"offer_minutes", offer_minutes}};
  if (r.quota) {
    static constexpr const char* kP[] = {"week", "month", "year"};
    j["quota"] = {{"period", kP[static_cast<size_t>(r.quota->period)]}, {"max_bookings", r.quota->max_bookings},
                  {"group", r.quota->group}};
  }
  j["lottery_draw_at"] = r.lottery_draw_at ? nlohmann::json(format_rfc3339(*r.lottery_draw_at)) : nlohmann::json(nullptr);
  return j;
}

Result<std::vector<Variant>> variants_from_json(const nlohmann::json& j, const std::string& prefix) {
  std::vector<Variant> out;
  Reader in(prefix);
  if (!j.is_array()) in.fail("", "배열이어야 합니다", "must be a list");
  for (size_t i = 0; j.is_array() && i < j.size(); ++i) {
    const auto& v = j[i];
    const std::string p = "[" + std::to_string(i) + "]";
    if (!v.is_object() || !v.contains("label") || !v["label"].is_string()) {
      in.fail(p, "{id, label, stock} 형식이어야 합니다", "each variant is {id, label, stock}");
      continue;
    }
    Variant var;
    var.id = in.integer(v, "id", static_cast<int>(i + 1), 1, 1'000'000, p + ".id");
    var.label = v["label"].get<std::string>();
    var.stock = in.integer(v, "stock", 1, 0, 100'000, p + ".stock");
    for (const auto& o : out) {
      if (o.id == var.id) in.fail(p + ".id", "중복된 품목 번호입니다", "duplicate variant id");
    }
    out.push_back(var);
  }
  DONGNE_TRY(in.finish());
  return out;
}

nlohmann::json variants_to_json(const std::vector<Variant>& v) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& x : v) a.push_back({{"id", x.id}, {"label", x.label}, {"stock", x.stock}});
  return a;
}

Result<std::vector<TimeRange>> occurrences_from_json(const nlohmann::json& j, const std::string& prefix) {
  std::vector<TimeRange> out;
  Reader in(prefix);
  if (!j.is_array()) in.fail("", "배열이어야 합니다", "must be a list");
  for (size_t i = 0; j.is_array() && i < j.size(); ++i) {
    const auto& o = j[i];
    const std::string p = "[" + std::to_string(i) + "]";
    auto s = o.is_object() && o.contains("start") && o["start"].is_string() ? parse_rfc3339(o["start"].get<std::string>())
                                                                              : Result<EpochMs>(Error::invalid("", ""));
    auto e = o.is_object() && o.contains("end") && o["end"].is_string() ? parse_rfc3339(o["end"].get<std::string>())
                                                                          : Result<EpochMs>(Error::invalid("", ""));
    if (!s.ok() || !e.ok() || e.value() <= s.value()) {
      in.fail(p, "{start, end} RFC 3339 일시이고 끝이 시작보다 늦어야 합니다", "each is {start, end} with end after start");
      continue;
    }
    out.push_back(TimeRange{s.value(), e.value()});
  }
  DONGNE_TRY(in.finish());
  return out;
}

nlohmann::json occurrences_to_json(const std::vector<TimeRange>& o) {
  nlohmann::json a = nlohmann::json::array();
  for (const auto& t : o) a.push_back({{"start", format_rfc3339(t.start)}, {"end", format_rfc3339(t.end)}});
  return a;
}

}  // namespace dongne::booking
