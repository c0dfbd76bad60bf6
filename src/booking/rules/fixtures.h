// Demo resources and households for tests and benchmarks, modelled on Jinju's childcare sharing spaces
// (공동육아나눔터: play space, photo studio, 돌복 lending) and the family camp (가족끼리 행복캠프). Capacities, hours
// and rules here are DEMO DATA (invented), not published figures. Header-only; plain values; no I/O except
// fixture_holidays(), which reads data/holidays/kr-public-holidays.csv under the given source directory.
#pragma once

#include <string>
#include <vector>

#include "booking/rules/model.h"
#include "core/calendar.h"

namespace dongne::booking::fixtures {

inline EpochMs at(int y, int m, int d, int hh, int mm = 0) { return from_local(LocalDate{y, m, d}, hh * 60 + mm); }

inline HolidayCalendar fixture_holidays(const std::string& source_dir) {
  auto r = load_holiday_file(source_dir + "/data/holidays/kr-public-holidays.csv");
  return r.ok() ? std::move(r).value() : HolidayCalendar{};
}

#ifdef DONGNE_SOURCE_DIR
// The source tree's holiday calendar, loaded once (tests and benchmarks are built with DONGNE_SOURCE_DIR).
inline const HolidayCalendar& hol() {
  static const HolidayCalendar c = fixture_holidays(DONGNE_SOURCE_DIR);
  return c;
}
#endif

// Mon-Fri 09:00-18:00, Sat 10:00-16:00, Sunday closed.
inline OpeningHours centre_hours() {
  OpeningHours h;
  for (int d = 0; d < 5; ++d) h.by_weekday[static_cast<size_t>(d)] = {{9 * 60, 18 * 60}};
  h.by_weekday[5] = {{10 * 60, 16 * 60}};
  return h;
}

inline Resource play_room() {
  Resource r;
  r.id = 1;
  r.kind = ResourceKind::kSpace;
  r.name = "가호동 공동육아나눔터 놀이공간";
  r.capacity = 5;  // families per slot
  return r;
}

inline Rules play_room_rules() {
  Rules r;
  r.hours = centre_hours();
  r.closure_days = {LocalDate{2026, 11, 27}};
  r.window = BookingWindow{14, 10 * 60, minutes{60}};
  r.slot_length = minutes{120};
  r.max_slots_per_booking = 2;
  r.eligibility.city_code = "48170";  // 진주시
  r.eligibility.max_child_age_months = 12 * 9;
  r.quota = Quota{QuotaPeriod::kMonth, 4, ""};
  r.cancel_deadline_before = minutes{24 * 60};
  return r;
}

inline Resource photo_studio() {
  Resource r;
  r.id = 2;
  r.kind = ResourceKind::kStudio;
  r.name = "성북동 100일·돌 사진 스튜디오";
  r.capacity = 1;
  return r;
}

inline Rules photo_studio_rules() {
  Rules r;
  r.hours = centre_hours();
  r.window = BookingWindow{30, 9 * 60, minutes{24 * 60}};
  r.slot_length = minutes{60};
  r.eligibility.city_code = "48170";
  r.eligibility.min_child_age_months = 3;
  r.eligibility.max_child_age_months = 13;
  r.quota = Quota{QuotaPeriod::kYear, 2, "studio"};
  r.approval = Approval::kStaff;
  return r;
}

inline Resource dol_outfits() {
  Resource r;
  r.id = 3;
  r.kind = ResourceKind::kItem;
  r.name = "신안동 돌복 대여";
  r.variants = {{31, "남아 80", 2}, {32, "남아 90", 2}, {33, "여아 80", 2}, {34, "여아 90", 1}};
  return r;
}

inline Rules dol_outfit_rules() {
  Rules r;
  r.hours = centre_hours();
  r.window = BookingWindow{30, 9 * 60, minutes{0}};
  r.max_loan_days = 3;
  r.turnaround_days = 1;  // cleaning
  r.eligibility.city_code = "48170";
  r.quota = Quota{QuotaPeriod::kYear, 2, "dol"};
  return r;
}

// 2026-08-22 (Saturday) 10:00-16:00, 90 persons, at most 25 families of up to 4; lottery drawn 2026-08-01 10:00.
inline Resource family_camp() {
  Resource r;
  r.id = 4;
  r.kind = ResourceKind::kEvent;
  r.name = "가족끼리 행복캠프 — 농업 치유활동";
  r.capacity = 90;
  r.max_families = 25;
  r.occurrences = {{at(2026, 8, 22, 10), at(2026, 8, 22, 16)}};
  return r;
}

inline Rules family_camp_rules() {
  Rules r;
  r.closed_on_public_holidays = false;
  r.window = BookingWindow{40, 10 * 60, minutes{3 * 24 * 60}};
  r.max_persons_per_booking = 4;
  r.eligibility.city_code = "48170";
  r.allocation = Allocation::kLottery;
  r.lottery_draw_at = at(2026, 8, 1, 10);
  r.fees.per_person = Won{5'000};
  return r;
}

// Group counselling 취업 솔루션: 12 seats, Tuesdays 14:00-16:00 in December 2026.
inline Resource group_counselling() {
  Resource r;
  r.id = 5;
  r.kind = ResourceKind::kSession;
  r.name = "새일센터 집단상담 '취업 솔루션'";
  r.capacity = 12;
  for (int d : {1, 8, 15, 22, 29}) r.occurrences.push_back({at(2026, 12, d, 14), at(2026, 12, d, 16)});
  return r;
}

inline Rules group_counselling_rules() {
  Rules r;
  r.hours = centre_hours();
  r.window = BookingWindow{21, 9 * 60, minutes{60}};
  r.max_persons_per_booking = 1;
  return r;
}

// A Jinju household (district 48170 = 진주시; 가호동 is a 행정동) with the given children's birth months.
inline Household household(HouseholdId id, std::vector<YearMonth> children = {{2025, 11}},
                           std::string city = "48170", std::string district = "gaho") {
  Household h;
  h.id = id;
  h.city_code = std::move(city);
  h.district_code = std::move(district);
  h.members.push_back(Member{id * 10 + 1, false, std::nullopt});
  h.members.push_back(Member{id * 10 + 2, false, std::nullopt});
  MemberId next = id * 10 + 3;
  for (YearMonth b : children) h.members.push_back(Member{next++, true, b});
  return h;
}

inline Booking booking_for(const Request& req, BookingId id, BookingStatus status, const Rules& rules,
                           EpochMs created_at) {
  Booking b;
  b.id = id;
  b.resource_id = req.resource_id;
  b.household_id = req.household_id;
  b.status = status;
  b.span = req.span;
  b.variant_id = req.variant_id;
  b.pickup_date = req.pickup_date;
  b.return_date = req.return_date;
  b.quantity = req.quantity;
  b.persons = req.member_ids.empty() ? req.persons : static_cast<int>(req.member_ids.size());
  b.quota_group = rules.quota ? rules.quota->group : std::string{};
  b.created_at = created_at;
  return b;
}

}  // namespace dongne::booking::fixtures
