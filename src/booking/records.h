// Stored booking records as the service sees them: a resource with its rules and facility, a household with its
// members and penalties, and a booking with its row-only fields (status text, channel, who booked). Conversions
// between the stored status words and the engine's BookingStatus live here. Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "booking/rules/model.h"
#include "core/json_writer.h"

namespace dongne::booking {

struct ResourceRecord {
  Resource resource;
  Rules rules;
  int64_t facility_id = 0;
  std::string code;
  std::string kind;  // space | studio | item | session | event
  std::string name_ko, name_en, description_ko, description_en;
  std::string lottery_seed;
  std::optional<EpochMs> lottery_drawn_at;
  std::string lottery_result;  // JSON text, "" before the draw
  int offer_minutes = 120;     // waitlist offers stay open this long
  bool active = true;
  bool demo = false;
  int64_t version = 1;
  EpochMs max_span_ms = 0;  // the longest stored range of any booking of this resource (for range queries)
};

struct MemberRecord {
  MemberId id = 0;
  std::string label;
  bool is_child = false;
  std::optional<YearMonth> birth;
};

struct HouseholdRecord {
  Household household;
  std::optional<int64_t> user_id;
  std::string contact_name;
  std::optional<std::string> contact_phone;
  std::vector<MemberRecord> members;
  std::string ical_token;
};

struct BookingRecord {
  Booking booking;
  std::string status;  // stored word, see status_word()
  std::optional<int64_t> user_id;
  std::vector<MemberId> member_ids;
  Won fee;
  int64_t queue_position = 0;  // internal order of the waitlist (never shown: see waitlist_rank)
  int64_t waitlist_rank = 0;   // for a view of a waitlisted booking: 1 = next in line (repo::waitlist_rank)
  std::optional<int64_t> booked_by;
  std::string channel = "web";  // web | phone | walk_in | lottery
  std::string reason;
  std::optional<EpochMs> returned_at;
  EpochMs updated_at = 0;
};

// "confirmed", "offered" (a waitlist offer, held until hold_expires_at), "expired" (lapsed offer), "not_drawn"...
std::string status_word(BookingStatus s);
// Unknown words map to kCancelled ("expired", "not_drawn" hold nothing).
BookingStatus status_of(const std::string& word);
std::string kind_word(ResourceKind k);
std::optional<ResourceKind> parse_kind(const std::string& w);

// Times for a booking row: space/studio/session/event its span; items the local days the piece is away
// (pickup 00:00 .. day after return + turnaround), so one range query finds every booking that matters.
TimeRange stored_range(const Booking& b, int turnaround_days);

// A booking as the API shows it. write_booking is the one definition (a JsonWriter, for the hot 201 answer);
// to_json parses what it writes.
void write_booking(JsonWriter& w, const BookingRecord& b, const ResourceRecord* r = nullptr);
nlohmann::json to_json(const BookingRecord& b, const ResourceRecord* r = nullptr);
nlohmann::json to_json(const HouseholdRecord& h);
nlohmann::json public_json(const ResourceRecord& r);

}  // namespace dongne::booking
