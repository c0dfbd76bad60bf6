#include "dispatch/visits/repo.h"

#include "store/values.h"

namespace dongne::dispatch::visits::repo {

namespace {

using store::Value;
using store::values::date_of;
using store::values::opt;

Value num(int v) { return Value(static_cast<int64_t>(v)); }
Value flag(bool b) { return Value(static_cast<int64_t>(b ? 1 : 0)); }

std::string list_text(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ",") + s;
  return out;
}
std::vector<std::string> list_of(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  for (char c : s + ",") {
    if (c == ',') {
      if (!item.empty()) out.push_back(item);
      item.clear();
    } else {
      item += c;
    }
  }
  return out;
}

constexpr const char* kServiceCols =
    "id, code, operator_id, kind, clients, name_ko, name_en, city_code, district_codes, max_child_age_months, "
    "default_minutes, horizon_days, road_factor, kmh, skills";
ServiceRecord service_of(const store::Row& r) {
  ServiceRecord s;
  s.id = r.i64(0);
  s.code = r.str(1);
  s.operator_id = r.i64(2);
  s.kind = r.str(3);
  s.clients = parse_client_kind(r.str(4)).value_or(ClientKind::kFamily);
  s.name_ko = r.str(5);
  s.name_en = r.str(6);
  s.city_code = r.opt_str(7);
  s.district_codes = list_of(r.str(8));
  if (!r.is_null(9)) s.max_child_age_months = static_cast<int>(r.i64(9));
  s.default_minutes = static_cast<int>(r.i64(10));
  s.horizon_days = static_cast<int>(r.i64(11));
  s.road_factor = r.f64(12);
  s.kmh = r.f64(13);
  s.skills = list_of(r.str(14));
  return s;
}

constexpr const char* kWorkerCols =
    "id, service_id, user_id, name, skills, home_lat, home_lon, days, shift_start_min, shift_end_min, active";
WorkerRecord worker_of(const store::Row& r) {
  WorkerRecord w;
  w.id = r.i64(0);
  w.service_id = r.i64(1);
  w.user_id = r.opt_i64(2);
  w.name = r.str(3);
  w.skills = list_of(r.str(4));
  w.home = {r.f64(6), r.f64(5)};
  w.days = static_cast<uint8_t>(r.i64(7));
  w.shift_start_min = static_cast<int>(r.i64(8));
  w.shift_end_min = static_cast<int>(r.i64(9));
  w.active = r.i64(10) != 0;
  return w;
}

constexpr const char* kClientCols = "id, service_id, kind, name, address, phone, lat, lon, household_id, user_id";
ClientRecord client_of(const store::Row& r) {
  ClientRecord c;
  c.id = r.i64(0);
  c.service_id = r.i64(1);
  c.kind = parse_client_kind(r.str(2)).value_or(ClientKind::kFamily);
  c.name = r.str(3);
  c.address = r.str(4);
  c.phone = r.opt_str(5);
  c.at = {r.f64(7), r.f64(6)};
  c.household_id = r.opt_i64(8);
  c.user_id = r.opt_i64(9);
  return c;
}

constexpr const char* kRequestCols =
    "id, service_id, client_id, days, window_start_min, window_end_min, minutes, skills, from_day, until_day, status, "
    "note, created_by, created_at";
RequestRecord request_of(const store::Row& r) {
  RequestRecord q;
  q.id = r.i64(0);
  q.service_id = r.i64(1);
  q.client_id = r.i64(2);
  q.days = static_cast<uint8_t>(r.i64(3));
  q.window_start_min = static_cast<int>(r.i64(4));
  q.window_end_min = static_cast<int>(r.i64(5));
  q.minutes = static_cast<int>(r.i64(6));
  q.skills = list_of(r.str(7));
  q.from_day = date_of(r.str(8));
  if (!r.is_null(9)) q.until_day = date_of(r.str(9));
  q.status = r.str(10);
  q.note = r.str(11);
  q.created_by = r.opt_i64(12);
  q.created_at = r.i64(13);
  return q;
}

constexpr const char* kVisitCols =
    "id, service_id, request_id, client_id, day, status, worker_id, start_s, end_s, seq, kept_worker, had_previous, "
    "reason, reason_ko, reason_en, minutes, reported_at";
VisitRecord visit_of(const store::Row& r) {
  VisitRecord v;
  v.id = r.i64(0);
  v.service_id = r.i64(1);
  v.request_id = r.i64(2);
  v.client_id = r.i64(3);
  v.day = date_of(r.str(4));
  v.status = r.str(5);
  v.worker_id = r.opt_i64(6);
  v.start_s = static_cast<int>(r.i64(7));
  v.end_s = static_cast<int>(r.i64(8));
  v.seq = static_cast<int>(r.i64(9));
  v.kept_worker = r.i64(10) != 0;
  v.had_previous = r.i64(11) != 0;
  v.reason = r.str(12);
  v.reason_ko = r.str(13);
  v.reason_en = r.str(14);
  if (!r.is_null(15)) v.minutes = static_cast<int>(r.i64(15));
  v.reported_at = r.opt_i64(16);
  return v;
}

template <typename T, typename F>
Result<std::vector<T>> select(store::Tx& tx, const char* cols, const char* table, const std::string& where,
                              const std::vector<Value>& params, F of) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + cols + " FROM " + table + " WHERE " + where, params));
  std::vector<T> out;
  for (const auto& r : rows.rows) out.push_back(of(r));
  return out;
}

