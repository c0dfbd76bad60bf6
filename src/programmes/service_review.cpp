// Review and selection (see service.h): reviewer assignment, conflicts of interest, scores, and publication.
#include "programmes/repo.h"
#include "programmes/service.h"
#include "programmes/service_util.h"

namespace dongne::programmes {

using namespace detail;  // NOLINT(google-build-using-namespace): this room's own helpers

namespace {

// The reviewer's assignment for the proposal's call (district recorded at assignment), or an error.
Result<std::optional<int64_t>> assignment(store::Tx& tx, int64_t call_id, int64_t user_id) {
  DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT district_id FROM programme_reviewers WHERE call_id = ? AND "
                                              "user_id = ?",
                                              {call_id, user_id}));
  if (rows.empty()) {
    return Error::forbidden("이 공모의 심사위원으로 지정되지 않았습니다", "you are not a reviewer of this call");
  }
  return rows[0].opt_i64(0);
}

}  // namespace

Status ProgrammeService::assign_reviewer(const Principal& p, int64_t call_id, int64_t user_id,
                                         std::optional<int64_t> district_id) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, call_id));
    if (!c) return no_call();
    if (!is_city_staff(p, c->city_id)) return not_city();
    DONGNE_ASSIGN_OR_RETURN(auto u, tx.query("SELECT id FROM users WHERE id = ?", {user_id}));
    if (u.empty()) return Error::field("user_id", "unknown", "그런 계정이 없습니다", "no such account");
    if (district_id) {
      DONGNE_ASSIGN_OR_RETURN(auto d, repo::find_district(tx, *district_id));
      if (!d) return Error::field("district_id", "unknown", "그런 구·군이 없습니다", "no such district");
    }
    DONGNE_TRY(tx.exec("INSERT INTO programme_reviewers (call_id, user_id, district_id, assigned_by, assigned_at) "
                       "VALUES (?, ?, ?, ?, ?) ON CONFLICT (call_id, user_id) DO UPDATE SET district_id = excluded.district_id",
                       {call_id, user_id, district_id ? store::Value(*district_id) : store::Value(nullptr), p.user_id,
                        clock_.now_ms()}));
    return to_status(tx.append_event({"programmes.reviewer_assigned", "programme_call", std::to_string(call_id),
                                      ids_payload({{"call_id", call_id}, {"reviewer_id", user_id}}).dump(), p.user_id}));
  });
}

Result<std::vector<Reviewer>> ProgrammeService::reviewers(const Principal& p, int64_t call_id) {
  std::vector<Reviewer> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, call_id));
    if (!c) return no_call();
    if (!is_city_staff(p, c->city_id)) {
      DONGNE_TRY(to_status(assignment(tx, call_id, p.user_id)));  // applicants never see who reviews them
    }
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT r.user_id, u.name, r.district_id FROM programme_reviewers r "
                                                "JOIN users u ON u.id = r.user_id WHERE r.call_id = ? ORDER BY r.user_id",
                                                {call_id}));
    for (const auto& r : rows.rows) out.push_back({r.i64(0), r.str(1), r.opt_i64(2)});
    return ok_status();
  }));
  return out;
}


Status ProgrammeService::declare_conflict(const Principal& p, int64_t proposal_id, const std::string& reason) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, proposal_id));
    if (!r) return no_proposal();
    DONGNE_TRY(to_status(assignment(tx, r->call_id, p.user_id)));
    if (reason.empty()) return Error::field("reason", "required", "이해충돌 사유를 적어 주세요", "state the conflict of interest");
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, r->call_id));
    if (c->status != "open") return Error::conflict("결과가 발표된 공모입니다", "results are published", "call_closed");
    DONGNE_TRY(tx.exec("INSERT INTO programme_conflicts (proposal_id, reviewer_id, reason, declared_at) VALUES (?, ?, ?, ?) "
                       "ON CONFLICT (proposal_id, reviewer_id) DO UPDATE SET reason = excluded.reason",
                       {proposal_id, p.user_id, reason, clock_.now_ms()}));
    // A conflicted reviewer's scores no longer count.
    DONGNE_TRY(tx.exec("DELETE FROM programme_scores WHERE proposal_id = ? AND reviewer_id = ?", {proposal_id, p.user_id}));
    return to_status(tx.append_event({"programmes.conflict_declared", "programme_proposal", std::to_string(proposal_id),
                                      ids_payload({{"proposal_id", proposal_id}, {"reviewer_id", p.user_id}}).dump(),
                                      p.user_id}));
  });
}

