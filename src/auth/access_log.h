// The access log (개인정보 보호법): one row for every read of personal data in any pillar, allowed or refused. Every
// reader writes through log_read(), in the transaction of the read itself, so a read that happened is a read that
// was logged. Personal data here: an account, a seeker's record or matching profile, counselling notes, a
// participant's phone, a rider's, luggage customer's or visited family's contact, a household roster.
// Admins query it by subject, reader, kind and date; a resident reads who read her own records (PIPA's right of
// access). Thread-safety: plain functions over a transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "core/result.h"
#include "store/database.h"

namespace dongne::auth {

struct AccessRead {
  int64_t reader = 0;        // the account that read (0: anonymous)
  int64_t subject_user = 0;  // the person's account, when the record belongs to one (0: none, or not known)
  std::string kind;          // account, seeker, seeker_profile, case_notes, participant, rider, luggage_customer,
                             // visit_client, household, access_log
  std::string record;        // the record's id ("" for a list)
  std::string route;         // "GET /api/v1/jobs/seekers/{id}"
  std::string reason;        // as the reader gave it, where the route asks for one
  bool allowed = true;
  EpochMs at = 0;
};

Status log_read(store::Tx& tx, const AccessRead& read);

struct AccessEntry {
  int64_t id = 0;
  AccessRead read;
  std::string reader_name;
};

struct AccessFilter {
  std::optional<int64_t> subject_user, reader;
  std::optional<std::string> kind;
  std::optional<EpochMs> from, to;  // [from, to)
  int64_t before_id = INT64_MAX;    // cursor: entries older than this id
  int limit = 50;
};

// Newest first.
Result<std::vector<AccessEntry>> access_entries(store::Tx& tx, const AccessFilter& f);

}  // namespace dongne::auth
