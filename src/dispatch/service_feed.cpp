// The shuttle's stops and booking rules published as GTFS-Flex (dispatch/gtfs_flex.h), zipped.
#include "core/zip.h"
#include "dispatch/gtfs_flex.h"
#include "dispatch/repo.h"
#include "dispatch/service.h"

namespace dongne::dispatch {

Result<std::string> ShuttleService::gtfs_flex(int64_t area_id, const std::string& site) {
  std::optional<AreaRecord> area;
  FeedInfo info;
  DONGNE_TRY(db_.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(area, repo::area(tx, area_id));
    if (area) {
      DONGNE_ASSIGN_OR_RETURN(info.agency_name, repo::organisation_name(tx, area->operator_id));
    }
    return ok_status();
  }));
  if (!area) return Error::not_found("운행 구역이 없습니다", "no such service area");
  if (area->kind != "shuttle")
    return Error::field("id", "not_a_shuttle", "GTFS-Flex는 수요응답형 셔틀 구역만 냅니다", "GTFS-Flex is published for shuttle areas only");
  if (info.agency_name.empty()) info.agency_name = area->name_ko;
  info.agency_url = site;
  info.booking_url = site + "/dispatch";
  info.from = today();
  info.until = add_days(info.from, 365);
  info.version = format_date(info.from);
  return zip_files(gtfs_flex_files(*area, info));
}

}  // namespace dongne::dispatch
