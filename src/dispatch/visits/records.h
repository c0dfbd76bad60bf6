// Home-visit services' stored records (docs/dispatch-services.md, "Home visits"): a service run by an operator
// (Bupyeong's parenting coaches, Gyeyang's multicultural instructors, Michuhol's daycare cooks), its workers with
// skills or languages and a weekly shift, the places visited (a family, a school, a daycare), standing requests
// (weekdays, hours, duration, required skills) and the planned visits with what happened. Times of day are
// minutes (requests, shifts) or seconds (planned visits) since Seoul midnight; instants are epoch ms.
// Thread-safety: plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/calendar.h"
#include "dispatch/records.h"

namespace dongne::dispatch::visits {

// What a service's places are: families (eligibility by Booking's rules), schools or daycares.
enum class ClientKind { kFamily, kSchool, kDaycare };
const char* client_kind_name(ClientKind k);
std::optional<ClientKind> parse_client_kind(const std::string& s);

struct ServiceRecord {
  int64_t id = 0;
  std::string code;
  int64_t operator_id = 0;      // the operating organisation (directory)
  std::string kind;             // coaching, instruction, cooking: the visit_completed event's `kind`
  ClientKind clients = ClientKind::kFamily;
  std::string name_ko;
  std::string name_en;
  // Families only: Booking's eligibility on each visit's day (a child's age in months, residency).
  std::optional<std::string> city_code;
  std::vector<std::string> district_codes;
  std::optional<int> max_child_age_months;
  int default_minutes = 60;     // a visit's length when a request does not say
  int horizon_days = 14;        // requests are planned this far ahead
  double road_factor = 1.3;     // great-circle metres x this
  double kmh = 25;              // travel speed
  std::vector<std::string> skills;  // the skills and languages a request may ask for
};

struct WorkerRecord {
  int64_t id = 0;
  int64_t service_id = 0;
  std::optional<int64_t> user_id;  // the worker's account (role driver, the field-worker role)
  std::string name;
  std::vector<std::string> skills;  // languages ("vi", "zh") and skills ("infant", "allergy")
  LonLat home;                      // where the day starts and ends
  uint8_t days = 0x1f;              // bit 0 Monday
  int shift_start_min = 540;
  int shift_end_min = 1080;
  bool active = true;
};

// A family, a school or a daycare. Personal data (families): name, address, phone.
struct ClientRecord {
  int64_t id = 0;
  int64_t service_id = 0;
  ClientKind kind = ClientKind::kFamily;
  std::string name;
  std::string address;
  std::optional<std::string> phone;
  LonLat at;
  std::optional<int64_t> household_id;  // families: the booking household whose children decide eligibility
  std::optional<int64_t> user_id;       // the resident who asked (families)
};

// A standing request: a visit on each of `days` between from_day and until_day, starting and ending within
// [window_start_min, window_end_min], lasting `minutes`, by a worker with every skill in `skills`.
struct RequestRecord {
  int64_t id = 0;
  int64_t service_id = 0;
  int64_t client_id = 0;
  uint8_t days = 0;
  int window_start_min = 540;
  int window_end_min = 1080;
  int minutes = 60;
  std::vector<std::string> skills;
  LocalDate from_day;
  std::optional<LocalDate> until_day;
  std::string status = "active";  // active, cancelled
  std::string note;
  std::optional<int64_t> created_by;
  EpochMs created_at = 0;
};

// A worker away on a day (leave, sickness): no visits that day.
struct Absence {
  int64_t worker_id = 0;
  LocalDate day;
};

// One visit of a request on a day: planned (a worker and a time), unserved (with the reason), or what happened.
struct VisitRecord {
  int64_t id = 0;
  int64_t service_id = 0;
  int64_t request_id = 0;
  int64_t client_id = 0;
  LocalDate day;
  std::string status = "planned";  // planned, unserved, done, not_home
  std::optional<int64_t> worker_id;
  int start_s = 0;                 // planned start of the visit
  int end_s = 0;
  int seq = 0;                     // order in the worker's day
  bool kept_worker = false;        // continuity: the same worker as this place's previous visit
  bool had_previous = false;       // the place had a previous worker to keep
  std::string reason;              // unserved: a code (not_eligible, no_skill, no_worker_time, no_worker)
  std::string reason_ko;
  std::string reason_en;
  std::optional<int> minutes;      // done: as reported
  std::optional<EpochMs> reported_at;
};

}  // namespace dongne::dispatch::visits
