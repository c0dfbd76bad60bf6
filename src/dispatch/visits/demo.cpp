#include "dispatch/visits/demo.h"

#include <map>

#include <nlohmann/json.hpp>

#include "booking/repo.h"
#include "dispatch/rules.h"
#include "dispatch/visits/repo.h"

namespace dongne::dispatch::visits {

namespace {

int minutes(const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2)); }

LonLat point(const nlohmann::json& a) { return {a[0].get<double>(), a[1].get<double>()}; }

// The birth month of a child `months` old today.
YearMonth born(LocalDate today, int months) {
  int m = today.year * 12 + (today.month - 1) - months;
  return {m / 12, m % 12 + 1};
}

Result<int64_t> household_for(store::Tx& tx, const nlohmann::json& f, std::optional<int64_t> user, const ServiceRecord& s,
                              LocalDate today) {
  std::optional<int64_t> existing;
  if (user) {
    DONGNE_ASSIGN_OR_RETURN(existing, booking::repo::household_of_user(tx, *user));
  } else {
    DONGNE_ASSIGN_OR_RETURN(auto clients, repo::clients(tx, s.id));
    for (const auto& c : clients)
      if (c.name == f["name"].get<std::string>() && c.household_id) existing = c.household_id;
  }
  if (existing) return *existing;
  booking::HouseholdRecord h;
  h.user_id = user;
  h.contact_name = f["name"];
  h.contact_phone = f.value("phone", "");
  h.household.city_code = s.city_code.value_or("incheon");
  h.household.district_code = s.district_codes.empty() ? "" : s.district_codes[0];
  DONGNE_ASSIGN_OR_RETURN(int64_t id, booking::repo::insert_household(tx, h, 0));
  DONGNE_TRY(booking::repo::replace_members(tx, id, {{0, "보호자", false, std::nullopt},
                                                     {0, "아이", true, born(today, f["child_months"].get<int>())}}));
  return id;
}

}  // namespace

