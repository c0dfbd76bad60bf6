// BookingService: resources, availability, households, the day sheet and the calendar-feed token.
#include <algorithm>

#include "auth/access_log.h"
#include "auth/passwords.h"
#include "auth/repo.h"
#include "booking/repo.h"
#include "booking/service.h"

namespace dongne::booking {
namespace {

// Where resources can be booked: childcare sharing spaces, and Saeil centres (group counselling sessions).
bool is_bookable_site(const std::string& kind) { return kind == "facility" || kind == "centre"; }

Error no_resource() { return Error::not_found("예약 대상을 찾을 수 없습니다", "no such bookable resource"); }
Error not_manager() {
  return Error::forbidden("담당 시설의 자원만 관리할 수 있습니다", "you do not manage this facility");
}

}  // namespace

Result<std::vector<ResourceRecord>> BookingService::resources(std::optional<int64_t> facility_id) {
  std::vector<ResourceRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_resources(tx, facility_id));
    return ok_status();
  }));
  return out;
}

Result<ResourceRecord> BookingService::resource(int64_t id) {
  std::optional<ResourceRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::find_resource(tx, id, false));
    return ok_status();
  }));
  if (!out) return no_resource();
  return std::move(*out);
}

Result<std::vector<ResourceRecord>> BookingService::facility_resources(const Principal& staff, int64_t facility_id) {
  std::vector<ResourceRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {facility_id}));
    if (org.empty() || !is_bookable_site(org[0].str(0))) return Error::not_found("시설을 찾을 수 없습니다", "no such facility");
    if (!manages(staff, facility_id)) return not_manager();
    DONGNE_ASSIGN_OR_RETURN(out, repo::list_resources(tx, facility_id));
    return ok_status();
  }));
  return out;
}

Result<ResourceRecord> BookingService::create_resource(const Principal& staff, ResourceRecord r) {
  if (!manages(staff, r.facility_id)) return not_manager();
  if (r.rules.allocation == Allocation::kLottery && r.lottery_seed.empty()) {
    // Published with the resource, before the draw; the random part keeps anyone from steering it in advance.
    r.lottery_seed = r.code + ":" + format_date(local_date(r.rules.lottery_draw_at.value_or(0))) + ":" +
                     auth::new_token().substr(0, 16);
  }
  int64_t id = 0;
  Status st = db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT kind FROM organisations WHERE id = ?", {r.facility_id}));
    if (rows.empty() || !is_bookable_site(rows[0].str(0))) {
      return Error::field("facility_id", "unknown", "시설을 찾을 수 없습니다", "no such facility");
    }
    const EpochMs now = clock_.now_ms();
    DONGNE_ASSIGN_OR_RETURN(id, repo::insert_resource(tx, r, now));
    DONGNE_TRY(auth::repo::write_audit(tx, staff.user_id, "booking.resource_created", "booking_resource:" + std::to_string(id),
                                       {{"code", r.code}}, now));
    return ok_status();
  });
  if (!st.ok() && st.error().reason == "unique_violation") {  // booking_resources.code is the only unique column
    Error e = Error::conflict("이미 쓰고 있는 코드입니다", "this code is already used by another resource",
                              "unique_violation");
    e.fields.push_back(FieldError{"code", "taken", e.message_ko, e.message_en});
    return e;
  }
  DONGNE_TRY(st);
  return resource(id);
}

Result<ResourceRecord> BookingService::update_resource(const Principal& staff, ResourceRecord r) {
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord current, resource(r.resource.id));
  if (!manages(staff, current.facility_id)) return not_manager();
  r.facility_id = current.facility_id;
  r.code = current.code;
  r.kind = current.kind;
  r.resource.kind = current.resource.kind;
  if (r.lottery_seed.empty()) r.lottery_seed = current.lottery_seed;
  if (current.lottery_drawn_at && r.lottery_seed != current.lottery_seed) {
    return Error::conflict("추첨 후에는 시드를 바꿀 수 없습니다", "the seed cannot change after the draw", "lottery_drawn");
  }
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    const EpochMs now = clock_.now_ms();
    DONGNE_ASSIGN_OR_RETURN(auto locked, repo::find_resource(tx, r.resource.id, true));
    if (!locked) return no_resource();
    DONGNE_TRY(repo::update_resource(tx, r, now));
    return auth::repo::write_audit(tx, staff.user_id, "booking.resource_updated",
                                   "booking_resource:" + std::to_string(r.resource.id), {{"code", r.code}}, now);
  }, store::Isolation::kReadCommitted));
  invalidate(r.resource.id);
  return resource(r.resource.id);
}

