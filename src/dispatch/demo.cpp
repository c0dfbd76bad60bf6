#include "dispatch/demo.h"

#include <nlohmann/json.hpp>

#include "dispatch/repo.h"
#include "dispatch/rules.h"

namespace dongne::dispatch {

namespace {
int minutes(const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2)); }
}  // namespace

Status seed_demo(store::Database& db, auth::AuthService& auth, directory::Directory& directory, const std::string& share_dir,
                 const std::string& password, EpochMs now, std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir + "/demo/dispatch.json"));
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::internal("data/demo/dispatch.json is not valid JSON");
  std::map<std::string, int64_t> users;
  for (const auto& a : doc["accounts"]) {
    DONGNE_ASSIGN_OR_RETURN(auto org, directory.by_code(a["scope"].get<std::string>()));
    if (!org) return Error::internal("demo dispatch data names an unknown organisation");
    auto role = parse_role(a["role"].get<std::string>());
    if (!role) return Error::internal("demo dispatch data names an unknown role");
    Grant g{*role, org->kind, org->id, org->name_ko};
    DONGNE_ASSIGN_OR_RETURN(auto user, auth.ensure_account(a["name"], a["email"], password, "staff", {g}, std::nullopt));
    users[a["email"].get<std::string>()] = user.id;
    out << "  " << a["role"].get<std::string>() << std::string(18 - a["role"].get<std::string>().size(), ' ')
        << a["email"].get<std::string>() << "\n";
  }
  int stops = 0, vehicles = 0;
  std::string names;
  for (const auto& a : doc["areas"]) {
    DONGNE_ASSIGN_OR_RETURN(auto org, directory.by_code(a["operator"].get<std::string>()));
    if (!org) return Error::internal("demo dispatch data names an unknown operator");
    AreaRecord area;
    area.code = a["code"];
    area.kind = a.value("kind", std::string("shuttle"));
    area.operator_id = org->id;
    area.name_ko = a["name_ko"];
    area.name_en = a["name_en"];
    DONGNE_ASSIGN_OR_RETURN(area.rules, rules_from_json(a["rules"]));
    names += (names.empty() ? "" : ", ") + area.name_en;
    DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(area.id, repo::upsert_area(tx, area, now));
      std::map<std::string, int64_t> stop_ids;
      for (const auto& s : a["stops"]) {
        StopRecord st{0, area.id, s["code"], s["name_ko"], s["name_en"], {s["lon"].get<double>(), s["lat"].get<double>()}};
        if (!inside(area.rules.boundary, st.at)) return Error::internal("demo stop " + st.code + " is outside its area");
        DONGNE_ASSIGN_OR_RETURN(stop_ids[st.code], repo::upsert_stop(tx, st));
        ++stops;
      }
      for (const auto& v : a["vehicles"]) {
        VehicleRecord veh;
        veh.area_id = area.id;
        veh.label = v["label"];
        veh.seats = v["seats"];
        veh.wheelchair_places = v.value("wheelchair_places", 0);
        veh.depot_stop_id = stop_ids.at(v["depot"].get<std::string>());
        if (v.contains("driver") && users.count(v["driver"].get<std::string>())) veh.driver_user_id = users[v["driver"].get<std::string>()];
        veh.shift_start_min = minutes(v["shift"][0]);
        veh.shift_end_min = minutes(v["shift"][1]);
        DONGNE_ASSIGN_OR_RETURN(veh.days, parse_days(v["days"].get<std::vector<std::string>>(), "days"));
        DONGNE_TRY(to_status(repo::upsert_vehicle(tx, veh)));
        ++vehicles;
      }
      return ok_status();
    }));
  }
  out << "Dispatch demo: " << names << ": " << stops << " stops, " << vehicles << " vehicles (DEMO DATA)\n";
  return ok_status();
}

}  // namespace dongne::dispatch