template <typename T>
Result<std::optional<T>> first(Result<std::vector<T>> list) {
  if (!list.ok()) return std::move(list).error();
  if (list->empty()) return std::optional<T>{};
  return std::optional<T>(std::move((*list)[0]));
}

}  // namespace

Result<int64_t> upsert_service(store::Tx& tx, const ServiceRecord& s) {
  std::vector<Value> vals = {s.operator_id, s.kind, client_kind_name(s.clients), s.name_ko, s.name_en, opt(s.city_code),
                             list_text(s.district_codes),
                             s.max_child_age_months ? num(*s.max_child_age_months) : Value(nullptr),
                             num(s.default_minutes), num(s.horizon_days), s.road_factor, s.kmh, list_text(s.skills)};
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM visit_services WHERE code = ?", {s.code}));
  if (!rows.empty()) {
    vals.push_back(rows[0].i64(0));
    DONGNE_TRY(tx.exec("UPDATE visit_services SET operator_id = ?, kind = ?, clients = ?, name_ko = ?, name_en = ?, city_code = ?, "
                       "district_codes = ?, max_child_age_months = ?, default_minutes = ?, horizon_days = ?, road_factor = ?, "
                       "kmh = ?, skills = ? WHERE id = ?", vals));
    return rows[0].i64(0);
  }
  vals.insert(vals.begin(), Value(s.code));
  return tx.insert("INSERT INTO visit_services (code, operator_id, kind, clients, name_ko, name_en, city_code, district_codes, "
                   "max_child_age_months, default_minutes, horizon_days, road_factor, kmh, skills) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", vals);
}

Result<std::vector<ServiceRecord>> services(store::Tx& tx) {
  return select<ServiceRecord>(tx, kServiceCols, "visit_services", "1 = 1 ORDER BY id", {}, service_of);
}

Result<std::optional<ServiceRecord>> service(store::Tx& tx, int64_t id) {
  return first(select<ServiceRecord>(tx, kServiceCols, "visit_services", "id = ?", {id}, service_of));
}

Result<int64_t> upsert_worker(store::Tx& tx, const WorkerRecord& w) {
  std::vector<Value> vals = {opt(w.user_id), list_text(w.skills), w.home.lat, w.home.lon, num(w.days), num(w.shift_start_min),
                             num(w.shift_end_min), flag(w.active)};
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM visit_workers WHERE service_id = ? AND name = ?", {w.service_id, w.name}));
  if (!rows.empty()) {
    vals.push_back(rows[0].i64(0));
    DONGNE_TRY(tx.exec("UPDATE visit_workers SET user_id = ?, skills = ?, home_lat = ?, home_lon = ?, days = ?, shift_start_min = ?, "
                       "shift_end_min = ?, active = ? WHERE id = ?", vals));
    return rows[0].i64(0);
  }
  vals.insert(vals.begin(), {Value(w.service_id), Value(w.name)});
  return tx.insert("INSERT INTO visit_workers (service_id, name, user_id, skills, home_lat, home_lon, days, shift_start_min, "
                   "shift_end_min, active) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", vals);
}

