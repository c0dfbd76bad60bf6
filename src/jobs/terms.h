// A centre's own competency words: a synonym of a vocabulary item as its counsellors write it ("전화응대" for
// customer service), or a term of its own that the shipped vocabulary lacks ("통번역", key "c<centre>-<id>").
// Synonyms are the centre's: they resolve what its counsellors type into seekers' profiles. Own terms join the
// vocabulary for everyone (an employer may require one, and every explanation names it). The cache rebuilds the
// vocabulary when the table changed (count and last id), so several instances agree within one request.
// Thread-safety: TermCache is safe to share; snapshots are immutable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/result.h"
#include "jobs/reference.h"
#include "store/database.h"

namespace dongne::jobs {

struct CentreTerm {
  int64_t id = 0;
  int64_t centre_id = 0;
  std::string alias;  // the word as the centre writes it
  std::string key;    // the competency it means: a vocabulary key, or the centre's own "c<centre>-<id>"
  bool own = false;   // a term of the centre's own (else a synonym)
  std::string name_en, ncs_domain;  // an own term's English name and NCS domain code
};

// The reference with the centres' own terms in its vocabulary, and every centre's synonyms.
struct TermSnapshot {
  Reference ref;
  std::map<int64_t, Synonyms> synonyms;  // by centre
  std::vector<CentreTerm> terms;
  std::pair<int64_t, int64_t> version{-1, -1};  // (count, last id) of jobs_centre_terms
  const Synonyms* of(int64_t centre_id) const {
    auto it = synonyms.find(centre_id);
    return it == synonyms.end() ? nullptr : &it->second;
  }
};

class TermCache {
 public:
  explicit TermCache(const Reference& base) : base_(base) {}
  // The snapshot for what the table holds now (one small query; a rebuild only after a change).
  Result<std::shared_ptr<const TermSnapshot>> current(store::Tx& tx);

 private:
  const Reference& base_;
  std::mutex mu_;
  std::shared_ptr<const TermSnapshot> snap_;
};

namespace repo {
Result<std::vector<CentreTerm>> centre_terms(store::Tx& tx, std::optional<int64_t> centre_id);
Result<std::optional<CentreTerm>> find_term(store::Tx& tx, int64_t id);
// Inserts the term; an own term's key is "c<centre>-<id>" (set here). Returns it with id and key.
Result<CentreTerm> insert_term(store::Tx& tx, CentreTerm t, const std::string& normalised, std::optional<int64_t> by,
                               EpochMs now);
Status delete_term(store::Tx& tx, int64_t id);
// How many seekers' profiles and vacancies name a competency key.
Result<int64_t> key_uses(store::Tx& tx, const std::string& key);
}  // namespace repo

}  // namespace dongne::jobs
