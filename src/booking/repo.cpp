#include "booking/repo.h"

#include <algorithm>

#include "booking/resource_json_cache.h"
#include "booking/rules_json.h"
#include "directory/directory.h"

namespace dongne::booking::repo {
namespace {

constexpr const char* kResourceCols =
    "id, facility_id, code, kind, name_ko, name_en, description_ko, description_en, capacity, max_families, variants, "
    "occurrences, rules, lottery_seed, lottery_drawn_at, lottery_result, active, demo, version, max_span_ms";

// A text column without copying it when the back end already holds it as text (both do for TEXT columns).
std::string_view text_at(const store::Row& row, size_t i, std::string& scratch) {
  if (const auto* s = std::get_if<std::string>(&row.values.at(i))) return *s;
  scratch = row.str(i);
  return scratch;
}

Result<ResourceRecord> resource_of(const store::Row& row) {
  ResourceRecord r;
  r.resource.id = row.i64(0);
  r.facility_id = row.i64(1);
  r.code = row.str(2);
  r.kind = row.str(3);
  auto kind = parse_kind(r.kind);
  if (!kind) return Error::internal("stored resource has unknown kind " + r.kind);
  r.resource.kind = *kind;
  r.name_ko = row.str(4);
  r.name_en = row.str(5);
  r.resource.name = r.name_ko;
  r.description_ko = row.str(6);
  r.description_en = row.str(7);
  r.resource.capacity = static_cast<int>(row.i64(8));
  if (auto mf = row.opt_i64(9)) r.resource.max_families = static_cast<int>(*mf);
  // Every booking reads its resource: the JSON columns are parsed once per distinct text, not once per read.
  std::string v_scratch, o_scratch, r_scratch;
  DONGNE_ASSIGN_OR_RETURN(auto parsed,
                          parse_resource_json(r.resource.id, text_at(row, 10, v_scratch),
                                              text_at(row, 11, o_scratch), text_at(row, 12, r_scratch)));
  r.resource.variants = parsed->variants;
  r.resource.occurrences = parsed->occurrences;
  r.rules = parsed->rules.rules;
  r.offer_minutes = parsed->rules.offer_minutes;
  r.lottery_seed = row.str(13);
  r.lottery_drawn_at = row.opt_i64(14);
  r.lottery_result = row.str(15);
  r.active = row.i64(16) != 0;
  r.demo = row.i64(17) != 0;
  r.version = row.i64(18);
  r.max_span_ms = row.i64(19);
  // A lottery drawn early ends the entry phase then: from the draw on, what is left is first come.
  if (r.lottery_drawn_at && r.rules.lottery_draw_at && *r.lottery_drawn_at < *r.rules.lottery_draw_at) {
    r.rules.lottery_draw_at = *r.lottery_drawn_at;
  }
  return r;
}

constexpr const char* kBookingCols =
    "id, resource_id, household_id, user_id, status, start_ms, end_ms, variant_id, pickup_date, return_date, quantity, "
    "persons, member_ids, quota_group, fee_won, queue_position, hold_expires_at, booked_by, channel, reason, "
    "returned_at, created_at, updated_at";

// Status conditions spelled as OR / AND chains rather than IN / NOT IN lists: SQLite builds an ephemeral
// table for an IN list of more than two constants on every execution and probes it for every row; the chain
// is a few string compares (most frequent first; ~15% faster on a 600-row slot). Statuses are NOT NULL, so
// the NOT IN form and the AND chain agree.
constexpr const char* kHoldingOrOffered =
    "status = 'confirmed' OR status = 'pending' OR status = 'checked_in' OR status = 'no_show' OR status = 'offered'";
constexpr const char* kNotEnded =
    "status <> 'cancelled' AND status <> 'cancelled_late' AND status <> 'rejected' AND status <> 'expired' "
    "AND status <> 'not_drawn'";

BookingRecord booking_of(const store::Row& row) {
  BookingRecord r;
  Booking& b = r.booking;
  b.id = row.i64(0);
  b.resource_id = row.i64(1);
  b.household_id = row.i64(2);
  r.user_id = row.opt_i64(3);
  r.status = row.str(4);
  b.status = status_of(r.status);
  b.variant_id = row.opt_i64(7);
  if (b.variant_id) {
    if (auto d = parse_date(row.str(8)); d.ok()) b.pickup_date = d.value();
    if (auto d = parse_date(row.str(9)); d.ok()) b.return_date = d.value();
  } else {
    b.span = TimeRange{row.i64(5), row.i64(6)};
  }
  b.quantity = static_cast<int>(row.i64(10));
  b.persons = static_cast<int>(row.i64(11));
  auto m = nlohmann::json::parse(row.str(12), nullptr, false);
  if (m.is_array()) {
    for (const auto& x : m) {
      if (x.is_number_integer()) r.member_ids.push_back(x.get<int64_t>());
    }
  }
  b.quota_group = row.str(13);
  r.fee.amount = row.i64(14);
  r.queue_position = row.i64(15);
  b.hold_expires_at = row.opt_i64(16);
  r.booked_by = row.opt_i64(17);
  r.channel = row.str(18);
  r.reason = row.str(19);
  r.returned_at = row.opt_i64(20);
  b.created_at = row.i64(21);
  r.updated_at = row.i64(22);
  return r;
}

Result<std::vector<BookingRecord>> bookings(store::Tx& tx, const std::string& where, const std::vector<store::Value>& p) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kBookingCols + " FROM bookings WHERE " + where, p));
  std::vector<BookingRecord> out;
  out.reserve(rows.size());
  for (const auto& row : rows.rows) out.push_back(booking_of(row));
  return out;
}

