// Booking rules engine, data model: resources, their rules (as data), households, bookings and decisions.
// Plain structs with no behaviour; the engine (decide.h, availability.h, lottery.h, waitlist.h, lifecycle.h) is pure
// functions over them. Times are EpochMs instants; dates are Asia/Seoul local dates. Thread-safety: plain values.
#pragma once

#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"

namespace dongne::booking {

using std::chrono::minutes;

// Korean won, integer (no minor unit). Free by default.
struct Won {
  std::int64_t amount = 0;
  auto operator<=>(const Won&) const = default;
};

using ResourceId = std::int64_t;
using HouseholdId = std::int64_t;
using MemberId = std::int64_t;
using BookingId = std::int64_t;
using VariantId = std::int64_t;

// [start, end) in epoch ms.
struct TimeRange {
  EpochMs start = 0;
  EpochMs end = 0;
  bool overlaps(const TimeRange& o) const { return start < o.end && o.start < end; }
  auto operator<=>(const TimeRange&) const = default;
};

enum class ResourceKind : std::uint8_t {
  kSpace,    // a room booked in generated slots (play room)
  kStudio,   // same as a space, usually one household per slot (100-day photo studio)
  kItem,     // lendable stock per variant (돌복 by size, 돌잡이 set); a loan runs from a pickup day to a return day
  kSession,  // scheduled occurrences with seats (library programme, group counselling)
  kEvent,    // scheduled occurrences with places counted per person and per family (family camp)
};

// One size or variant of a lendable item and how many exist.
struct Variant {
  VariantId id = 0;
  std::string label;  // e.g. "돌복 남아 90" / "boys' 90"
  int stock = 0;
};

struct Resource {
  ResourceId id = 0;
  ResourceKind kind = ResourceKind::kSpace;
  std::string name;
  // Space/studio: bookings at once per slot. Session: seats. Event: persons. Item: unused (see variants).
  int capacity = 1;
  std::optional<int> max_families;        // event: at most this many bookings (families) per occurrence
  std::vector<Variant> variants;          // item only
  std::vector<TimeRange> occurrences;     // session/event only: the scheduled times
};

// Opening hours: intervals in minutes of the local day, [open, close), per ISO weekday (index 0 = Monday).
struct DayInterval {
  int open_minute = 0;
  int close_minute = 0;
};
struct OpeningHours {
  std::array<std::vector<DayInterval>, 7> by_weekday;
};

// Booking for something that starts on local date D opens at (D - opens_days_ahead) at opens_at_minute local time,
// and closes `closes_before` the start. For items the "start" is the pickup day's opening time.
struct BookingWindow {
  int opens_days_ahead = 14;
  int opens_at_minute = 10 * 60;
  minutes closes_before{0};
};

// Who may book. Empty / unset fields do not restrict.
struct Eligibility {
  std::optional<std::string> city_code;     // household must live in this city
  std::vector<std::string> district_codes;  // ... and in one of these districts (구·동), if any are listed
  std::optional<int> min_child_age_months;  // a child (the chosen one, or any) aged in range on the booked day
  std::optional<int> max_child_age_months;
  std::optional<int> min_school_grade;      // a child in this elementary grade range on the booked day
  std::optional<int> max_school_grade;
};

enum class QuotaPeriod : std::uint8_t { kWeek, kMonth, kYear };  // ISO week (Mon-Sun), calendar month, year

// At most `max_bookings` confirmed + pending bookings per household per period, counted by the start date of the
// booking. Bookings count if they are for this resource, or for any resource with the same non-empty group.
struct Quota {
  QuotaPeriod period = QuotaPeriod::kMonth;
  int max_bookings = 1;
  std::string group;
};

enum class Approval : std::uint8_t { kInstant, kStaff };
enum class Allocation : std::uint8_t { kFirstCome, kLottery };

// Check-in is allowed from `opens_before` the start until `closes_after` the start.
struct CheckInWindow {
  minutes opens_before{15};
  minutes closes_after{15};
};

// Each no-show (and late cancellation, if counted) is a penalty that expires after `expires_after_days`.
// When a penalty makes `ban_after` unexpired penalties, the household is banned for `ban_days` days (through
// local date of that penalty + ban_days); penalties counted into a ban are not counted again.
struct PenaltyPolicy {
  int expires_after_days = 90;
  int ban_after = 3;
  int ban_days = 30;
  bool late_cancel_counts = false;
};

struct Fees {
  Won per_booking;
  Won per_person;  // session/event: times persons; item: times quantity
};

struct Rules {
  OpeningHours hours;
  bool closed_on_public_holidays = true;
  std::vector<LocalDate> closure_days;  // extra closed days (maintenance, staff training)
  BookingWindow window;
  minutes slot_length{60};              // space/studio
  int max_slots_per_booking = 1;        // space/studio: consecutive slots one booking may span
  int max_loan_days = 7;                // item: return day - pickup day
  int turnaround_days = 0;              // item: days after return before the piece can go out again (cleaning)
  int max_persons_per_booking = 0;      // session/event: persons one family may bring; 0 = no limit
  Eligibility eligibility;
  std::optional<Quota> quota;
  Approval approval = Approval::kInstant;
  Allocation allocation = Allocation::kFirstCome;
  std::optional<EpochMs> lottery_draw_at;  // lottery: entries until then; afterwards first come for what is left
  bool waitlist = true;                     // when full: waitlisted instead of refused
  minutes cancel_deadline_before{24 * 60};  // later cancellations are allowed until the start but recorded as late
  CheckInWindow check_in;
  PenaltyPolicy penalty;
  Fees fees;
};

struct Member {
  MemberId id = 0;
  bool is_child = false;
  std::optional<YearMonth> birth;  // children: birth month (never the full date)
};

enum class PenaltyKind : std::uint8_t { kNoShow, kLateCancel };
struct PenaltyRecord {
  EpochMs at = 0;
  PenaltyKind kind = PenaltyKind::kNoShow;
};

struct Household {
  HouseholdId id = 0;
  std::string city_code;
  std::string district_code;
  std::vector<Member> members;
  std::vector<PenaltyRecord> penalties;
};

enum class BookingStatus : std::uint8_t {
  kPending,       // waiting for staff approval: holds a place
  kConfirmed,     // holds a place
  kCheckedIn,     // attended: held a place
  kNoShow,        // held a place, not used
  kHeld,          // a temporary hold (e.g. a waitlist offer): holds a place until hold_expires_at
  kWaitlisted,    // waiting; holds nothing
  kLotteryEntry,  // entered a draw; holds nothing
  kCancelled,
  kCancelledLate,
  kRejected,      // refused by staff
};

struct Booking {
  BookingId id = 0;
  ResourceId resource_id = 0;
  HouseholdId household_id = 0;
  BookingStatus status = BookingStatus::kConfirmed;
  TimeRange span;                  // space/studio/session/event: booked time; item: see loan dates
  std::optional<VariantId> variant_id;  // item
  LocalDate pickup_date;           // item
  LocalDate return_date;           // item
  int quantity = 1;                // item: pieces
  int persons = 1;                 // session/event: persons (places)
  // How many bookings this entry stands for: 1 for a stored booking; more for an aggregate of other households'
  // holdings (same resource and span; persons is then their sum). The store hands the engine one such entry per
  // span instead of every row of a busy slot; the engine counts bookings (families, space/studio units, waitlist
  // places) by `count`, so deciding over aggregates gives the same answer. Items (quantity) are never aggregated.
  int count = 1;
  std::string quota_group;         // copied from the resource's rules when booked
  EpochMs created_at = 0;
  std::optional<EpochMs> hold_expires_at;  // kHeld
};

enum class Actor : std::uint8_t { kResident, kStaff };  // staff booking on behalf (phone, walk-in)

struct Request {
  HouseholdId household_id = 0;
  ResourceId resource_id = 0;
  Actor actor = Actor::kResident;
  TimeRange span;                  // space/studio: whole slots; session/event: one occurrence
  std::optional<VariantId> variant_id;
  LocalDate pickup_date;
  LocalDate return_date;
  int quantity = 1;
  int persons = 1;                          // session: seats; event: ignored when member_ids is non-empty
  std::vector<MemberId> member_ids;         // event: the family members attending
  std::optional<MemberId> child_member_id;  // the child the age/grade rule is checked on; else any child
};

enum class Outcome : std::uint8_t { kConfirmed, kPendingApproval, kWaitlisted, kEnteredLottery, kRefused };

enum class Reason : std::uint8_t {
  kNone,
  kFull,
  kNotEligible,
  kQuotaReached,
  kWindowNotOpen,
  kWindowClosed,
  kClosedDay,
  kHoliday,
  kBannedUntil,
  kOutsideOpeningHours,
  kInvalidSlot,
  kAlreadyBooked,
};

enum class EligibilityRule : std::uint8_t { kResidentCity, kResidentDistrict, kChildAgeMonths, kSchoolGrade };

struct Decision {
  Outcome outcome = Outcome::kRefused;
  Reason reason = Reason::kNone;
  std::string message_ko;
  std::string message_en;
  std::optional<EligibilityRule> failed_rule;  // kNotEligible
  std::optional<EpochMs> window_opens_at;      // kWindowNotOpen
  std::optional<LocalDate> banned_until;       // kBannedUntil (inclusive)
  std::optional<LocalDate> closed_date;        // kClosedDay / kHoliday
  std::string holiday_name_ko;                 // kHoliday
  int waitlist_position = 0;                   // kWaitlisted: 1 = next
  int units = 0;                               // places (persons / pieces / bookings) this booking takes
  Won fee;
};

}  // namespace dongne::booking