Result<std::vector<WorkerRecord>> workers(store::Tx& tx, int64_t service_id) {
  return select<WorkerRecord>(tx, kWorkerCols, "visit_workers", "service_id = ? ORDER BY id", {service_id}, worker_of);
}

Result<std::optional<WorkerRecord>> worker(store::Tx& tx, int64_t id) {
  return first(select<WorkerRecord>(tx, kWorkerCols, "visit_workers", "id = ?", {id}, worker_of));
}

Result<std::vector<WorkerRecord>> workers_of_user(store::Tx& tx, int64_t user_id) {
  return select<WorkerRecord>(tx, kWorkerCols, "visit_workers", "user_id = ? AND active = 1 ORDER BY id", {user_id}, worker_of);
}

Result<int64_t> upsert_client(store::Tx& tx, const ClientRecord& c) {
  std::vector<Value> vals = {client_kind_name(c.kind), opt(c.phone), c.at.lat, c.at.lon, opt(c.household_id), opt(c.user_id)};
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM visit_clients WHERE service_id = ? AND name = ? AND address = ?",
                                              {c.service_id, c.name, c.address}));
  if (!rows.empty()) {
    vals.push_back(rows[0].i64(0));
    DONGNE_TRY(tx.exec("UPDATE visit_clients SET kind = ?, phone = ?, lat = ?, lon = ?, household_id = ?, user_id = ? WHERE id = ?", vals));
    return rows[0].i64(0);
  }
  vals.insert(vals.begin(), {Value(c.service_id), Value(c.name), Value(c.address)});
  return tx.insert("INSERT INTO visit_clients (service_id, name, address, kind, phone, lat, lon, household_id, user_id) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", vals);
}

Result<std::optional<ClientRecord>> client(store::Tx& tx, int64_t id) {
  return first(select<ClientRecord>(tx, kClientCols, "visit_clients", "id = ?", {id}, client_of));
}

Result<std::vector<ClientRecord>> clients(store::Tx& tx, int64_t service_id) {
  return select<ClientRecord>(tx, kClientCols, "visit_clients", "service_id = ? ORDER BY id", {service_id}, client_of);
}

Result<std::vector<ClientRecord>> clients_of_user(store::Tx& tx, int64_t user_id) {
  return select<ClientRecord>(tx, kClientCols, "visit_clients", "user_id = ? ORDER BY id", {user_id}, client_of);
}

Result<int64_t> insert_request(store::Tx& tx, const RequestRecord& r) {
  return tx.insert("INSERT INTO visit_requests (service_id, client_id, days, window_start_min, window_end_min, minutes, skills, "
                   "from_day, until_day, status, note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   {r.service_id, r.client_id, num(r.days), num(r.window_start_min), num(r.window_end_min), num(r.minutes),
                    list_text(r.skills), format_date(r.from_day), store::values::opt_date(r.until_day), r.status, r.note,
                    opt(r.created_by), r.created_at});
}

Result<std::vector<RequestRecord>> requests(store::Tx& tx, int64_t service_id) {
  return select<RequestRecord>(tx, kRequestCols, "visit_requests", "service_id = ? ORDER BY id", {service_id}, request_of);
}

Result<std::optional<RequestRecord>> request(store::Tx& tx, int64_t id) {
  return first(select<RequestRecord>(tx, kRequestCols, "visit_requests", "id = ?", {id}, request_of));
}

Status set_request_status(store::Tx& tx, int64_t id, const std::string& status) {
  return to_status(tx.exec("UPDATE visit_requests SET status = ? WHERE id = ?", {status, id}));
}

Result<std::vector<Absence>> absences(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT a.worker_id, a.day FROM visit_absences a JOIN visit_workers w ON w.id = a.worker_id "
                                              "WHERE w.service_id = ? AND a.day >= ? AND a.day <= ? ORDER BY a.day, a.worker_id",
                                              {service_id, format_date(from), format_date(to)}));
  std::vector<Absence> out;
  for (const auto& r : rows.rows) out.push_back({r.i64(0), date_of(r.str(1))});
  return out;
}

