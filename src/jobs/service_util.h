// Internal to the Jobs service files: errors, events and small checks they share.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/calendar.h"
#include "core/privacy.h"
#include "core/roles.h"
#include "jobs/repo.h"
#include "store/database.h"

namespace dongne::jobs::detail {

inline Error no_case() { return Error::not_found("사례를 찾을 수 없습니다", "no such case"); }
inline Error no_seeker() { return Error::not_found("구직자를 찾을 수 없습니다", "no such seeker"); }
inline Error no_vacancy() { return Error::not_found("채용 공고를 찾을 수 없습니다", "no such vacancy"); }
inline Error not_centre() {
  return Error::forbidden("이 새일센터의 상담사만 할 수 있습니다", "only this centre's counsellors may do this");
}
inline Error not_employer() { return Error::forbidden("이 기업의 담당자만 할 수 있습니다", "only this employer may do this"); }

// Appends a jobs.* event in the caller's transaction (payloads carry ids, never names or contact data).
inline Status emit(store::Tx& tx, const std::string& type, const std::string& aggregate, int64_t id,
                   const nlohmann::json& payload, int64_t actor, EpochMs now) {
  return to_status(tx.append_event({type, aggregate, std::to_string(id), payload.dump(), actor, now}));
}

// Moves a case (validated by the caller) and records the transition and its event.
inline Status move_case(store::Tx& tx, const CaseRecord& c, const std::string& to, LocalDate on, const std::string& reason,
                        int64_t actor, EpochMs now) {
  DONGNE_TRY(repo::set_state(tx, c.id, to, to == "closed" ? std::optional<LocalDate>(on) : std::nullopt, now));
  DONGNE_TRY(repo::insert_transition(tx, c.id, TransitionRecord{0, c.state, to, on, reason, actor, now}));
  return emit(tx, "jobs.case_moved", "jobs_case", c.id,
              {{"case_id", c.id}, {"seeker_id", c.seeker_id}, {"centre_id", c.centre_id}, {"from", c.state}, {"to", to},
               {"on", format_date(on)}},
              actor, now);
}


}  // namespace dongne::jobs::detail
