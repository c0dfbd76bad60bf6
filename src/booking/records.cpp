#include "booking/records.h"

#include "booking/rules/usage.h"
#include "booking/rules_json.h"

namespace dongne::booking {

std::string status_word(BookingStatus s) {
  switch (s) {
    case BookingStatus::kPending: return "pending";
    case BookingStatus::kConfirmed: return "confirmed";
    case BookingStatus::kCheckedIn: return "checked_in";
    case BookingStatus::kNoShow: return "no_show";
    case BookingStatus::kHeld: return "offered";
    case BookingStatus::kWaitlisted: return "waitlisted";
    case BookingStatus::kLotteryEntry: return "lottery_entry";
    case BookingStatus::kCancelled: return "cancelled";
    case BookingStatus::kCancelledLate: return "cancelled_late";
    case BookingStatus::kRejected: return "rejected";
  }
  return "cancelled";
}

BookingStatus status_of(const std::string& w) {
  if (w == "pending") return BookingStatus::kPending;
  if (w == "confirmed") return BookingStatus::kConfirmed;
  if (w == "checked_in") return BookingStatus::kCheckedIn;
  if (w == "no_show") return BookingStatus::kNoShow;
  if (w == "offered") return BookingStatus::kHeld;
  if (w == "waitlisted") return BookingStatus::kWaitlisted;
  if (w == "lottery_entry") return BookingStatus::kLotteryEntry;
  if (w == "cancelled_late") return BookingStatus::kCancelledLate;
  if (w == "rejected") return BookingStatus::kRejected;
  return BookingStatus::kCancelled;
}

std::string kind_word(ResourceKind k) {
  switch (k) {
    case ResourceKind::kSpace: return "space";
    case ResourceKind::kStudio: return "studio";
    case ResourceKind::kItem: return "item";
    case ResourceKind::kSession: return "session";
    case ResourceKind::kEvent: return "event";
  }
  return "space";
}

std::optional<ResourceKind> parse_kind(const std::string& w) {
  for (ResourceKind k : {ResourceKind::kSpace, ResourceKind::kStudio, ResourceKind::kItem, ResourceKind::kSession,
                         ResourceKind::kEvent}) {
    if (kind_word(k) == w) return k;
  }
  return std::nullopt;
}

TimeRange stored_range(const Booking& b, int turnaround_days) {
  if (!b.variant_id) return b.span;
  return TimeRange{start_of_local_day(b.pickup_date),
                   start_of_local_day(add_days(blocked_until(b, turnaround_days), 1))};
}

void write_booking(JsonWriter& w, const BookingRecord& r, const ResourceRecord* res) {
  const Booking& b = r.booking;
  w.begin_object()
      .field("id", b.id)
      .field("resource_id", b.resource_id)
      .field("household_id", b.household_id)
      .field("status", r.status)
      .field("quantity", b.quantity)
      .field("persons", b.persons);
  w.key("member_ids").begin_array();
  for (int64_t m : r.member_ids) w.number(m);
  w.end_array();
  w.field("fee_won", r.fee.amount)
      .field("channel", r.channel)
      .field("reason", r.reason)
      .field("created_at", format_rfc3339(b.created_at))
      .field("updated_at", format_rfc3339(r.updated_at));
  if (b.variant_id) {
    w.field("variant_id", *b.variant_id)
        .field("pickup_date", format_date(b.pickup_date))
        .field("return_date", format_date(b.return_date));
    w.key("returned_at");
    if (r.returned_at) w.string(format_rfc3339(*r.returned_at));
    else w.null();
  } else {
    w.field("start", format_rfc3339(b.span.start)).field("end", format_rfc3339(b.span.end));
  }
  if (r.status == "offered" && b.hold_expires_at) w.field("offer_expires_at", format_rfc3339(*b.hold_expires_at));
  // Her place in line (1 = next), never the internal queue key.
  if (r.status == "waitlisted" && r.waitlist_rank > 0) w.field("waitlist_position", r.waitlist_rank);
  if (res) {
    w.key("resource")
        .begin_object()
        .field("id", res->resource.id)
        .field("code", res->code)
        .field("kind", res->kind)
        .field("name_ko", res->name_ko)
        .field("name_en", res->name_en)
        .field("facility_id", res->facility_id)
        .end_object();
    if (b.variant_id) {
      for (const auto& v : res->resource.variants) {
        if (v.id == *b.variant_id) w.field("variant_label", v.label);
      }
    }
  }
  w.end_object();
}

nlohmann::json to_json(const BookingRecord& r, const ResourceRecord* res) {
  JsonWriter w;
  write_booking(w, r, res);
  return nlohmann::json::parse(w.text());
}

nlohmann::json to_json(const HouseholdRecord& h) {
  nlohmann::json members = nlohmann::json::array();
  for (const auto& m : h.members) {
    nlohmann::json mj = {{"id", m.id}, {"label", m.label}, {"is_child", m.is_child}};
    if (m.birth) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d-%02d", m.birth->year, m.birth->month);
      mj["birth_month"] = buf;
    }
    members.push_back(mj);
  }
  return {{"id", h.household.id},        {"city_code", h.household.city_code},
          {"district_code", h.household.district_code}, {"contact_name", h.contact_name},
          {"contact_phone", h.contact_phone ? nlohmann::json(*h.contact_phone) : nlohmann::json(nullptr)},
          {"has_account", h.user_id.has_value()}, {"members", members}};
}

nlohmann::json public_json(const ResourceRecord& r) {
  nlohmann::json j = {{"id", r.resource.id},
                      {"facility_id", r.facility_id},
                      {"code", r.code},
                      {"kind", r.kind},
                      {"name_ko", r.name_ko},
                      {"name_en", r.name_en},
                      {"description_ko", r.description_ko},
                      {"description_en", r.description_en},
                      {"capacity", r.resource.capacity},
                      {"max_families", r.resource.max_families ? nlohmann::json(*r.resource.max_families) : nlohmann::json(nullptr)},
                      {"variants", variants_to_json(r.resource.variants)},
                      {"occurrences", occurrences_to_json(r.resource.occurrences)},
                      {"rules", rules_to_json(r.rules, r.offer_minutes)},
                      {"active", r.active},
                      {"demo", r.demo}};
  if (r.rules.allocation == Allocation::kLottery) {
    j["lottery"] = {{"seed", r.lottery_seed},
                    {"draw_at", r.rules.lottery_draw_at ? nlohmann::json(format_rfc3339(*r.rules.lottery_draw_at)) : nlohmann::json(nullptr)},
                    {"drawn_at", r.lottery_drawn_at ? nlohmann::json(format_rfc3339(*r.lottery_drawn_at)) : nlohmann::json(nullptr)}};
  }
  return j;
}

}  // namespace dongne::booking
