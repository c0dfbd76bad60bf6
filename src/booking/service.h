// The booking service: every booking decision runs the rules engine (rules/decide.h) inside ONE store transaction
// that first locks the resource row (PostgreSQL SELECT ... FOR UPDATE in READ COMMITTED; SQLite's single writer),
// then the household row, reads the bookings that matter, decides, stores the booking and appends its domain
// event (booking.confirmed / .pending / .waitlisted / .lottery_entry / .offered / .cancelled / ...) — so no slot
// goes over capacity and no item is lent twice across threads or server instances. Creation is idempotent per
// (user, Idempotency-Key): the first answer (success or refusal) is stored and replayed. Every refusal is an
// Error with a stable reason code and Korean/English messages. Thread-safety: safe to share; state is in the store.
#pragma once

#include <chrono>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/records.h"
#include "core/error_json.h"
#include "booking/rules/availability.h"
#include "core/clock.h"
#include "core/roles.h"
#include "store/database.h"

namespace dongne::booking {

// What a caller asks for, in API terms. Space/studio: start+end (whole slots); session/event: start+end of one
// occurrence; item: variant, pickup and return days, quantity.
struct BookingInput {
  int64_t resource_id = 0;
  EpochMs start = 0;
  EpochMs end = 0;
  std::optional<VariantId> variant_id;
  LocalDate pickup_date;
  LocalDate return_date;
  int quantity = 1;
  int persons = 1;
  std::vector<MemberId> member_ids;
  std::optional<MemberId> child_member_id;
  std::string fingerprint() const;  // identifies the request for idempotency checks
};

// The answer to a booking request: the stored JSON body and whether it is a replay of an earlier answer.
struct Placed {
  std::string text;  // the JSON body, serialised once: sent, and stored as the Idempotency-Key answer
  bool replayed = false;
  nlohmann::json body() const { return nlohmann::json::parse(text); }
};

struct BookingView {
  BookingRecord booking;
  ResourceRecord resource;
};

enum class StaffAction { kCheckIn, kNoShow, kReturned, kApprove, kReject };

struct SheetEntry {
  BookingRecord booking;
  const ResourceRecord* resource = nullptr;
  std::string contact_name;
  std::string contact_phone;
};
struct DaySheet {
  LocalDate date;
  std::vector<ResourceRecord> resources;
  std::vector<SheetEntry> entries;  // resource pointers point into `resources`
};

// A resource with its availability for a range of days, as of `now`.
struct AvailabilityView {
  ResourceRecord resource;
  std::vector<DayAvailability> days;
  EpochMs now = 0;
  // A slot for the caller's rendering of this view (the API's JSON body), made once per cached view.
  mutable std::once_flag rendered_once;
  mutable std::string rendered;
};

class BookingService {
 public:
  BookingService(store::Database& db, const Clock& clock, const HolidayCalendar& holidays)
      : db_(db), clock_(clock), holidays_(holidays) {}

  const Clock& clock() const { return clock_; }
  const HolidayCalendar& holidays() const { return holidays_; }
  // Whether p manages the facility (facility_manager scoped to it, city-wide, or admin).
  static bool manages(const Principal& p, int64_t facility_id);

  // Resources (reads are public; writes need a manager of the facility).
  Result<std::vector<ResourceRecord>> resources(std::optional<int64_t> facility_id);
  Result<ResourceRecord> resource(int64_t id);
  // Every resource of a facility, paused ones too, for its managers (not_found before forbidden).
  Result<std::vector<ResourceRecord>> facility_resources(const Principal& staff, int64_t facility_id);
  Result<ResourceRecord> create_resource(const Principal& staff, ResourceRecord r);
  Result<ResourceRecord> update_resource(const Principal& staff, ResourceRecord r);
  Result<std::vector<DayAvailability>> availability(int64_t resource_id, LocalDate from, int days);
  // The same with the resource, served from a per-instance cache for at most `availability_ttl` and dropped on any
  // write this instance makes to the resource (another instance's writes show within the TTL).
  Result<std::shared_ptr<const AvailabilityView>> availability_view(int64_t resource_id, LocalDate from, int days);
  void set_availability_ttl(std::chrono::milliseconds ttl) { availability_ttl_ = ttl; }