void BookingService::invalidate(int64_t resource_id) {
  std::lock_guard<std::mutex> lock(cache_mu_);
  ++generation_[resource_id];
  auto it = cache_.lower_bound(CacheKey{resource_id, INT64_MIN, 0});
  while (it != cache_.end() && std::get<0>(it->first) == resource_id) it = cache_.erase(it);
}

Result<std::vector<DayAvailability>> BookingService::availability(int64_t resource_id, LocalDate from, int days) {
  DONGNE_ASSIGN_OR_RETURN(auto view, availability_view(resource_id, from, days));
  return view->days;
}

Result<std::shared_ptr<const AvailabilityView>> BookingService::availability_view(int64_t resource_id, LocalDate from,
                                                                                int days) {
  const CacheKey key{resource_id, days_from_civil(from), days};
  const auto steady_now = std::chrono::steady_clock::now();
  uint64_t generation = 0;
  {
    std::lock_guard<std::mutex> lock(cache_mu_);
    auto it = cache_.find(key);
    if (it != cache_.end() && it->second.expires > steady_now) return it->second.view;
    generation = generation_[resource_id];
  }
  std::optional<ResourceRecord> res;
  std::vector<Booking> bookings;
  const EpochMs lo = start_of_local_day(from);
  const EpochMs hi = start_of_local_day(add_days(from, days));
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(res, repo::find_resource(tx, resource_id, false));
    if (!res) return no_resource();
    DONGNE_ASSIGN_OR_RETURN(bookings, repo::holdings_in(tx, resource_id, res->resource.kind, lo, hi, res->max_span_ms));
    return ok_status();
  }));
  auto view = std::make_shared<AvailabilityView>();
  view->now = clock_.now_ms();
  view->days = dongne::booking::availability(res->resource, res->rules, holidays_, bookings, from, days, view->now);
  view->resource = std::move(*res);
  std::lock_guard<std::mutex> lock(cache_mu_);
  if (cache_.size() > 4096) cache_.clear();
  if (generation_[resource_id] == generation) cache_[key] = CacheEntry{steady_now + availability_ttl_, view};
  return std::shared_ptr<const AvailabilityView>(view);
}

Result<std::optional<HouseholdRecord>> BookingService::my_household(const Principal& p) {
  std::optional<HouseholdRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_of_user(tx, p.user_id));
    if (hid) {
      DONGNE_ASSIGN_OR_RETURN(out, repo::find_household(tx, *hid, false));
    }
    return ok_status();
  }));
  return out;
}

Result<HouseholdRecord> BookingService::save_my_household(const Principal& p, HouseholdRecord h) {
  int64_t id = 0;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    const EpochMs now = clock_.now_ms();
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_of_user(tx, p.user_id));
    h.user_id = p.user_id;
    h.contact_name = p.name;
    if (hid) {
      h.household.id = *hid;
      DONGNE_ASSIGN_OR_RETURN(auto locked, repo::find_household(tx, *hid, true));
      DONGNE_TRY(repo::update_household(tx, h));
      id = *hid;
    } else {
      DONGNE_ASSIGN_OR_RETURN(id, repo::insert_household(tx, h, now));
    }
    return repo::replace_members(tx, id, h.members);
  }));
  DONGNE_ASSIGN_OR_RETURN(auto saved, my_household(p));
  if (!saved) return Error::internal("household vanished after saving");
  return std::move(*saved);
}