std::string resource_json(const ResourceRecord& r, int which) {
  if (which == 0) return variants_to_json(r.resource.variants).dump();
  if (which == 1) return occurrences_to_json(r.resource.occurrences).dump();
  return rules_to_json(r.rules, r.offer_minutes).dump();
}

store::Value opt(const std::optional<int64_t>& v) { return v ? store::Value(*v) : store::Value(nullptr); }

}  // namespace

Result<std::optional<ResourceRecord>> find_resource(store::Tx& tx, int64_t id, bool lock) {
  if (lock) DONGNE_TRY(lock_resource(tx, id));
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kResourceCols +
                                                  " FROM booking_resources WHERE id = ?" + (lock ? " FOR UPDATE" : ""),
                                              {id}));
  if (rows.empty()) return std::optional<ResourceRecord>();
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord r, resource_of(rows[0]));
  return std::optional<ResourceRecord>(std::move(r));
}

Result<std::optional<ResourceRecord>> find_resource_by_code(store::Tx& tx, const std::string& code) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kResourceCols +
                                                  " FROM booking_resources WHERE code = ?", {code}));
  if (rows.empty()) return std::optional<ResourceRecord>();
  DONGNE_ASSIGN_OR_RETURN(ResourceRecord r, resource_of(rows[0]));
  return std::optional<ResourceRecord>(std::move(r));
}

Result<std::vector<ResourceRecord>> list_resources(store::Tx& tx, std::optional<int64_t> facility_id) {
  std::string sql = std::string("SELECT ") + kResourceCols + " FROM booking_resources";
  std::vector<store::Value> p;
  if (facility_id) {
    sql += " WHERE facility_id = ?";
    p.emplace_back(*facility_id);
  }
  sql += " ORDER BY facility_id, id";
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(sql, p));
  std::vector<ResourceRecord> out;
  for (const auto& row : rows.rows) {
    DONGNE_ASSIGN_OR_RETURN(ResourceRecord r, resource_of(row));
    out.push_back(std::move(r));
  }
  return out;
}