Status ProgrammeService::score(const Principal& p, int64_t proposal_id, const std::map<std::string, int>& scores) {
  return db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, proposal_id));
    if (!r) return no_proposal();
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, r->call_id));
    DONGNE_ASSIGN_OR_RETURN(std::optional<int64_t> district, assignment(tx, r->call_id, p.user_id));
    std::vector<FieldError> errs;
    if (own_district(p, district, r->district_id)) {
      errs.push_back({"proposal_id", "own_district", "자기 구·군의 제안은 심사할 수 없습니다",
                      "a reviewer may not score a proposal from their own district"});
    }
    for (const auto& [key, v] : scores) {
      const Criterion* k = nullptr;
      for (const auto& x : c->criteria) {
        if (x.key == key) k = &x;
      }
      if (!k) errs.push_back({"scores." + key, "unknown", "이 공모에 없는 심사 기준입니다", "not a criterion of this call"});
      else if (v < 0 || v > k->max_score)
        errs.push_back({"scores." + key, "range", "0~" + std::to_string(k->max_score) + "점이어야 합니다",
                        "must be 0-" + std::to_string(k->max_score)});
    }
    if (scores.empty()) errs.push_back({"scores", "required", "점수를 입력하세요", "enter the scores"});
    if (!errs.empty()) return Error::invalid("점수를 확인해 주세요", "check the scores", std::move(errs));
    DONGNE_ASSIGN_OR_RETURN(auto conflicted, tx.query("SELECT 1 FROM programme_conflicts WHERE proposal_id = ? AND "
                                                      "reviewer_id = ?",
                                                      {proposal_id, p.user_id}));
    if (!conflicted.empty())
      return Error::conflict("이해충돌을 신고한 제안은 심사할 수 없습니다", "you declared a conflict of interest", "conflicted");
    if (r->status != "submitted") return Error::conflict("제출된 제안만 심사합니다", "only submitted proposals are scored", "not_submitted");
    if (c->status != "open") return Error::conflict("결과가 발표된 공모입니다", "results are published", "call_closed");
    for (const auto& [key, v] : scores) {
      DONGNE_TRY(tx.exec("INSERT INTO programme_scores (proposal_id, reviewer_id, criterion, score, scored_at) VALUES "
                         "(?, ?, ?, ?, ?) ON CONFLICT (proposal_id, reviewer_id, criterion) DO UPDATE SET score = "
                         "excluded.score, scored_at = excluded.scored_at",
                         {proposal_id, p.user_id, key, int64_t{v}, clock_.now_ms()}));
    }
    return to_status(tx.append_event({"programmes.proposal_scored", "programme_proposal", std::to_string(proposal_id),
                                      ids_payload({{"proposal_id", proposal_id}, {"reviewer_id", p.user_id}}).dump(),
                                      p.user_id}));
  });
}

Result<std::vector<Review>> ProgrammeService::reviews(const Principal& p, int64_t proposal_id) {
  std::vector<Review> out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, proposal_id));
    if (!r) return no_proposal();
    const bool city = is_city_staff(p, r->district_id);
    if (!city) {
      // A reviewer sees their own scores only.
      DONGNE_TRY(to_status(assignment(tx, r->call_id, p.user_id)));
    }
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT s.reviewer_id, u.name, s.criterion, s.score FROM programme_scores s "
                                                "JOIN users u ON u.id = s.reviewer_id WHERE s.proposal_id = ? ORDER BY "
                                                "s.reviewer_id, s.criterion",
                                                {proposal_id}));
    for (const auto& row : rows.rows) {
      if (!city && row.i64(0) != p.user_id) continue;
      if (out.empty() || out.back().reviewer_id != row.i64(0)) out.push_back({row.i64(0), row.str(1), {}, std::nullopt});
      out.back().scores[row.str(2)] = static_cast<int>(row.i64(3));
    }
    DONGNE_ASSIGN_OR_RETURN(auto cs, tx.query("SELECT c.reviewer_id, u.name, c.reason FROM programme_conflicts c JOIN users "
                                              "u ON u.id = c.reviewer_id WHERE c.proposal_id = ?",
                                              {proposal_id}));
    for (const auto& row : cs.rows) {
      if (!city && row.i64(0) != p.user_id) continue;
      out.push_back({row.i64(0), row.str(1), {}, row.str(2)});
    }
    return ok_status();
  }));
  return out;
}

