// Factories for the two back ends, used by open_database() (database.cpp) and by tests that need a specific one.
// Each returns a ready Database (connections opened, pragmas set) or an Error; migrations are not applied.
// Thread-safety: the returned Database is safe to share between threads.
#pragma once

#include <memory>
#include <string>

#include "store/database.h"

namespace dongne::store {

Result<std::unique_ptr<Database>> open_sqlite(const std::string& url);    // "sqlite:PATH[?...]" or a path
Result<std::unique_ptr<Database>> open_postgres(const std::string& url);  // URL or libpq keyword string

// Retry policy shared by both transact() implementations.
inline constexpr int kMaxTransactAttempts = 12;
bool is_retryable(const Error& e);

}  // namespace dongne::store
