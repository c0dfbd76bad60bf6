#include "store/backup.h"

#include <spawn.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "core/sha256.h"
#include "store/backends.h"

extern char** environ;

namespace dongne::store {

namespace {

Error failed(const std::string& what) {
  return Error::unavailable("백업 또는 복원에 실패했습니다: " + what, "backup or restore failed: " + what);
}

// Runs a program (no shell) and waits; its output goes to ours.
Status run(const std::vector<std::string>& argv) {
  std::vector<char*> args;
  for (const auto& a : argv) args.push_back(const_cast<char*>(a.c_str()));
  args.push_back(nullptr);
  pid_t pid = 0;
  if (posix_spawnp(&pid, args[0], nullptr, nullptr, args.data(), environ) != 0)
    return failed(argv[0] + " could not be started (apt-get install postgresql-client)");
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return failed("waiting for " + argv[0]);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
    return failed(argv[0] + " exited with " + std::to_string(WIFEXITED(status) ? WEXITSTATUS(status) : -1));
  return ok_status();
}

// Copies one SQLite database into another with the online backup API.
Status sqlite_copy(const std::string& from, const std::string& to, bool from_readonly) {
  sqlite3* src = nullptr;
  sqlite3* dst = nullptr;
  auto close = [&] {
    if (src) sqlite3_close(src);
    if (dst) sqlite3_close(dst);
  };
  if (sqlite3_open_v2(from.c_str(), &src, from_readonly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE, nullptr) != SQLITE_OK) {
    std::string msg = "cannot open " + from + ": " + sqlite3_errmsg(src);
    close();
    return failed(msg);
  }
  sqlite3_busy_timeout(src, 5000);
  if (sqlite3_open_v2(to.c_str(), &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr) != SQLITE_OK) {
    std::string msg = "cannot create " + to + ": " + sqlite3_errmsg(dst);
    close();
    return failed(msg);
  }
  sqlite3_backup* b = sqlite3_backup_init(dst, "main", src, "main");
  if (!b) {
    std::string msg = sqlite3_errmsg(dst);
    close();
    return failed(msg);
  }
  // All pages in one step: one read snapshot, so the copy is consistent; in WAL mode writers go on meanwhile.
  int rc = sqlite3_backup_step(b, -1);
  sqlite3_backup_finish(b);
  if (rc != SQLITE_DONE) {
    std::string msg = std::string("copy: ") + sqlite3_errstr(rc);
    close();
    return failed(msg);
  }
  close();
  return ok_status();
}

Result<bool> has_tables(const std::string& db_url) {
  DONGNE_ASSIGN_OR_RETURN(auto db, open_database(db_url));
  DONGNE_ASSIGN_OR_RETURN(auto digests, digest_tables(*db));
  return !digests.empty();
}

void hash_value(Sha256& h, const Value& v) {
  std::string text;
  char tag = 'n';
  if (auto i = std::get_if<int64_t>(&v)) {
    tag = 'i';
    text = std::to_string(*i);
  } else if (auto d = std::get_if<double>(&v)) {
    tag = 'r';
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", *d);
    text = buf;
  } else if (auto s = std::get_if<std::string>(&v)) {
    tag = 's';
    text = *s;
  }
  std::string head = std::string(1, tag) + std::to_string(text.size()) + ":";
  h.update(head);
  h.update(text);
}

}  // namespace

Status backup(const std::string& db_url, const std::string& file) {
  const std::string tmp = file + ".partial";
  std::error_code ec;
  std::filesystem::remove(tmp, ec);
  if (auto path = sqlite_path(db_url)) {
    if (!std::filesystem::exists(*path, ec)) return failed("no store at " + *path);
    DONGNE_TRY(sqlite_copy(*path, tmp, true));
  } else {
    DONGNE_TRY(run({"pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--file=" + tmp, "--dbname=" + db_url}));
  }
  std::filesystem::rename(tmp, file, ec);
  if (ec) return failed("cannot write " + file + ": " + ec.message());
  return ok_status();
}

Status restore(const std::string& file, const std::string& db_url) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(file, ec)) return failed("no backup file " + file);
  if (auto path = sqlite_path(db_url)) {
    if (std::filesystem::exists(*path, ec)) {
      DONGNE_ASSIGN_OR_RETURN(bool used, has_tables(db_url));
      if (used) return failed("the store at " + *path + " already holds tables; restore into a new one");
    }
    if (auto dir = std::filesystem::path(*path).parent_path(); !dir.empty()) std::filesystem::create_directories(dir, ec);
    return sqlite_copy(file, *path, true);
  }
  DONGNE_ASSIGN_OR_RETURN(bool used, has_tables(db_url));
  if (used) return failed("the database already holds tables; restore into an empty one");
  return run({"pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction",
              "--dbname=" + db_url, file});
}

Result<std::vector<TableDigest>> digest_tables(Database& db) {
  std::vector<TableDigest> out;
  DONGNE_TRY(db.read([&](Tx& tx) -> Status {
    const char* list = tx.dialect() == Dialect::kSqlite
                           ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                           : "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() "
                             "AND table_type = 'BASE TABLE' ORDER BY table_name";
    DONGNE_ASSIGN_OR_RETURN(Rows tables, tx.query(list));
    for (const auto& t : tables.rows) {
      TableDigest d;
      d.table = t.str(0);
      const std::string quoted = "\"" + d.table + "\"";
      DONGNE_ASSIGN_OR_RETURN(Rows shape, tx.query("SELECT * FROM " + quoted + " LIMIT 0"));
      std::string order;
      for (size_t i = 1; i <= std::max<size_t>(1, shape.columns.size()); ++i)
        order += (i > 1 ? ", " : "") + std::to_string(i);
      DONGNE_ASSIGN_OR_RETURN(Rows rows, tx.query("SELECT * FROM " + quoted + " ORDER BY " + order));
      Sha256 h;
      for (const auto& r : rows.rows) {
        for (const auto& v : r.values) hash_value(h, v);
        h.update("\n");
      }
      d.rows = static_cast<int64_t>(rows.size());
      d.sha256 = to_hex(h.finish());
      out.push_back(std::move(d));
    }
    return ok_status();
  }));
  return out;
}

}  // namespace dongne::store
