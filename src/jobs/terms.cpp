#include "jobs/terms.h"

#include "store/values.h"

namespace dongne::jobs {

namespace {

CentreTerm term_of(const store::Row& r) {
  return {r.i64(0), r.i64(1), r.str(2), r.str(3), r.i64(4) != 0, r.str(5), r.str(6)};
}

constexpr const char* kCols = "id, centre_id, alias, term_key, own_term, name_en, ncs_domain";

}  // namespace

namespace repo {

Result<std::vector<CentreTerm>> centre_terms(store::Tx& tx, std::optional<int64_t> centre_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, centre_id ? tx.query(std::string("SELECT ") + kCols +
                                                              " FROM jobs_centre_terms WHERE centre_id = ? ORDER BY id",
                                                          {*centre_id})
                                               : tx.query(std::string("SELECT ") + kCols + " FROM jobs_centre_terms ORDER BY id"));
  std::vector<CentreTerm> out;
  for (const auto& r : rows.rows) out.push_back(term_of(r));
  return out;
}

Result<std::optional<CentreTerm>> find_term(store::Tx& tx, int64_t id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query(std::string("SELECT ") + kCols + " FROM jobs_centre_terms WHERE id = ?", {id}));
  if (rows.empty()) return std::optional<CentreTerm>{};
  return std::optional<CentreTerm>(term_of(rows[0]));
}

Result<CentreTerm> insert_term(store::Tx& tx, CentreTerm t, const std::string& normalised, std::optional<int64_t> by,
                               EpochMs now) {
  DONGNE_ASSIGN_OR_RETURN(t.id, tx.insert("INSERT INTO jobs_centre_terms (centre_id, alias, normalised, term_key, own_term, "
                                          "name_en, ncs_domain, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                          {t.centre_id, t.alias, normalised, t.key, int64_t{t.own ? 1 : 0}, t.name_en,
                                           t.ncs_domain, store::values::opt(by), now}));
  if (t.own) {
    t.key = "c" + std::to_string(t.centre_id) + "-" + std::to_string(t.id);
    DONGNE_TRY(tx.exec("UPDATE jobs_centre_terms SET term_key = ? WHERE id = ?", {t.key, t.id}));
  }
  return t;
}

Status delete_term(store::Tx& tx, int64_t id) {
  return to_status(tx.exec("DELETE FROM jobs_centre_terms WHERE id = ?", {id}));
}

Result<int64_t> key_uses(store::Tx& tx, const std::string& key) {
  const std::string like = "%\"" + key + "\"%";
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT (SELECT COUNT(*) FROM jobs_seekers WHERE profile LIKE ?) + "
                                              "(SELECT COUNT(*) FROM jobs_vacancies WHERE detail LIKE ?)",
                                              {like, like}));
  return rows[0].i64(0);
}

}  // namespace repo

Result<std::shared_ptr<const TermSnapshot>> TermCache::current(store::Tx& tx) {
  DONGNE_ASSIGN_OR_RETURN(auto v, tx.query("SELECT COUNT(*), COALESCE(MAX(id), 0) FROM jobs_centre_terms"));
  const std::pair<int64_t, int64_t> version{v[0].i64(0), v[0].i64(1)};
  {
    std::lock_guard lock(mu_);
    if (snap_ && snap_->version == version) return snap_;
  }
  auto snap = std::make_shared<TermSnapshot>();
  DONGNE_ASSIGN_OR_RETURN(snap->terms, repo::centre_terms(tx, std::nullopt));
  std::vector<match::Vocabulary::Entry> own;
  for (const auto& t : snap->terms) {
    if (t.own) {
      own.push_back({t.key, t.alias, t.name_en.empty() ? t.alias : t.name_en, t.ncs_domain, {}, {}});
    } else {
      snap->synonyms[t.centre_id][match::Vocabulary::normalise(t.alias)] = t.key;
    }
  }
  snap->ref = base_;
  if (!own.empty()) {
    auto vocab = base_.competencies.extended(std::move(own));
    if (!vocab.ok()) return vocab.error();
    snap->ref.competencies = std::move(vocab).value();
  }
  snap->version = version;
  std::lock_guard lock(mu_);
  snap_ = snap;
  return std::shared_ptr<const TermSnapshot>(snap);
}

}  // namespace dongne::jobs
