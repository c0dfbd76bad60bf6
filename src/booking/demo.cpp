#include "booking/demo.h"

#include "auth/repo.h"
#include "booking/repo.h"
#include "booking/routes.h"
#include "booking/rules_json.h"

namespace dongne::booking {
namespace {

Result<int64_t> facility_id(store::Database& db, const std::string& code) {
  int64_t id = 0;
  DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto rows, tx.query("SELECT id FROM organisations WHERE code = ? AND kind IN ('facility', 'centre')", {code}));
    if (rows.empty()) return Error::internal("demo booking data names an unknown facility " + code);
    id = rows[0].i64(0);
    return ok_status();
  }));
  return id;
}

}  // namespace

Status seed_demo(store::Database& db, BookingService& service, auth::AuthService& auth, const std::string& share_dir,
                 const std::string& password, std::ostream& out) {
  DONGNE_ASSIGN_OR_RETURN(std::string text, read_text_file(share_dir + "/demo/booking.json"));
  auto doc = nlohmann::json::parse(text, nullptr, false);
  if (doc.is_discarded()) return Error::internal("data/demo/booking.json is not valid JSON");

  // A system principal acting as the city's administrator for seeding (recorded as actor 0 in the audit log).
  Principal system;
  system.grants.push_back(Grant{Role::kAdmin, "", 0, ""});

  for (const auto& m : doc["managers"]) {
    DONGNE_ASSIGN_OR_RETURN(int64_t fid, facility_id(db, m["facility"]));
    Grant g{Role::kFacilityManager, "facility", fid, m["facility"].get<std::string>()};
    DONGNE_TRY(auth.ensure_account(m["name"], m["email"], password, "staff", {g}, std::nullopt));
    out << "  facility_manager  " << m["email"].get<std::string>() << "\n";
  }

  int created = 0;
  for (const auto& r : doc["resources"]) {
    bool exists = false;
    DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
      DONGNE_ASSIGN_OR_RETURN(auto found, repo::find_resource_by_code(tx, r["code"]));
      exists = found.has_value();
      return ok_status();
    }));
    if (exists) continue;
    DONGNE_ASSIGN_OR_RETURN(int64_t fid, facility_id(db, r["facility"]));
    nlohmann::json body = r;
    body.erase("facility");
    body["facility_id"] = fid;
    DONGNE_ASSIGN_OR_RETURN(ResourceRecord rec, io::resource_input(body, true));
    rec.demo = true;
    DONGNE_TRY(to_status(service.create_resource(system, std::move(rec))));
    ++created;
  }

  const auto& hh = doc["resident_household"];
  std::optional<int64_t> user_id;
  DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
    DONGNE_ASSIGN_OR_RETURN(auto u, auth::repo::find_user_by_login(tx, hh["email"].get<std::string>()));
    if (u) user_id = u->id;
    return ok_status();
  }));
  if (user_id) {
    Principal resident;
    resident.user_id = *user_id;
    resident.name = "demo resident";
    DONGNE_ASSIGN_OR_RETURN(auto existing, service.my_household(resident));
    if (!existing) {
      DONGNE_ASSIGN_OR_RETURN(HouseholdRecord h, io::household_input(hh, false));
      DONGNE_TRY(db.read([&](store::Tx& tx) -> Status {
        DONGNE_ASSIGN_OR_RETURN(auto u, auth::repo::find_user(tx, *user_id));
        if (u) resident.name = u->name;
        return ok_status();
      }));
      DONGNE_TRY(to_status(service.save_my_household(resident, std::move(h))));
    }
  }
  out << "Booking demo: " << created << " resources added (DEMO DATA, data/demo/booking.json)\n";
  return ok_status();
}

}  // namespace dongne::booking