Result<int64_t> insert_resource(store::Tx& tx, const ResourceRecord& r, EpochMs now) {
  return tx.insert(
      "INSERT INTO booking_resources (facility_id, code, kind, name_ko, name_en, description_ko, description_en, "
      "capacity, max_families, variants, occurrences, rules, lottery_seed, active, demo, updated_at) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {r.facility_id, r.code, r.kind, r.name_ko, r.name_en, r.description_ko, r.description_en,
       int64_t{r.resource.capacity},
       r.resource.max_families ? store::Value(int64_t{*r.resource.max_families}) : store::Value(nullptr),
       resource_json(r, 0), resource_json(r, 1), resource_json(r, 2), r.lottery_seed, int64_t{r.active ? 1 : 0},
       int64_t{r.demo ? 1 : 0}, now});
}

Status update_resource(store::Tx& tx, const ResourceRecord& r, EpochMs now) {
  return to_status(tx.exec(
      "UPDATE booking_resources SET name_ko = ?, name_en = ?, description_ko = ?, description_en = ?, capacity = ?, "
      "max_families = ?, variants = ?, occurrences = ?, rules = ?, lottery_seed = ?, active = ?, "
      "version = version + 1, updated_at = ? WHERE id = ?",
      {r.name_ko, r.name_en, r.description_ko, r.description_en, int64_t{r.resource.capacity},
       r.resource.max_families ? store::Value(int64_t{*r.resource.max_families}) : store::Value(nullptr),
       resource_json(r, 0), resource_json(r, 1), resource_json(r, 2), r.lottery_seed, int64_t{r.active ? 1 : 0}, now,
       r.resource.id}));
}

Result<bool> mark_drawn(store::Tx& tx, int64_t resource_id, EpochMs at, const std::string& result_json) {
  DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE booking_resources SET lottery_drawn_at = ?, lottery_result = ? "
                                             "WHERE id = ? AND lottery_drawn_at IS NULL",
                                             {at, result_json, resource_id}));
  return n == 1;
}

Result<std::vector<int64_t>> due_lotteries(store::Tx& tx, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, rules FROM booking_resources WHERE lottery_drawn_at IS NULL "
                                              "AND active = 1 AND rules LIKE '%\"lottery\"%'"));
  std::vector<int64_t> out;
  for (const auto& row : rows.rows) {
    auto j = nlohmann::json::parse(row.str(1), nullptr, false);
    auto pr = rules_from_json(j);
    if (pr.ok() && pr->rules.allocation == Allocation::kLottery && pr->rules.lottery_draw_at &&
        *pr->rules.lottery_draw_at <= now) {
      out.push_back(row.i64(0));
    }
  }
  return out;
}

Result<std::optional<HouseholdRecord>> find_household(store::Tx& tx, int64_t id, bool lock) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT id, user_id, contact_name, contact_phone, city_code, "
                                                          "district_code, ical_token FROM booking_households WHERE id = ?") +
                                                  (lock ? " FOR UPDATE" : ""),
                                              {id}));
  if (rows.empty()) return std::optional<HouseholdRecord>();
  HouseholdRecord h;
  const auto& row = rows[0];
  h.household.id = row.i64(0);
  h.user_id = row.opt_i64(1);
  h.contact_name = row.str(2);
  h.contact_phone = row.opt_str(3);
  h.household.city_code = row.str(4);
  h.household.district_code = row.str(5);
  h.ical_token = row.str(6);
  // Members (part 0, by id) and penalties (part 1, by time) in one statement.
  DONGNE_ASSIGN_OR_RETURN(auto parts, tx.query("SELECT 0 AS part, id AS ord, label, is_child, birth_month "
                                               "FROM booking_members WHERE household_id = ? UNION ALL "
                                               "SELECT 1, at, kind, 0, NULL FROM booking_penalties "
                                               "WHERE household_id = ? ORDER BY part, ord", {id, id}));
  for (const auto& m : parts.rows) {
    if (m.i64(0) == 1) {
      h.household.penalties.push_back(
          PenaltyRecord{m.i64(1), m.str(2) == "late_cancel" ? PenaltyKind::kLateCancel : PenaltyKind::kNoShow});
      continue;
    }
    MemberRecord mr;
    mr.id = m.i64(1);
    mr.label = m.str(2);
    mr.is_child = m.i64(3) != 0;
    if (auto b = m.opt_str(4); b && b->size() == 7) {
      mr.birth = YearMonth{std::atoi(b->substr(0, 4).c_str()), std::atoi(b->substr(5, 2).c_str())};
    }
    h.members.push_back(mr);
    h.household.members.push_back(Member{mr.id, mr.is_child, mr.birth});
  }
  return std::optional<HouseholdRecord>(std::move(h));
}

