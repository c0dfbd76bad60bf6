// The demo city: organisations from data/demo/city.json, KECO occupation codes, and one account per role with a
// demo password (DONGNE_DEMO_PASSWORD, or a random one kept in <data dir>/demo-password.txt). Idempotent.
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "auth/passwords.h"
#include "booking/demo.h"
#include "dispatch/demo.h"
#include "dispatch/visits/demo.h"
#include "jobs/demo.h"
#include "programmes/demo.h"

namespace dongne::app {

namespace {

Result<nlohmann::json> read_json(const std::string& path) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(path));
  auto j = nlohmann::json::parse(text, nullptr, false);
  if (j.is_discarded()) return Error::internal(path + " is not valid JSON");
  return j;
}

Result<std::string> demo_password(const Config& cfg) {
  if (cfg.demo_password) return *cfg.demo_password;
  std::string path = cfg.data_dir + "/demo-password.txt";
  if (auto existing = read_text_file(path); existing.ok() && !existing.value().empty()) {
    std::string p = existing.value();
    while (!p.empty() && (p.back() == '\n' || p.back() == '\r')) p.pop_back();
    return p;
  }
  std::string p = auth::random_password(16);
  std::ofstream out(path, std::ios::trunc);
  if (!out) return Error::internal("cannot write " + path);
  out << p << "\n";
  out.close();
  ::chmod(path.c_str(), 0600);
  return p;
}

}  // namespace

Status App::seed_demo(std::ostream& out) {
  // Thousands of small transactions that nobody hears about until the server is ready: one flush at the end.
  store::BulkLoad bulk(*db_);
  DONGNE_TRY(seed_demo_records(out));
  return bulk.finish();
}

Status App::seed_demo_records(std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(nlohmann::json city, read_json(cfg_.share_dir + "/demo/city.json"));
  DONGNE_ASSIGN_OR_RETURN(nlohmann::json keco, read_json(cfg_.share_dir + "/reference/keco-2018.json"));
  DONGNE_TRY(db_->transact([&](store::Tx& tx) -> Status {
    for (const auto& o : city["organisations"]) {
      directory::Organisation org;
      org.kind = o.at("kind").get<std::string>();
      org.code = o.at("code").get<std::string>();
      org.name_ko = o.at("name_ko").get<std::string>();
      org.name_en = o.at("name_en").get<std::string>();
      org.demo = o.value("demo", false);
      std::optional<std::string> parent;
      if (o.contains("parent")) parent = o["parent"].get<std::string>();
      DONGNE_TRY(directory_->upsert(tx, org, parent));
    }
    for (const auto& k : keco["items"]) {
      std::optional<std::string> parent;
      if (!k["parent_code"].is_null()) parent = k["parent_code"].get<std::string>();
      DONGNE_TRY(directory_->upsert_occupation(tx, k["code"], k["name_ko"], k["name_en"], parent));
    }
    return ok_status();
  }));

  DONGNE_ASSIGN_OR_RETURN(std::string password, demo_password(cfg_));
  out << "Demo accounts (password for all: " << password << ")\n";
  for (const auto& a : city["accounts"]) {
    std::string role = a.at("role").get<std::string>();
    auto parsed = parse_role(role);
    if (!parsed) return Error::internal("demo city names an unknown role " + role);
    Grant g{*parsed, "", 0, ""};
    std::optional<std::string> district;
    if (a.contains("scope")) {
      DONGNE_ASSIGN_OR_RETURN(auto org, directory_->by_code(a["scope"].get<std::string>()));
      if (!org) return Error::internal("demo city names an unknown scope " + a["scope"].get<std::string>());
      g.scope_kind = org->kind;
      g.scope_id = org->id;
      g.scope_name = org->name_ko;
    }
    if (a.contains("district")) district = a["district"].get<std::string>();
    std::vector<Grant> grants = {g};
    std::string email = role + "@demo.dongne.kr";
    DONGNE_TRY(auth_->ensure_account(a.at("name").get<std::string>(), email, password,
                                     role == "resident" ? "resident" : "staff", grants, district));
    out << "  " << role << std::string(role.size() < 18 ? 18 - role.size() : 1, ' ') << email << "\n";
  }
  DONGNE_TRY(booking::seed_demo(*db_, *booking_, *auth_, cfg_.share_dir, password, out));
  DONGNE_TRY(programmes::seed_demo(*programmes_, *auth_, *directory_, cfg_.share_dir, password, out));
  DONGNE_TRY(jobs::seed_demo(*db_, jobs_reference_, *auth_, *directory_, cfg_.share_dir, password, clock_.now_ms(), out));
  DONGNE_TRY(dispatch::seed_demo(*db_, *auth_, *directory_, cfg_.share_dir, password, clock_.now_ms(), out));
  DONGNE_TRY(dispatch::visits::seed_demo(*db_, *visits_, *auth_, *directory_, cfg_.share_dir, password, out));
  DONGNE_TRY(link_demo_dispatch(out));
  return link_demo_visits(out);
}

