// The KPI projection: turns stored events into KPI facts (kpi.h) and keeps them in the kpi_* tables, so the
// dashboards read figures that are never typed in. Programmes' own events (programmes.participant_*,
// programmes.output_recorded, programmes.spending_recorded) are applied in the transaction that appends them, so
// an enrolment shows on the dashboard at once; another pillar's events (booking.confirmed, jobs.hired,
// dispatch.ride_completed, ...) count when a project links them (programme_links) and are applied by catch_up(),
// which re-reads a window behind its cursor (PostgreSQL may make a smaller event id visible late) and relies on
// each fact being keyed by its event, so applying one twice changes nothing. recompute() rebuilds every table
// from the whole event log; fold() computes the same figures in memory with the pure engine, for comparison.
// Thread-safety: stateless functions over a caller's Tx (catch_up opens its own transactions).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "programmes/kpi.h"
#include "store/database.h"
#include "store/outbox.h"

namespace dongne::programmes {

struct Link {
  int64_t project_id = 0;
  std::string event_type;   // e.g. "booking.confirmed"
  std::string match_key;    // a payload field, e.g. "resource_id"
  std::string match_value;  // its value as text, e.g. "12"
  std::string fact;         // "output" or "job"
  std::string output_kind;  // for "output": e.g. "class"
};

using Fact = std::variant<std::monostate, Spell, Output, Spend>;

// The fact an event stands for (monostate when it counts for no KPI). Programmes' own event types are read from
// their payloads; any other type only through a matching link.
Fact fact_of(const store::Event& e, const std::vector<Link>& links);

// The event types whose facts are applied by catch_up (every linked foreign type).
bool is_own_event(const std::string& type);

class Projector {
 public:
  // Applies one fact to the kpi_* tables (idempotent per event / spell key).
  static Status apply(store::Tx& tx, const Fact& f, int64_t event_id);
  // Applies one of Programmes' own events just appended in this transaction.
  static Status apply_own(store::Tx& tx, int64_t event_id, const std::string& type, const std::string& payload,
                          EpochMs at);
  // Applies linked events of other pillars appended since the last pass; returns how many facts were applied.
  static Result<int> catch_up(store::Database& db, int batch = 1000);
  // Deletes the projection and rebuilds it from every event.
  static Status recompute(store::Tx& tx);

  // Figures from the kpi_* tables.
  static Result<Figures> figures(store::Tx& tx, LocalDate as_of, const Scope& scope);
  static Result<std::map<std::string, Figures>> breakdown(store::Tx& tx, LocalDate as_of, Dimension by,
                                                          const Scope& scope);
  // The pure engine over every event and every project: what recompute() would give, computed in memory.
  static Result<KpiFold> fold(store::Tx& tx);
  // The pure engine over the kpi_* rows of the projects in scope (by project, district and year): one read of the
  // scope's rows, after which a dashboard's many figures (total, breakdowns, month ends) are computed in memory.
  static Result<KpiFold> fold_of_scope(store::Tx& tx, const Scope& scope);

  static Result<std::vector<Link>> links(store::Tx& tx);
  static Result<std::vector<ProjectInfo>> projects(store::Tx& tx);
};

}  // namespace dongne::programmes
