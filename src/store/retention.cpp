#include "store/retention.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace dongne::store {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

Error bad(std::string_view item) {
  return Error::invalid("보존 기간 설정이 올바르지 않습니다: " + std::string(item),
                        "DONGNE_RETENTION_DAYS: expected name=days (0 to 36500) or name=never, got " + std::string(item));
}

}  // namespace

void Retention::add(const std::vector<RetentionRule>& rules) {
  for (const auto& r : rules) {
    if (std::any_of(rules_.begin(), rules_.end(), [&](const RetentionRule& o) { return o.name == r.name; })) {
      std::fprintf(stderr, "retention rule registered twice: %s\n", r.name.c_str());
      std::abort();
    }
    rules_.push_back(r);
  }
}

Status Retention::configure(std::string_view overrides) {
  while (!overrides.empty()) {
    size_t comma = overrides.find(',');
    std::string_view item = trim(overrides.substr(0, comma));
    overrides = comma == std::string_view::npos ? std::string_view() : overrides.substr(comma + 1);
    if (item.empty()) continue;
    size_t eq = item.find('=');
    if (eq == std::string_view::npos) return bad(item);
    std::string_view name = trim(item.substr(0, eq));
    std::string value(trim(item.substr(eq + 1)));
    auto rule = std::find_if(rules_.begin(), rules_.end(), [&](const RetentionRule& r) { return r.name == name; });
    if (rule == rules_.end()) return bad(item);
    if (value == "never") {
      rule->keep_days = kKeepForever;
      continue;
    }
    char* end = nullptr;
    long long days = std::strtoll(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || days < 0 || days > 36'500) return bad(item);
    rule->keep_days = days;
  }
  return ok_status();
}

Result<std::vector<Purged>> Retention::purge(Database& db, EpochMs now, const Recorder& record,
                                             bool always_record) const {
  std::vector<Purged> out;
  for (const auto& r : rules_) {
    if (r.keep_days == kKeepForever) continue;
    Purged p{r.name, r.keep_days, now - r.keep_days * 86'400'000LL, 0};
    const auto marks = static_cast<size_t>(std::count(r.sql.begin(), r.sql.end(), '?'));
    DONGNE_TRY(db.transact([&](Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(p.deleted, tx.exec(r.sql, std::vector<Value>(marks, Value{p.cutoff})));
      if ((p.deleted > 0 || always_record) && record) return record(tx, p);
      return ok_status();
    }));
    out.push_back(p);
  }
  return out;
}

}  // namespace dongne::store
