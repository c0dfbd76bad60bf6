// SQL for resources, households, bookings, penalties and idempotency answers. Every function runs inside the
// caller's transaction; no business rules here (service.h has them). The locks below are the serialisation point
// of every booking decision on PostgreSQL; on SQLite the single writer is.
// Thread-safety: stateless functions over a Tx that belongs to one thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "booking/records.h"
#include "store/database.h"
#include "store/owners.h"
#include "store/retention.h"

namespace dongne::booking::repo {

// Locks (PostgreSQL advisory locks held until commit; nothing on SQLite, whose single writer serialises).
//  - A booking takes lock_times() before it reads anything: its resource's lock shared, then one lock per hour
//    its stored range touches. Bookings of different times on one resource decide and commit in parallel; two
//    whose ranges overlap share an hour, and the second reads only after the first has committed.
//  - Whatever changes places across times (a cancellation and the waitlist offers it makes, lapsing offers, a
//    lottery draw, a change to the resource) takes lock_resource(): the resource's lock alone, exclusively, so it
//    waits for every booking in flight and they wait for it. find_resource(lock=true) takes it.
// Every path takes the resource's lock first and hours ascending after it, so none waits for another in a cycle.
Status lock_resource(store::Tx& tx, int64_t resource_id);
Status lock_times(store::Tx& tx, int64_t resource_id, const TimeRange& stored);

// Resources. lock=true takes lock_resource() first, then reads the row FOR UPDATE.
Result<std::optional<ResourceRecord>> find_resource(store::Tx& tx, int64_t id, bool lock);
Result<std::optional<ResourceRecord>> find_resource_by_code(store::Tx& tx, const std::string& code);
Result<std::vector<ResourceRecord>> list_resources(store::Tx& tx, std::optional<int64_t> facility_id);
Result<int64_t> insert_resource(store::Tx& tx, const ResourceRecord& r, EpochMs now);
Status update_resource(store::Tx& tx, const ResourceRecord& r, EpochMs now);
// Marks the draw once: false when another transaction (or instance) already drew.
Result<bool> mark_drawn(store::Tx& tx, int64_t resource_id, EpochMs at, const std::string& result_json);
// Lottery resources whose draw time has passed and that are not drawn.
Result<std::vector<int64_t>> due_lotteries(store::Tx& tx, EpochMs now);

// Households.
Result<std::optional<HouseholdRecord>> find_household(store::Tx& tx, int64_t id, bool lock);
Result<std::optional<int64_t>> household_of_user(store::Tx& tx, int64_t user_id);
Result<std::optional<int64_t>> household_by_ical(store::Tx& tx, const std::string& token);
Result<std::vector<HouseholdRecord>> households_by_phone(store::Tx& tx, const std::string& phone);
Result<int64_t> insert_household(store::Tx& tx, const HouseholdRecord& h, EpochMs now);
Status update_household(store::Tx& tx, const HouseholdRecord& h);
Status replace_members(store::Tx& tx, int64_t household_id, const std::vector<MemberRecord>& members);
Status set_ical_token(store::Tx& tx, int64_t household_id, const std::string& token);
Status add_penalty(store::Tx& tx, int64_t household_id, int64_t booking_id, const PenaltyRecord& p);

// What holds places of a resource in stored ranges overlapping [from, to), for availability: item loans as rows;
// for the other kinds one entry per stored range from booking_slot_use (Booking::count bookings, their persons
// summed) plus the live offers as rows, so the cost follows the number of slots, not of bookings.
Result<std::vector<Booking>> holdings_in(store::Tx& tx, int64_t resource_id, ResourceKind kind, EpochMs from,
                                         EpochMs to, EpochMs max_span);

// Bookings.
// What a decision on `resource_id` over the stored range [from, to) for `household_id` needs to see.
// `max_span` is the resource's max_span_ms: no stored range is longer, so start_ms >= from - max_span bounds
// the index scan (insert_booking keeps it up to date). `hh_from`..`hh_to` is the window of the household's own
// bookings that its quota may count; it is widened to cover [from - max_span, to) so none is missed below.
struct DecisionQuery {
  int64_t resource_id = 0;
  ResourceKind kind = ResourceKind::kSpace;
  EpochMs from = 0;
  EpochMs to = 0;
  int64_t household_id = 0;
  EpochMs hh_from = 0;
  EpochMs hh_to = 0;
  EpochMs max_span = 0;
  std::optional<VariantId> variant;  // item: waitlisted rows are counted for this variant only
};
// A popular slot holds hundreds of bookings, and every decision on it would read them all; yet the engine
// needs other households' bookings only as counts. So for space/studio/session/event the store reads them from
// booking_slot_use (migration 0006: per stored (start, end), the bookings holding a place, their persons and the
// waitlisted ones, kept exact by triggers on bookings) and takes the household's own share out again: `others`
// is one Booking per stored (start, end) with `count` bookings and their summed persons, household 0, status
// confirmed (quantity 0: pieces matter for items only). The cost follows the number of distinct ranges in the
// window, not the number of bookings in them.
// What stays individual rows, in `rows`:
//   - the household's own bookings in the widened window (duplicate and quota checks need them, and they are
//     taken out of the counts);
//   - waitlist offers ('offered') of others in the range: whether a hold still holds depends on `now`;
//   - items: every holding row (pieces out per day follow each loan's dates; low volume).
// Waitlisted rows of other households hold nothing and matter only as a count (the waitlist position): the
// counters' `waiting` (items: a COUNT of the variant's rows), so a popular slot with thousands waiting stays cheap.
struct DecisionRows {
  std::vector<BookingRecord> rows;
  std::vector<Booking> others;  // aggregates of other households' holding bookings (not for items)
  int64_t others_waiting = 0;   // waitlisted bookings of other households for this time (and variant)
};
Result<DecisionRows> bookings_for_decision(store::Tx& tx, const DecisionQuery& q);
// The counter query above (parameters: resource, from - max_span, to, from), for plan tests.
const std::string& slot_use_sql();
Result<std::vector<BookingRecord>> bookings_of_resource(store::Tx& tx, int64_t resource_id, EpochMs from, EpochMs to,
                                                        EpochMs max_span);
Result<std::optional<BookingRecord>> find_booking(store::Tx& tx, int64_t id, int turnaround_days = 0);
Result<std::vector<BookingRecord>> bookings_of_household(store::Tx& tx, int64_t household_id, int64_t before_id,
                                                         int limit);
// Stores a booking over `stored` (records.h stored_range) and raises the resource's max_span_ms if it is longer.
// `locked_max_span` is the max_span_ms of the resource row as read under this transaction's resource lock.
Result<int64_t> insert_booking(store::Tx& tx, const BookingRecord& b, const TimeRange& stored, EpochMs now,
                               EpochMs locked_max_span);
Status set_status(store::Tx& tx, int64_t id, const std::string& status, std::optional<EpochMs> hold_expires_at,
                  EpochMs now, const std::string& reason = "");
// A waitlisted booking's place in line among those waiting for the same time (and variant) of its resource: 1 = next.
Result<int64_t> waitlist_rank(store::Tx& tx, int64_t booking_id);
Status set_queue_position(store::Tx& tx, int64_t id, int64_t position);
Status set_returned(store::Tx& tx, int64_t id, EpochMs at);
// Offers whose hold has lapsed: (booking id, resource id).
Result<std::vector<std::pair<int64_t, int64_t>>> lapsed_offers(store::Tx& tx, EpochMs now, int limit);
// Confirmed bookings starting in [from, to) with no reminder yet; marks them (returns ids with user ids).
struct ReminderDue {
  int64_t booking_id = 0;
  int64_t user_id = 0;
  int64_t resource_id = 0;
  EpochMs start = 0;
};
Result<std::vector<ReminderDue>> claim_reminders(store::Tx& tx, EpochMs from, EpochMs to, EpochMs now, int limit);

// A day sheet row: a booking with the household's contact (facility staff only).
struct SheetRow {
  BookingRecord booking;
  std::string contact_name;
  std::string contact_phone;
};
Result<std::vector<SheetRow>> sheet(store::Tx& tx, int64_t resource_id, EpochMs from, EpochMs to, EpochMs max_span);

// Idempotency answers.
struct StoredAnswer {
  std::string fingerprint;
  int http_status = 0;
  std::string answer;
};
Result<std::optional<StoredAnswer>> find_answer(store::Tx& tx, int64_t user_id, const std::string& key);
// Stores the first answer for (user, key); false when the key already has one (then nothing is written: on
// PostgreSQL a request with the key still in flight is waited for).
Result<bool> put_answer(store::Tx& tx, int64_t user_id, const std::string& key, const StoredAnswer& a, EpochMs now);

}  // namespace dongne::booking::repo

namespace dongne::booking::repo {
// What a booking site still has open (directory's retire check): active resources.
Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org);
// Who owns each kind of record this pillar's routes act on (store/owners.h; the routes name the kinds).
std::vector<store::OwnerQuery> owner_queries();
// What this pillar keeps and for how long (store/retention.h).
std::vector<store::RetentionRule> retention_rules();
}  // namespace dongne::booking::repo
