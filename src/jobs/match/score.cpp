// Factor models, hard constraints and the explained Match for one pair (see score.h for the models).
#include "jobs/match/score.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

#include "jobs/match/engine.h"

namespace dongne::jobs::match {

double haversine_km(GeoPoint a, GeoPoint b) {
  auto valid = [](GeoPoint p) { return p.lat >= -90 && p.lat <= 90 && p.lon >= -180 && p.lon <= 180; };
  if (!valid(a) || !valid(b)) return std::numeric_limits<double>::quiet_NaN();
  constexpr double kRadiusKm = 6371.0088;
  constexpr double kRad = 3.14159265358979323846 / 180.0;
  const double dlat = (b.lat - a.lat) * kRad;
  const double dlon = (b.lon - a.lon) * kRad;
  const double s1 = std::sin(dlat / 2);
  const double s2 = std::sin(dlon / 2);
  const double h = s1 * s1 + std::cos(a.lat * kRad) * std::cos(b.lat * kRad) * s2 * s2;
  return 2 * kRadiusKm * std::asin(std::sqrt(std::min(1.0, h)));
}

double commute_minutes(GeoPoint a, GeoPoint b, const Params& p) {
  return p.commute_base_min + haversine_km(a, b) * p.commute_min_per_km;
}

namespace {

const char* located_ko(Located l) {
  switch (l) {
    case Located::kCoordinates: return "좌표";
    case Located::kAddress: return "주소의 동네 중심 추정";
    case Located::kArea: return "지역 중심 추정";
  }
  return "";
}

const char* located_en(Located l) {
  switch (l) {
    case Located::kCoordinates: return "coordinates";
    case Located::kAddress: return "centre of the area its address names, an estimate";
    case Located::kArea: return "area centre, an estimate";
  }
  return "";
}

}  // namespace

std::string commute_basis_ko(Located home, Located workplace) {
  if (home == workplace) return std::string("집과 근무지 모두 ") + located_ko(home);
  return std::string("집 ") + located_ko(home) + ", 근무지 " + located_ko(workplace);
}

std::string commute_basis_en(Located home, Located workplace) {
  if (home == workplace) return std::string("home and workplace: ") + located_en(home);
  return std::string("home: ") + located_en(home) + "; workplace: " + located_en(workplace);
}

double monthly_paid_hours(int weekly_minutes) {
  const double h = weekly_minutes / 60.0;
  if (h >= 40) return 209.0;  // 최저임금 고시의 월 환산 기준 (40 h + 8 h 주휴) x 4.345
  const double rest = h >= 15 ? h / 5 : 0;  // 주휴수당: one paid day per week from 15 h a week
  return (h + rest) * 4.345;
}

double pay_in_unit(const Wage& w, int weekly_minutes, WageUnit unit) {
  if (w.unit == unit) return static_cast<double>(w.won);
  const double hours = monthly_paid_hours(weekly_minutes);
  if (unit == WageUnit::kMonthly) return static_cast<double>(w.won) * hours;
  return hours > 0 ? static_cast<double>(w.won) / hours : 0.0;
}

double hourly_equivalent(const Wage& w, int weekly_minutes) { return pay_in_unit(w, weekly_minutes, WageUnit::kHourly); }

namespace detail {

Scores normalised(const Weights& w) {
  const Weights& use = w.sum() > 0 ? w : Weights{};
  const double sum = use.sum();
  return {use.occupation / sum, use.competency / sum, use.schedule / sum,
          use.commute / sum,    use.wage / sum,       use.start / sum};
}

double competency_score(int have_req, int n_req, int have_pref, int n_pref, const Params& p) {
  const double denom = p.required_weight * n_req + n_pref;
  if (denom <= 0) return 1.0;
  return (p.required_weight * have_req + have_pref) / denom;
}

double schedule_score(int vacancy_minutes, int seeker_minutes) {
  if (seeker_minutes <= 0) return 0.0;
  return std::min(1.0, static_cast<double>(vacancy_minutes) / seeker_minutes);
}

double commute_score(double minutes, int max_min, const Params& p) {
  const double span = max_min - p.commute_base_min;
  if (span <= 0) return minutes <= max_min ? 1.0 : 0.0;
  return std::clamp((max_min - minutes) / span, 0.0, 1.0);
}

double wage_score(double vacancy_hourly, double expected_hourly, const Params& p) {
  if (expected_hourly <= 0 || vacancy_hourly >= expected_hourly) return 1.0;
  if (p.wage_falloff <= 0) return 0.0;
  const double below = 1.0 - vacancy_hourly / expected_hourly;
  return std::max(0.0, 1.0 - below / p.wage_falloff);
}

double start_score(std::int64_t days, const Params& p) {
  const std::int64_t gap = days >= 0 ? days : -days;
  if (gap <= p.start_grace_days) return 1.0;
  const int zero = days >= 0 ? p.start_wait_zero_days : p.start_late_zero_days;
  const double span = zero - p.start_grace_days;
  if (span <= 0) return 0.0;
  return std::max(0.0, 1.0 - static_cast<double>(gap - p.start_grace_days) / span);
}

namespace {

constexpr int kDay = 1440, kWeek = 7 * kDay;

bool crosses_midnight(const Week& w) {
  for (const DaySpan& d : w)
    if (d.on() && d.end > kDay) return true;
  return false;
}

// Whether [from, to) in minutes of the week (Monday 00:00 = 0; to may pass the week's end, which wraps to Monday)
// lies inside the seeker's windows, windows that meet at midnight joining into one.
bool covered(const Week& available, int from, int to) {
  // The windows over two weeks, so that Sunday night runs into Monday morning; sorted by start as built.
  std::array<std::pair<int, int>, 14> spans{};
  int n = 0;
  for (int rep = 0; rep < 2; ++rep) {
    for (int d = 0; d < 7; ++d) {
      if (available[d].on()) spans[n++] = {rep * kWeek + d * kDay + available[d].start, rep * kWeek + d * kDay + available[d].end};
    }
  }
  int lo = -1, hi = -1;
  for (int i = 0; i < n; ++i) {
    if (spans[i].first <= hi) {
      hi = std::max(hi, spans[i].second);
    } else {
      lo = spans[i].first;
      hi = spans[i].second;
    }
    if (lo <= from && to <= hi) return true;
  }
  return false;
}

}  // namespace

int schedule_conflict(const Week& available, const Week& hours) {
  if (!crosses_midnight(available) && !crosses_midnight(hours)) {
    for (int d = 0; d < 7; ++d) {
      if (hours[d].on() && !available[d].contains(hours[d])) return d;
    }
    return -1;
  }
  for (int d = 0; d < 7; ++d) {
    if (!hours[d].on()) continue;
    const int from = d * kDay + hours[d].start, to = d * kDay + hours[d].end;
    // Also a week on: a window of the Sunday before runs into this Monday.
    if (!covered(available, from, to) && !covered(available, from + kWeek, to + kWeek)) return d;
  }
  return -1;
}

bool schedule_fits(const Week& available, const Week& hours) {
  return schedule_conflict(available, hours) < 0;
}

namespace {
std::string lower(std::string s) {
  for (char& c : s) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return s;
}
}  // namespace

std::string missing_language(const std::vector<std::string>& has, const std::vector<std::string>& required) {
  for (const std::string& r : required) {
    const std::string lr = lower(r);
    bool found = false;
    for (const std::string& h : has) found = found || lower(h) == lr;
    if (!found) return r;
  }
  return {};
}

Competencies canonical(const Vacancy& v) {
  Competencies c;
  for (CompetencyId id : v.required) {
    if (std::find(c.required.begin(), c.required.end(), id) == c.required.end()) c.required.push_back(id);
  }
  for (CompetencyId id : v.preferred) {
    if (std::find(c.required.begin(), c.required.end(), id) == c.required.end() &&
        std::find(c.preferred.begin(), c.preferred.end(), id) == c.preferred.end()) {
      c.preferred.push_back(id);
    }
  }
  return c;
}

OccupationFit occupation_fit(const Seeker& s, const std::string& code, const Taxonomy& t, const Params& p) {
  OccupationFit best;
  if (s.occupations.empty()) {
    best.open = true;
    best.score = p.occupation_open_score;
    return best;
  }
  best.level = t.common_level(s.occupations[0], code);
  for (std::size_t r = 0; r < s.occupations.size(); ++r) {
    const double prox = t.proximity(s.occupations[r], code);
    const double sc = wish_score(prox, r, p);
    best.proximity = std::max(best.proximity, prox);
    if (sc > best.score) {
      best.score = sc;
      best.rank = r;
      best.level = t.common_level(s.occupations[r], code);
    }
  }
  return best;
}

std::int64_t day_number(LocalDate d) { return days_from_civil(d); }

std::string won_text(double x) {
  auto n = static_cast<long long>(std::llround(x));
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

namespace {

std::string won(double x) { return won_text(x); }

std::string hours_text(int minutes) {
  char buf[32];
  if (minutes % 60 == 0) {
    std::snprintf(buf, sizeof buf, "%d", minutes / 60);
  } else {
    std::snprintf(buf, sizeof buf, "%.1f", minutes / 60.0);
  }
  return buf;
}

const char* kLevelKo[] = {"", "대분류", "중분류", "소분류", "세분류"};
const char* kLevelEn[] = {"", "major group", "sub-major group", "minor group", "unit group"};

void occupation_detail(const OccupationFit& f, const std::string& wish, const std::string& code,
                       Factor& out) {
  if (f.open) {
    out.detail_ko = "희망 직종 제한 없음";
    out.detail_en = "open to any occupation";
    return;
  }
  const std::string rank_ko = f.rank == 0 ? "희망 직종" : std::to_string(f.rank + 1) + "순위 희망 직종";
  const std::string rank_en = f.rank == 0 ? "her first wish" : "her wish #" + std::to_string(f.rank + 1);
  if (wish == code) {
    out.detail_ko = rank_ko + "과 같은 직종(" + code + ")";
    out.detail_en = "the same occupation as " + rank_en + " (" + code + ")";
    return;
  }
  const int lv = std::clamp(f.level, 1, 4);
  const std::string common = code.substr(0, std::min<std::size_t>(static_cast<std::size_t>(lv), code.size()));
  out.detail_ko = rank_ko + "과 같은 " + kLevelKo[lv] + "(" + common + ")";
  out.detail_en = "the same " + std::string(kLevelEn[lv]) + " as " + rank_en + " (" + common + ")";
}

}  // namespace

Match build_match(const Seeker& s, const Vacancy& v, const Taxonomy& t, const Vocabulary& vocab,
                  const CourseCatalog& courses, const Weights& w, const Params& p) {
  Match m;
  m.seeker_id = s.id;
  m.vacancy_id = v.id;
  const Scores nw = normalised(w);
  Scores sc{};
  std::vector<Factor> f(kFactors);

  const OccupationFit occ = occupation_fit(s, v.occupation, t, p);
  sc[0] = occ.score;
  occupation_detail(occ, occ.open ? std::string() : s.occupations[occ.rank], v.occupation, f[0]);

  const Competencies comps = canonical(v);
  auto has = [&](CompetencyId c) {
    return std::find(s.competencies.begin(), s.competencies.end(), c) != s.competencies.end();
  };
  int have_req = 0;
  int have_pref = 0;
  std::string missing_ko;
  for (CompetencyId c : comps.required) {
    if (has(c)) {
      ++have_req;
    } else {
      m.gaps.push_back({c, true, courses.teaching(c)});
    }
  }
  for (CompetencyId c : comps.preferred) {
    if (has(c)) {
      ++have_pref;
    } else {
      m.gaps.push_back({c, false, courses.teaching(c)});
    }
  }
  const int n_req = static_cast<int>(comps.required.size());
  const int n_pref = static_cast<int>(comps.preferred.size());
  sc[1] = competency_score(have_req, n_req, have_pref, n_pref, p);
  f[1].detail_ko = "필수 역량 " + std::to_string(have_req) + "/" + std::to_string(n_req) + ", 우대 역량 " +
                   std::to_string(have_pref) + "/" + std::to_string(n_pref) + " 보유";
  f[1].detail_en = "has " + std::to_string(have_req) + " of " + std::to_string(n_req) + " required and " +
                   std::to_string(have_pref) + " of " + std::to_string(n_pref) + " preferred competencies";
  // The words she used that matched, where they differ from the vocabulary's names.
  std::string words_ko;
  std::string words_en;
  for (const auto& [c, word] : s.said_as) {
    const bool asked = std::find(comps.required.begin(), comps.required.end(), c) != comps.required.end() ||
                       std::find(comps.preferred.begin(), comps.preferred.end(), c) != comps.preferred.end();
    if (!asked || !has(c) || c >= vocab.size()) continue;
    words_ko += (words_ko.empty() ? "" : ", ") + ("'" + word + "'을(를) " + vocab.entry(c).name_ko + "(으)로 봄");
    words_en += (words_en.empty() ? "" : ", ") + ("'" + word + "' read as " + vocab.entry(c).name_en);
  }
  if (!words_ko.empty()) {
    f[1].detail_ko += " (" + words_ko + ")";
    f[1].detail_en += " (" + words_en + ")";
  }
  std::string lacking_ko;
  std::string lacking_en;
  for (const Gap& g : m.gaps) {
    if (!g.required || g.competency >= vocab.size()) continue;
    lacking_ko += (lacking_ko.empty() ? "" : ", ") + vocab.entry(g.competency).name_ko;
    lacking_en += (lacking_en.empty() ? "" : ", ") + vocab.entry(g.competency).name_en;
  }
  if (!lacking_ko.empty()) {
    f[1].detail_ko += " (부족: " + lacking_ko + ")";
    f[1].detail_en += " (lacking: " + lacking_en + ")";
  }

  const int vmin = weekly_minutes(v.hours);
  const int smin = weekly_minutes(s.available);
  sc[2] = schedule_score(vmin, smin);
  const int pct = static_cast<int>(std::lround(sc[2] * 100));
  f[2].detail_ko = "주 " + hours_text(vmin) + "시간 근무, 가능 시간의 " + std::to_string(pct) + "%";
  f[2].detail_en = hours_text(vmin) + " h a week, " + std::to_string(pct) + "% of her available hours";

  const double minutes = commute_minutes(s.home, v.workplace, p);
  sc[3] = commute_score(minutes, s.max_commute_min, p);
  const std::string mins = std::to_string(std::lround(minutes));
  f[3].detail_ko = "통근 약 " + mins + "분 (한도 " + std::to_string(s.max_commute_min) + "분; " +
                   commute_basis_ko(s.home_located, v.workplace_located) + ")";
  f[3].detail_en = "commute about " + mins + " min (limit " + std::to_string(s.max_commute_min) + "; " +
                   commute_basis_en(s.home_located, v.workplace_located) + ")";

  // In the unit of her minimum (what a monthly wish is read against is the job's month, not its hour).
  if (s.expected) {
    const bool monthly = s.expected->unit == WageUnit::kMonthly;
    const double pay = pay_in_unit(v.wage, vmin, s.expected->unit);
    sc[4] = wage_score(pay, static_cast<double>(s.expected->won), p);
    f[4].detail_ko = std::string(monthly ? "월 환산 " : "시급 환산 ") + won(pay) + "원 (희망 최소 " + won(static_cast<double>(s.expected->won)) + "원)";
    f[4].detail_en = "about " + won(pay) + (monthly ? " won a month" : " won an hour") + " (her minimum " +
                     won(static_cast<double>(s.expected->won)) + ")";
  } else {
    const double vh = hourly_equivalent(v.wage, vmin);
    sc[4] = wage_score(vh, 0.0, p);
    f[4].detail_ko = "시급 환산 " + won(vh) + "원 (희망 임금 없음)";
    f[4].detail_en = "about " + won(vh) + " won an hour (no minimum given)";
  }

  const std::int64_t days = day_number(v.start) - day_number(s.available_from);
  sc[5] = start_score(days, p);
  const std::string start = format_date(v.start);
  if (v.asap && days >= 0) {
    f[5].detail_ko = "게시된 시작일이 지나 즉시 시작" + std::string(days > 0 ? ", 근무 가능일보다 " + std::to_string(days) + "일 앞섬" : "");
    f[5].detail_en = "starts as soon as possible (its posted start has passed)" +
                     std::string(days > 0 ? ", " + std::to_string(days) + " days before she is available" : "");
  } else if (v.asap) {
    f[5].detail_ko = "게시된 시작일이 지나 즉시 시작, 근무 가능일이 " + std::to_string(-days) + "일 늦음";
    f[5].detail_en = "starts as soon as possible (its posted start has passed); she is available " + std::to_string(-days) + " days later";
  } else if (days > 0) {
    f[5].detail_ko = "시작일 " + start + ", 근무 가능일보다 " + std::to_string(days) + "일 뒤";
    f[5].detail_en = "starts " + start + ", " + std::to_string(days) + " days after she is available";
  } else if (days < 0) {
    f[5].detail_ko = "시작일 " + start + ", 근무 가능일이 " + std::to_string(-days) + "일 늦음";
    f[5].detail_en = "starts " + start + ", she is available " + std::to_string(-days) + " days later";
  } else {
    f[5].detail_ko = "시작일 " + start + ", 근무 가능일과 같음";
    f[5].detail_en = "starts " + start + ", the day she is available";
  }

  m.score = combine(nw, sc);
  for (int i = 0; i < kFactors; ++i) {
    f[i].name = kFactorNames[i];
    f[i].score = sc[i];
    f[i].weight = nw[i];
    f[i].contribution = nw[i] * sc[i];
    f[i].share = m.score > 0 ? nw[i] * sc[i] / m.score : 0.0;
  }
  m.factors = std::move(f);
  return m;
}

}  // namespace detail

namespace {
const char* kDayKo[] = {"월", "화", "수", "목", "금", "토", "일"};
const char* kDayEn[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
std::string hhmm(int m) {
  char buf[16];
  m %= 1440;  // a night shift's end is the next morning's clock time
  std::snprintf(buf, sizeof buf, "%02d:%02d", m / 60, m % 60);
  return buf;
}
}  // namespace

Verdict explain(const Seeker& s, const Vacancy& v, const Taxonomy& taxonomy, const Vocabulary& vocabulary,
                const CourseCatalog& courses, const Weights& w, const Params& p) {
  Verdict out;
  const detail::OccupationFit occ = detail::occupation_fit(s, v.occupation, taxonomy, p);
  if (!occ.open && occ.proximity <= 0) {
    out.reason_code = "occupation";
    out.reason_ko = "희망 직종과 다른 대분류의 직종입니다 (" + v.occupation + ")";
    out.reason_en = "the occupation (" + v.occupation + ") is outside the major groups she wishes for";
    return out;
  }
  if (std::string lang = detail::missing_language(s.languages, v.languages); !lang.empty()) {
    out.reason_code = "language";
    out.reason_ko = "필요한 언어가 없습니다 (" + lang + ")";
    out.reason_en = "she does not speak a required language (" + lang + ")";
    return out;
  }
  if (int d = detail::schedule_conflict(s.available, v.hours); d >= 0) {
    const std::string span = hhmm(v.hours[d].start) + "–" + hhmm(v.hours[d].end);
    out.reason_code = "schedule";
    out.reason_ko = "근무 시간이 가능한 시간을 벗어납니다 (" + std::string(kDayKo[d]) + " " + span + ")";
    out.reason_en = "the hours fall outside her availability (" + std::string(kDayEn[d]) + " " + span + ")";
    return out;
  }
  const double minutes = commute_minutes(s.home, v.workplace, p);
  if (!(minutes <= s.max_commute_min)) {  // also an unknown (non-finite) place
    const std::string mins = std::to_string(std::lround(minutes));
    out.reason_code = "commute";
    out.reason_ko = "통근 약 " + mins + "분으로 한도 " + std::to_string(s.max_commute_min) + "분을 넘습니다 (" +
                    commute_basis_ko(s.home_located, v.workplace_located) + ")";
    out.reason_en = "the commute of about " + mins + " min exceeds her limit of " +
                    std::to_string(s.max_commute_min) + " (" + commute_basis_en(s.home_located, v.workplace_located) + ")";
    return out;
  }
  if (s.expected) {
    const int vmin = weekly_minutes(v.hours);
    const double pay = pay_in_unit(v.wage, vmin, s.expected->unit);
    if (pay < static_cast<double>(s.expected->won)) {
      const bool monthly = s.expected->unit == WageUnit::kMonthly;
      out.reason_code = "wage";
      out.reason_ko = std::string(monthly ? "월 환산 " : "시급 환산 ") + detail::won_text(pay) + "원으로 희망 최소 " +
                      detail::won_text(static_cast<double>(s.expected->won)) + "원보다 적습니다";
      out.reason_en = "it pays about " + detail::won_text(pay) + (monthly ? " won a month" : " won an hour") +
                      ", below her minimum of " + detail::won_text(static_cast<double>(s.expected->won));
      return out;
    }
  }
  out.eligible = true;
  out.match = detail::build_match(s, v, taxonomy, vocabulary, courses, w, p);
  return out;
}

}  // namespace dongne::jobs::match
