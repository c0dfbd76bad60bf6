#include "jobs/profile.h"

#include <algorithm>
#include <array>
#include <set>

#include "jobs/location.h"

namespace dongne::jobs {

namespace {

constexpr std::array<const char*, 7> kDays = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
const std::set<std::string> kLanguages = {"ko", "en", "vi", "zh", "ja", "tl", "th", "km", "mn", "ru", "uz", "ne", "id"};

// Collects field errors under a prefix ("profile." or "detail.").
struct Errs {
  std::string prefix;
  std::vector<FieldError> list;
  void add(const std::string& f, std::string code, std::string ko, std::string en) {
    list.push_back({prefix + f, std::move(code), std::move(ko), std::move(en)});
  }
};

// "HH:MM" -> minutes from midnight (24:00 allowed as an end), or -1.
int minutes_of(const nlohmann::json& j) {
  if (!j.is_string()) return -1;
  const std::string s = j.get<std::string>();
  if (s.size() != 5 || s[2] != ':' || !std::isdigit(static_cast<unsigned char>(s[0])) ||
      !std::isdigit(static_cast<unsigned char>(s[1])) || !std::isdigit(static_cast<unsigned char>(s[3])) ||
      !std::isdigit(static_cast<unsigned char>(s[4]))) {
    return -1;
  }
  const int h = (s[0] - '0') * 10 + (s[1] - '0');
  const int m = (s[3] - '0') * 10 + (s[4] - '0');
  if (m > 59 || h > 24 || (h == 24 && m != 0)) return -1;
  return h * 60 + m;
}

int day_index(const std::string& d) {
  for (size_t i = 0; i < kDays.size(); ++i) {
    if (d == kDays[i]) return static_cast<int>(i);
  }
  return -1;
}

std::vector<std::string> string_list(const nlohmann::json& in, const char* key, Errs& e, size_t max_items = 30) {
  std::vector<std::string> out;
  if (!in.contains(key) || in[key].is_null()) return out;
  if (!in[key].is_array()) {
    e.add(key, "type", "목록이어야 합니다", "must be a list");
    return out;
  }
  if (in[key].size() > max_items) e.add(key, "too_many", "항목이 너무 많습니다", "too many items");
  for (const auto& v : in[key]) {
    if (!v.is_string() || v.get<std::string>().empty() || v.get<std::string>().size() > 200) {
      e.add(key, "type", "글자 항목만 넣을 수 있습니다", "items must be non-empty text");
      continue;
    }
    out.push_back(v.get<std::string>());
  }
  return out;
}

// The longest span that may run past midnight (an end before the start is the next morning).
constexpr int kMaxOvernightMinutes = 16 * 60;

// A weekly schedule {"days":[...], "start":"HH:MM", "end":"HH:MM"}, checked into the same shape.
nlohmann::json schedule(const nlohmann::json& in, const std::string& key, Errs& e, bool required) {
  if (!in.contains(key) || in[key].is_null()) {
    if (required) e.add(key, "required", "근무 요일과 시간이 필요합니다", "the working days and hours are required");
    return nullptr;
  }
  const auto& s = in[key];
  if (!s.is_object()) {
    e.add(key, "type", "요일과 시간을 넣어 주세요", "give days, start and end");
    return nullptr;
  }
  Errs inner{key + ".", {}};
  auto days = string_list(s, "days", inner, 7);
  std::set<int> idx;
  for (const auto& d : days) {
    int i = day_index(d);
    if (i < 0) inner.add("days", "unknown", "요일은 mon~sun 중에서 고릅니다", "days are mon, tue, wed, thu, fri, sat or sun");
    else idx.insert(i);
  }
  if (idx.empty() && days.empty()) inner.add("days", "required", "요일을 하나 이상 고르세요", "choose at least one day");
  const int start = minutes_of(s.value("start", nlohmann::json()));
  const int end = minutes_of(s.value("end", nlohmann::json()));
  if (start < 0) inner.add("start", "format", "시작 시각은 HH:MM 형식입니다", "the start time is HH:MM");
  if (end < 0) inner.add("end", "format", "끝 시각은 HH:MM 형식입니다", "the end time is HH:MM");
  // An end at or before the start is the next morning (a night shift, 22:00-07:00), up to 16 hours long.
  if (start >= 0 && end >= 0 && (end == start || (end < start && end + 1440 - start > kMaxOvernightMinutes))) {
    inner.add("end", "before_start", "끝 시각이 시작 시각과 같거나, 자정을 넘는 근무가 16시간을 넘습니다",
              "the schedule ends when it starts, or runs past midnight for more than 16 hours");
  }
  for (auto& f : inner.list) e.list.push_back({e.prefix + f.field, f.code, f.message_ko, f.message_en});
  nlohmann::json ds = nlohmann::json::array();
  for (int i : idx) ds.push_back(kDays[static_cast<size_t>(i)]);
  return {{"days", ds}, {"start", s.value("start", "")}, {"end", s.value("end", "")}};
}

// The keys of a list of competencies as typed; words that differ from the key and names go into words.
std::vector<std::string> competency_keys(const nlohmann::json& in, const char* key, const Reference& ref, Errs& e,
                                         const Synonyms* local = nullptr, nlohmann::json* words = nullptr) {
  std::vector<std::string> out;
  for (const auto& text : string_list(in, key, e, 60)) {
    auto k = competency_key(text, ref, local);
    if (!k) {
      e.add(key, "unknown_competency", "알 수 없는 역량입니다: " + text, "unknown competency: " + text);
      continue;
    }
    if (std::find(out.begin(), out.end(), *k) == out.end()) out.push_back(*k);
    if (words) {
      const auto id = ref.competencies.by_key(*k);
      const std::string n = match::Vocabulary::normalise(text);
      const bool own_name = id && (n == match::Vocabulary::normalise(ref.competencies.entry(*id).key) ||
                                   n == match::Vocabulary::normalise(ref.competencies.entry(*id).name_ko) ||
                                   n == match::Vocabulary::normalise(ref.competencies.entry(*id).name_en));
      if (!own_name && !words->contains(*k)) (*words)[*k] = text;
    }
  }
  return out;
}

nlohmann::json wage(const nlohmann::json& in, const std::string& key, Errs& e, bool required) {
  if (!in.contains(key) || in[key].is_null()) {
    if (required) e.add(key, "required", "임금이 필요합니다", "a wage is required");
    return nullptr;
  }
  const auto& w = in[key];
  if (!w.is_object() || !w.contains("won") || !w["won"].is_number_integer()) {
    e.add(key + ".won", "type", "임금은 원 단위 정수입니다", "the wage is a whole number of won");
    return nullptr;
  }
  const std::string unit = w.value("unit", "");
  if (unit != "hourly" && unit != "monthly") {
    e.add(key + ".unit", "unknown", "단위는 hourly(시급) 또는 monthly(월급)입니다", "the unit is hourly or monthly");
    return nullptr;
  }
  if (auto st = check_wage(e.prefix + key, w["won"].get<int64_t>(), unit); !st.ok()) {
    for (auto& f : st.error().fields) e.list.push_back(f);
    return nullptr;
  }
  return {{"won", w["won"].get<int64_t>()}, {"unit", unit}};
}

std::vector<std::string> languages(const nlohmann::json& in, Errs& e) {
  std::vector<std::string> out;
  for (const auto& l : string_list(in, "languages", e, 10)) {
    if (!kLanguages.contains(l)) e.add("languages", "unknown", "언어 코드(ko, en, vi, zh 등)가 아닙니다: " + l, "not a language code (ko, en, vi, zh, ...): " + l);
    else if (std::find(out.begin(), out.end(), l) == out.end()) out.push_back(l);
  }
  return out;
}

void occupation_code(const std::string& field, const std::string& code, const Reference& ref, Errs& e) {
  if (!ref.keco.known(code) || code.size() < 2) {
    e.add(field, "unknown_code", "알 수 없는 직업분류(KECO) 코드입니다: " + code, "unknown KECO occupation code: " + code);
  }
}

int int_field(const nlohmann::json& in, const char* key, int min, int max, int fallback, Errs& e) {
  if (!in.contains(key) || in[key].is_null()) return fallback;
  if (!in[key].is_number_integer() || in[key].get<int64_t>() < min || in[key].get<int64_t>() > max) {
    e.add(key, "range", std::to_string(min) + "~" + std::to_string(max) + " 사이의 정수여야 합니다",
          "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    return fallback;
  }
  return in[key].get<int>();
}

match::Week week_of(const nlohmann::json& s) {
  match::Week w{};
  if (!s.is_object()) return w;
  const int start = minutes_of(s.value("start", nlohmann::json()));
  const int end = minutes_of(s.value("end", nlohmann::json()));
  if (start < 0 || end < 0 || end == start) return w;
  const int until = end > start ? end : end + 1440;  // past midnight: the next morning, on the day it starts
  for (const auto& d : s.value("days", nlohmann::json::array())) {
    int i = d.is_string() ? day_index(d.get<std::string>()) : -1;
    if (i >= 0) w[static_cast<size_t>(i)] = {static_cast<int16_t>(start), static_cast<int16_t>(until)};
  }
  return w;
}

std::vector<match::CompetencyId> ids_of(const nlohmann::json& keys, const Reference& ref) {
  std::vector<match::CompetencyId> out;
  if (!keys.is_array()) return out;
  for (const auto& k : keys) {
    if (!k.is_string()) continue;
    if (auto id = ref.competencies.by_key(k.get<std::string>())) out.push_back(*id);
  }
  return out;
}

}  // namespace

Status check_wage(const std::string& field, int64_t won, const std::string& unit) {
  if (unit == "hourly") {
    if (won >= 300'000) {
      return Error::field(field + ".won", "monthly_as_hourly", "시급으로는 너무 큽니다. 월급이라면 단위를 monthly로 바꿔 주세요",
                          "too large for an hourly wage; if it is a monthly wage, set the unit to monthly");
    }
    if (won < 1'000 || won > 200'000) {
      return Error::field(field + ".won", "range", "시급은 1,000~200,000원이어야 합니다", "an hourly wage is 1,000 to 200,000 won");
    }
  } else {
    if (won < 100'000) {
      return Error::field(field + ".won", "hourly_as_monthly", "월급으로는 너무 작습니다. 시급이라면 단위를 hourly로 바꿔 주세요",
                          "too small for a monthly wage; if it is an hourly wage, set the unit to hourly");
    }
    if (won < 300'000 || won > 30'000'000) {
      return Error::field(field + ".won", "range", "월급은 300,000~30,000,000원이어야 합니다", "a monthly wage is 300,000 to 30,000,000 won");
    }
  }
  return ok_status();
}

std::optional<std::string> competency_key(const std::string& text, const Reference& ref, const Synonyms* local) {
  if (local) {
    auto it = local->find(match::Vocabulary::normalise(text));
    if (it != local->end() && ref.competencies.by_key(it->second)) return it->second;
  }
  if (auto id = ref.competencies.resolve(text)) return ref.competencies.entry(*id).key;
  return std::nullopt;
}

Result<nlohmann::json> check_profile(const nlohmann::json& in, const Reference& ref, LocalDate today, const Synonyms* local) {
  if (!in.is_object()) return Error::field("profile", "type", "프로필은 객체여야 합니다", "the profile is an object");
  Errs e{"profile.", {}};
  static const std::set<std::string> kKnown = {"occupations", "competencies", "certificates", "work_history",
                                               "career_break_months", "availability", "childcare", "home", "home_area",
                                               "max_commute_min", "expected_wage", "available_from", "languages",
                                               "competency_words"};
  for (const auto& [k, v] : in.items()) {
    if (!kKnown.contains(k)) e.add(k, "unknown_field", "알 수 없는 항목입니다", "unknown field");
  }
  nlohmann::json out = nlohmann::json::object();
  auto occ = string_list(in, "occupations", e, 5);
  for (const auto& c : occ) occupation_code("occupations", c, ref, e);
  out["occupations"] = occ;
  // The words as typed before (a stored profile sent back) are kept for the keys they still name.
  nlohmann::json words = nlohmann::json::object();
  out["competencies"] = competency_keys(in, "competencies", ref, e, local, &words);
  if (in.contains("competency_words") && in["competency_words"].is_object()) {
    for (const auto& [k, w] : in["competency_words"].items()) {
      const auto& keys = out["competencies"];
      if (w.is_string() && !words.contains(k) && std::find(keys.begin(), keys.end(), k) != keys.end()) words[k] = w;
    }
  }
  out["competency_words"] = words;
  out["certificates"] = string_list(in, "certificates", e);
  nlohmann::json history = nlohmann::json::array();
  if (in.contains("work_history") && !in["work_history"].is_null()) {
    if (!in["work_history"].is_array() || in["work_history"].size() > 20) {
      e.add("work_history", "type", "경력은 20개 이하의 목록입니다", "work history is a list of at most 20");
    } else {
      for (const auto& h : in["work_history"]) {
        if (!h.is_object()) continue;
        nlohmann::json row = nlohmann::json::object();
        for (const char* k : {"employer", "occupation", "from", "to"}) {
          auto it = h.find(k);
          const bool text = it == h.end() || it->is_null() || it->is_string();
          if (!text) e.add(std::string("work_history.") + k, "type", "글자여야 합니다", "must be text");
          row[k] = text && it != h.end() && it->is_string() ? it->get<std::string>() : std::string();
        }
        if (row["employer"].get<std::string>().size() > 200)
          e.add("work_history.employer", "too_long", "경력의 회사 이름은 200자 이하입니다", "an employer's name is at most 200 characters");
        // Months (YYYY-MM) or days (YYYY-MM-DD), never after today.
        const std::string this_month = format_date(today).substr(0, 7);
        for (const char* k : {"from", "to"}) {
          const std::string d = row[k].get<std::string>();
          if (d.empty()) continue;
          const bool month = d.size() == 7 && parse_date(d + "-01").ok();
          if (!month && !parse_date(d).ok()) {
            e.add(std::string("work_history.") + k, "format", "YYYY-MM 또는 YYYY-MM-DD 형식입니다", "a month as YYYY-MM or a date as YYYY-MM-DD");
          } else if (d.substr(0, 7) > this_month || (!month && d > format_date(today))) {
            e.add(std::string("work_history.") + k, "future", "경력의 날짜가 오늘보다 뒤입니다", "a date in the work history is after today");
          }
        }
        if (!row["occupation"].get<std::string>().empty()) occupation_code("work_history.occupation", row["occupation"], ref, e);
        if (!row["to"].get<std::string>().empty() && row["to"].get<std::string>() < row["from"].get<std::string>()) {
          e.add("work_history.to", "before_start", "경력의 끝이 시작보다 빠릅니다", "a job in the history ends before it starts");
        }
        history.push_back(row);
      }
    }
  }
  out["work_history"] = history;
  out["career_break_months"] = int_field(in, "career_break_months", 0, 600, 0, e);
  out["availability"] = schedule(in, "availability", e, false);
  nlohmann::json care = nlohmann::json::object();
  if (in.contains("childcare") && in["childcare"].is_object()) {
    const auto& c = in["childcare"];
    if (c.contains("leave_by") && !c["leave_by"].is_null()) {
      if (minutes_of(c["leave_by"]) < 0) e.add("childcare.leave_by", "format", "HH:MM 형식입니다", "the time is HH:MM");
      else care["leave_by"] = c["leave_by"];
    }
    if (c.contains("start_after") && !c["start_after"].is_null()) {
      if (minutes_of(c["start_after"]) < 0) e.add("childcare.start_after", "format", "HH:MM 형식입니다", "the time is HH:MM");
      else care["start_after"] = c["start_after"];
    }
    if (care.contains("leave_by") && care.contains("start_after") &&
        minutes_of(care["leave_by"]) <= minutes_of(care["start_after"])) {
      e.add("childcare.leave_by", "before_start", "떠나야 하는 시각이 시작할 수 있는 시각보다 빠르거나 같습니다",
            "she must leave before or when she can start");
    }
    care["no_saturday"] = c.value("no_saturday", false);
    care["no_sunday"] = c.value("no_sunday", false);
    const std::string note = c.value("note", "");
    if (note.size() > 500) e.add("childcare.note", "too_long", "500자 이하로 써 주세요", "at most 500 characters");
    care["note"] = note;
  }
  out["childcare"] = care;
  // Home: {"lat","lon","address","area"} (location.h); the older "home_area" code alone still works.
  std::string area;
  if (in.contains("home_area") && !in["home_area"].is_null()) {
    if (!in["home_area"].is_string()) e.add("home_area", "type", "지역 코드는 글자입니다", "the area code is text");
    else area = in["home_area"].get<std::string>();
  }
  if (!area.empty() && !ref.place(area)) e.add("home_area", "unknown_code", "알 수 없는 지역 코드입니다: " + area, "unknown area code: " + area);
  nlohmann::json home_in = in.contains("home") ? in["home"] : nlohmann::json();
  if (home_in.is_object() && !area.empty() && !home_in.contains("area")) home_in["area"] = area;
  if (home_in.is_null() && !area.empty() && ref.place(area)) home_in = {{"area", area}};
  out["home"] = check_location(home_in, ref, {e.list, e.prefix + "home."});
  out["home_area"] = out["home"].is_object() ? out["home"].value("area", area) : area;
  out["max_commute_min"] = int_field(in, "max_commute_min", 5, 180, 60, e);
  out["expected_wage"] = wage(in, "expected_wage", e, false);
  const std::string from = in.value("available_from", "");
  if (!from.empty() && !parse_date(from).ok()) e.add("available_from", "format", "YYYY-MM-DD 형식의 날짜입니다", "a date as YYYY-MM-DD");
  out["available_from"] = from;
  out["languages"] = languages(in, e);
  if (!e.list.empty()) return Error::invalid("구직자 정보를 확인해 주세요", "check the seeker's profile", std::move(e.list));
  return out;
}

Result<nlohmann::json> check_vacancy_detail(const nlohmann::json& in, const Reference& ref) {
  if (!in.is_object()) return Error::field("detail", "type", "상세는 객체여야 합니다", "the detail is an object");
  Errs e{"", {}};
  nlohmann::json out = nlohmann::json::object();
  out["required"] = competency_keys(in, "required", ref, e);
  out["preferred"] = competency_keys(in, "preferred", ref, e);
  out["hours"] = schedule(in, "hours", e, true);
  out["wage"] = wage(in, "wage", e, true);
  // Workplace: coordinates, an address naming a known place, or an area code (location.h); one is required.
  const size_t errors_before = e.list.size();
  nlohmann::json place = check_location(in.contains("workplace") ? in["workplace"] : nlohmann::json(), ref,
                                        {e.list, e.prefix + "workplace."});
  if (place.is_null() && e.list.size() == errors_before) {
    e.add("workplace.area", "required", "근무지의 좌표, 주소 또는 지역이 필요합니다",
          "the workplace needs coordinates, an address or an area");
  }
  out["workplace"] = place.is_null() ? nlohmann::json::object() : place;
  out["languages"] = languages(in, e);
  const std::string desc = in.value("description", "");
  if (desc.size() > 4000) e.add("description", "too_long", "4,000자 이하로 써 주세요", "at most 4,000 characters");
  out["description"] = desc;
  if (!e.list.empty()) return Error::invalid("채용 정보를 확인해 주세요", "check the vacancy", std::move(e.list));
  return out;
}

match::Week availability_week(const nlohmann::json& profile) {
  match::Week w{};
  const auto& a = profile.value("availability", nlohmann::json());
  if (a.is_object()) {
    w = week_of(a);
  } else {  // not stated: any weekday, 09:00-18:00
    for (size_t i = 0; i < 5; ++i) w[i] = {540, 1080};
  }
  const auto& care = profile.value("childcare", nlohmann::json::object());
  const int leave_by = minutes_of(care.value("leave_by", nlohmann::json()));
  const int start_after = minutes_of(care.value("start_after", nlohmann::json()));
  for (auto& d : w) {
    if (!d.on()) continue;
    if (leave_by >= 0) d.end = std::min<int16_t>(d.end, static_cast<int16_t>(leave_by));
    if (start_after >= 0) d.start = std::max<int16_t>(d.start, static_cast<int16_t>(start_after));
    if (!d.on()) d = {};
  }
  if (care.value("no_saturday", false)) w[5] = {};
  if (care.value("no_sunday", false)) w[6] = {};
  return w;
}

match::Seeker to_seeker(int64_t id, const nlohmann::json& p, const Reference& ref, LocalDate today) {
  match::Seeker s;
  s.id = id;
  for (const auto& c : p.value("occupations", nlohmann::json::array())) {
    if (c.is_string()) s.occupations.push_back(c.get<std::string>());
  }
  s.competencies = ids_of(p.value("competencies", nlohmann::json::array()), ref);
  const nlohmann::json words = p.value("competency_words", nlohmann::json::object());
  for (const auto& [k, w] : words.items()) {
    if (auto id = ref.competencies.by_key(k); id && w.is_string()) s.said_as.emplace_back(*id, w.get<std::string>());
  }
  s.available = availability_week(p);
  const auto home = p.contains("home") && p["home"].is_object() ? locate(p["home"], ref) : locate(p.value("home_area", nlohmann::json()), ref);
  s.home = home.at;
  s.home_located = home.how;
  s.max_commute_min = p.value("max_commute_min", 60);
  const auto& w = p.value("expected_wage", nlohmann::json());
  if (w.is_object()) s.expected = match::Wage{w.value("won", int64_t{0}), w.value("unit", "") == "hourly" ? match::WageUnit::kHourly : match::WageUnit::kMonthly};
  auto from = parse_date(p.value("available_from", ""));
  s.available_from = from.ok() && from.value() > today ? from.value() : today;
  for (const auto& l : p.value("languages", nlohmann::json::array())) {
    if (l.is_string()) s.languages.push_back(l.get<std::string>());
  }
  if (std::find(s.languages.begin(), s.languages.end(), "ko") == s.languages.end() && s.languages.empty()) s.languages.push_back("ko");
  return s;
}

match::Vacancy to_vacancy(int64_t id, const std::string& occupation, LocalDate start, int openings,
                          const nlohmann::json& d, const Reference& ref, LocalDate today) {
  match::Vacancy v;
  v.id = id;
  v.occupation = occupation;
  v.required = ids_of(d.value("required", nlohmann::json::array()), ref);
  v.preferred = ids_of(d.value("preferred", nlohmann::json::array()), ref);
  v.hours = week_of(d.value("hours", nlohmann::json()));
  const auto& w = d.value("wage", nlohmann::json::object());
  v.wage = {w.value("won", int64_t{0}), w.value("unit", "") == "hourly" ? match::WageUnit::kHourly : match::WageUnit::kMonthly};
  const auto work = locate(d.value("workplace", nlohmann::json::object()), ref);
  v.workplace = work.at;
  v.workplace_located = work.how;
  // An open vacancy whose start has passed starts as soon as possible: today, never a date in the past.
  v.start = start < today ? today : start;
  v.asap = start < today;
  v.openings = openings;
  for (const auto& l : d.value("languages", nlohmann::json::array())) {
    if (l.is_string()) v.languages.push_back(l.get<std::string>());
  }
  return v;
}

}  // namespace dongne::jobs
