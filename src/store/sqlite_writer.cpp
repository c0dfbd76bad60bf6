#include "store/sqlite_writer.h"

#include <chrono>
#include <exception>
#include <semaphore>
#include <vector>

#include "store/backends.h"

namespace dongne::store::sqlite {
namespace {

constexpr size_t kMaxBatch = 64;
constexpr auto kMaxBatchAge = std::chrono::milliseconds(10);

}  // namespace

struct GroupWriter::Request {
  const std::function<Status(Tx&)>* fn = nullptr;
  Status result;
  uint64_t seq = 0;  // the commit's number at the WalSyncer (0: nothing to wait for)
  std::exception_ptr thrown;
  std::binary_semaphore done{0};
};

GroupWriter::GroupWriter(std::unique_ptr<Conn> writer, WalSyncer* syncer, const void* scope_key)
    : conn_(std::move(writer)), syncer_(syncer), scope_key_(scope_key) {
  if (syncer_) {
    // Replaces the auto-checkpoint hook: checkpoints run on the syncer's thread, not inside a COMMIT.
    sqlite3_wal_hook(
        conn_->db,
        [](void* self, sqlite3*, const char*, int frames) {
          static_cast<GroupWriter*>(self)->wal_frames_ = frames;
          return SQLITE_OK;
        },
        this);
  }
  thread_ = std::thread([this] { run(); });
}

GroupWriter::~GroupWriter() {
  {
    std::lock_guard lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

Status GroupWriter::transact(const std::function<Status(Tx&)>& fn) {
  Request r;
  r.fn = &fn;
  bool wake;
  {
    std::lock_guard lock(mu_);
    if (stop_) return Error::unavailable("데이터베이스를 닫는 중입니다", "store is closing");
    queue_.push_back(&r);
    wake = idle_;
  }
  if (wake) cv_.notify_one();
  r.done.acquire();
  if (r.thrown) std::rethrow_exception(r.thrown);
  if (r.result.ok() && r.seq != 0) {
    if (!bulk_) return syncer_->wait_durable(r.seq);
    uint64_t prev = bulk_seq_.load();
    while (prev < r.seq && !bulk_seq_.compare_exchange_weak(prev, r.seq)) {
    }
  }
  return r.result;
}

void GroupWriter::begin_bulk() {
  bulk_ = true;
  if (syncer_) syncer_->set_lazy(true);
}

Status GroupWriter::end_bulk() {
  bulk_ = false;
  if (syncer_) syncer_->set_lazy(false);
  const uint64_t seq = bulk_seq_.exchange(0);
  return seq != 0 ? syncer_->wait_durable(seq) : Status{};
}

void GroupWriter::run() {
  WriteScope scope(scope_key_);  // a transact() from inside a function fails instead of waiting for itself
  std::deque<Request*> pending;
  for (;;) {
    {
      std::unique_lock lock(mu_);
      idle_ = true;
      cv_.wait(lock, [&] { return stop_ || !queue_.empty(); });
      idle_ = false;
      if (queue_.empty()) return;  // stopping, and nothing left to do
      pending.swap(queue_);
    }
    while (!pending.empty()) run_batch(pending);
  }
}

// One batch: members from `pending` and whatever is queued meanwhile, until nothing is queued or the batch is
// full or old; then COMMIT and wake the members. What a failed batch did not get to stays in `pending`.
void GroupWriter::run_batch(std::deque<Request*>& pending) {
  Status begun;
  for (int attempt = 1;; ++attempt) {
    begun = conn_->step("BEGIN IMMEDIATE");
    if (begun.ok() || begun.error().reason != "busy" || attempt >= 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(attempt));  // another process holds the write lock
  }
  if (!begun.ok()) {
    fail_all(pending, begun);
    return;
  }
  std::vector<Request*> members;  // their functions succeeded; they wait for the COMMIT
  const auto started = std::chrono::steady_clock::now();
  std::optional<Error> lost;  // SQLite ended the transaction itself: everything in it is gone
  while (!lost) {
    while (!pending.empty() && !lost) {
      Request* r = pending.front();
      pending.pop_front();
      Status s = run_member(*r);
      if (sqlite3_get_autocommit(conn_->db)) {
        lost = s.ok() ? Error::internal("batch transaction ended unexpectedly") : s.error();
        if (s.ok()) s = *lost;
      }
      if (s.ok() && !r->thrown) {
        members.push_back(r);
      } else {
        r->result = s;
        r->done.release();
      }
    }
    if (lost || members.size() >= kMaxBatch || std::chrono::steady_clock::now() - started > kMaxBatchAge) break;
    std::lock_guard lock(mu_);
    if (queue_.empty()) break;
    pending.swap(queue_);
  }
  if (members.empty()) {
    conn_->abandon();
    return;
  }
  Status committed = lost ? Status(*lost) : conn_->step("COMMIT");
  if (!committed.ok()) conn_->abandon();
  const uint64_t seq = committed.ok() && syncer_ ? syncer_->note_commit(wal_frames_) : 0;
  for (Request* r : members) {
    r->result = committed;
    r->seq = seq;
    r->done.release();
  }
}

// Runs a function in a savepoint of the open batch; its changes are undone if it fails or throws. Retryable
// errors run it again (bounded), as Database::transact promises.
Status GroupWriter::run_member(Request& r) {
  const auto roll_back = [this] {
    (void)conn_->step("ROLLBACK TO member");
    (void)conn_->step("RELEASE member");
  };
  for (int attempt = 1;; ++attempt) {
    DONGNE_TRY(conn_->step("SAVEPOINT member"));
    Status s;
    try {
      SqliteTx tx(*conn_, true);
      s = (*r.fn)(tx);
      if (s.ok() && tx.failure()) s = *tx.failure();
    } catch (...) {
      r.thrown = std::current_exception();
      if (!sqlite3_get_autocommit(conn_->db)) roll_back();
      return Error::internal("the transaction function threw");
    }
    if (sqlite3_get_autocommit(conn_->db)) return s;
    if (s.ok()) {
      Status released = conn_->step("RELEASE member");
      if (released.ok()) return released;
      roll_back();
      return released;
    }
    roll_back();
    if (!is_retryable(s.error()) || attempt >= kMaxTransactAttempts) return s;
  }
}

void GroupWriter::fail_all(std::deque<Request*>& pending, const Status& s) {
  for (Request* r : pending) {
    r->result = s;
    r->done.release();
  }
  pending.clear();
}

}  // namespace dongne::store::sqlite