Result<std::optional<int64_t>> household_of_user(store::Tx& tx, int64_t user_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM booking_households WHERE user_id = ?", {user_id}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].i64(0));
}

Result<std::optional<int64_t>> household_by_ical(store::Tx& tx, const std::string& token) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM booking_households WHERE ical_token = ?", {token}));
  if (rows.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(rows[0].i64(0));
}

Result<std::vector<HouseholdRecord>> households_by_phone(store::Tx& tx, const std::string& phone) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT h.id FROM booking_households h LEFT JOIN users u ON u.id = h.user_id "
                                              "WHERE h.contact_phone = ? OR u.phone = ? ORDER BY h.id LIMIT 20",
                                              {phone, phone}));
  std::vector<HouseholdRecord> out;
  for (const auto& row : rows.rows) {
    DONGNE_ASSIGN_OR_RETURN(auto h, find_household(tx, row.i64(0), false));
    if (h) out.push_back(std::move(*h));
  }
  return out;
}

Result<int64_t> insert_household(store::Tx& tx, const HouseholdRecord& h, EpochMs now) {
  return tx.insert("INSERT INTO booking_households (user_id, contact_name, contact_phone, city_code, district_code, "
                   "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                   {opt(h.user_id), h.contact_name,
                    h.contact_phone ? store::Value(*h.contact_phone) : store::Value(nullptr), h.household.city_code,
                    h.household.district_code, now});
}

Status update_household(store::Tx& tx, const HouseholdRecord& h) {
  return to_status(tx.exec("UPDATE booking_households SET contact_name = ?, contact_phone = ?, city_code = ?, "
                           "district_code = ? WHERE id = ?",
                           {h.contact_name, h.contact_phone ? store::Value(*h.contact_phone) : store::Value(nullptr),
                            h.household.city_code, h.household.district_code, h.household.id}));
}

Status replace_members(store::Tx& tx, int64_t household_id, const std::vector<MemberRecord>& members) {
  // Members keep their ids when they stay (bookings list member ids); the others are removed.
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM booking_members WHERE household_id = ?", {household_id}));
  for (const auto& row : rows.rows) {
    bool kept = false;
    for (const auto& m : members) kept = kept || m.id == row.i64(0);
    if (!kept) DONGNE_TRY(tx.exec("DELETE FROM booking_members WHERE id = ?", {row.i64(0)}));
  }
  for (const auto& m : members) {
    std::string birth;
    if (m.birth) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "%04d-%02d", m.birth->year, m.birth->month);
      birth = buf;
    }
    store::Value bv = birth.empty() ? store::Value(nullptr) : store::Value(birth);
    if (m.id > 0) {
      DONGNE_TRY(tx.exec("UPDATE booking_members SET label = ?, is_child = ?, birth_month = ? WHERE id = ? AND household_id = ?",
                         {m.label, int64_t{m.is_child ? 1 : 0}, bv, m.id, household_id}));
    } else {
      DONGNE_TRY(tx.insert("INSERT INTO booking_members (household_id, label, is_child, birth_month) VALUES (?, ?, ?, ?)",
                           {household_id, m.label, int64_t{m.is_child ? 1 : 0}, bv}));
    }
  }
  return {};
}

Status set_ical_token(store::Tx& tx, int64_t household_id, const std::string& token) {
  return to_status(tx.exec("UPDATE booking_households SET ical_token = ? WHERE id = ?", {token, household_id}));
}

