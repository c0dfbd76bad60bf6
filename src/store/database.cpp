// Row accessors, Tx::append_event and open_database: the parts shared by both back ends.
#include "store/database.h"

#include <charconv>
#include <chrono>
#include <cmath>
#include <cstdlib>

#include "store/backends.h"

namespace dongne::store {

int64_t Row::i64(size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(p->data(), p->data() + p->size(), out);
    return out;
  }
  return 0;
}

double Row::f64(size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::strtod(p->c_str(), nullptr);
  return 0.0;
}

std::string Row::str(size_t i) const {
  const Value& v = values.at(i);
  if (auto p = std::get_if<std::string>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return std::to_string(*p);
  if (auto p = std::get_if<double>(&v)) {
    char buf[64];
    auto [end, ec] = std::to_chars(buf, buf + sizeof buf, *p);
    return ec == std::errc() ? std::string(buf, end) : std::string();
  }
  return {};
}

std::optional<std::string> Row::opt_str(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return str(i);
}

std::optional<int64_t> Row::opt_i64(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return i64(i);
}

Result<int64_t> Tx::append_event(const NewEvent& e) {
  if (e.type.empty() || e.aggregate.empty()) {
    return Error::internal("append_event: type and aggregate are required");
  }
  const int64_t at = e.occurred_at_ms.value_or(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                   std::chrono::system_clock::now().time_since_epoch())
                                                   .count());
  Value actor = e.actor_user_id ? Value{*e.actor_user_id} : Value{nullptr};
  std::string payload = e.payload_json.empty() ? std::string("{}") : e.payload_json;
  if (dialect() == Dialect::kPostgres) {  // one round trip for both rows
    DONGNE_ASSIGN_OR_RETURN(
        Rows r, query("WITH e AS (INSERT INTO events (type, aggregate, aggregate_id, payload, actor_user_id, "
                      "occurred_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id, occurred_at) "
                      "INSERT INTO outbox (event_id, status, attempts, available_at, updated_at) "
                      "SELECT id, 'pending', 0, occurred_at, occurred_at FROM e RETURNING event_id",
                      {e.type, e.aggregate, e.aggregate_id, std::move(payload), actor, at}));
    if (r.empty()) return Error::internal("append_event: no event id returned");
    return r[0].i64(0);
  }
  DONGNE_ASSIGN_OR_RETURN(
      int64_t id,
      insert("INSERT INTO events (type, aggregate, aggregate_id, payload, actor_user_id, occurred_at) "
             "VALUES (?, ?, ?, ?, ?, ?)",
             {e.type, e.aggregate, e.aggregate_id, std::move(payload), actor, at}));
  DONGNE_TRY(exec("INSERT INTO outbox (event_id, status, attempts, available_at, updated_at) "
                  "VALUES (?, 'pending', 0, ?, ?)",
                  {id, at, at}));
  return id;
}

std::optional<std::string> sqlite_path(const std::string& url) {
  if (url.starts_with("postgresql://") || url.starts_with("postgres://")) return std::nullopt;
  if (!url.starts_with("sqlite:")) {
    size_t eq = url.find('=');
    size_t sep = url.find_first_of("/ .");
    if (eq != std::string::npos && eq > 0 && (sep == std::string::npos || sep > eq)) return std::nullopt;
  }
  std::string rest = url.starts_with("sqlite://") ? url.substr(9) : url.starts_with("sqlite:") ? url.substr(7) : url;
  return rest.substr(0, rest.find('?'));
}

Result<std::unique_ptr<Database>> open_database(const std::string& url) {
  // A libpq keyword string starts with `key=`; a URL with postgres(ql)://; anything else is a SQLite file.
  if (!sqlite_path(url)) return open_postgres(url);
  return open_sqlite(url);
}

}  // namespace dongne::store

namespace dongne::store {
bool is_retryable(const Error& e) { return e.reason == kSerializationFailure || e.reason == kDeadlock; }
}  // namespace dongne::store
