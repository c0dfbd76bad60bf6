#include "core/calendar.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

namespace dongne {
namespace {

std::string source_dir() {
#ifdef DONGNE_SOURCE_DIR
  return DONGNE_SOURCE_DIR;
#else
  return ".";
#endif
}

const HolidayCalendar& real_calendar() {
  static const HolidayCalendar cal = [] {
    auto r = load_holiday_file(source_dir() + "/data/holidays/kr-public-holidays.csv");
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().message_en);
    return r.ok() ? r.value() : HolidayCalendar{};
  }();
  return cal;
}

LocalDate d(int y, int m, int day) { return LocalDate{y, m, day}; }

TEST(Calendar, CivilDaysRoundTripAndKnownWeekdays) {
  EXPECT_EQ(days_from_civil(d(1970, 1, 1)), 0);
  EXPECT_EQ(civil_from_days(0), d(1970, 1, 1));
  EXPECT_EQ(civil_from_days(-1), d(1969, 12, 31));
  for (std::int64_t n = -800'000; n <= 800'000; n += 37) EXPECT_EQ(days_from_civil(civil_from_days(n)), n);
  EXPECT_EQ(weekday(d(1970, 1, 1)), Weekday::kThursday);
  EXPECT_EQ(weekday(d(2026, 11, 23)), Weekday::kMonday);
  EXPECT_EQ(weekday(d(2025, 10, 5)), Weekday::kSunday);
  EXPECT_EQ(weekday(d(1969, 12, 28)), Weekday::kSunday);
  EXPECT_EQ(week_start(d(2026, 11, 29)), d(2026, 11, 23));
  EXPECT_EQ(add_days(d(2024, 2, 28), 1), d(2024, 2, 29));
  EXPECT_EQ(add_days(d(2023, 2, 28), 1), d(2023, 3, 1));
  EXPECT_EQ(days_between(d(2026, 1, 1), d(2027, 1, 1)), 365);
  EXPECT_FALSE(is_valid(d(2026, 2, 29)));
  EXPECT_TRUE(is_valid(d(2028, 2, 29)));
}

TEST(Calendar, SeoulIsUtcPlusNine) {
  // 2026-05-05T00:00:00Z is 09:00 in Seoul; 2026-05-04T15:00:00Z is local midnight of 05-05.
  const EpochMs t = days_from_civil(d(2026, 5, 5)) * kMsPerDay;
  EXPECT_EQ(local_date(t), d(2026, 5, 5));
  EXPECT_EQ(local_minute_of_day(t), 9 * 60);
  EXPECT_EQ(local_date(t - 9 * kMsPerHour), d(2026, 5, 5));
  EXPECT_EQ(local_date(t - 9 * kMsPerHour - 1), d(2026, 5, 4));
  EXPECT_EQ(from_local(d(2026, 5, 5), 0), t - 9 * kMsPerHour);
  EXPECT_EQ(start_of_local_day(d(2026, 5, 5)), t - 9 * kMsPerHour);
  const LocalDateTime l = to_local(from_local(d(2026, 12, 31), 23 * 60 + 59) + 59'123);
  EXPECT_EQ(l.date, d(2026, 12, 31));
  EXPECT_EQ(l.minute_of_day, 23 * 60 + 59);
  EXPECT_EQ(l.second, 59);
  EXPECT_EQ(l.millisecond, 123);
}

TEST(Calendar, Rfc3339FormatAndParse) {
  const EpochMs t = from_local(d(2026, 5, 5), 10 * 60);
  EXPECT_EQ(format_rfc3339(t), "2026-05-05T10:00:00+09:00");
  EXPECT_EQ(format_rfc3339(t + 7), "2026-05-05T10:00:00.007+09:00");
  EXPECT_EQ(parse_rfc3339("2026-05-05T10:00:00+09:00").value(), t);
  EXPECT_EQ(parse_rfc3339("2026-05-05T01:00:00Z").value(), t);
  EXPECT_EQ(parse_rfc3339("2026-05-04T20:00:00-05:00").value(), t);
  EXPECT_EQ(parse_rfc3339("2026-05-05t01:00:00.5z").value(), t + 500);
  EXPECT_EQ(parse_rfc3339("2026-05-05T01:00:00.123456Z").value(), t + 123);
  for (const char* bad : {"", "2026-05-05", "2026-05-05T10:00+09:00", "2026-02-30T10:00:00Z", "2026-05-05T24:00:00Z",
                          "2026-05-05T10:00:00", "2026-05-05T10:00:00+0900", "2026-05-05T10:00:00Zx",
                          "2026-05-05T10:00:00.Z"}) {
    EXPECT_FALSE(parse_rfc3339(bad).ok()) << bad;
  }
  for (EpochMs x = -kMsPerDay * 400; x < kMsPerDay * 40'000; x += 86'399'937) {
    EXPECT_EQ(parse_rfc3339(format_rfc3339(x)).value(), x);
  }
  EXPECT_EQ(parse_date("2026-05-05").value(), d(2026, 5, 5));
  EXPECT_FALSE(parse_date("2026-5-5").ok());
  EXPECT_EQ(format_hhmm(9 * 60 + 5), "09:05");
}

TEST(Calendar, ChildAgeAndSchoolGrade) {
  EXPECT_EQ(age_in_months({2025, 1}, d(2025, 3, 31)), 2);
  EXPECT_EQ(age_in_months({2025, 11}, d(2026, 11, 1)), 12);  // first birthday month
  // Born 2019: grade 1 from March 2026; still preschool in February 2026.
  EXPECT_EQ(school_grade({2019, 12}, d(2026, 3, 2)), 1);
  EXPECT_EQ(school_grade({2019, 1}, d(2026, 2, 28)), 0);
  EXPECT_EQ(school_grade({2019, 1}, d(2027, 2, 28)), 1);
  EXPECT_EQ(school_grade({2017, 6}, d(2026, 11, 23)), 3);
}

TEST(Holidays, ParsesAndRejectsBadInput) {
  auto ok = HolidayCalendar::parse_csv("# c\ndate,name_ko,name_en,kind\n2026-05-05,어린이날,Children's Day,fixed\r\n\n");
  ASSERT_TRUE(ok.ok());
  EXPECT_TRUE(ok->is_holiday(d(2026, 5, 5)));
  EXPECT_FALSE(ok->is_holiday(d(2026, 5, 6)));
  EXPECT_FALSE(HolidayCalendar::parse_csv("2026-05-05,a,b,fixed\n").ok());  // no header
  EXPECT_FALSE(HolidayCalendar::parse_csv("date,name_ko,name_en,kind\n2026-13-05,a,b,fixed\n").ok());
  EXPECT_FALSE(HolidayCalendar::parse_csv("date,name_ko,name_en,kind\n2026-05-05,a,b,moon\n").ok());
  EXPECT_FALSE(HolidayCalendar::parse_csv("date,name_ko,name_en,kind\n2026-05-05,a,fixed\n").ok());
  const auto err = HolidayCalendar::parse_csv("date,name_ko,name_en,kind\n2026-05-05,a,b,c,d\n");
  ASSERT_FALSE(err.ok());
  EXPECT_NE(err.error().message_en.find("line 2"), std::string::npos);
  EXPECT_FALSE(load_holiday_file("/nonexistent/holidays.csv").ok());
}

TEST(Holidays, FileCoversRecentYearsWithKnownDates) {
  const HolidayCalendar& cal = real_calendar();
  EXPECT_EQ(cal.first_year(), 2019);
  EXPECT_EQ(cal.last_year(), 2027);
  EXPECT_TRUE(cal.covers(d(2026, 1, 1)));
  EXPECT_FALSE(cal.covers(d(2028, 1, 1)));
  for (LocalDate x : {d(2020, 1, 27), d(2023, 1, 24), d(2024, 2, 12), d(2025, 1, 27), d(2025, 5, 6), d(2025, 10, 8),
                      d(2026, 2, 17), d(2026, 5, 25), d(2026, 6, 3), d(2026, 10, 5), d(2027, 2, 9), d(2027, 12, 27),
                      d(2020, 4, 15), d(2024, 10, 1), d(2019, 9, 13)}) {
    EXPECT_TRUE(cal.is_holiday(x)) << format_date(x);
  }
  for (LocalDate x : {d(2026, 11, 23), d(2022, 5, 9), d(2021, 12, 27), d(2026, 9, 28)}) {
    EXPECT_FALSE(cal.is_holiday(x)) << format_date(x);
  }
  // 2025-05-05 is both Children's Day and Buddha's Birthday.
  EXPECT_EQ(cal.on(d(2025, 5, 5)).size(), 2u);
  // 제헌절 is a public holiday again from 2026 (and was not from 2008 to 2025).
  EXPECT_TRUE(cal.is_holiday(d(2026, 7, 17)));
  EXPECT_TRUE(cal.is_holiday(d(2027, 7, 17)));
  EXPECT_FALSE(cal.is_holiday(d(2025, 7, 17)));
  // Every year has the eight fixed holidays (nine from 2026, with 제헌절) and 7 lunar days (Seollal x3, Chuseok x3,
  // Buddha's Birthday).
  std::map<int, int> fixed, lunar;
  for (const Holiday& h : cal.all()) {
    if (h.kind == HolidayKind::kFixed) ++fixed[h.date.year];
    if (h.kind == HolidayKind::kLunar) ++lunar[h.date.year];
  }
  for (int y = 2019; y <= 2027; ++y) {
    EXPECT_EQ(fixed[y], y >= 2026 ? 9 : 8) << y;
    EXPECT_EQ(lunar[y], 7) << y;
  }
}

// Every substitute day is a weekday, not itself another holiday, and is the first such day after a holiday that fell
// on a weekend or shared its date with another holiday (「관공서의 공휴일에 관한 규정」 제3조).
TEST(Holidays, SubstituteDaysFollowAWeekendOrClashingHoliday) {
  const HolidayCalendar& cal = real_calendar();
  std::map<LocalDate, int> originals;  // non-substitute holidays per date
  for (const Holiday& h : cal.all()) {
    if (h.kind != HolidayKind::kSubstitute) ++originals[h.date];
  }
  int substitutes = 0;
  for (const Holiday& h : cal.all()) {
    if (h.kind != HolidayKind::kSubstitute) continue;
    ++substitutes;
    EXPECT_FALSE(is_weekend(h.date)) << format_date(h.date);
    EXPECT_EQ(cal.on(h.date).size(), 1u) << format_date(h.date);
    bool triggered = false;
    for (int back = 1; back <= 7 && !triggered; ++back) {
      const LocalDate p = add_days(h.date, -back);
      auto it = originals.find(p);
      if (it == originals.end() || !(is_weekend(p) || it->second > 1)) continue;
      LocalDate q = add_days(p, 1);
      while (is_weekend(q) || originals.count(q)) q = add_days(q, 1);
      triggered = q == h.date;
    }
    EXPECT_TRUE(triggered) << format_date(h.date) << " " << h.name_en;
  }
  EXPECT_EQ(substitutes, 23);
}

}  // namespace
}  // namespace dongne
