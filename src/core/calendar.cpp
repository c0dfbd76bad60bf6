#include "core/calendar.h"

#include <algorithm>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace dongne {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
  std::int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

// Parses exactly `n` decimal digits at s[pos..]; advances pos.
bool digits(std::string_view s, size_t& pos, int n, int& out) {
  if (pos + static_cast<size_t>(n) > s.size()) return false;
  int v = 0;
  for (int i = 0; i < n; ++i) {
    char c = s[pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  pos += static_cast<size_t>(n);
  out = v;
  return true;
}

bool expect(std::string_view s, size_t& pos, char c) {
  if (pos >= s.size() || s[pos] != c) return false;
  ++pos;
  return true;
}

Error bad_time(std::string_view s) {
  return Error::invalid("날짜·시각 형식이 올바르지 않습니다 (RFC 3339)",
                        "not an RFC 3339 date-time: '" + std::string(s) + "'");
}

std::string_view trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

}  // namespace

bool is_leap_year(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int days_in_month(int y, int m) {
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12) return 0;
  return m == 2 && is_leap_year(y) ? 29 : kDays[m - 1];
}

bool is_valid(LocalDate d) {
  return d.year >= 1 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
         d.day <= days_in_month(d.year, d.month);
}

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms, proleptic Gregorian).
std::int64_t days_from_civil(LocalDate d) {
  std::int64_t y = d.year - (d.month <= 2 ? 1 : 0);
  const std::int64_t era = floor_div(y, 400);
  const std::int64_t yoe = y - era * 400;
  const std::int64_t mp = (d.month + 9) % 12;
  const std::int64_t doy = (153 * mp + 2) / 5 + d.day - 1;
  const std::int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

LocalDate civil_from_days(std::int64_t z) {
  z += 719468;
  const std::int64_t era = floor_div(z, 146097);
  const std::int64_t doe = z - era * 146097;
  const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const std::int64_t mp = (5 * doy + 2) / 153;
  const int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  const int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  const int year = static_cast<int>(yoe + era * 400 + (month <= 2 ? 1 : 0));
  return LocalDate{year, month, day};
}

LocalDate add_days(LocalDate d, std::int64_t n) { return civil_from_days(days_from_civil(d) + n); }

std::int64_t days_between(LocalDate from, LocalDate to) { return days_from_civil(to) - days_from_civil(from); }

Weekday weekday(LocalDate d) {
  // 1970-01-01 was a Thursday (ISO index 3).
  const std::int64_t n = days_from_civil(d) + 3;
  return static_cast<Weekday>(n - floor_div(n, 7) * 7);
}

bool is_weekend(LocalDate d) {
  const Weekday w = weekday(d);
  return w == Weekday::kSaturday || w == Weekday::kSunday;
}

LocalDate week_start(LocalDate d) { return add_days(d, -static_cast<int>(weekday(d))); }

LocalDateTime to_local(EpochMs t) {
  const std::int64_t local = t + kKstOffsetMs;
  const std::int64_t day = floor_div(local, kMsPerDay);
  const std::int64_t ms_of_day = local - day * kMsPerDay;
  LocalDateTime out;
  out.date = civil_from_days(day);
  out.minute_of_day = static_cast<int>(ms_of_day / kMsPerMinute);
  out.second = static_cast<int>((ms_of_day % kMsPerMinute) / 1000);
  out.millisecond = static_cast<int>(ms_of_day % 1000);
  return out;
}

LocalDate local_date(EpochMs t) { return civil_from_days(floor_div(t + kKstOffsetMs, kMsPerDay)); }

int local_minute_of_day(EpochMs t) { return to_local(t).minute_of_day; }

EpochMs from_local(LocalDate date, int minute_of_day) {
  return days_from_civil(date) * kMsPerDay + static_cast<std::int64_t>(minute_of_day) * kMsPerMinute - kKstOffsetMs;
}

EpochMs start_of_local_day(LocalDate date) { return from_local(date, 0); }

int age_in_months(YearMonth birth, LocalDate on) { return (on.year - birth.year) * 12 + (on.month - birth.month); }

int school_grade(YearMonth birth, LocalDate on) {
  const int school_year = on.month >= 3 ? on.year : on.year - 1;
  return school_year - (birth.year + 7) + 1;
}

std::string format_date(LocalDate d) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

Result<LocalDate> parse_date(std::string_view s) {
  size_t pos = 0;
  LocalDate d;
  if (!digits(s, pos, 4, d.year) || !expect(s, pos, '-') || !digits(s, pos, 2, d.month) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, d.day) || pos != s.size() || !is_valid(d)) {
    return Error::invalid("날짜 형식이 올바르지 않습니다 (YYYY-MM-DD)", "not a date (YYYY-MM-DD): '" + std::string(s) + "'");
  }
  return d;
}

