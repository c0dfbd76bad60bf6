// A shuttle area as a GTFS-Flex feed (GTFS Schedule with the Flex v2 files): the virtual stops as stops.txt and one
// location group, the operating days as calendar.txt, one demand-responsive route with one trip whose two
// stop_times rows say "picked up at any stop of the group, dropped off at any other, between opening and closing",
// and the booking rule (booked in advance by app or phone: at least lead_min, at most horizon_days before). So that
// trip planners (OpenTripPlanner, Google Maps) can show the service. Pure: no I/O.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/calendar.h"
#include "dispatch/records.h"

namespace dongne::dispatch {

struct FeedInfo {
  std::string agency_name;   // the operating organisation
  std::string agency_url;    // the public site's address, e.g. https://dongne.example.kr
  std::string booking_url;   // where riders book, e.g. https://dongne.example.kr/dispatch
  LocalDate from;            // the calendar's validity
  LocalDate until;
  std::string version;       // e.g. the export's date
};

// The feed's files in the order they are written: (name, contents). CSV files are UTF-8 without BOM, CRLF-free,
// quoted where needed (RFC 4180).
std::vector<std::pair<std::string, std::string>> gtfs_flex_files(const AreaRecord& area, const FeedInfo& info);

}  // namespace dongne::dispatch
