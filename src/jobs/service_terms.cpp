// A centre's own competency words (terms.h): synonyms its counsellors write and terms of its own.
#include "http/fields.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

Status centre_exists(store::Tx& tx, int64_t centre_id) {
  DONGNE_ASSIGN_OR_RETURN(auto org, tx.query("SELECT kind FROM organisations WHERE id = ?", {centre_id}));
  if (org.empty() || org[0].str(0) != "centre") return Error::not_found("새일센터를 찾을 수 없습니다", "no such Saeil centre");
  return ok_status();
}

nlohmann::json term_payload(const CentreTerm& t) {
  return {{"term_id", t.id}, {"centre_id", t.centre_id}, {"alias", t.alias}, {"key", t.key}, {"own", t.own}};
}

}  // namespace

Result<std::vector<CentreTerm>> JobsService::terms(int64_t centre_id) {
  std::vector<CentreTerm> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_TRY(centre_exists(tx, centre_id));
    DONGNE_ASSIGN_OR_RETURN(out, repo::centre_terms(tx, centre_id));
    return ok_status();
  }));
  return out;
}

Result<CentreTerm> JobsService::add_term(const Principal& p, int64_t centre_id, const std::string& alias,
                                         const std::optional<std::string>& means, const std::string& name_en,
                                         const std::string& ncs_domain) {
  const EpochMs now = clock_.now_ms();
  CentreTerm t{0, centre_id, alias, "", !means, name_en, ncs_domain};
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_TRY(centre_exists(tx, centre_id));
    if (!acts_for_centre(p, centre_id)) return not_centre();
    DONGNE_ASSIGN_OR_RETURN(auto terms, terms_.current(tx));
    const auto& vocab = terms->ref.competencies;
    std::vector<FieldError> errs;
    const std::string norm = match::Vocabulary::normalise(alias);
    const auto chars = http::utf8_length(alias);
    if (norm.empty() || !chars || *chars > 40) {
      errs.push_back({"alias", "range", "낱말은 1~40자입니다 (글자나 숫자가 있어야 합니다)", "a word is 1 to 40 characters, with a letter or digit"});
    }
    if (means) {
      auto k = competency_key(*means, terms->ref, nullptr);
      if (!k) errs.push_back({"means", "unknown_competency", "알 수 없는 역량입니다: " + *means, "unknown competency: " + *means});
      else t.key = *k;
    } else {
      if (name_en.size() > 80) errs.push_back({"name_en", "too_long", "영어 이름은 80자 이하입니다", "the English name is at most 80 characters"});
      bool known_domain = ncs_domain.empty();
      for (const auto& d : vocab.domains()) known_domain = known_domain || d.code == ncs_domain;
      if (!known_domain) errs.push_back({"ncs_domain", "unknown_code", "알 수 없는 NCS 대분류입니다: " + ncs_domain, "unknown NCS domain: " + ncs_domain});
    }
    if (!errs.empty()) return Error::invalid("낱말을 확인해 주세요", "check the word", std::move(errs));
    // One meaning per word: not a word the vocabulary or this centre already reads as something.
    std::optional<std::string> taken;
    if (const Synonyms* own = terms->of(centre_id); own && own->contains(norm)) taken = own->at(norm);
    if (!taken) {
      if (auto id = vocab.resolve(alias)) taken = vocab.entry(*id).key;
    }
    if (taken) {
      const auto id = vocab.by_key(*taken);
      const std::string ko = id ? vocab.entry(*id).name_ko : *taken;
      const std::string en = id ? vocab.entry(*id).name_en : *taken;
      return Error::conflict("'" + alias + "'은(는) 이미 '" + ko + "'(으)로 읽습니다", "'" + alias + "' already means " + en,
                             "alias_taken");
    }
    DONGNE_ASSIGN_OR_RETURN(t, repo::insert_term(tx, t, norm, p.user_id, now));
    return emit(tx, "jobs.term_added", "jobs_term", t.id, term_payload(t), p.user_id, now);
  }));
  return t;
}

Status JobsService::remove_term(const Principal& p, int64_t id) {
  const EpochMs now = clock_.now_ms();
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto t, repo::find_term(tx, id));
    if (!t) return Error::not_found("낱말을 찾을 수 없습니다", "no such word");
    if (!acts_for_centre(p, t->centre_id)) return not_centre();
    if (t->own) {
      // A term of the centre's own that profiles or vacancies still name stays, or they would lose it silently.
      DONGNE_ASSIGN_OR_RETURN(int64_t uses, repo::key_uses(tx, t->key));
      if (uses > 0) {
        return Error::conflict("구직자 정보나 채용 공고 " + std::to_string(uses) + "건이 이 역량을 씁니다",
                               std::to_string(uses) + " profiles or vacancies name this competency", "in_use");
      }
    }
    DONGNE_TRY(repo::delete_term(tx, id));
    return emit(tx, "jobs.term_removed", "jobs_term", id, term_payload(*t), p.user_id, now);
  });
}

}  // namespace dongne::jobs