namespace {

Result<nlohmann::json> compute_selection(store::Tx& tx, const CallRecord& c) {
  DONGNE_ASSIGN_OR_RETURN(auto all, repo::proposals_of_call(tx, c.id));
  std::vector<Candidate> cands;
  std::map<int64_t, const ProposalRecord*> by_id;
  for (const auto& r : all) {
    if (r.status != "submitted" && r.status != "selected" && r.status != "rejected") continue;
    Candidate k{r.id, r.city_share_won, r.submitted_at.value_or(r.created_at), {}};
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT s.reviewer_id, s.criterion, s.score FROM programme_scores s WHERE "
                                                "s.proposal_id = ? AND NOT EXISTS (SELECT 1 FROM programme_conflicts x "
                                                "WHERE x.proposal_id = s.proposal_id AND x.reviewer_id = s.reviewer_id) "
                                                "AND NOT EXISTS (SELECT 1 FROM programme_reviewers v WHERE v.call_id = ? "
                                                "AND v.user_id = s.reviewer_id AND v.district_id = ?) ORDER BY s.reviewer_id",
                                                {r.id, c.id, r.district_id}));
    for (const auto& row : rows.rows) {
      if (k.reviews.empty() || k.reviews.back().reviewer_id != row.i64(0)) k.reviews.push_back({row.i64(0), {}});
      k.reviews.back().scores[row.str(1)] = static_cast<int>(row.i64(2));
    }
    cands.push_back(std::move(k));
    by_id[r.id] = &r;
  }
  SelectionResult s = select(c.criteria, cands, c.envelope_won, c.min_score);
  nlohmann::json ranking = nlohmann::json::array();
  for (const auto& x : s.ranking) {
    const ProposalRecord& r = *by_id[x.id];
    std::string ko, en;
    switch (x.verdict) {
      case Verdict::kSelected:
        ko = "선정: " + std::to_string(x.rank) + "위, " + fixed2(x.score) + "점";
        en = "Selected: rank " + std::to_string(x.rank) + ", score " + fixed2(x.score);
        break;
      case Verdict::kBelowMinimum:
        ko = "평균 " + fixed2(x.score) + "점으로 기준 " + std::to_string(c.min_score) + "점에 못 미칩니다";
        en = "Its mean score of " + fixed2(x.score) + " is below the minimum of " + std::to_string(c.min_score);
        break;
      case Verdict::kNoReviews:
        ko = "심사 점수가 없습니다";
        en = "No reviewer scored it";
        break;
      case Verdict::kOverEnvelope:
        ko = std::to_string(x.rank) + "위이지만 요청액 " + won(x.request_won) + "원이 남은 예산 " + won(x.left_before_won) +
             "원을 넘습니다";
        en = "Rank " + std::to_string(x.rank) + ", but its request of " + won(x.request_won) + " won exceeds the " +
             won(x.left_before_won) + " won left";
        break;
    }
    ranking.push_back({{"proposal_id", x.id}, {"title", r.title}, {"district_id", r.district_id}, {"rank", x.rank},
                       {"score", x.score}, {"reviews", x.reviews}, {"request_won", x.request_won},
                       {"verdict", std::string(verdict_name(x.verdict))}, {"in_optimal", x.in_optimal},
                       {"left_before_won", x.left_before_won}, {"reason_ko", ko}, {"reason_en", en}});
  }
  return nlohmann::json{{"call_id", c.id}, {"rule_ko", s.rule_ko}, {"rule_en", s.rule_en},
                        {"envelope_won", s.envelope_won}, {"min_score", c.min_score},
                        {"greedy_total_won", s.greedy_total_won}, {"unused_won", s.envelope_won - s.greedy_total_won},
                        {"greedy_score_sum", s.greedy_score_sum}, {"optimal_differs", s.optimal_differs},
                        {"optimal_total_won", s.optimal_total_won}, {"optimal_score_sum", s.optimal_score_sum},
                        {"optimal_unused_won", s.envelope_won - s.optimal_total_won}, {"ranking", ranking}};
}

}  // namespace

