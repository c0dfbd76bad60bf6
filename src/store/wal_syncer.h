// Durability for SQLite's group commit, outside the writer lock. The writer connection runs with
// synchronous=NORMAL: a WAL commit writes its frames (so they survive a killed process at once) but does not fsync.
// Every transact() caller then waits here, after its COMMIT and with the writer lock released, until an fdatasync
// of the WAL file that began after that COMMIT has finished; only then is the write acknowledged. One fdatasync
// covers every commit made while the previous one ran, and the writer runs the next batch meanwhile, so the disk
// flush is no longer on the writer's critical path. Acknowledged writes are as durable as with synchronous=FULL
// (which fsyncs the WAL inside each COMMIT, holding the lock): the WAL frames of the commit are on disk before
// the caller hears "ok".
//
// The same thread runs the WAL checkpoints that SQLite would otherwise run inside a COMMIT (the writer's
// auto-checkpoint is off), on a connection of its own, each time the WAL has grown by `checkpoint_pages` frames:
// PASSIVE, or RESTART once the WAL has not started over after one (see run()).
// In WAL mode a checkpoint syncs the WAL before copying and the database file after, so a WAL restart never drops
// frames that are not yet in a synced database file.
//
// Thread-safety: note_commit() from the one writer (under its lock); wait_durable() from any thread.
#pragma once

#include <sqlite3.h>

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "core/result.h"

namespace dongne::store {

class WalSyncer {
 public:
  // db_path: the database file (its WAL is db_path + "-wal"). Opens its own connection for checkpoints.
  static Result<std::unique_ptr<WalSyncer>> start(const std::string& db_path, int checkpoint_pages);
  ~WalSyncer();
  WalSyncer(const WalSyncer&) = delete;
  WalSyncer& operator=(const WalSyncer&) = delete;

  // Records a COMMIT that just returned on the writer; `wal_frames` is the WAL's size in frames after it (from
  // sqlite3_wal_hook). Returns the commit's sequence number for wait_durable().
  uint64_t note_commit(int wal_frames);
  // Blocks until the commit `seq` is on disk; an Error if the flush failed (the write may or may not survive a
  // power loss; it does survive a killed process).
  Status wait_durable(uint64_t seq);
  // Lazy (a bulk load): commits are flushed only when someone waits for one, or a checkpoint is due.
  void set_lazy(bool lazy);
  uint64_t flushes() const;  // fdatasyncs so far (for tests)

 private:
  WalSyncer(std::string wal_path, sqlite3* checkpoint_db, int checkpoint_pages);
  void run();
  Status flush();
  bool checkpoint_due() const { return wal_frames_ >= checkpointed_frames_ + checkpoint_pages_; }

  const std::string wal_path_;
  sqlite3* checkpoint_db_;
  const int checkpoint_pages_;
  int fd_ = -1;  // the WAL file, opened on first use (only run() touches it)

  mutable std::mutex mu_;
  std::condition_variable work_cv_;  // run(): a commit to flush, or stop
  std::condition_variable done_cv_;  // waiters: synced_ advanced
  uint64_t committed_ = 0;           // guarded by mu_
  uint64_t synced_ = 0;              // guarded by mu_
  uint64_t synced_ok_ = 0;           // guarded by mu_: commits up to here are durable
  std::string failure_;              // guarded by mu_: the first failed flush (then no later commit is durable)
  uint64_t flushes_ = 0;             // guarded by mu_
  uint64_t wanted_ = 0;              // guarded by mu_: the latest commit someone waits for
  int wal_frames_ = 0;               // guarded by mu_: the WAL's size after the last commit
  int checkpointed_frames_ = 0;      // guarded by mu_: its size at the last checkpoint
  bool lazy_ = false;                // guarded by mu_
  bool stop_ = false;                // guarded by mu_
  std::thread thread_;
};

}  // namespace dongne::store
