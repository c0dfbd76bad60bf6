// SQL for home visits: services, workers, places, requests, absences and planned visits. Every function runs inside
// the caller's transaction. Thread-safety: as the Tx.
#pragma once

#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/result.h"
#include "dispatch/visits/records.h"
#include "store/database.h"

namespace dongne::dispatch::visits::repo {

Result<int64_t> upsert_service(store::Tx& tx, const ServiceRecord& s);
Result<std::vector<ServiceRecord>> services(store::Tx& tx);
Result<std::optional<ServiceRecord>> service(store::Tx& tx, int64_t id);

Result<int64_t> upsert_worker(store::Tx& tx, const WorkerRecord& w);  // by (service, name)
Result<std::vector<WorkerRecord>> workers(store::Tx& tx, int64_t service_id);
Result<std::optional<WorkerRecord>> worker(store::Tx& tx, int64_t id);
Result<std::vector<WorkerRecord>> workers_of_user(store::Tx& tx, int64_t user_id);

Result<int64_t> upsert_client(store::Tx& tx, const ClientRecord& c);  // by (service, name, address)
Result<std::optional<ClientRecord>> client(store::Tx& tx, int64_t id);
Result<std::vector<ClientRecord>> clients(store::Tx& tx, int64_t service_id);
Result<std::vector<ClientRecord>> clients_of_user(store::Tx& tx, int64_t user_id);

Result<int64_t> insert_request(store::Tx& tx, const RequestRecord& r);
Result<std::vector<RequestRecord>> requests(store::Tx& tx, int64_t service_id);
Result<std::optional<RequestRecord>> request(store::Tx& tx, int64_t id);
Status set_request_status(store::Tx& tx, int64_t id, const std::string& status);

Result<std::vector<Absence>> absences(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to);
Status add_absence(store::Tx& tx, const Absence& a);

Result<std::vector<VisitRecord>> visits(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to);
Result<std::vector<VisitRecord>> visits_of_worker(store::Tx& tx, int64_t worker_id, LocalDate day);
Result<std::vector<VisitRecord>> visits_of_client(store::Tx& tx, int64_t client_id, LocalDate from);
Result<std::optional<VisitRecord>> visit(store::Tx& tx, int64_t id);
// Replaces the planned and unserved visits of [from, to] by `plan` (done and not-home visits stay).
Status replace_plan(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to, const std::vector<VisitRecord>& plan);
// Each place's worker of its latest planned or made visit before `before`.
Result<std::map<int64_t, int64_t>> previous_workers(store::Tx& tx, int64_t service_id, LocalDate before);
// (place, day) of visits already done or reported in [from, to].
Result<std::vector<std::pair<int64_t, LocalDate>>> settled(store::Tx& tx, int64_t service_id, LocalDate from, LocalDate to);
Status report_visit(store::Tx& tx, int64_t id, const std::string& status, std::optional<int> minutes, EpochMs at);

// One planner per service at a time (PostgreSQL: an advisory lock for the transaction; SQLite has one writer).
Status lock_service(store::Tx& tx, int64_t service_id);

}  // namespace dongne::dispatch::visits::repo
