#include "jobs/location.h"

#include <gtest/gtest.h>

#include <cmath>

#include "jobs/match/engine.h"
#include "jobs/profile.h"

namespace dongne::jobs {
namespace {

const Reference& ref() {
  static const Reference r = load_reference(std::string(DONGNE_SOURCE_DIR) + "/data").value();
  return r;
}

std::string code_of(const std::string& address) {
  const Place* p = place_of_address(address, ref());
  return p ? p->code : "";
}

TEST(PlaceOfAddress, FindsTheMostSpecificPlaceItNames) {
  EXPECT_EQ(code_of("경상남도 진주시 동진로 55 (상대동)"), "jinju-sangdae");
  EXPECT_EQ(code_of("진주시 상대1동 123-4"), "jinju-sangdae");  // a numbered part of a merged 동
  EXPECT_EQ(code_of("경남 진주시 문산읍 월아산로 1001"), "jinju-munsan");
  EXPECT_EQ(code_of("인천 연수구 컨벤시아대로 165"), "incheon-yeonsu");
  EXPECT_EQ(code_of("인천광역시 남동구 정각로 29"), "incheon-namdong");
  EXPECT_EQ(code_of("Sangdae-dong, Jinju"), "jinju-sangdae");
  EXPECT_EQ(code_of("상대동 12"), "jinju-sangdae");  // the only 상대동 we know, no city named
  EXPECT_EQ(code_of("진주시 (데모 주소)"), "jinju");  // only the city
  EXPECT_EQ(code_of("서울 중구 세종대로 110"), "seoul");  // 중구 of Seoul is not Incheon's 중구
  EXPECT_EQ(code_of("광주 동구 ..."), "");                 // 광주 is two cities; 동구 then is ambiguous too
  EXPECT_EQ(code_of("어딘가 123"), "");
  EXPECT_EQ(code_of(""), "");
}

nlohmann::json check(const nlohmann::json& in, std::vector<FieldError>& errs) {
  return check_location(in, ref(), {errs, "home."});
}

TEST(CheckLocation, CoordinatesComeFirstAndTheAreaIsStillNamed) {
  std::vector<FieldError> errs;
  auto out = check({{"lat", 35.1601}, {"lon", 128.1203}, {"address", "진주시 상대동"}}, errs);
  ASSERT_TRUE(errs.empty());
  EXPECT_EQ(out["located"], "coordinates");
  EXPECT_DOUBLE_EQ(out["lat"].get<double>(), 35.1601);
  EXPECT_EQ(out["area"], "jinju-sangdae");
  EXPECT_EQ(out["place_ko"], "상대동");
}

TEST(CheckLocation, AnAddressResolvesToItsAreaAndAnAreaCodeIsTheFallback) {
  std::vector<FieldError> errs;
  auto a = check({{"address", "인천 연수구 송도동 1"}}, errs);
  ASSERT_TRUE(errs.empty());
  EXPECT_EQ(a["located"], "address");
  EXPECT_EQ(a["area"], "incheon-yeonsu");
  const Place* yeonsu = ref().place("incheon-yeonsu");
  EXPECT_DOUBLE_EQ(a["lat"].get<double>(), yeonsu->lat);
  // An address naming only the city loses to an area code beside it.
  auto b = check({{"address", "진주시 (데모 주소)"}, {"area", "jinju-hadae"}}, errs);
  ASSERT_TRUE(errs.empty());
  EXPECT_EQ(b["located"], "area");
  EXPECT_EQ(b["area"], "jinju-hadae");
  // The stored form sent back keeps its basis: a derived point does not become "coordinates".
  auto c = check(a, errs);
  ASSERT_TRUE(errs.empty());
  EXPECT_EQ(c["located"], "address");
  EXPECT_TRUE(check(nullptr, errs).is_null());
}

TEST(CheckLocation, RefusesWhatCannotBePlaced) {
  auto fields = [](const nlohmann::json& in) {
    std::vector<FieldError> errs;
    auto out = check(in, errs);
    std::string f;
    for (const auto& e : errs) f += (f.empty() ? "" : ",") + e.field + ":" + e.code;
    EXPECT_TRUE(out.is_null()) << in.dump();
    return f;
  };
  EXPECT_EQ(fields({{"lat", 35.1}}), "home.lon:required");
  EXPECT_EQ(fields({{"lat", "35.1"}, {"lon", 128.1}}), "home.lat:type");
  EXPECT_EQ(fields({{"lat", 51.5}, {"lon", -0.12}}), "home.lat:range,home.lon:range");
  EXPECT_EQ(fields({{"address", "어딘가 123"}}), "home.address:unresolved");
  EXPECT_EQ(fields({{"address", std::string(201, 'a')}, {"area", "jinju-sangdae"}}), "home.address:too_long");
  EXPECT_EQ(fields({{"area", "atlantis"}}), "home.area:unknown_code");
  EXPECT_EQ(fields({{"area", "jinju-sangdae"}, {"floor", 3}}), "home.floor:unknown_field");
  EXPECT_EQ(fields("jinju-sangdae"), "home.:type");
  // 200 Korean characters are 600 bytes and allowed.
  std::string k;
  for (int i = 0; i < 200; ++i) k += "가";
  std::vector<FieldError> errs;
  check({{"address", k}, {"area", "jinju-sangdae"}}, errs);
  EXPECT_TRUE(errs.empty());
}

TEST(Locate, SaysHowThePointWasFoundAndNaNWhenItCannot) {
  auto at = locate(nlohmann::json{{"lat", 35.2}, {"lon", 128.1}, {"located", "coordinates"}}, ref());
  EXPECT_EQ(at.how, match::Located::kCoordinates);
  EXPECT_DOUBLE_EQ(at.at.lat, 35.2);
  EXPECT_EQ(locate(nlohmann::json("jinju-sangdae"), ref()).how, match::Located::kArea);
  EXPECT_EQ(locate(nlohmann::json{{"area", "jinju-sangdae"}, {"address", ""}}, ref()).how, match::Located::kArea);
  EXPECT_TRUE(std::isnan(locate(nlohmann::json(""), ref()).at.lat));
  EXPECT_TRUE(std::isnan(locate(nlohmann::json::object(), ref()).at.lat));
}

// The commute a seeker sees is computed from her coordinates, and the explanation says so; with an area only it
// says the figure is an estimate from the area's centre.
TEST(Locate, TheCommuteExplanationNamesItsBasis) {
  const LocalDate today{2026, 12, 7};
  nlohmann::json profile = {{"home", {{"lat", 35.1630}, {"lon", 128.1300}}}, {"max_commute_min", 40}};
  auto checked = check_profile(profile, ref(), today);
  ASSERT_TRUE(checked.ok()) << checked.error().message_en;
  EXPECT_EQ(checked.value()["home"]["located"], "coordinates");
  EXPECT_EQ(checked.value()["home_area"], "");  // coordinates alone name no area
  auto s = to_seeker(1, checked.value(), ref(), today);
  EXPECT_EQ(s.home_located, match::Located::kCoordinates);
  nlohmann::json detail = {{"hours", {{"days", {"mon"}}, {"start", "09:00"}, {"end", "13:00"}}},
                           {"wage", {{"won", 12000}, {"unit", "hourly"}}},
                           {"workplace", {{"address", "진주시 하대동 100"}}}};
  auto d = check_vacancy_detail(detail, ref());
  ASSERT_TRUE(d.ok()) << d.error().message_en;
  auto v = to_vacancy(2, "023", today, 1, d.value(), ref(), today);
  EXPECT_EQ(v.workplace_located, match::Located::kAddress);
  EXPECT_EQ(match::commute_basis_ko(s.home_located, v.workplace_located), "집 좌표, 근무지 주소의 동네 중심 추정");
  EXPECT_EQ(match::commute_basis_en(match::Located::kArea, match::Located::kArea), "home and workplace: area centre, an estimate");
}

}  // namespace
}  // namespace dongne::jobs