  // Households: a resident's own, and walk-in/phone households staff create.
  Result<std::optional<HouseholdRecord>> my_household(const Principal& p);
  Result<HouseholdRecord> save_my_household(const Principal& p, HouseholdRecord h);
  Result<HouseholdRecord> household_for_staff(const Principal& staff, int64_t id);
  Result<std::vector<HouseholdRecord>> find_households(const Principal& staff, const std::string& phone);
  Result<HouseholdRecord> create_walk_in(const Principal& staff, HouseholdRecord h);

  // Booking. `book` uses the caller's household; `book_for` is staff acting for a household (channel "phone" or
  // "walk_in"; staff may book until the start and skip approval).
  Result<Placed> book(const Principal& p, const BookingInput& in, const std::optional<std::string>& idem_key);
  Result<Placed> book_for(const Principal& staff, int64_t household_id, const BookingInput& in,
                          const std::string& channel, const std::optional<std::string>& idem_key);
  Result<std::vector<BookingView>> my_bookings(const Principal& p, int64_t before_id, int limit);
  Result<BookingView> booking(const Principal& p, int64_t id);
  Result<BookingView> cancel(const Principal& p, int64_t id);
  Result<BookingView> accept_offer(const Principal& p, int64_t id);
  Result<BookingView> staff_action(const Principal& staff, int64_t id, StaffAction a);
  Result<DaySheet> day_sheet(const Principal& staff, int64_t facility_id, LocalDate day);

  // Lottery: the published seed and (after the draw) entries and result; the draw (staff, or the job when due);
  // a re-run of the recorded draw from its seed.
  Result<nlohmann::json> lottery(int64_t resource_id);
  Result<nlohmann::json> draw_lottery(const Principal* staff, int64_t resource_id);
  Result<nlohmann::json> verify_lottery(int64_t resource_id);

  // iCalendar: the caller's secret feed token (made on first use; rotate makes a new one), and the feed text.
  Result<std::string> ical_token(const Principal& p, bool rotate);
  Result<std::string> ical_feed(const std::string& token);

  // Background work, each safe to run in several instances at once; each returns how much it did.
  Result<int> expire_offers();
  Result<int> draw_due_lotteries();
  Result<int> send_reminders();
  // Stored Idempotency-Key answers older than `keep` are deleted (a retry after that books anew).
  Result<int> purge_answers(EpochMs keep = 7 * kMsPerDay);

 private:
  Result<Placed> place(const Principal& actor, std::optional<int64_t> household_id, const BookingInput& in,
                       bool staff, const std::string& channel, const std::optional<std::string>& idem_key);
  // After places free up on `resource` in `range`: waiting entries that now fit get an offer (a hold).
  Status offer_freed(store::Tx& tx, const ResourceRecord& resource, const TimeRange& range, EpochMs now);
  Result<BookingView> load_view(int64_t id);
  void invalidate(int64_t resource_id);

  using CacheKey = std::tuple<int64_t, std::int64_t, int>;  // resource, first day, days
  struct CacheEntry {
    std::chrono::steady_clock::time_point expires;
    std::shared_ptr<const AvailabilityView> view;
  };
  std::mutex cache_mu_;
  std::map<CacheKey, CacheEntry> cache_;
  std::map<int64_t, uint64_t> generation_;  // bumped by invalidate(): a read that raced a write is not cached
  std::chrono::milliseconds availability_ttl_{1000};

  store::Database& db_;
  const Clock& clock_;
  const HolidayCalendar& holidays_;
};

// The rules engine's request for a stored booking (used to re-decide waitlist entries).
Request request_of(const BookingRecord& b);

}  // namespace dongne::booking
