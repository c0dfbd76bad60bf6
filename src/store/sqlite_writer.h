// SQLite group commit on a dedicated writer thread. Every transact() call is queued; the writer thread owns the
// one writer connection and runs queued functions one after another, each in a SAVEPOINT of a shared transaction
// (a "batch"): a failing function rolls back only its savepoint and is retried alone if its error asks for it.
// When the queue is empty (or the batch is full or old) the thread COMMITs without fsync (synchronous=NORMAL),
// hands the commit to the WalSyncer, wakes the batch's callers, and starts on the next batch while the WAL is
// flushed; each caller returns once its commit is durable (wal_syncer.h). If the batch fails as a whole (COMMIT
// error, or SQLite rolling the transaction back itself, e.g. disk full), every member gets the error.
//
// Why a thread and not a mutex: with a mutex, up to `workers` HTTP threads contend for the writer and are woken
// together for every batch; here each caller sleeps exactly once, and the writer runs without lock hand-offs, so
// the store's serial part (the writer) costs only its own work. (Exception: DEFERRABLE INITIALLY DEFERRED
// constraints are checked at the batch's COMMIT, so one violation fails the whole batch; do not use them.)
//
// Functions run on the writer thread, so a transact() from inside one (on the same store) fails at once
// (WriteScope) instead of deadlocking; an exception a function throws is rethrown on the caller's thread.
// Thread-safety: transact() from any thread.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "store/sqlite_conn.h"
#include "store/wal_syncer.h"

namespace dongne::store::sqlite {

class GroupWriter {
 public:
  // Takes over `writer` (the writer connection; used only from the writer thread from now on). `scope_key`
  // identifies the store for WriteScope. `syncer` may be null (then a COMMIT is acknowledged as is).
  GroupWriter(std::unique_ptr<Conn> writer, WalSyncer* syncer, const void* scope_key);
  ~GroupWriter();  // fails what is still queued (kUnavailable) and stops the thread
  GroupWriter(const GroupWriter&) = delete;
  GroupWriter& operator=(const GroupWriter&) = delete;

  Status transact(const std::function<Status(Tx&)>& fn);
  // Bulk mode (database.h): transact() acknowledges a written commit without waiting for its flush;
  // end_bulk() waits for the flush of the last one.
  void begin_bulk();
  Status end_bulk();

 private:
  struct Request;
  void run();
  void run_batch(std::deque<Request*>& pending);
  Status run_member(Request& r);
  void fail_all(std::deque<Request*>& pending, const Status& s);

  std::unique_ptr<Conn> conn_;
  WalSyncer* syncer_;
  const void* scope_key_;
  std::atomic<bool> bulk_{false};
  std::atomic<uint64_t> bulk_seq_{0};  // the last commit acknowledged unflushed in bulk mode
  int wal_frames_ = 0;  // WAL size after the last commit (sqlite3_wal_hook); writer thread only

  std::mutex mu_;
  std::condition_variable cv_;
  std::deque<Request*> queue_;  // guarded by mu_
  bool stop_ = false;           // guarded by mu_
  bool idle_ = false;           // guarded by mu_: the thread waits for work (enqueue must notify)
  std::thread thread_;
};

}  // namespace dongne::store::sqlite