Status add_penalty(store::Tx& tx, int64_t household_id, int64_t booking_id, const PenaltyRecord& p) {
  return to_status(tx.insert("INSERT INTO booking_penalties (household_id, booking_id, kind, at) VALUES (?, ?, ?, ?)",
                             {household_id, booking_id, p.kind == PenaltyKind::kLateCancel ? "late_cancel" : "no_show",
                              p.at}));
}

const std::string& slot_use_sql() {
  // The primary key of booking_slot_use is (resource_id, start_ms, end_ms): one range search, in key order.
  static const std::string sql =
      "SELECT start_ms, end_ms, holding, persons, waiting FROM booking_slot_use WHERE resource_id = ? AND "
      "start_ms >= ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms, end_ms";
  return sql;
}

Result<std::vector<Booking>> holdings_in(store::Tx& tx, int64_t resource_id, ResourceKind kind, EpochMs from,
                                         EpochMs to, EpochMs max_span) {
  static const std::string kCols =
      "SELECT start_ms, end_ms, status, variant_id, pickup_date, return_date, quantity, persons, hold_expires_at "
      "FROM bookings WHERE resource_id = ? AND start_ms >= ? AND start_ms < ? AND end_ms > ? AND ";
  static const std::string kItemSql = kCols + "(" + kHoldingOrOffered + ")";
  static const std::string kOfferSql = kCols + "status = 'offered'";
  const bool item = kind == ResourceKind::kItem;
  const EpochMs lo = from - max_span;
  std::vector<Booking> out;
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(item ? kItemSql : kOfferSql, {resource_id, lo, to, from}));
  out.reserve(rows.size());
  for (const auto& row : rows.rows) {
    Booking b;
    b.resource_id = resource_id;
    b.status = status_of(row.str(2));
    b.variant_id = row.opt_i64(3);
    if (b.variant_id) {
      if (auto d = parse_date(row.str(4)); d.ok()) b.pickup_date = d.value();
      if (auto d = parse_date(row.str(5)); d.ok()) b.return_date = d.value();
    } else {
      b.span = TimeRange{row.i64(0), row.i64(1)};
    }
    b.quantity = static_cast<int>(row.i64(6));
    b.persons = static_cast<int>(row.i64(7));
    b.hold_expires_at = row.opt_i64(8);
    out.push_back(b);
  }
  if (item) return out;
  DONGNE_ASSIGN_OR_RETURN(auto groups, tx.query(slot_use_sql(), {resource_id, lo, to, from}));
  for (const auto& g : groups.rows) {
    if (g.i64(2) <= 0) continue;
    Booking b;
    b.resource_id = resource_id;
    b.status = BookingStatus::kConfirmed;  // pending, checked in and no-show hold a place just the same
    b.span = TimeRange{g.i64(0), g.i64(1)};
    b.count = static_cast<int>(g.i64(2));
    b.quantity = 0;  // pieces: items only, which are never aggregated
    b.persons = static_cast<int>(g.i64(3));
    out.push_back(b);
  }
  return out;
}

