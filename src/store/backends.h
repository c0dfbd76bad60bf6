// Factories for the two back ends, used by open_database() (database.cpp) and by tests that need a specific one.
// Each returns a ready Database (connections opened, pragmas set) or an Error; migrations are not applied.
// Thread-safety: the returned Database is safe to share between threads.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "store/database.h"

namespace dongne::store {

Result<std::unique_ptr<Database>> open_sqlite(const std::string& url);    // "sqlite:PATH[?...]" or a path
Result<std::unique_ptr<Database>> open_postgres(const std::string& url);  // URL or libpq keyword string
// The file of a SQLite URL ("sqlite:PATH?readers=2" -> PATH); nullopt for a PostgreSQL URL or keyword string.
std::optional<std::string> sqlite_path(const std::string& url);

// Retry policy shared by both transact() implementations.
inline constexpr int kMaxTransactAttempts = 16;
bool is_retryable(const Error& e);

// Marks this thread as running a write transaction of one store, so that a nested transact() on the same store
// fails at once (it would deadlock on SQLite's writer lock or starve PostgreSQL's pool) instead of hanging.
class WriteScope {
 public:
  explicit WriteScope(const void* db) : prev_(current_) { current_ = db; }
  ~WriteScope() { current_ = prev_; }
  WriteScope(const WriteScope&) = delete;
  WriteScope& operator=(const WriteScope&) = delete;
  static bool active(const void* db) { return current_ == db; }
  static Error nested() {
    return Error::internal("transact() called inside transact() on the same store; use the Tx you were given");
  }

 private:
  const void* prev_;
  static inline thread_local const void* current_ = nullptr;
};

}  // namespace dongne::store