Result<nlohmann::json> ProgrammeService::selection(const Principal& p, int64_t call_id) {
  nlohmann::json out;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, call_id));
    if (!c) return no_call();
    if (!is_city_staff(p, c->city_id)) return not_city();
    if (c->status == "published") {
      out = nlohmann::json::parse(c->selection_json);
      out["published"] = true;
      return ok_status();
    }
    DONGNE_ASSIGN_OR_RETURN(out, compute_selection(tx, *c));
    out["published"] = false;
    return ok_status();
  }));
  return out;
}

Result<nlohmann::json> ProgrammeService::publish(const Principal& p, int64_t call_id) {
  nlohmann::json out;
  const EpochMs now = clock_.now_ms();
  DONGNE_TRY(db_.transact([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto c, repo::find_call(tx, call_id));
    if (!c) return no_call();
    if (!is_city_staff(p, c->city_id)) return not_city();
    if (c->status == "published") return Error::conflict("이미 발표했습니다", "already published", "already_published");
    if (!past(*c, now) && !c->demo)
      return Error::conflict("제출 마감 전에는 발표할 수 없습니다", "the call is still open for proposals", "deadline_not_passed");
    DONGNE_ASSIGN_OR_RETURN(out, compute_selection(tx, *c));
    DONGNE_ASSIGN_OR_RETURN(auto everyone, repo::proposals_of_call(tx, c->id));
    std::vector<ProposalRecord> all_returned;
    for (auto& r : everyone) {
      if (r.status == "returned") all_returned.push_back(std::move(r));
    }
    nlohmann::json selected = nlohmann::json::array();
    for (const auto& x : out["ranking"]) {
      const int64_t id = x["proposal_id"];
      DONGNE_ASSIGN_OR_RETURN(auto r, repo::find_proposal(tx, id));
      const bool yes = x["verdict"] == "selected";
      r->status = yes ? "selected" : "rejected";
      r->decision_reason = nlohmann::json{{"code", x["verdict"]}, {"ko", x["reason_ko"]}, {"en", x["reason_en"]}}.dump();
      r->updated_at = now;
      DONGNE_TRY(repo::update_proposal(tx, *r));
      if (!yes) continue;
      ProjectRecord pr;
      pr.proposal_id = r->id;
      pr.call_id = c->id;
      pr.district_id = r->district_id;
      pr.year = c->year;
      pr.name = r->title;
      pr.target_group = r->target_groups.empty() ? "general" : r->target_groups.front();
      pr.implementing_org = r->implementing_org;
      pr.output_kind = r->output_kind;
      pr.budget_won = r->budget_won();
      pr.city_share_won = r->city_share_won;
      pr.district_share_won = r->district_share_won;
      pr.planned_jobs = r->planned_jobs;
      pr.monthly_targets = r->monthly_targets;
      pr.start_date = {c->year, 1, 1};
      pr.end_date = {c->year, 12, 31};
      pr.demo = r->demo;
      pr.entered_late = c->entered_late;
      DONGNE_ASSIGN_OR_RETURN(pr.id, repo::insert_project(tx, pr, now));
      selected.push_back(pr.id);
      DONGNE_TRY(tx.append_event({"programmes.project_created", "programme_project", std::to_string(pr.id),
                                  ids_payload({{"project_id", pr.id}, {"proposal_id", r->id}, {"district_id", r->district_id}}).dump(),
                                  p.user_id}));
    }
    for (auto& r : all_returned) {
      r.status = "rejected";
      r.decision_reason = nlohmann::json{{"code", "not_resubmitted"}, {"ko", "보완 요청 후 다시 제출되지 않았습니다"},
                                         {"en", "sent back for revision and not submitted again"}}.dump();
      r.updated_at = now;
      DONGNE_TRY(repo::update_proposal(tx, r));
    }
    out["published_at"] = format_rfc3339(now);
    DONGNE_TRY(repo::publish_call(tx, call_id, out.dump(), now));
    return to_status(tx.append_event({"programmes.selection_published", "programme_call", std::to_string(call_id),
                                      nlohmann::json{{"call_id", call_id}, {"projects", selected}}.dump(), p.user_id}));
  }));
  out["published"] = true;
  return out;
}

Result<nlohmann::json> ProgrammeService::published_results(int64_t call_id) {
  DONGNE_ASSIGN_OR_RETURN(CallRecord c, call(call_id));
  if (c.status != "published") {
    return Error::conflict("아직 결과가 발표되지 않았습니다", "the results are not published yet", "not_published");
  }
  auto j = nlohmann::json::parse(c.selection_json);
  j["published"] = true;
  return j;
}

}  // namespace dongne::programmes
