// Matching through the pure engine (match/engine.h): the store's open vacancies or active seekers become the
// engine's values (profile.h), the engine ranks and explains, and gaps point to the centre's courses. A centre holds
// thousands of records, not millions, so the index is built per request from one read snapshot; the nightly
// million-row path is the engine's own (bench/jobs). Reads of seekers' profiles for matching are logged.
#include "jobs/match/engine.h"
#include "jobs/profile.h"
#include "jobs/service.h"
#include "jobs/service_util.h"

namespace dongne::jobs {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

Result<match::CourseCatalog> JobsService::catalog(store::Tx& tx, const Reference& ref) {
  DONGNE_ASSIGN_OR_RETURN(auto courses, repo::courses(tx, std::nullopt));
  std::vector<match::CourseCatalog::Course> list;
  for (const auto& c : courses) {
    match::CourseCatalog::Course cc{c.id, c.title_ko, {}};
    for (const auto& k : c.competencies) {
      if (auto id = ref.competencies.by_key(k)) cc.teaches.push_back(*id);
    }
    list.push_back(std::move(cc));
  }
  return match::CourseCatalog(list);
}

std::shared_ptr<const Reference> JobsService::reference() {
  auto snap = snapshot();
  if (!snap.ok()) return std::shared_ptr<const Reference>(std::shared_ptr<const Reference>(), &ref_);  // as shipped
  return std::shared_ptr<const Reference>(snap.value(), &snap.value()->ref);
}

Result<std::shared_ptr<const TermSnapshot>> JobsService::snapshot() {
  std::shared_ptr<const TermSnapshot> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(out, terms_.current(tx));
    return ok_status();
  }));
  return out;
}

Result<MatchView> JobsService::vacancies_for_seeker(const Principal& p, int64_t seeker_id, int k, const match::Weights& w) {
  MatchView view{{}, "vacancies_for_seeker"};
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, seeker_id));
    if (!s) return no_seeker();
    const bool self = s->user_id && *s->user_id == p.user_id;
    if (!self && !acts_for_centre(p, s->centre_id)) return not_centre();
    if (!self) DONGNE_TRY(repo::log_access(tx, p.user_id, 0, seeker_id, "profile", "matching vacancies", true, now));
    DONGNE_ASSIGN_OR_RETURN(auto rows, repo::vacancies(tx, std::nullopt, true));
    DONGNE_ASSIGN_OR_RETURN(auto terms, terms_.current(tx));
    const Reference& ref = terms->ref;
    std::vector<match::Vacancy> vs;
    vs.reserve(rows.size());
    for (const auto& v : rows) vs.push_back(to_vacancy(v.id, v.occupation, v.start_on, v.openings, v.detail, ref, today));
    DONGNE_ASSIGN_OR_RETURN(auto cat, catalog(tx, ref));
    match::VacancyIndex index(std::move(vs), ref.keco, ref.competencies, cat);
    view.matches = index.top_for_seeker(to_seeker(seeker_id, s->profile, ref, today), k, w);
    return ok_status();
  }));
  return view;
}

Result<MatchView> JobsService::seekers_for_vacancy(const Principal& p, int64_t vacancy_id, int k, const match::Weights& w) {
  MatchView view{{}, "seekers_for_vacancy"};
  const EpochMs now = clock_.now_ms();
  const LocalDate today = local_date(now);
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, vacancy_id));
    if (!v) return no_vacancy();
    const auto centre = centre_of(p);
    if (!acts_for_employer(p, v->employer_id) && !centre && !p.has(Role::kAdmin)) return not_employer();
    // A counsellor sees her centre's seekers; an employer sees the candidates of every centre, by first name only
    // (the route decides what of each seeker is shown).
    DONGNE_ASSIGN_OR_RETURN(auto seekers, repo::active_seekers(tx, centre));
    DONGNE_ASSIGN_OR_RETURN(auto terms, terms_.current(tx));
    const Reference& ref = terms->ref;
    std::vector<match::Seeker> ss;
    ss.reserve(seekers.size());
    for (const auto& s : seekers) ss.push_back(to_seeker(s.id, s.profile, ref, today));
    DONGNE_ASSIGN_OR_RETURN(auto cat, catalog(tx, ref));
    match::SeekerIndex index(std::move(ss), ref.keco, ref.competencies, cat);
    view.matches = index.top_for_vacancy(to_vacancy(v->id, v->occupation, v->start_on, v->openings, v->detail, ref, today), k, w);
    for (const auto& m : view.matches) {
      DONGNE_TRY(repo::log_access(tx, p.user_id, 0, m.seeker_id, "profile", "candidates for vacancy " + std::to_string(vacancy_id), true, now));
    }
    return ok_status();
  }));
  return view;
}

Result<std::string> JobsService::seeker_name(int64_t id) {
  std::string name;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, id));
    if (!s) return no_seeker();
    name = s->display_name;
    return ok_status();
  }));
  return name;
}

Result<match::Verdict> JobsService::explain_pair(const Principal& p, int64_t seeker_id, int64_t vacancy_id, const match::Weights& w) {
  match::Verdict verdict;
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto s, repo::find_seeker(tx, seeker_id));
    if (!s) return no_seeker();
    DONGNE_ASSIGN_OR_RETURN(auto v, repo::find_vacancy(tx, vacancy_id));
    if (!v) return no_vacancy();
    const bool self = s->user_id && *s->user_id == p.user_id;
    if (!self && !acts_for_centre(p, s->centre_id)) return not_centre();
    if (!self) DONGNE_TRY(repo::log_access(tx, p.user_id, 0, seeker_id, "profile", "explaining vacancy " + std::to_string(vacancy_id), true, now));
    DONGNE_ASSIGN_OR_RETURN(auto terms, terms_.current(tx));
    const Reference& ref = terms->ref;
    DONGNE_ASSIGN_OR_RETURN(auto cat, catalog(tx, ref));
    verdict = match::explain(to_seeker(seeker_id, s->profile, ref, local_date(now)),
                             to_vacancy(v->id, v->occupation, v->start_on, v->openings, v->detail, ref, local_date(now)), ref.keco, ref.competencies,
                             cat, w);
    return ok_status();
  }));
  return verdict;
}

}  // namespace dongne::jobs