Result<DecisionRows> bookings_for_decision(store::Tx& tx, const DecisionQuery& q) {
  DecisionRows out;
  const EpochMs lo = q.from - q.max_span;
  // The household's own bookings. Its window must also cover every stored range that overlaps [from, to): the
  // counters below include the household, and its share is taken out again from these rows.
  const std::string own_where = std::string("household_id = ? AND start_ms >= ? AND start_ms < ? AND ") + kNotEnded;
  const std::vector<store::Value> own_params = {q.household_id, std::min(q.hh_from, lo), std::max(q.hh_to, q.to)};
  std::vector<BookingRecord> own;
  if (q.kind != ResourceKind::kItem) {
    // The household's own rows and the live offers of others, in one statement (told apart by household).
    std::vector<store::Value> p = own_params;
    p.insert(p.end(), {q.resource_id, lo, q.to, q.from, q.household_id});
    DONGNE_ASSIGN_OR_RETURN(auto both, bookings(tx, own_where + " UNION ALL SELECT " + kBookingCols +
                                                        " FROM bookings WHERE resource_id = ? AND status = 'offered' "
                                                        "AND start_ms >= ? AND start_ms < ? AND end_ms > ? AND "
                                                        "household_id <> ?",
                                                p));
    for (auto& b : both) (b.booking.household_id == q.household_id ? own : out.rows).push_back(std::move(b));
  } else {
    DONGNE_ASSIGN_OR_RETURN(own, bookings(tx, own_where, own_params));
  }
  if (q.kind == ResourceKind::kItem) {
    DONGNE_ASSIGN_OR_RETURN(out.rows, bookings(tx,
                                               std::string("resource_id = ? AND start_ms >= ? AND start_ms < ? AND "
                                                           "end_ms > ? AND (") + kHoldingOrOffered + ")",
                                               {q.resource_id, lo, q.to, q.from}));
    // Waitlisted loans wait for one variant: counted from their rows (booking_slot_use has no variant).
    std::string count_sql = "SELECT COUNT(*) FROM bookings WHERE resource_id = ? AND status = 'waitlisted' AND "
                            "start_ms >= ? AND start_ms < ? AND end_ms > ? AND household_id <> ?";
    std::vector<store::Value> p = {q.resource_id, lo, q.to, q.from, q.household_id};
    if (q.variant) {
      count_sql += " AND variant_id = ?";
      p.emplace_back(*q.variant);
    }
    DONGNE_ASSIGN_OR_RETURN(auto n, tx.query(count_sql, p));
    out.others_waiting = n[0].i64(0);
  } else {
    // Every household's holdings and waiting entries per stored range (migration 0006, kept by triggers), minus
    // the household's own, which it sees as rows: what "household_id <> ?" over the bookings gave before.
    DONGNE_ASSIGN_OR_RETURN(auto groups, tx.query(slot_use_sql(), {q.resource_id, lo, q.to, q.from}));
    struct Use {
      EpochMs start, end;
      int64_t holding, persons, waiting;
    };
    std::vector<Use> use;
    use.reserve(groups.size());
    for (const auto& g : groups.rows) use.push_back(Use{g.i64(0), g.i64(1), g.i64(2), g.i64(3), g.i64(4)});
    for (const auto& x : own) {
      const Booking& b = x.booking;
      if (b.resource_id != q.resource_id || b.variant_id) continue;
      const bool holds = x.status == "confirmed" || x.status == "pending" || x.status == "checked_in" ||
                         x.status == "no_show";
      if (!holds && x.status != "waitlisted") continue;
      for (auto& u : use) {
        if (u.start != b.span.start || u.end != b.span.end) continue;
        if (holds) {
          u.holding -= 1;
          u.persons -= b.persons;
        } else {
          u.waiting -= 1;
        }
        break;
      }
    }
    out.others.reserve(use.size());
    for (const auto& u : use) {
      out.others_waiting += u.waiting;
      if (u.holding <= 0) continue;
      Booking b;
      b.resource_id = q.resource_id;
      b.household_id = 0;  // no household: never one's own booking in the duplicate and quota checks
      b.status = BookingStatus::kConfirmed;  // pending, checked in and no-show hold a place just the same
      b.span = TimeRange{u.start, u.end};
      b.count = static_cast<int>(u.holding);
      b.quantity = 0;  // pieces: items only, which are never aggregated
      b.persons = static_cast<int>(u.persons);
      out.others.push_back(b);
    }
  }
  const size_t found = out.rows.size();  // items: the household's holding rows are in both lists
  for (auto& x : own) {
    bool dup = false;
    for (size_t i = 0; i < found && !dup; ++i) dup = out.rows[i].booking.id == x.booking.id;
    if (!dup) out.rows.push_back(std::move(x));
  }
  return out;
}

Result<std::vector<BookingRecord>> bookings_of_resource(store::Tx& tx, int64_t resource_id, EpochMs from, EpochMs to,
                                                        EpochMs max_span) {
  return bookings(tx, "resource_id = ? AND start_ms >= ? AND start_ms < ? AND end_ms > ? ORDER BY start_ms, id",
                  {resource_id, from - max_span, to, from});
}

