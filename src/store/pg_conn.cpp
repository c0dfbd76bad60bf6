// PostgreSQL connections: error mapping, prepared statements with pipelined BEGIN and Parse, the pool.
// See pg_conn.h.
#include "store/pg_conn.h"

#include <charconv>
#include <chrono>

#include "store/sql_text.h"

namespace dongne::store::pg {
namespace {

constexpr Oid kBoolOid = 16, kInt8Oid = 20, kInt2Oid = 21, kInt4Oid = 23, kOidOid = 26, kFloat4Oid = 700,
              kFloat8Oid = 701, kNumericOid = 1700;
constexpr auto kAcquireTimeout = std::chrono::seconds(15);
// Statements kept per connection. The application's statements are a fixed set of texts; a text built from
// input (a search with a varying number of terms) could grow without end, so past this it runs unnamed.
constexpr size_t kMaxPrepared = 512;

void quiet_notices(void*, const char*) {}

// True for the errors a cached statement can meet when the server side changed under it: 26000 (the statement
// is gone) and 0A000 "cached plan must not change result type" (a migration altered a table it reads).
bool stale_statement(const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  if (!state) return false;
  const std::string_view s(state);
  return s == "26000" || (s == "0A000" && std::string_view(PQresultErrorMessage(r)).find("cached plan") !=
                                              std::string_view::npos);
}

}  // namespace

Error unavailable(std::string en, std::string reason) {
  Error e = Error::unavailable("데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요", std::move(en));
  e.reason = std::move(reason);
  return e;
}

Error pg_error(PGconn* c, const PGresult* r) {
  const char* state = r ? PQresultErrorField(r, PG_DIAG_SQLSTATE) : nullptr;
  std::string msg = r ? PQresultErrorMessage(r) : "";
  if (msg.empty()) msg = c ? PQerrorMessage(c) : "no connection";
  while (!msg.empty() && (msg.back() == '\n' || msg.back() == ' ')) msg.pop_back();
  const std::string s = state ? state : "";
  if (s.empty() || s.starts_with("08") || s == "57P01" || s == "57P02" || s == "57P03" || s.starts_with("53")) {
    return unavailable("postgres unavailable: " + msg);
  }
  if (s == "23505") return Error::conflict("이미 존재하는 항목입니다", "already exists (" + msg + ")", "unique_violation");
  if (s == "23503") {
    return Error::conflict("연결된 항목이 없거나 아직 사용 중입니다",
                           "referenced row missing or still in use (" + msg + ")", "foreign_key_violation");
  }
  if (s == "23514") return Error::conflict("허용되지 않는 값입니다", "check constraint failed (" + msg + ")", "check_violation");
  if (s == "23P01") {
    return Error::conflict("다른 항목과 겹칩니다", "overlaps another row (" + msg + ")", "exclusion_violation");
  }
  if (s == "23001") {
    return Error::conflict("변경할 수 없는 기록입니다", "record cannot be changed (" + msg + ")", "restrict_violation");
  }
  if (s == "40001") return unavailable("serialization failure: " + msg, std::string(kSerializationFailure));
  if (s == "40P01") return unavailable("deadlock: " + msg, std::string(kDeadlock));
  if (s == "55P03") return unavailable("lock not available: " + msg, "lock_not_available");
  if (s.starts_with("22")) {  // data exception: a value the column cannot hold (bad number, too long, bad UTF-8)
    Error e = Error::invalid("저장할 수 없는 값입니다", "value cannot be stored (" + msg + ")");
    e.reason = "data_exception";
    return e;
  }
  return Error::internal("postgres " + s + ": " + msg);
}

bool result_ok(const PGresult* r) {
  const ExecStatusType st = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
  return st == PGRES_COMMAND_OK || st == PGRES_TUPLES_OK;
}

Status simple(PGconn* c, const char* sql) {
  PgResult r(PQexec(c, sql));
  if (!result_ok(r.get())) return pg_error(c, r.get());
  return {};
}

Value to_value(const PGresult* r, int row, int col) {
  if (PQgetisnull(r, row, col)) return nullptr;
  const char* v = PQgetvalue(r, row, col);
  const int len = PQgetlength(r, row, col);
  switch (PQftype(r, col)) {
    case kInt8Oid:
    case kInt4Oid:
    case kInt2Oid:
    case kOidOid: {
      int64_t out = 0;
      std::from_chars(v, v + len, out);
      return out;
    }
    case kFloat4Oid:
    case kFloat8Oid:
    case kNumericOid: return std::strtod(v, nullptr);
    case kBoolOid: return int64_t{v[0] == 't' ? 1 : 0};
    default: return std::string(v, static_cast<size_t>(len));
  }
}

Result<PgResult> Conn::execute(const char* begin, std::string_view sql, const std::vector<Value>& params,
                               bool* began) {
  PGconn* c = c_.get();
  const size_t n = params.size();
  // Parameters as text, typed from the Value: int8, float8, or unknown (text and null: the server infers).
  std::vector<Oid> types(n, 0);
  std::vector<std::string> text(n);
  std::vector<const char*> values(n, nullptr);
  std::string key(sql);
  key.push_back('\x1f');
  for (size_t i = 0; i < n; ++i) {
    const Value& v = params[i];
    char buf[64];
    char sig = 'n';
    if (auto p = std::get_if<int64_t>(&v)) {
      types[i] = kInt8Oid;
      text[i].assign(buf, std::to_chars(buf, buf + sizeof buf, *p).ptr);
      sig = 'i';
    } else if (auto d = std::get_if<double>(&v)) {
      types[i] = kFloat8Oid;
      text[i].assign(buf, std::to_chars(buf, buf + sizeof buf, *d).ptr);
      sig = 'f';
    } else if (auto s = std::get_if<std::string>(&v)) {
      text[i] = *s;
      sig = 't';
    }
    if (!std::holds_alternative<std::nullptr_t>(v)) values[i] = text[i].c_str();
    key.push_back(sig);
  }
  const int np = static_cast<int>(n);

  auto found = prepared_.find(key);
  sql::Rewritten rw;
  if (found == prepared_.end()) rw = sql::rewrite_placeholders(sql);
  const int wanted = found != prepared_.end() ? found->second.placeholders : rw.placeholders;
  if (wanted != np) {
    return Error::internal("statement wants " + std::to_string(wanted) + " parameters, got " + std::to_string(n));
  }
  // A statement's result, or its error; a statement gone stale is forgotten and its transaction run again.
  auto answer = [&](PgResult r) -> Result<PgResult> {
    if (result_ok(r.get())) return r;
    if (stale_statement(r.get())) {
      prepared_.clear();
      return unavailable("prepared statement went stale: " + std::string(PQresultErrorMessage(r.get())),
                         std::string(kSerializationFailure));
    }
    return pg_error(c, r.get());
  };
  // The common case: prepared before, inside a transaction already begun.
  if (found != prepared_.end() && !begin) {
    return answer(PgResult(PQexecPrepared(c, found->second.name.c_str(), np, values.data(), nullptr, nullptr, 0)));
  }
  const bool prepare = found == prepared_.end() && prepared_.size() < kMaxPrepared;
  const std::string name = found != prepared_.end() ? found->second.name
                           : prepare                ? "d" + std::to_string(++next_name_)
                                                    : std::string();
  if (!begin && !prepare) {  // past the cache's size: unnamed, as PQexecParams does
    return answer(PgResult(PQexecParams(c, rw.text.c_str(), np, types.data(), values.data(), nullptr, nullptr, 0)));
  }
  // One round trip: [BEGIN] [Parse] Execute, Sync.
  if (!PQenterPipelineMode(c)) return pg_error(c, nullptr);
  const int commands = (begin ? 1 : 0) + (prepare ? 1 : 0) + 1;
  bool sent = !begin || PQsendQueryParams(c, begin, 0, nullptr, nullptr, nullptr, nullptr, 0);
  if (sent && prepare) sent = PQsendPrepare(c, name.c_str(), rw.text.c_str(), np, types.data());
  if (sent && !name.empty()) sent = PQsendQueryPrepared(c, name.c_str(), np, values.data(), nullptr, nullptr, 0);
  if (sent && name.empty()) {
    sent = PQsendQueryParams(c, rw.text.c_str(), np, types.data(), values.data(), nullptr, nullptr, 0);
  }
  sent = sent && PQpipelineSync(c);
  std::vector<PgResult> got;
  if (sent) {
    for (int i = 0; i < commands; ++i) {
      PgResult r(PQgetResult(c));
      if (!r) break;
      while (PGresult* rest = PQgetResult(c)) PQclear(rest);  // up to the NULL that ends this command
      got.push_back(std::move(r));
    }
    PgResult sync(PQgetResult(c));  // PGRES_PIPELINE_SYNC
  }
  PQexitPipelineMode(c);
  if (static_cast<int>(got.size()) != commands) return pg_error(c, nullptr);
  size_t at = 0;
  if (begin) {
    const PGresult* b = got[at++].get();
    if (!result_ok(b)) return pg_error(c, b);
    if (began) *began = true;
  }
  if (prepare) {
    const PGresult* p = got[at++].get();
    if (!result_ok(p)) return pg_error(c, p);
    prepared_.emplace(std::move(key), Prepared{name, rw.placeholders});
  }
  return answer(std::move(got[at]));
}

Result<Pool::Lease> Pool::acquire() {
  std::unique_ptr<Conn> c;
  {
    std::unique_lock lock(mu_);
    if (!cv_.wait_for(lock, kAcquireTimeout, [this] { return !idle_.empty() || open_ < size_; })) {
      return unavailable("connection pool exhausted", "pool_exhausted");
    }
    if (!idle_.empty()) {
      c = std::move(idle_.back());
      idle_.pop_back();
    } else {
      ++open_;
    }
  }
  if (!c) {
    // expand_dbname: conninfo may be a URL or a keyword string. Keywords are processed in order, so the
    // default connect_timeout (s) comes first and the caller's own value wins; the application name shows in
    // pg_stat_activity.
    const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name", nullptr};
    const char* vals[] = {"10", conninfo_.c_str(), "dongne", nullptr};
    ConnPtr raw(PQconnectdbParams(keys, vals, 1));
    if (!raw || PQstatus(raw.get()) != CONNECTION_OK) {
      Error e = unavailable(std::string("cannot connect to postgres: ") + (raw ? PQerrorMessage(raw.get()) : "oom"));
      give_back(nullptr);
      return e;
    }
    PQsetNoticeProcessor(raw.get(), quiet_notices, nullptr);
    PQsetClientEncoding(raw.get(), "UTF8");
    c = std::make_unique<Conn>(std::move(raw));
  } else if (PQstatus(c->raw()) != CONNECTION_OK) {
    PQreset(c->raw());
    c->forget_statements();
    if (PQstatus(c->raw()) != CONNECTION_OK) {
      Error e = unavailable(std::string("cannot reconnect to postgres: ") + PQerrorMessage(c->raw()));
      give_back(nullptr);
      return e;
    }
  }
  return Lease(this, std::move(c));
}

void Pool::give_back(std::unique_ptr<Conn> c) {
  {
    std::lock_guard lock(mu_);
    if (c && PQstatus(c->raw()) == CONNECTION_OK && PQtransactionStatus(c->raw()) == PQTRANS_IDLE) {
      idle_.push_back(std::move(c));
    } else {
      --open_;  // dropped (closed after the lock is released)
    }
  }
  cv_.notify_one();
}

}  // namespace dongne::store::pg
