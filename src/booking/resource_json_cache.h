// The parsed JSON columns of a booking resource (variants, occurrences, rules), cached per process so that a
// booking does not re-parse them: the entry for a resource id is reused only when the row's raw column texts
// are byte-for-byte the texts it was parsed from, so an update (by this instance or any other) is parsed
// afresh on its first read and never served stale. The cache saves parsing, never a read: callers still
// SELECT (and lock) the row. Thread-safety: safe to call from any thread (one mutex, held only to look up or
// store an entry).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "booking/rules/model.h"
#include "booking/rules_json.h"
#include "core/result.h"

namespace dongne::booking {

struct ParsedResourceJson {
  std::vector<Variant> variants;
  std::vector<TimeRange> occurrences;
  ParsedRules rules;
};

// The parse of the three texts, from the cache when resource `id` was last parsed from the same texts. A text
// that does not parse is an error (as variants_from_json & co. report it) and is not cached.
Result<std::shared_ptr<const ParsedResourceJson>> parse_resource_json(int64_t id, std::string_view variants,
                                                                      std::string_view occurrences,
                                                                      std::string_view rules);

}  // namespace dongne::booking