Status add_absence(store::Tx& tx, const Absence& a) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT 1 FROM visit_absences WHERE worker_id = ? AND day = ?", {a.worker_id, format_date(a.day)}));
  if (!rows.empty()) return ok_status();
  return to_status(tx.exec("INSERT INTO visit_absences (worker_id, day) VALUES (?, ?)", {a.worker_id, format_date(a.day)}));
}

Result<std::vector<VisitRecord>> visits(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to) {
  return select<VisitRecord>(tx, kVisitCols, "visit_visits", "service_id = ? AND day >= ? AND day <= ? ORDER BY day, worker_id, seq, id",
                             {service_id, format_date(from), format_date(to)}, visit_of);
}

Result<std::vector<VisitRecord>> visits_of_worker(store::Tx& tx, int64_t worker_id, LocalDate day) {
  return select<VisitRecord>(tx, kVisitCols, "visit_visits", "worker_id = ? AND day = ? ORDER BY start_s, id",
                             {worker_id, format_date(day)}, visit_of);
}

Result<std::vector<VisitRecord>> visits_of_client(store::Tx& tx, int64_t client_id, LocalDate from) {
  return select<VisitRecord>(tx, kVisitCols, "visit_visits", "client_id = ? AND day >= ? ORDER BY day, start_s, id",
                             {client_id, format_date(from)}, visit_of);
}

Result<std::optional<VisitRecord>> visit(store::Tx& tx, int64_t id) {
  return first(select<VisitRecord>(tx, kVisitCols, "visit_visits", "id = ?", {id}, visit_of));
}

Status replace_plan(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to, const std::vector<VisitRecord>& plan) {
  DONGNE_TRY(to_status(tx.exec("DELETE FROM visit_visits WHERE service_id = ? AND day >= ? AND day <= ? AND status IN ('planned', 'unserved')",
                               {service_id, format_date(from), format_date(to)})));
  for (const VisitRecord& v : plan) {
    DONGNE_TRY(to_status(tx.insert(
        "INSERT INTO visit_visits (service_id, request_id, client_id, day, status, worker_id, start_s, end_s, seq, kept_worker, "
        "had_previous, reason, reason_ko, reason_en) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {service_id, v.request_id, v.client_id, format_date(v.day), v.status, opt(v.worker_id), num(v.start_s), num(v.end_s),
         num(v.seq), flag(v.kept_worker), flag(v.had_previous), v.reason, v.reason_ko, v.reason_en})));
  }
  return ok_status();
}

Result<std::map<int64_t, int64_t>> previous_workers(store::Tx& tx, int64_t service_id, LocalDate before) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT client_id, worker_id FROM visit_visits WHERE service_id = ? AND day < ? "
                                              "AND worker_id IS NOT NULL AND status IN ('planned', 'done', 'not_home') "
                                              "ORDER BY day, start_s, id",
                                              {service_id, format_date(before)}));
  std::map<int64_t, int64_t> out;
  for (const auto& r : rows.rows) out[r.i64(0)] = r.i64(1);
  return out;
}

Result<std::vector<std::pair<int64_t, LocalDate>>> settled(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT client_id, day FROM visit_visits WHERE service_id = ? AND day >= ? AND day <= ? "
                                              "AND status IN ('done', 'not_home')",
                                              {service_id, format_date(from), format_date(to)}));
  std::vector<std::pair<int64_t, LocalDate>> out;
  for (const auto& r : rows.rows) out.emplace_back(r.i64(0), date_of(r.str(1)));
  return out;
}

Status report_visit(store::Tx& tx, int64_t id, const std::string& status, std::optional<int> minutes, EpochMs at) {
  return to_status(tx.exec("UPDATE visit_visits SET status = ?, minutes = ?, reported_at = ? WHERE id = ?",
                           {status, minutes ? num(*minutes) : Value(nullptr), at, id}));
}

Status lock_service(store::Tx& tx, int64_t service_id) {
  if (tx.dialect() != store::Dialect::kPostgres) return ok_status();
  const int64_t key = (int64_t{0x5649} << 48) ^ service_id;
  return to_status(tx.query("SELECT pg_advisory_xact_lock(?)", {key}));
}

}  // namespace dongne::dispatch::visits::repo
