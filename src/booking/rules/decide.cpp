#include "booking/rules/decide.h"

#include <algorithm>
#include <set>

#include "booking/rules/eligibility.h"
#include "booking/rules/lifecycle.h"
#include "booking/rules/schedule.h"
#include "booking/rules/usage.h"

namespace dongne::booking {
namespace {

Decision refuse(Reason r, std::string ko, std::string en) {
  Decision d;
  d.outcome = Outcome::kRefused;
  d.reason = r;
  d.message_ko = std::move(ko);
  d.message_en = std::move(en);
  return d;
}

Decision invalid(std::string ko, std::string en) { return refuse(Reason::kInvalidSlot, std::move(ko), std::move(en)); }

std::optional<Decision> closed(LocalDate date, const DayInfo& info) {
  const std::string ds = format_date(date);
  switch (info.status) {
    case DayStatus::kOpen:
      return std::nullopt;
    case DayStatus::kHoliday: {
      Decision d = refuse(Reason::kHoliday, ds + "은(는) 공휴일(" + info.holiday->name_ko + ")이라 쉽니다",
                          ds + " is a public holiday (" + info.holiday->name_en + "): closed");
      d.closed_date = date;
      d.holiday_name_ko = info.holiday->name_ko;
      return d;
    }
    case DayStatus::kClosureDay:
    case DayStatus::kNoHours: {
      Decision d = refuse(Reason::kClosedDay, ds + "은(는) 휴관일입니다", ds + " is a closed day");
      d.closed_date = date;
      return d;
    }
  }
  return std::nullopt;
}

// What a valid request amounts to after the shape check.
struct Shape {
  EpochMs start = 0;
  LocalDate date;
  int units = 1;
  std::vector<TimeRange> slots;  // space/studio: the slots covered; session/event: the occurrence
};

std::optional<Decision> check_shape(const Request& req, const Resource& res, const Rules& rules,
                                    const HolidayCalendar& hol, const Household& hh, Shape& out) {
  if (req.resource_id != res.id || req.household_id != hh.id) {
    return invalid("요청이 자원 또는 가구와 맞지 않습니다", "the request does not match the resource or household");
  }
  switch (res.kind) {
    case ResourceKind::kSpace:
    case ResourceKind::kStudio: {
      if (req.span.end <= req.span.start) return invalid("예약 시간이 올바르지 않습니다", "the time range is empty");
      out.date = local_date(req.span.start);
      if (auto c = closed(out.date, day_info(out.date, rules, hol))) return c;
      if (!within_opening_hours(req.span, rules)) {
        return refuse(Reason::kOutsideOpeningHours, "운영 시간 밖의 예약입니다", "outside opening hours");
      }
      if (!is_whole_slots(req.span, rules, hol)) {
        return invalid("예약 단위(슬롯)에 맞지 않는 시간입니다",
                       "the time is not 1.." + std::to_string(std::max(1, rules.max_slots_per_booking)) +
                           " whole consecutive slots");
      }
      const EpochMs len = static_cast<EpochMs>(rules.slot_length.count()) * kMsPerMinute;
      for (EpochMs t = req.span.start; t < req.span.end; t += len) out.slots.push_back(TimeRange{t, t + len});
      out.start = req.span.start;
      out.units = 1;
      return std::nullopt;
    }
    case ResourceKind::kSession:
    case ResourceKind::kEvent: {
      if (std::find(res.occurrences.begin(), res.occurrences.end(), req.span) == res.occurrences.end()) {
        return invalid("예정된 회차가 아닙니다", "not a scheduled occurrence of this programme");
      }
      out.date = local_date(req.span.start);
      DayInfo info = day_info(out.date, rules, hol);
      if (info.status == DayStatus::kNoHours) info.status = DayStatus::kOpen;  // scheduled: hours do not apply
      if (auto c = closed(out.date, info)) return c;
      out.start = req.span.start;
      out.slots = {req.span};
      int persons = req.persons;
      if (res.kind == ResourceKind::kEvent && !req.member_ids.empty()) {
        std::set<MemberId> seen;
        for (MemberId id : req.member_ids) {
          const bool member = std::any_of(hh.members.begin(), hh.members.end(), [&](const Member& m) { return m.id == id; });
          if (!member || !seen.insert(id).second) {
            return invalid("가구 구성원이 아니거나 중복된 참가자가 있습니다", "a listed participant is not in the household or is listed twice");
          }
        }
        persons = static_cast<int>(req.member_ids.size());
      }
      if (persons < 1) return invalid("인원은 1명 이상이어야 합니다", "at least one person is required");
      if (rules.max_persons_per_booking > 0 && persons > rules.max_persons_per_booking) {
        return invalid("한 가구당 최대 " + std::to_string(rules.max_persons_per_booking) + "명까지 신청할 수 있습니다",
                       "at most " + std::to_string(rules.max_persons_per_booking) + " persons per family");
      }
      out.units = persons;
      return std::nullopt;
    }
    case ResourceKind::kItem: {
      if (!req.variant_id || !find_variant(res, *req.variant_id)) {
        return invalid("없는 품목(치수)입니다", "unknown item variant");
      }
      if (req.quantity < 1) return invalid("수량은 1 이상이어야 합니다", "quantity must be at least 1");
      if (!is_valid(req.pickup_date) || !is_valid(req.return_date) || req.return_date < req.pickup_date) {
        return invalid("대여일과 반납일이 올바르지 않습니다", "the return day must not be before the pickup day");
      }
      if (days_between(req.pickup_date, req.return_date) > rules.max_loan_days) {
        return invalid("대여 기간은 최대 " + std::to_string(rules.max_loan_days) + "일입니다",
                       "a loan lasts at most " + std::to_string(rules.max_loan_days) + " days");
      }
      for (LocalDate d : {req.pickup_date, req.return_date}) {
        if (auto c = closed(d, day_info(d, rules, hol))) return c;
      }
      out.date = req.pickup_date;
      out.start = pickup_instant(req.pickup_date, rules);
      out.units = req.quantity;
      return std::nullopt;
    }
  }
  return invalid("알 수 없는 자원 종류입니다", "unknown resource kind");
}

// Does `b` (same household, same resource) ask for the same thing as the request?
bool same_target(const Booking& b, const Request& req, const Resource& res, int turnaround) {
  if (b.resource_id != res.id) return false;
  if (res.kind == ResourceKind::kItem) {
    if (b.variant_id != req.variant_id) return false;
    return b.pickup_date <= add_days(req.return_date, turnaround) && req.pickup_date <= blocked_until(b, turnaround);
  }
  return b.span.overlaps(req.span);
}

}  // namespace

std::optional<Booking> booking_from(const Request& req, const Decision& d, BookingId id, const Rules& rules,
                                    EpochMs now) {
  Booking b;
  switch (d.outcome) {
    case Outcome::kConfirmed: b.status = BookingStatus::kConfirmed; break;
    case Outcome::kPendingApproval: b.status = BookingStatus::kPending; break;
    case Outcome::kWaitlisted: b.status = BookingStatus::kWaitlisted; break;
    case Outcome::kEnteredLottery: b.status = BookingStatus::kLotteryEntry; break;
    case Outcome::kRefused: return std::nullopt;
  }
  b.id = id;
  b.resource_id = req.resource_id;
  b.household_id = req.household_id;
  b.span = req.variant_id ? TimeRange{} : req.span;
  b.variant_id = req.variant_id;
  b.pickup_date = req.pickup_date;
  b.return_date = req.return_date;
  b.quantity = req.quantity;
  b.persons = req.variant_id ? 1 : d.units;
  b.quota_group = rules.quota ? rules.quota->group : std::string{};
  b.created_at = now;
  return b;
}

LocalDate booked_date(const Booking& b) { return b.variant_id ? b.pickup_date : local_date(b.span.start); }

bool same_period(LocalDate a, LocalDate b, QuotaPeriod p) {
  switch (p) {
    case QuotaPeriod::kWeek: return week_start(a) == week_start(b);
    case QuotaPeriod::kMonth: return a.year == b.year && a.month == b.month;
    case QuotaPeriod::kYear: return a.year == b.year;
  }
  return false;
}

Decision decide(const Request& req, const Resource& res, const Rules& rules, const HolidayCalendar& hol,
                const std::vector<Booking>& existing, const Household& hh, EpochMs now) {
  // 1. Shape.
  Shape shape;
  if (auto d = check_shape(req, res, rules, hol, hh, shape)) return *d;

  // 2. Ban.
  if (auto until = banned_until(hh.penalties, rules.penalty, now)) {
    Decision d = refuse(Reason::kBannedUntil, "불참 누적으로 " + format_date(*until) + "까지 예약할 수 없습니다",
                        "repeated no-shows: booking is suspended through " + format_date(*until));
    d.banned_until = until;
    return d;
  }

  // 3. Eligibility.
  if (auto f = check_eligibility(rules.eligibility, hh, shape.date, req.child_member_id, req.member_ids)) {
    Decision d = refuse(Reason::kNotEligible, f->message_ko, f->message_en);
    d.failed_rule = f->rule;
    return d;
  }

  // 4. Window.
  const EpochMs opens = window_opens_at(shape.date, rules);
  if (now < opens) {
    Decision d = refuse(Reason::kWindowNotOpen, "예약은 " + format_rfc3339(opens).substr(0, 16) + "부터 가능합니다",
                        "booking opens at " + format_rfc3339(opens));
    d.window_opens_at = opens;
    return d;
  }
  const EpochMs closes = req.actor == Actor::kStaff ? shape.start : window_closes_at(shape.start, rules);
  if (now >= closes || now >= shape.start) {
    return refuse(Reason::kWindowClosed, "예약 가능 시간이 지났습니다", "booking for this time has closed");
  }

  // 5. Duplicate.
  for (const Booking& b : existing) {
    if (b.household_id != hh.id || !same_target(b, req, res, rules.turnaround_days)) continue;
    if (holds_place(b, now) || b.status == BookingStatus::kWaitlisted || b.status == BookingStatus::kLotteryEntry) {
      return refuse(Reason::kAlreadyBooked, "이미 같은 시간에 예약(신청)한 내역이 있습니다",
                    "this household already has a booking or entry for this time");
    }
  }

  // 6. Quota.
  if (rules.quota && rules.quota->max_bookings >= 0) {
    int used = 0;
    for (const Booking& b : existing) {
      if (b.household_id != hh.id || !counts_for_quota(b)) continue;
      const bool in_scope = rules.quota->group.empty() ? b.resource_id == res.id : b.quota_group == rules.quota->group;
      if (in_scope && same_period(booked_date(b), shape.date, rules.quota->period)) used += b.count;
    }
    if (used >= rules.quota->max_bookings) {
      static constexpr const char* kKo[] = {"주", "월", "연"};
      static constexpr const char* kEn[] = {"week", "month", "year"};
      const auto p = static_cast<size_t>(rules.quota->period);
      return refuse(Reason::kQuotaReached,
                    std::string("가구당 ") + kKo[p] + " " + std::to_string(rules.quota->max_bookings) + "회까지 예약할 수 있습니다",
                    "at most " + std::to_string(rules.quota->max_bookings) + " bookings per household per " + kEn[p]);
    }
  }

  Decision ok;
  ok.units = shape.units;
  ok.fee = Won{rules.fees.per_booking.amount + rules.fees.per_person.amount * shape.units};

  // 7. Lottery.
  if (rules.allocation == Allocation::kLottery && (!rules.lottery_draw_at || now < *rules.lottery_draw_at)) {
    ok.outcome = Outcome::kEnteredLottery;
    ok.message_ko = rules.lottery_draw_at ? "추첨에 응모되었습니다. 추첨 일시: " + format_rfc3339(*rules.lottery_draw_at).substr(0, 16)
                                          : "추첨에 응모되었습니다";
    ok.message_en = rules.lottery_draw_at ? "entered the lottery, drawn at " + format_rfc3339(*rules.lottery_draw_at)
                                          : "entered the lottery";
    return ok;
  }

  // 8. Capacity.
  bool full = false;
  bool ever_fits = true;
  if (res.kind == ResourceKind::kItem) {
    const Variant* v = find_variant(res, *req.variant_id);
    const int out = pieces_out(res, existing, v->id, req.pickup_date, add_days(req.return_date, rules.turnaround_days),
                               rules.turnaround_days, now);
    full = out + shape.units > v->stock;
    ever_fits = shape.units <= v->stock;
  } else {
    for (const TimeRange& slot : shape.slots) {
      const SlotUse u = use_in(res, existing, slot, now);
      if (u.units + shape.units > res.capacity) full = true;
      if (res.max_families && u.bookings + 1 > *res.max_families) full = true;
    }
    ever_fits = shape.units <= res.capacity && (!res.max_families || *res.max_families >= 1);
  }
  if (full) {
    if (!rules.waitlist || !ever_fits) {
      return refuse(Reason::kFull, "정원이 찼습니다", "fully booked");
    }
    int ahead = 0;
    for (const Booking& b : existing) {
      if (b.status == BookingStatus::kWaitlisted && same_target(b, req, res, rules.turnaround_days)) ahead += b.count;
    }
    ok.outcome = Outcome::kWaitlisted;
    ok.reason = Reason::kFull;
    ok.waitlist_position = ahead + 1;
    ok.message_ko = "정원이 차서 대기 " + std::to_string(ahead + 1) + "번으로 등록되었습니다";
    ok.message_en = "fully booked: waitlisted at position " + std::to_string(ahead + 1);
    return ok;
  }

  // 9. Approval.
  if (rules.approval == Approval::kStaff && req.actor == Actor::kResident) {
    ok.outcome = Outcome::kPendingApproval;
    ok.message_ko = "담당자 승인 후 확정됩니다";
    ok.message_en = "pending staff approval";
    return ok;
  }
  ok.outcome = Outcome::kConfirmed;
  ok.message_ko = "예약이 확정되었습니다";
  ok.message_en = "booking confirmed";
  return ok;
}

}  // namespace dongne::booking
