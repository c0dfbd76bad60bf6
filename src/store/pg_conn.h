// PostgreSQL connections for the PostgreSQL back end (pg_db.cpp): RAII wrappers over libpq, the error mapping of
// the store's contract, one server connection with the statements prepared on it, and a fixed-size pool.
//
// Every statement runs as a named prepared statement, prepared on its connection the first time that connection
// sees its text (with the same parameter types): later runs send only Bind/Execute, so the server parses and
// plans it once. A transaction's BEGIN is sent with its first statement in one pipeline, and a statement's
// Parse with its first Execute, so neither costs a round trip of its own.
// Thread-safety: a Conn belongs to one lease at a time; Pool is safe to share.
#pragma once

#include <libpq-fe.h>

#include <condition_variable>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "store/database.h"

namespace dongne::store::pg {

struct ConnCloser {
  void operator()(PGconn* c) const { PQfinish(c); }
};
using ConnPtr = std::unique_ptr<PGconn, ConnCloser>;
struct ResultClear {
  void operator()(PGresult* r) const { PQclear(r); }
};
using PgResult = std::unique_ptr<PGresult, ResultClear>;

Error unavailable(std::string en, std::string reason = "connection");
// Maps a failed result (or a missing one) to the store's error contract (database.h).
Error pg_error(PGconn* c, const PGresult* r);
bool result_ok(const PGresult* r);
// Runs a parameterless command with the simple protocol; ok or the mapped error.
Status simple(PGconn* c, const char* sql);
Value to_value(const PGresult* r, int row, int col);

// One server connection and the statements prepared on it.
class Conn {
 public:
  explicit Conn(ConnPtr c) : c_(std::move(c)) {}
  PGconn* raw() const { return c_.get(); }

  // Runs `sql` (with `?` placeholders) with `params`. When `begin` is given (a BEGIN statement), it is sent
  // first in the same round trip; `*began` tells whether it succeeded. Errors are mapped by pg_error; a
  // statement the server no longer knows (it was deallocated, or a table changed under its plan) is forgotten
  // and reported as a serialization failure, so that transact() runs the transaction again.
  Result<PgResult> execute(const char* begin, std::string_view sql, const std::vector<Value>& params, bool* began);
  // After a reconnect: the new session has none of the old statements.
  void forget_statements() { prepared_.clear(); }
  size_t prepared_count() const { return prepared_.size(); }

 private:
  struct Prepared {
    std::string name;
    int placeholders = 0;
  };
  ConnPtr c_;
  std::unordered_map<std::string, Prepared> prepared_;  // key: the statement's text, then its parameter types
  uint64_t next_name_ = 0;
};

// A fixed-size pool. Connections are opened lazily; a broken one is reset when taken and dropped when returned.
class Pool {
 public:
  Pool(std::string conninfo, int size) : conninfo_(std::move(conninfo)), size_(size) {}

  class Lease {
   public:
    Lease(Pool* p, std::unique_ptr<Conn> c) : pool_(p), c_(std::move(c)) {}
    Lease(Lease&& o) noexcept = default;
    ~Lease() {
      if (pool_ && c_) pool_->give_back(std::move(c_));
    }
    Conn& conn() const { return *c_; }
    PGconn* get() const { return c_->raw(); }

   private:
    Pool* pool_;
    std::unique_ptr<Conn> c_;
  };

  Result<Lease> acquire();

 private:
  void give_back(std::unique_ptr<Conn> c);

  const std::string conninfo_;
  const int size_;
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<Conn>> idle_;  // guarded by mu_
  int open_ = 0;                             // connections out or idle; guarded by mu_
};

}  // namespace dongne::store::pg
