// The matching score written as one SQL query on PostgreSQL, for the benchmark's comparison with the engine:
// the same hard filters (schedule per day, languages, KECO 1-digit group, haversine commute) and the same
// weighted factor models as jobs/match/score.h, over a table loaded with COPY. Not used by the service.
#pragma once

#include <libpq-fe.h>

#include <string>
#include <vector>

#include "jobs/match/engine.h"

namespace dongne::jobs::match::bench {

// Creates the table jobs_bench_vacancy and loads the vacancies with COPY; returns "" or an error message.
std::string pg_load(PGconn* conn, const std::vector<Vacancy>& vacancies);
// The top-k query for one seeker (literals inlined; the plan is the same for every seeker).
std::string pg_top_sql(const Seeker& s, int k, const Weights& w, const Params& p);
// Runs it; the ids best first, or an error message in *error.
std::vector<VacancyId> pg_top(PGconn* conn, const std::string& sql, std::string* error);

}  // namespace dongne::jobs::match::bench