std::string format_hhmm(int minute_of_day) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02d:%02d", (minute_of_day / 60) % 100, minute_of_day % 60);
  return buf;
}

// Written digit by digit (it is on every booking answer several times; snprintf was a visible cost). Years
// outside 0000-9999 cannot be written in RFC 3339 and fall back to snprintf's longer form.
std::string format_rfc3339(EpochMs t) {
  const LocalDateTime l = to_local(t);
  if (l.date.year < 0 || l.date.year > 9999) {
    char buf[48];
    std::snprintf(buf, sizeof buf, "%sT%s:%02d+09:00", format_date(l.date).c_str(),
                  format_hhmm(l.minute_of_day).c_str(), l.second);
    return buf;
  }
  char buf[32];
  char* p = buf;
  const auto put = [&p](int v, int width) {
    for (int i = width - 1; i >= 0; --i, v /= 10) p[i] = static_cast<char>('0' + v % 10);
    p += width;
  };
  put(l.date.year, 4);
  *p++ = '-';
  put(l.date.month, 2);
  *p++ = '-';
  put(l.date.day, 2);
  *p++ = 'T';
  put(l.minute_of_day / 60, 2);
  *p++ = ':';
  put(l.minute_of_day % 60, 2);
  *p++ = ':';
  put(l.second, 2);
  if (l.millisecond != 0) {
    *p++ = '.';
    put(l.millisecond, 3);
  }
  for (char c : std::string_view("+09:00")) *p++ = c;
  return std::string(buf, p);
}

Result<EpochMs> parse_rfc3339(std::string_view s) {
  size_t pos = 0;
  LocalDate d;
  int hh = 0, mm = 0, ss = 0;
  if (!digits(s, pos, 4, d.year) || !expect(s, pos, '-') || !digits(s, pos, 2, d.month) || !expect(s, pos, '-') ||
      !digits(s, pos, 2, d.day) || !is_valid(d)) {
    return bad_time(s);
  }
  if (pos >= s.size() || (s[pos] != 'T' && s[pos] != 't')) return bad_time(s);
  ++pos;
  if (!digits(s, pos, 2, hh) || !expect(s, pos, ':') || !digits(s, pos, 2, mm) || !expect(s, pos, ':') ||
      !digits(s, pos, 2, ss) || hh > 23 || mm > 59 || ss > 59) {
    return bad_time(s);
  }
  int ms = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int n = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (n < 3) ms = ms * 10 + (s[pos] - '0');
      ++n;
      ++pos;
    }
    if (n == 0) return bad_time(s);
    for (int i = n; i < 3; ++i) ms *= 10;
  }
  if (pos >= s.size()) return bad_time(s);
  std::int64_t offset_min = 0;
  if (s[pos] == 'Z' || s[pos] == 'z') {
    ++pos;
  } else if (s[pos] == '+' || s[pos] == '-') {
    const int sign = s[pos] == '-' ? -1 : 1;
    ++pos;
    int oh = 0, om = 0;
    if (!digits(s, pos, 2, oh) || !expect(s, pos, ':') || !digits(s, pos, 2, om) || oh > 23 || om > 59) {
      return bad_time(s);
    }
    offset_min = sign * (oh * 60 + om);
  } else {
    return bad_time(s);
  }
  if (pos != s.size()) return bad_time(s);
  const std::int64_t local_ms = days_from_civil(d) * kMsPerDay + (hh * 60 + mm) * kMsPerMinute + ss * 1000 + ms;
  return local_ms - offset_min * kMsPerMinute;
}