Result<std::optional<BookingRecord>> find_booking(store::Tx& tx, int64_t id, int) {
  DONGNE_ASSIGN_OR_RETURN(auto v, bookings(tx, "id = ?", {id}));
  if (v.empty()) return std::optional<BookingRecord>();
  return std::optional<BookingRecord>(std::move(v[0]));
}

Result<std::vector<BookingRecord>> bookings_of_household(store::Tx& tx, int64_t household_id, int64_t before_id,
                                                         int limit) {
  return bookings(tx, "household_id = ? AND id < ? ORDER BY id DESC LIMIT ?", {household_id, before_id, int64_t{limit}});
}

Result<int64_t> insert_booking(store::Tx& tx, const BookingRecord& r, const TimeRange& stored, EpochMs now,
                               EpochMs locked_max_span) {
  const Booking& b = r.booking;
  // Nearly every booking is no longer than the longest one before it: skip the write then. The value was read
  // under this transaction's locks (repo.h). Two bookings of other hours may both raise it: the second UPDATE waits
  // for the first to commit and then keeps the larger value. Any booking that overlaps this one shares an hour
  // with it, and so reads the raised value.
  if (stored.end - stored.start > locked_max_span) {
    DONGNE_TRY(tx.exec("UPDATE booking_resources SET max_span_ms = ? WHERE id = ? AND max_span_ms < ?",
                       {stored.end - stored.start, b.resource_id, stored.end - stored.start}));
  }
  return tx.insert(
      "INSERT INTO bookings (resource_id, household_id, user_id, status, start_ms, end_ms, variant_id, pickup_date, "
      "return_date, quantity, persons, member_ids, quota_group, fee_won, queue_position, hold_expires_at, booked_by, "
      "channel, reason, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {b.resource_id, b.household_id, opt(r.user_id), r.status, stored.start, stored.end, opt(b.variant_id),
       b.variant_id ? store::Value(format_date(b.pickup_date)) : store::Value(nullptr),
       b.variant_id ? store::Value(format_date(b.return_date)) : store::Value(nullptr), int64_t{b.quantity},
       int64_t{b.persons}, r.member_ids.empty() ? std::string("[]") : nlohmann::json(r.member_ids).dump(),
       b.quota_group, r.fee.amount, r.queue_position, opt(b.hold_expires_at), opt(r.booked_by), r.channel,
       r.reason, now, now});
}

Status set_status(store::Tx& tx, int64_t id, const std::string& status, std::optional<EpochMs> hold, EpochMs now,
                  const std::string& reason) {
  return to_status(tx.exec("UPDATE bookings SET status = ?, hold_expires_at = ?, reason = ?, updated_at = ? WHERE id = ?",
                           {status, opt(hold), reason, now, id}));
}

Result<int64_t> waitlist_rank(store::Tx& tx, int64_t booking_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(
      "SELECT COUNT(*) FROM bookings o, bookings me WHERE me.id = ? AND o.resource_id = me.resource_id AND "
      "o.status = 'waitlisted' AND o.start_ms < me.end_ms AND o.end_ms > me.start_ms AND "
      "((o.variant_id IS NULL AND me.variant_id IS NULL) OR o.variant_id = me.variant_id) AND "
      "(o.queue_position < me.queue_position OR (o.queue_position = me.queue_position AND o.id < me.id))",
      {booking_id}));
  return (rows.empty() ? 0 : rows[0].i64(0)) + 1;
}

Status set_queue_position(store::Tx& tx, int64_t id, int64_t position) {
  return to_status(tx.exec("UPDATE bookings SET queue_position = ? WHERE id = ?", {position, id}));
}

Status set_returned(store::Tx& tx, int64_t id, EpochMs at) {
  return to_status(tx.exec("UPDATE bookings SET returned_at = ?, updated_at = ? WHERE id = ?", {at, at, id}));
}