Status seed_demo(store::Database& db, VisitService& service, auth::AuthService& auth, directory::Directory& directory,
                 const std::string& share_dir, const std::string& password, std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir + "/demo/visits.json"));
  const auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::internal("data/demo/visits.json is not valid JSON");
  DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
    for (const auto& o : doc["organisations"]) {
      directory::Organisation org;
      org.kind = o["kind"];
      org.code = o["code"];
      org.name_ko = o["name_ko"];
      org.name_en = o["name_en"];
      org.demo = o.value("demo", false);
      DONGNE_TRY(to_status(directory.upsert(tx, org, o["parent"].get<std::string>())));
    }
    return ok_status();
  }));
  std::map<std::string, int64_t> users;
  for (const auto& a : doc["accounts"]) {
    const std::string role_name = a["role"];
    auto role = parse_role(role_name);
    if (!role) return Error::internal("demo visits data names an unknown role");
    Grant g{*role, "", 0, ""};
    if (a.contains("scope")) {
      DONGNE_ASSIGN_OR_RETURN(auto org, directory.by_code(a["scope"].get<std::string>()));
      if (!org) return Error::internal("demo visits data names an unknown organisation");
      g = Grant{*role, org->kind, org->id, org->name_ko};
    }
    std::optional<std::string> district;
    if (a.contains("district")) district = a["district"].get<std::string>();
    DONGNE_ASSIGN_OR_RETURN(auto user, auth.ensure_account(a["name"], a["email"], password,
                                                           *role == Role::kResident ? "resident" : "staff", {g}, district));
    users[a["email"].get<std::string>()] = user.id;
    out << "  " << role_name << std::string(role_name.size() < 18 ? 18 - role_name.size() : 1, ' ') << a["email"].get<std::string>() << "\n";
  }
  const LocalDate today = service.today();
  int workers = 0, places = 0, requests = 0;
  for (const auto& sj : doc["services"]) {
    DONGNE_ASSIGN_OR_RETURN(auto org, directory.by_code(sj["operator"].get<std::string>()));
    if (!org) return Error::internal("demo visits data names an unknown operator");
    ServiceRecord s;
    s.code = sj["code"];
    s.operator_id = org->id;
    s.kind = sj["kind"];
    s.clients = parse_client_kind(sj["clients"].get<std::string>()).value_or(ClientKind::kFamily);
    s.name_ko = sj["name_ko"];
    s.name_en = sj["name_en"];
    if (sj.contains("eligibility")) {
      const auto& e = sj["eligibility"];
      if (e.contains("city_code")) s.city_code = e["city_code"].get<std::string>();
      if (e.contains("district_codes")) s.district_codes = e["district_codes"].get<std::vector<std::string>>();
      if (e.contains("max_child_age_months")) s.max_child_age_months = e["max_child_age_months"].get<int>();
    }
    s.default_minutes = sj["default_minutes"];
    s.road_factor = sj["road_factor"];
    s.kmh = sj["kmh"];
    s.skills = sj["skills"].get<std::vector<std::string>>();
    DONGNE_TRY(db.transact([&](store::Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(s.id, repo::upsert_service(tx, s));
      for (const auto& wj : sj["workers"]) {
        WorkerRecord w;
        w.service_id = s.id;
        w.name = wj["name"];
        if (users.count(wj["account"].get<std::string>())) w.user_id = users[wj["account"].get<std::string>()];
        w.skills = wj["skills"].get<std::vector<std::string>>();
        w.home = point(wj["home"]);
        DONGNE_ASSIGN_OR_RETURN(w.days, parse_days(wj["days"].get<std::vector<std::string>>(), "days"));
        w.shift_start_min = minutes(wj["shift"][0]);
        w.shift_end_min = minutes(wj["shift"][1]);
        DONGNE_TRY(to_status(repo::upsert_worker(tx, w)));
        ++workers;
      }
      DONGNE_ASSIGN_OR_RETURN(auto existing, repo::requests(tx, s.id));
      const auto& list = sj.contains("families") ? sj["families"] : sj["places"];
      for (const auto& pj : list) {
        ClientRecord c;
        c.service_id = s.id;
        c.kind = s.clients;
        c.name = pj["name"];
        c.address = pj["address"];
        c.phone = pj["phone"].get<std::string>();
        c.at = point(pj["at"]);
        if (s.clients == ClientKind::kFamily) {
          std::optional<int64_t> user;
          if (pj.contains("account")) user = users.at(pj["account"].get<std::string>());
          DONGNE_ASSIGN_OR_RETURN(c.household_id, household_for(tx, pj, user, s, today));
          c.user_id = user;
        }
        if (!pj.contains("visits")) continue;  // a parent who has not asked yet (the demo's journey)
        DONGNE_ASSIGN_OR_RETURN(c.id, repo::upsert_client(tx, c));
        ++places;
        bool asked = false;
        for (const auto& r : existing) asked = asked || r.client_id == c.id;
        if (asked) continue;
        const auto& vj = pj["visits"];
        RequestRecord r;
        r.service_id = s.id;
        r.client_id = c.id;
        DONGNE_ASSIGN_OR_RETURN(r.days, parse_days(vj["days"].get<std::vector<std::string>>(), "days"));
        r.window_start_min = minutes(vj["from"]);
        r.window_end_min = minutes(vj["to"]);
        r.minutes = vj.value("minutes", s.default_minutes);
        r.skills = vj.value("skills", std::vector<std::string>{});
        r.from_day = week_start(today);
        DONGNE_TRY(to_status(repo::insert_request(tx, r)));
        ++requests;
      }
      return ok_status();
    }));
  }
  DONGNE_TRY(service.plan_ahead());
  out << "Home visits demo: " << doc["services"].size() << " services, " << workers << " workers, " << places << " places, "
      << requests << " new requests, planned through the end of next week (DEMO DATA)\n";
  return ok_status();
}

}  // namespace dongne::dispatch::visits