// The city counts the dispatch services' work as outputs of the district projects that run them: the Geomdan
// shuttle's completed rides (Seo-gu's Moving Call) and free-lug's completed deliveries (Gyeyang). Each is a
// Programmes link to the area's dispatch events: the pillars meet through the event log, never a call.
Status App::link_demo_dispatch(std::ostream& out) {
  struct Link {
    const char* area;
    const char* project;
    const char* event;
    const char* kind;
  };
  static constexpr Link kLinks[] = {{"geomdan", "검단일반산업단지 무빙콜", "dispatch.ride_completed", "ride"},
                                    {"free-lug", "프리러그 (free-lug) 당일 짐 배송", "dispatch.delivery_completed", "delivery"}};
  DONGNE_ASSIGN_OR_RETURN(auto areas, shuttle_->areas());
  DONGNE_ASSIGN_OR_RETURN(auto projects, programmes_->projects(std::nullopt, std::nullopt));
  Principal city;
  city.name = "demo seed";
  city.grants = {Grant{Role::kAdmin, "", 0, ""}};
  for (const Link& l : kLinks) {
    const dispatch::AreaRecord* area = nullptr;
    for (const auto& a : areas)
      if (a.code == l.area) area = &a;
    const programmes::ProjectRecord* project = nullptr;
    for (const auto& p : projects)
      if (p.name == l.project) project = &p;
    if (!area || !project) continue;
    Status st = programmes_->add_link(city, project->id, l.event, "area_id", std::to_string(area->id), "output", l.kind);
    if (!st.ok() && st.error().reason != "linked") return st;
    out << "Programmes: " << area->name_en << ": each " << l.event << " counts as an output of project " << project->id << "\n";
  }
  return ok_status();
}

// The home-visit services' completed visits count as outputs of their districts' projects (Bupyeong's coaching
// visits, Gyeyang's classes, Michuhol's meal-service days): a link to dispatch.visit_completed by operator_id.
Status App::link_demo_visits(std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(nlohmann::json doc, read_json(cfg_.share_dir + "/demo/visits.json"));
  DONGNE_ASSIGN_OR_RETURN(auto services, visits_->services());
  DONGNE_ASSIGN_OR_RETURN(auto projects, programmes_->projects(std::nullopt, std::nullopt));
  Principal city;
  city.name = "demo seed";
  city.grants = {Grant{Role::kAdmin, "", 0, ""}};
  for (const auto& sj : doc["services"]) {
    const dispatch::visits::ServiceRecord* service = nullptr;
    for (const auto& s : services)
      if (s.code == sj["code"].get<std::string>()) service = &s;
    const programmes::ProjectRecord* project = nullptr;
    for (const auto& p : projects)
      if (p.name == sj["project"].get<std::string>()) project = &p;
    if (!service || !project) continue;
    Status st = programmes_->add_link(city, project->id, "dispatch.visit_completed", "operator_id",
                                      std::to_string(service->operator_id), "output", sj["output_kind"].get<std::string>());
    if (!st.ok() && st.error().reason != "linked") return st;
    out << "Programmes: " << service->name_en << "'s completed visits count as outputs of project " << project->id << "\n";
  }
  return ok_status();
}

}  // namespace dongne::app
