// The Programmes route table (/api/v1/programmes/*): calls (public), proposals and attachments (district
// officers), reviewers, conflicts, scores, selection and publication (the city), projects, participants
// (personal data, logged), outputs, spending, links to other pillars' events, KPIs (public counts, as of any date,
// with CSV/XLSX export) and monthly reports. Handlers only translate HTTP <-> ProgrammeService.
// Thread-safety: handlers are stateless; safe to call concurrently.
#pragma once

#include <nlohmann/json.hpp>

#include "core/privacy.h"
#include "http/router.h"
#include "programmes/service.h"

namespace dongne::programmes {

void add_routes(http::Router& router, ProgrammeService& service);

// Internal to the route files: request readers and JSON writers.
namespace io {
Result<CallRecord> call_input(const nlohmann::json& body);
Result<ProposalRecord> proposal_input(const nlohmann::json& body);
Result<ParticipantRecord> participant_input(const nlohmann::json& body, bool create);
nlohmann::json call_json(const CallRecord& c);
nlohmann::json proposal_json(const ProposalRecord& p);
nlohmann::json project_json(const ProjectRecord& p);
nlohmann::json participant_json(const ParticipantRecord& p);
nlohmann::json figures_json(const Figures& f);
nlohmann::json dashboard_json(const Dashboard& d);
nlohmann::json report_json(const ReportRecord& r);
// A query parameter that must be a positive id / a year / a date, if given.
Result<std::optional<int64_t>> opt_id_query(const http::Context& ctx, const char* name);
Result<std::optional<int>> opt_year_query(const http::Context& ctx);
Result<LocalDate> as_of_query(const http::Context& ctx, LocalDate fallback);
using dongne::looks_like_rrn;  // core/privacy.h
void add_project_routes(http::Router& router, ProgrammeService& service);
}  // namespace io

}  // namespace dongne::programmes
