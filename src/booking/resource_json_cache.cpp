#include "booking/resource_json_cache.h"

#include <mutex>
#include <string>
#include <unordered_map>

namespace dongne::booking {
namespace {

// A city has hundreds of resources, not millions; past this many entries the cache starts over (a cheap bound
// on memory for a process that reads many resources once, e.g. a listing of every facility's rooms).
constexpr size_t kMaxEntries = 4096;

struct Entry {
  std::string variants, occurrences, rules;  // the texts `parsed` came from
  std::shared_ptr<const ParsedResourceJson> parsed;
};

struct Cache {
  std::mutex mu;
  std::unordered_map<int64_t, Entry> by_id;  // guarded by mu
};

Cache& cache() {
  static Cache* c = new Cache;  // never destroyed: callers may run during static destruction
  return *c;
}

}  // namespace

Result<std::shared_ptr<const ParsedResourceJson>> parse_resource_json(int64_t id, std::string_view variants,
                                                                      std::string_view occurrences,
                                                                      std::string_view rules) {
  Cache& c = cache();
  {
    std::lock_guard lock(c.mu);
    auto it = c.by_id.find(id);
    // The whole texts are compared, not a version number: the parse is a pure function of the texts, so equal
    // texts give an equal parse whatever wrote them (another instance, a migration, a hand edit in psql).
    if (it != c.by_id.end() && it->second.variants == variants && it->second.occurrences == occurrences &&
        it->second.rules == rules) {
      return it->second.parsed;
    }
  }
  // Parse outside the lock: other resources' lookups need not wait for it.
  auto p = std::make_shared<ParsedResourceJson>();
  DONGNE_ASSIGN_OR_RETURN(p->variants, variants_from_json(nlohmann::json::parse(variants, nullptr, false)));
  DONGNE_ASSIGN_OR_RETURN(p->occurrences,
                          occurrences_from_json(nlohmann::json::parse(occurrences, nullptr, false)));
  DONGNE_ASSIGN_OR_RETURN(p->rules, rules_from_json(nlohmann::json::parse(rules, nullptr, false)));
  std::shared_ptr<const ParsedResourceJson> out = std::move(p);
  std::lock_guard lock(c.mu);
  if (c.by_id.size() >= kMaxEntries && !c.by_id.contains(id)) c.by_id.clear();
  // Two threads parsing different texts of one resource at once (an update racing a read) may store either;
  // the comparison above keeps whichever is stored from being used for the other texts.
  c.by_id[id] = Entry{std::string(variants), std::string(occurrences), std::string(rules), out};
  return out;
}

}  // namespace dongne::booking
