// SQL for Programmes' tables (migrations/0001_programmes.sql). Every function runs inside the caller's
// transaction; no rules here (service.h has them). Thread-safety: stateless functions over a Tx of one thread.
#pragma once

#include <optional>
#include <vector>

#include "programmes/records.h"
#include "store/database.h"
#include "store/owners.h"

namespace dongne::programmes::repo {

Result<int64_t> insert_call(store::Tx& tx, const CallRecord& c, std::optional<int64_t> by);
Result<std::optional<CallRecord>> find_call(store::Tx& tx, int64_t id);
Result<std::vector<CallRecord>> list_calls(store::Tx& tx);
Status publish_call(store::Tx& tx, int64_t id, const std::string& selection_json, EpochMs at);

Result<int64_t> insert_proposal(store::Tx& tx, const ProposalRecord& r, std::optional<int64_t> by);
Status update_proposal(store::Tx& tx, const ProposalRecord& r);
Result<std::optional<ProposalRecord>> find_proposal(store::Tx& tx, int64_t id);
Result<std::vector<ProposalRecord>> proposals_of_call(store::Tx& tx, int64_t call_id);
Result<int64_t> insert_attachment(store::Tx& tx, int64_t proposal_id, const AttachmentMeta& a, const std::string& b64,
                                  std::optional<int64_t> by, EpochMs now);
Result<std::optional<std::pair<AttachmentMeta, int64_t>>> find_attachment(store::Tx& tx, int64_t id);  // + proposal
Result<std::string> attachment_content(store::Tx& tx, int64_t id);

// District of an organisation when it is a district (kind 'district'), with its parent (the city).
struct District {
  int64_t id = 0;
  std::optional<int64_t> city_id;
  std::string name_ko, name_en;
};
Result<std::optional<District>> find_district(store::Tx& tx, int64_t id);

Result<int64_t> insert_project(store::Tx& tx, const ProjectRecord& p, EpochMs now);
Result<std::optional<ProjectRecord>> find_project(store::Tx& tx, int64_t id);
Result<std::vector<ProjectRecord>> list_projects(store::Tx& tx, std::optional<int> year, std::optional<int64_t> district);

Result<int64_t> insert_participant(store::Tx& tx, const ParticipantRecord& r, EpochMs now);
Status update_participant(store::Tx& tx, const ParticipantRecord& r, EpochMs now);
Result<std::optional<ParticipantRecord>> find_participant(store::Tx& tx, int64_t id);
// A live spell of the person in the project overlapping [start, end] (dates 'YYYY-MM-DD'; end "" = open), other
// than except_id (the record being edited), if any.
Result<std::optional<int64_t>> overlapping_spell(store::Tx& tx, int64_t project_id, const std::string& person_key,
                                                 const std::string& start, const std::string& end, int64_t except_id = 0);
// The person key of a participant of the project whose current name and phone are these (spaces, case and the
// phone's punctuation aside): the same person enrolled again keeps her identity after her name was corrected.
Result<std::optional<std::string>> person_key_by_contact(store::Tx& tx, int64_t project_id, const std::string& name,
                                                         const std::string& phone);
Result<std::vector<ParticipantRecord>> participants_of(store::Tx& tx, int64_t project_id);

Result<int64_t> insert_spending(store::Tx& tx, const SpendingRecord& s, std::optional<int64_t> by, EpochMs now);
Result<std::vector<SpendingRecord>> spending_of(store::Tx& tx, int64_t project_id);

Result<std::optional<ReportRecord>> find_report(store::Tx& tx, int64_t id);
Result<std::optional<ReportRecord>> report_of(store::Tx& tx, int64_t project_id, const std::string& month);
Result<int64_t> upsert_report(store::Tx& tx, const ReportRecord& r, int64_t by);
Status review_report(store::Tx& tx, int64_t id, const std::string& status, const std::string& note, int64_t by,
                     EpochMs at);
Result<std::vector<ReportRecord>> reports_of_year(store::Tx& tx, int year);

}  // namespace dongne::programmes::repo

namespace dongne::programmes::repo {
// What a city or district still has open (directory's retire check): open calls, projects not yet ended.
Result<std::optional<std::pair<std::string, std::string>>> open_records_of(store::Tx& tx, int64_t org, const std::string& today);
// Who owns each kind of record this pillar's routes act on (store/owners.h; the routes name the kinds).
std::vector<store::OwnerQuery> owner_queries();
}  // namespace dongne::programmes::repo
