// Asia/Seoul local time (KST = UTC+9, no daylight saving since 1988) and the Korean public-holiday calendar.
// Pure functions over plain values: no clock (callers pass `now`), no I/O except load_holiday_file().
// Thread-safety: all values are immutable after construction; a HolidayCalendar may be shared between threads.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace dongne {

// Milliseconds since 1970-01-01T00:00:00Z (UTC). All instants in dongne are this type.
using EpochMs = std::int64_t;

inline constexpr std::int64_t kMsPerMinute = 60'000;
inline constexpr std::int64_t kMsPerHour = 3'600'000;
inline constexpr std::int64_t kMsPerDay = 86'400'000;
inline constexpr std::int64_t kKstOffsetMs = 9 * kMsPerHour;  // Asia/Seoul is UTC+09:00 all year

// ISO weekday numbering: Monday = 0 ... Sunday = 6 (usable as an array index).
enum class Weekday : std::uint8_t { kMonday, kTuesday, kWednesday, kThursday, kFriday, kSaturday, kSunday };

struct LocalDate {
  int year = 1970;
  int month = 1;  // 1..12
  int day = 1;    // 1..31
  auto operator<=>(const LocalDate&) const = default;
};

// A month of a year, e.g. a child's birth month (dongne never stores full birth dates of children).
struct YearMonth {
  int year = 1970;
  int month = 1;
  auto operator<=>(const YearMonth&) const = default;
};

// A local wall-clock reading in Asia/Seoul.
struct LocalDateTime {
  LocalDate date;
  int minute_of_day = 0;  // 0..1439
  int second = 0;         // 0..59
  int millisecond = 0;    // 0..999
  auto operator<=>(const LocalDateTime&) const = default;
};

bool is_leap_year(int year);
int days_in_month(int year, int month);
bool is_valid(LocalDate d);

// Days since 1970-01-01 (proleptic Gregorian) and back.
std::int64_t days_from_civil(LocalDate d);
LocalDate civil_from_days(std::int64_t days);

LocalDate add_days(LocalDate d, std::int64_t n);
std::int64_t days_between(LocalDate from, LocalDate to);  // to - from, in days
Weekday weekday(LocalDate d);
bool is_weekend(LocalDate d);
// Monday of the ISO week containing d.
LocalDate week_start(LocalDate d);

// Instant <-> Asia/Seoul wall clock.
LocalDateTime to_local(EpochMs t);
LocalDate local_date(EpochMs t);
int local_minute_of_day(EpochMs t);
// The instant at which Seoul clocks read `date` + minute_of_day (minute_of_day may exceed 1439: next day).
EpochMs from_local(LocalDate date, int minute_of_day);
EpochMs start_of_local_day(LocalDate date);

// Whole months from a birth month to the month of `on` (born in January, any day of March = 2 months).
int age_in_months(YearMonth birth, LocalDate on);
// Korean elementary-school grade on a date: children born in calendar year Y start grade 1 in March of Y+7,
// and the school year runs March..February. Returns <= 0 before school, 7+ after elementary school.
int school_grade(YearMonth birth, LocalDate on);

// "2026-05-05".
std::string format_date(LocalDate d);
Result<LocalDate> parse_date(std::string_view s);
// "HH:MM" for a minute of the day.
std::string format_hhmm(int minute_of_day);
// RFC 3339 in Seoul time: "2026-05-05T10:00:00+09:00", with ".mmm" only when milliseconds are non-zero.
std::string format_rfc3339(EpochMs t);
// Accepts any RFC 3339 date-time: offset "Z" or "+hh:mm"/"-hh:mm", optional fraction (truncated to ms).
Result<EpochMs> parse_rfc3339(std::string_view s);

// ---------------------------------------------------------------------------------------------------------
// Public holidays (「관공서의 공휴일에 관한 규정」): a list loaded from CSV text, one row per holiday and date.

enum class HolidayKind : std::uint8_t { kFixed, kLunar, kSubstitute, kTemporary, kElection };
std::string_view holiday_kind_name(HolidayKind k);

struct Holiday {
  LocalDate date;
  std::string name_ko;
  std::string name_en;
  HolidayKind kind = HolidayKind::kFixed;
};

class HolidayCalendar {
 public:
  HolidayCalendar() = default;
  // CSV: header "date,name_ko,name_en,kind"; lines starting with '#' and blank lines are ignored.
  // Errors name the line. Two rows may share a date (e.g. 2025-05-05 Children's Day and Buddha's Birthday).
  static Result<HolidayCalendar> parse_csv(std::string_view text);

  bool is_holiday(LocalDate d) const;
  // All holidays on d (empty if none), in file order.
  std::vector<const Holiday*> on(LocalDate d) const;
  // The first holiday on d, or nullptr.
  const Holiday* first_on(LocalDate d) const;
  // Holidays sorted by date.
  const std::vector<Holiday>& all() const { return holidays_; }
  // Years the list covers (min..max year present); a date outside is "unknown", not "no holiday".
  bool covers(LocalDate d) const;
  int first_year() const { return first_year_; }
  int last_year() const { return last_year_; }

 private:
  std::vector<Holiday> holidays_;  // sorted by date, stable
  int first_year_ = 0;
  int last_year_ = -1;
};

// Reads a whole text file (the only I/O in this header). Errors: kNotFound if missing, kInternal on read failure.
Result<std::string> read_text_file(const std::string& path);
Result<HolidayCalendar> load_holiday_file(const std::string& path);

}  // namespace dongne