Result<std::vector<std::pair<int64_t, int64_t>>> lapsed_offers(store::Tx& tx, EpochMs now, int limit) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id, resource_id FROM bookings WHERE status = 'offered' AND "
                                              "hold_expires_at <= ? ORDER BY hold_expires_at LIMIT ?",
                                              {now, int64_t{limit}}));
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const auto& r : rows.rows) out.emplace_back(r.i64(0), r.i64(1));
  return out;
}

Result<std::vector<ReminderDue>> claim_reminders(store::Tx& tx, EpochMs from, EpochMs to, EpochMs now, int limit) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT b.id, COALESCE(b.user_id, h.user_id), b.resource_id, b.start_ms "
                                              "FROM bookings b JOIN booking_households h ON h.id = b.household_id "
                                              "WHERE b.status = 'confirmed' AND b.start_ms >= ? AND b.start_ms < ? "
                                              "AND b.reminder_sent_at IS NULL ORDER BY b.start_ms LIMIT ?",
                                              {from, to, int64_t{limit}}));
  std::vector<ReminderDue> out;
  for (const auto& r : rows.rows) {
    // Conditional: another instance may have claimed it since the SELECT.
    DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("UPDATE bookings SET reminder_sent_at = ? WHERE id = ? AND "
                                               "reminder_sent_at IS NULL", {now, r.i64(0)}));
    if (n == 1 && !r.is_null(1)) out.push_back(ReminderDue{r.i64(0), r.i64(1), r.i64(2), r.i64(3)});
  }
  return out;
}

Result<std::vector<SheetRow>> sheet(store::Tx& tx, int64_t resource_id, EpochMs from, EpochMs to, EpochMs max_span) {
  DONGNE_ASSIGN_OR_RETURN(auto list, bookings(tx, "resource_id = ? AND start_ms >= ? AND start_ms < ? AND end_ms > ? AND "
                                                  "status IN ('pending', 'confirmed', 'checked_in', 'no_show', 'offered') "
                                                  "ORDER BY start_ms, id", {resource_id, from - max_span, to, from}));
  std::vector<SheetRow> out;
  for (auto& b : list) {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT COALESCE(u.name, h.contact_name), COALESCE(h.contact_phone, u.phone, '') "
                                                "FROM booking_households h LEFT JOIN users u ON u.id = h.user_id WHERE h.id = ?",
                                                {b.booking.household_id}));
    SheetRow row{std::move(b), rows.empty() ? "" : rows[0].str(0), rows.empty() ? "" : rows[0].str(1)};
    out.push_back(std::move(row));
  }
  return out;
}

Result<std::optional<StoredAnswer>> find_answer(store::Tx& tx, int64_t user_id, const std::string& key) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT fingerprint, http_status, answer FROM booking_idempotency "
                                              "WHERE user_id = ? AND idem_key = ?", {user_id, key}));
  if (rows.empty()) return std::optional<StoredAnswer>();
  return std::optional<StoredAnswer>(StoredAnswer{rows[0].str(0), static_cast<int>(rows[0].i64(1)), rows[0].str(2)});
}

Result<bool> put_answer(store::Tx& tx, int64_t user_id, const std::string& key, const StoredAnswer& a, EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(int64_t n, tx.exec("INSERT INTO booking_idempotency (user_id, idem_key, fingerprint, "
                                             "http_status, answer, created_at) VALUES (?, ?, ?, ?, ?, ?) "
                                             "ON CONFLICT (user_id, idem_key) DO NOTHING",
                                             {user_id, key, a.fingerprint, int64_t{a.http_status}, a.answer, now}));
  return n > 0;
}

}  // namespace dongne::booking::repo

namespace dongne::booking::repo {

Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org) {
  return directory::count_open(tx, "SELECT COUNT(*) FROM booking_resources WHERE facility_id = ? AND active = 1", org,
                               "예약 중인 자원", "active booking resources");
}

}  // namespace dongne::booking::repo