Result<HouseholdRecord> BookingService::household_for_staff(const Principal& staff, int64_t id) {
  std::optional<HouseholdRecord> out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::find_household(tx, id, false));
    if (!out) return Error::not_found("가구를 찾을 수 없습니다", "no such household");
    if (out->user_id) {
      return auth::log_read(tx, {staff.user_id, *out->user_id, "household", std::to_string(id),
                                 "GET /api/v1/booking/households/{id}", "booking on behalf", true, clock_.now_ms()});
    }
    return ok_status();
  }));
  return std::move(*out);
}

Result<std::vector<HouseholdRecord>> BookingService::find_households(const Principal& staff, const std::string& phone) {
  std::vector<HouseholdRecord> out;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::households_by_phone(tx, phone));
    for (const auto& h : out) {
      if (h.user_id) {
        DONGNE_TRY(auth::log_read(tx, {staff.user_id, *h.user_id, "household", std::to_string(h.household.id),
                                       "GET /api/v1/booking/households", "booking on behalf (phone lookup)", true,
                                       clock_.now_ms()}));
      }
    }
    return ok_status();
  }));
  return out;
}

Result<HouseholdRecord> BookingService::create_walk_in(const Principal& staff, HouseholdRecord h) {
  if (!staff.has(Role::kFacilityManager) && !staff.has(Role::kAdmin)) return not_manager();
  int64_t id = 0;
  h.user_id.reset();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    const EpochMs now = clock_.now_ms();
    DONGNE_ASSIGN_OR_RETURN(id, repo::insert_household(tx, h, now));
    DONGNE_TRY(repo::replace_members(tx, id, h.members));
    return auth::repo::write_audit(tx, staff.user_id, "booking.household_created", "booking_household:" + std::to_string(id),
                                   nlohmann::json::object(), now);
  }));
  std::optional<HouseholdRecord> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, repo::find_household(tx, id, false));
    return ok_status();
  }));
  return std::move(*out);
}

Result<DaySheet> BookingService::day_sheet(const Principal& staff, int64_t facility_id, LocalDate day) {
  DaySheet sheet;
  sheet.date = day;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {facility_id}));
    if (org.empty() || !is_bookable_site(org[0].str(0))) return Error::not_found("시설을 찾을 수 없습니다", "no such facility");
    if (!manages(staff, facility_id)) return not_manager();
    DONGNE_ASSIGN_OR_RETURN(sheet.resources, repo::list_resources(tx, facility_id));
    const EpochMs lo = start_of_local_day(day);
    const EpochMs hi = start_of_local_day(add_days(day, 1));
    for (const auto& r : sheet.resources) {
      DONGNE_ASSIGN_OR_RETURN(auto rows, repo::sheet(tx, r.resource.id, lo, hi, r.max_span_ms));
      for (auto& row : rows) {
        const Booking& b = row.booking.booking;
        // Loans: the sheet lists the day's pickups and returns (and loans out that are due back).
        if (b.variant_id && b.pickup_date != day && b.return_date != day) continue;
        sheet.entries.push_back(SheetEntry{std::move(row.booking), nullptr, row.contact_name, row.contact_phone});
      }
    }
    return ok_status();
  }));
  for (auto& e : sheet.entries) {
    for (const auto& r : sheet.resources) {
      if (r.resource.id == e.booking.booking.resource_id) e.resource = &r;
    }
  }
  std::stable_sort(sheet.entries.begin(), sheet.entries.end(), [](const SheetEntry& a, const SheetEntry& b) {
    return stored_range(a.booking.booking, 0).start < stored_range(b.booking.booking, 0).start;
  });
  return sheet;
}

Result<std::string> BookingService::ical_token(const Principal& p, bool rotate) {
  std::string token;
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto hid, repo::household_of_user(tx, p.user_id));
    if (!hid) {
      return Error::conflict("먼저 가구 정보를 등록해 주세요", "register your household first", "household_required");
    }
    DONGNE_ASSIGN_OR_RETURN(auto h, repo::find_household(tx, *hid, true));
    token = h->ical_token;
    if (token.empty() || rotate) {
      token = auth::new_token();
      DONGNE_TRY(repo::set_ical_token(tx, *hid, token));
    }
    return ok_status();
  }));
  return token;
}

}  // namespace dongne::booking