std::string_view holiday_kind_name(HolidayKind k) {
  switch (k) {
    case HolidayKind::kFixed: return "fixed";
    case HolidayKind::kLunar: return "lunar";
    case HolidayKind::kSubstitute: return "substitute";
    case HolidayKind::kTemporary: return "temporary";
    case HolidayKind::kElection: return "election";
  }
  return "fixed";
}

Result<HolidayCalendar> HolidayCalendar::parse_csv(std::string_view text) {
  HolidayCalendar cal;
  bool header_seen = false;
  int line_no = 0;
  while (!text.empty()) {
    const size_t nl = text.find('\n');
    std::string_view line = trim(text.substr(0, nl));
    text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
    ++line_no;
    if (line.empty() || line.front() == '#') continue;
    std::vector<std::string_view> cols;
    size_t start = 0;
    while (true) {
      const size_t comma = line.find(',', start);
      cols.push_back(trim(line.substr(start, comma == std::string_view::npos ? std::string_view::npos : comma - start)));
      if (comma == std::string_view::npos) break;
      start = comma + 1;
    }
    const std::string where = "line " + std::to_string(line_no);
    if (!header_seen) {
      if (cols.size() != 4 || cols[0] != "date" || cols[1] != "name_ko" || cols[2] != "name_en" || cols[3] != "kind") {
        return Error::invalid("공휴일 파일의 머리글이 올바르지 않습니다", where + ": expected header date,name_ko,name_en,kind");
      }
      header_seen = true;
      continue;
    }
    if (cols.size() != 4) {
      return Error::invalid("공휴일 파일의 열 수가 올바르지 않습니다", where + ": expected 4 columns");
    }
    auto date = parse_date(cols[0]);
    if (!date.ok()) return Error::invalid("공휴일 날짜가 올바르지 않습니다", where + ": " + date.error().message_en);
    Holiday h;
    h.date = date.value();
    h.name_ko = std::string(cols[1]);
    h.name_en = std::string(cols[2]);
    if (h.name_ko.empty() || h.name_en.empty()) {
      return Error::invalid("공휴일 이름이 비어 있습니다", where + ": empty holiday name");
    }
    const std::string_view kind = cols[3];
    bool known = false;
    for (HolidayKind k : {HolidayKind::kFixed, HolidayKind::kLunar, HolidayKind::kSubstitute, HolidayKind::kTemporary,
                          HolidayKind::kElection}) {
      if (holiday_kind_name(k) == kind) {
        h.kind = k;
        known = true;
      }
    }
    if (!known) return Error::invalid("공휴일 종류가 올바르지 않습니다", where + ": unknown kind '" + std::string(kind) + "'");
    cal.holidays_.push_back(std::move(h));
  }
  if (!header_seen) return Error::invalid("공휴일 파일이 비어 있습니다", "holiday file has no header");
  std::stable_sort(cal.holidays_.begin(), cal.holidays_.end(),
                   [](const Holiday& a, const Holiday& b) { return a.date < b.date; });
  if (!cal.holidays_.empty()) {
    cal.first_year_ = cal.holidays_.front().date.year;
    cal.last_year_ = cal.holidays_.back().date.year;
  }
  return cal;
}

std::vector<const Holiday*> HolidayCalendar::on(LocalDate d) const {
  std::vector<const Holiday*> out;
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), d,
                             [](const Holiday& h, LocalDate x) { return h.date < x; });
  for (; it != holidays_.end() && it->date == d; ++it) out.push_back(&*it);
  return out;
}

const Holiday* HolidayCalendar::first_on(LocalDate d) const {
  auto it = std::lower_bound(holidays_.begin(), holidays_.end(), d,
                             [](const Holiday& h, LocalDate x) { return h.date < x; });
  return it != holidays_.end() && it->date == d ? &*it : nullptr;
}

bool HolidayCalendar::is_holiday(LocalDate d) const { return first_on(d) != nullptr; }

bool HolidayCalendar::covers(LocalDate d) const { return d.year >= first_year_ && d.year <= last_year_; }

Result<std::string> read_text_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error::not_found("파일을 찾을 수 없습니다", "cannot open " + path);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return Error::internal("read failed: " + path);
  return ss.str();
}

Result<HolidayCalendar> load_holiday_file(const std::string& path) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  return HolidayCalendar::parse_csv(text);
}

}  // namespace dongne
