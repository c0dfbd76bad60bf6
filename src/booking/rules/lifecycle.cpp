#include "booking/rules/lifecycle.h"

#include <algorithm>

#include "booking/rules/schedule.h"

namespace dongne::booking {
namespace {

EpochMs ms(minutes m) { return static_cast<EpochMs>(m.count()) * kMsPerMinute; }

LifecycleDecision no(LifecycleOutcome o, std::string ko, std::string en) {
  LifecycleDecision d;
  d.outcome = o;
  d.message_ko = std::move(ko);
  d.message_en = std::move(en);
  return d;
}

EpochMs start_of(const Booking& b, const Rules& rules) {
  // Item loans have no span: the loan starts when the pickup day opens.
  return b.variant_id.has_value() ? pickup_instant(b.pickup_date, rules) : b.span.start;
}

EpochMs expiry(const PenaltyRecord& p, const PenaltyPolicy& policy) {
  return p.at + static_cast<EpochMs>(policy.expires_after_days) * kMsPerDay;
}

}  // namespace

LifecycleDecision cancel(const Booking& b, const Rules& rules, EpochMs now) {
  switch (b.status) {
    case BookingStatus::kPending:
    case BookingStatus::kConfirmed:
    case BookingStatus::kHeld:
    case BookingStatus::kWaitlisted:
    case BookingStatus::kLotteryEntry:
      break;
    default:
      return no(LifecycleOutcome::kNotApplicable, "취소할 수 없는 상태입니다", "this booking cannot be cancelled in its state");
  }
  const EpochMs start = start_of(b, rules);
  if (now >= start) {
    return no(LifecycleOutcome::kTooLate, "이용 시작 후에는 취소할 수 없습니다", "cannot cancel after the start");
  }
  LifecycleDecision d;
  const bool holds = b.status == BookingStatus::kPending || b.status == BookingStatus::kConfirmed ||
                     b.status == BookingStatus::kHeld;
  d.frees_place = holds;
  const bool late = holds && b.status != BookingStatus::kHeld && now > start - ms(rules.cancel_deadline_before);
  if (late) {
    d.outcome = LifecycleOutcome::kDoneLate;
    d.new_status = BookingStatus::kCancelledLate;
    d.message_ko = "취소 기한이 지나 늦은 취소로 기록됩니다";
    d.message_en = "cancelled after the deadline; recorded as a late cancellation";
    if (rules.penalty.late_cancel_counts) d.penalty = PenaltyRecord{now, PenaltyKind::kLateCancel};
  } else {
    d.outcome = LifecycleOutcome::kDone;
    d.new_status = BookingStatus::kCancelled;
    d.message_ko = "취소되었습니다";
    d.message_en = "cancelled";
  }
  return d;
}

LifecycleDecision check_in(const Booking& b, const Rules& rules, EpochMs now) {
  if (b.status != BookingStatus::kConfirmed) {
    return no(LifecycleOutcome::kNotApplicable, "확정된 예약만 입실 확인할 수 있습니다", "only confirmed bookings can check in");
  }
  const EpochMs start = start_of(b, rules);
  if (now < start - ms(rules.check_in.opens_before)) {
    return no(LifecycleOutcome::kTooEarly, "아직 입실 확인 시간이 아닙니다", "check-in has not opened yet");
  }
  if (now > start + ms(rules.check_in.closes_after)) {
    return no(LifecycleOutcome::kTooLate, "입실 확인 시간이 지났습니다", "the check-in window has closed");
  }
  LifecycleDecision d;
  d.outcome = LifecycleOutcome::kDone;
  d.new_status = BookingStatus::kCheckedIn;
  d.message_ko = "입실 확인되었습니다";
  d.message_en = "checked in";
  return d;
}

LifecycleDecision mark_no_show(const Booking& b, const Rules& rules, EpochMs now) {
  if (b.status != BookingStatus::kConfirmed) {
    return no(LifecycleOutcome::kNotApplicable, "확정된 예약만 불참 처리할 수 있습니다",
              "only confirmed bookings can be marked as no-show");
  }
  const EpochMs start = start_of(b, rules);
  if (now <= start + ms(rules.check_in.closes_after)) {
    return no(LifecycleOutcome::kTooEarly, "입실 확인 시간이 끝난 뒤 불참 처리할 수 있습니다",
              "a no-show can be marked only after the check-in window");
  }
  LifecycleDecision d;
  d.outcome = LifecycleOutcome::kDone;
  d.new_status = BookingStatus::kNoShow;
  d.penalty = PenaltyRecord{now, PenaltyKind::kNoShow};
  d.message_ko = "불참으로 처리되었습니다";
  d.message_en = "marked as no-show";
  return d;
}

int active_penalties(const std::vector<PenaltyRecord>& penalties, const PenaltyPolicy& policy, EpochMs now) {
  int n = 0;
  for (const PenaltyRecord& p : penalties) {
    if (p.kind == PenaltyKind::kLateCancel && !policy.late_cancel_counts) continue;
    if (p.at <= now && now < expiry(p, policy)) ++n;
  }
  return n;
}

std::optional<LocalDate> banned_until(const std::vector<PenaltyRecord>& penalties, const PenaltyPolicy& policy,
                                      EpochMs now) {
  if (policy.ban_after <= 0) return std::nullopt;
  std::vector<PenaltyRecord> sorted;
  for (const PenaltyRecord& p : penalties) {
    if (p.at > now) continue;
    if (p.kind == PenaltyKind::kLateCancel && !policy.late_cancel_counts) continue;
    sorted.push_back(p);
  }
  std::sort(sorted.begin(), sorted.end(), [](const PenaltyRecord& a, const PenaltyRecord& b) { return a.at < b.at; });
  std::vector<EpochMs> pool;  // unexpired, unused penalties (times)
  std::optional<LocalDate> last_ban;
  for (const PenaltyRecord& p : sorted) {
    std::erase_if(pool, [&](EpochMs t) { return p.at >= t + static_cast<EpochMs>(policy.expires_after_days) * kMsPerDay; });
    pool.push_back(p.at);
    if (static_cast<int>(pool.size()) >= policy.ban_after) {
      last_ban = add_days(local_date(p.at), policy.ban_days);
      pool.clear();
    }
  }
  if (last_ban && local_date(now) <= *last_ban) return last_ban;
  return std::nullopt;
}

}  // namespace dongne::booking
