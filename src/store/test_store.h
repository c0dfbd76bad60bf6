// Test helper: a fresh, migrated store per test for either back end. SQLite lives in a temp dir; PostgreSQL in a
// throwaway schema of the database named by env DONGNE_PG (libpq string or URL), dropped afterwards. Without
// DONGNE_PG, make() returns nullptr and a reason, and the caller skips. Not thread-safe; one per test.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>

#include "store/database.h"

namespace dongne::store::testing {

class TestStore {
 public:
  explicit TestStore(std::string backend) : backend_(std::move(backend)) {}
  ~TestStore() { drop(); }

  // Opens (and migrates) a fresh store; nullptr with skip_reason() set when the back end is unavailable, or with
  // error() set when it failed. Later calls to open_database(url()) reach the same store.
  std::unique_ptr<Database> make(bool migrate = true) {
    std::unique_ptr<Database> db;
    if (backend_ == "sqlite") {
      dir_ = std::filesystem::temp_directory_path() / ("dongne_store_test_" + unique());
      url_ = "sqlite:" + (dir_ / "sub" / "test.db").string();
    } else {
      const char* pg = std::getenv("DONGNE_PG");
      if (!pg || !*pg) {
        skip_ = "DONGNE_PG is not set; run under scripts/with-postgres.sh to test PostgreSQL";
        return nullptr;
      }
      admin_url_ = pg;
      schema_ = "t_" + unique();
      auto admin = open_database(admin_url_);
      if (!admin.ok()) {
        skip_ = "cannot connect to DONGNE_PG: " + admin.error().message_en;
        return nullptr;
      }
      Status s = admin.value()->transact([&](Tx& tx) { return tx.exec_script("CREATE SCHEMA " + schema_); });
      if (!s.ok()) {
        skip_ = "cannot create schema: " + s.error().message_en;
        return nullptr;
      }
      const std::string opt = "options=-csearch_path%3D" + schema_;
      if (admin_url_.starts_with("postgres")) {
        url_ = admin_url_ + (admin_url_.find('?') == std::string::npos ? "?" : "&") + opt;
      } else {
        url_ = admin_url_ + " options='-csearch_path=" + schema_ + "'";
      }
    }
    auto opened = open_database(url_);
    if (!opened.ok()) {
      error_ = opened.error().message_en;
      return nullptr;
    }
    db = std::move(opened).value();
    Status m = migrate ? db->migrate() : Status{};
    if (!m.ok()) {
      error_ = m.error().message_en;
      return nullptr;
    }
    return db;
  }

  const std::string& url() const { return url_; }
  const std::string& skip_reason() const { return skip_; }
  const std::string& error() const { return error_; }

 private:
  static std::string unique() {
    static std::atomic<int> n{0};
    std::random_device rd;
    return std::to_string(std::chrono::steady_clock::now().time_since_epoch().count() % 1000000000) + "_" +
           std::to_string(rd() % 100000) + "_" + std::to_string(n++);
  }
  void drop() {
    if (!dir_.empty()) {
      std::error_code ec;
      std::filesystem::remove_all(dir_, ec);
    }
    if (!schema_.empty()) {
      auto admin = open_database(admin_url_);
      if (admin.ok()) {
        (void)admin.value()->transact([&](Tx& tx) { return tx.exec_script("DROP SCHEMA " + schema_ + " CASCADE"); });
      }
    }
  }

  std::string backend_, url_, admin_url_, schema_, skip_, error_;
  std::filesystem::path dir_;
};

}  // namespace dongne::store::testing
