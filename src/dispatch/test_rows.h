// Test support for the dispatch service tests (shuttle, luggage, visits): the rows every one of them starts from,
// an operating organisation and staff users, inserted the same way on SQLite and PostgreSQL.
#pragma once

#include <string>

#include "store/database.h"

namespace dongne::dispatch::testing {

inline Result<int64_t> insert_operator(store::Tx& tx, const std::string& code, const std::string& name_ko, const std::string& name_en) {
  return tx.insert("INSERT INTO organisations (kind, code, name_ko, name_en) VALUES ('operator', ?, ?, ?)", {code, name_ko, name_en});
}

// n staff users named 사용자0.. into ids[0..n).
inline Status insert_users(store::Tx& tx, int64_t* ids, int n) {
  for (int i = 0; i < n; ++i) {
    DONGNE_ASSIGN_OR_RETURN(ids[i], tx.insert("INSERT INTO users (name, password_hash, kind, created_at) VALUES (?, 'x', 'staff', 0)",
                                             {"사용자" + std::to_string(i)}));
  }
  return ok_status();
}

}  // namespace dongne::dispatch::testing
