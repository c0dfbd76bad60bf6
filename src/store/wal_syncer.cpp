#include "store/wal_syncer.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace dongne::store {

Result<std::unique_ptr<WalSyncer>> WalSyncer::start(const std::string& db_path, int checkpoint_pages) {
  sqlite3* db = nullptr;
  int rc = sqlite3_open_v2(db_path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = db ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    sqlite3_close_v2(db);
    return Error::unavailable("데이터베이스를 열 수 없습니다", "cannot open checkpoint connection: " + detail);
  }
  sqlite3_busy_timeout(db, 5000);
  // A connection learns that the database is in WAL mode when it first reads it; until then a checkpoint on it
  // does nothing (and reports -1 frames).
  rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    std::string detail = sqlite3_errmsg(db);
    sqlite3_close_v2(db);
    return Error::unavailable("데이터베이스를 열 수 없습니다", "cannot read through the checkpoint connection: " + detail);
  }
  std::unique_ptr<WalSyncer> s(new WalSyncer(db_path + "-wal", db, checkpoint_pages));
  s->thread_ = std::thread([p = s.get()] { p->run(); });
  return s;
}

WalSyncer::WalSyncer(std::string wal_path, sqlite3* checkpoint_db, int checkpoint_pages)
    : wal_path_(std::move(wal_path)), checkpoint_db_(checkpoint_db), checkpoint_pages_(checkpoint_pages) {}

WalSyncer::~WalSyncer() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  if (thread_.joinable()) thread_.join();
  if (fd_ >= 0) ::close(fd_);
  sqlite3_close_v2(checkpoint_db_);
}

uint64_t WalSyncer::note_commit(int wal_frames) {
  uint64_t seq;
  {
    std::lock_guard lock(mu_);
    seq = ++committed_;
    // A smaller WAL than at the last checkpoint means it started over.
    if (wal_frames < checkpointed_frames_) checkpointed_frames_ = 0;
    wal_frames_ = wal_frames;
  }
  work_cv_.notify_one();
  return seq;
}

void WalSyncer::set_lazy(bool lazy) {
  {
    std::lock_guard lock(mu_);
    lazy_ = lazy;
  }
  work_cv_.notify_one();
}

uint64_t WalSyncer::flushes() const {
  std::lock_guard lock(mu_);
  return flushes_;
}

Status WalSyncer::wait_durable(uint64_t seq) {
  std::unique_lock lock(mu_);
  if (seq > wanted_) {
    wanted_ = seq;
    if (lazy_) work_cv_.notify_one();
  }
  done_cv_.wait(lock, [&] { return synced_ >= seq || stop_; });
  if (synced_ < seq) return Error::unavailable("데이터베이스를 닫는 중입니다", "store is closing");
  if (!failure_.empty() && seq > synced_ok_) {
    return Error::unavailable("저장 장치에 기록하지 못했습니다", "flushing the write-ahead log failed: " + failure_);
  }
  return {};
}

// The WAL's dirty pages reach the disk through any descriptor of the file: fdatasync works on the inode.
Status WalSyncer::flush() {
  if (fd_ < 0) {
    fd_ = ::open(wal_path_.c_str(), O_RDWR | O_CLOEXEC);
    if (fd_ < 0) return Error::unavailable("저장 장치 오류", "open " + wal_path_ + ": " + std::strerror(errno));
  }
  if (::fdatasync(fd_) != 0) return Error::unavailable("저장 장치 오류", std::string("fdatasync: ") + std::strerror(errno));
  return {};
}

void WalSyncer::run() {
  std::unique_lock lock(mu_);
  for (;;) {
    work_cv_.wait(lock, [&] {
      return stop_ || (committed_ > synced_ && (!lazy_ || wanted_ > synced_ || checkpoint_due()));
    });
    if (committed_ > synced_) {
      const uint64_t target = committed_;  // every commit noted so far has written its frames
      lock.unlock();
      Status s = flush();
      lock.lock();
      ++flushes_;
      // After a failed fdatasync the kernel may have dropped the dirty pages: nothing after the last good flush
      // is acknowledged any more (as PostgreSQL treats an fsync failure); the store has to be reopened.
      if (!s.ok() && failure_.empty()) failure_ = s.error().message_en;
      if (failure_.empty()) synced_ok_ = target;
      synced_ = target;
      done_cv_.notify_all();
      if (checkpoint_due()) {
        // PASSIVE copies the WAL into the database without stopping the writer; but the WAL only starts over
        // when a write transaction begins after a complete checkpoint, which a busy writer never lets happen.
        // So when the WAL has doubled regardless, RESTART: it finishes the (by then short) copy holding the
        // writer lock and waits for readers, and the next commit rewinds the WAL.
        const int mode = wal_frames_ >= 2 * checkpoint_pages_ ? SQLITE_CHECKPOINT_RESTART : SQLITE_CHECKPOINT_PASSIVE;
        checkpointed_frames_ = wal_frames_;
        lock.unlock();
        int log = 0, done = 0;
        int rc = sqlite3_wal_checkpoint_v2(checkpoint_db_, nullptr, mode, &log, &done);
        if (rc != SQLITE_OK && rc != SQLITE_BUSY) {
          std::fprintf(stderr, "{\"level\":\"warn\",\"msg\":\"WAL checkpoint failed\",\"rc\":%d}\n", rc);
        }
        lock.lock();
      }
      continue;
    }
    if (stop_) break;
  }
  done_cv_.notify_all();
}

}  // namespace dongne::store
