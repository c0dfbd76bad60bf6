// Retention (DESIGN.md, Privacy and audit): each room declares what it keeps and for how long (a RetentionRule: a
// DELETE whose every ? is the cutoff instant), the app collects them, periods are settings (DONGNE_RETENTION_DAYS),
// and a purge deletes what has expired, one rule per transaction. A purge is idempotent (a delete below a cutoff),
// so two instances running it at once delete each row once and the second finds nothing; the caller's `record`
// writes the audit entry in the same transaction as the delete.
// Thread-safety: configure before serving; purge() may then run on any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace dongne::store {

struct RetentionRule {
  std::string name;       // "auth.sessions"
  std::string what;       // what goes, and from when its period counts ("sessions, after they expire")
  std::string sql;        // "DELETE FROM sessions WHERE expires_at < ?": every ? is the cutoff (epoch ms)
  int64_t keep_days = 0;  // the default period; kKeepForever keeps everything
};
constexpr int64_t kKeepForever = -1;

struct Purged {
  std::string name;
  int64_t keep_days = 0;
  EpochMs cutoff = 0;
  int64_t deleted = 0;
};

class Retention {
 public:
  // Aborts on a name registered twice (a programmer error).
  void add(const std::vector<RetentionRule>& rules);
  // Overrides, e.g. "auth.sessions=60,auth.pii_access_log=never": an unknown name or a period that is not a whole
  // number of days (0 to 36,500) or "never" is an error naming it.
  Status configure(std::string_view overrides);
  const std::vector<RetentionRule>& rules() const { return rules_; }

  // One round at `now`: every rule with a period deletes what is older than now - keep_days, in its own
  // transaction, and calls `record` in it (the audit entry) when it deleted something or when `always_record`.
  using Recorder = std::function<Status(Tx&, const Purged&)>;
  Result<std::vector<Purged>> purge(Database& db, EpochMs now, const Recorder& record, bool always_record) const;

 private:
  std::vector<RetentionRule> rules_;
};

}  // namespace dongne::store
