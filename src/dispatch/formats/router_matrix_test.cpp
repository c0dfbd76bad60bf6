#include "dispatch/formats/router_matrix.h"

#include <gtest/gtest.h>

namespace dongne::dispatch::formats {
namespace {

const char* kOsrm = R"({"code":"Ok",
  "durations":[[0,300.5,600],[310,0,280],[620,290,0]],
  "distances":[[0,2500,5100],[2550,0,2300],[5200,2350,0]],
  "sources":[{"location":[126.6279,37.5947],"name":""},{"location":[126.6424,37.5953]},{"location":[126.6575,37.6108]}],
  "destinations":[{"location":[126.6279,37.5947]},{"location":[126.6424,37.5953]},{"location":[126.6575,37.6108]}]})";

const char* kValhalla = R"({"units":"kilometers",
  "sources":[[{"lon":126.6279,"lat":37.5947}],[{"lon":126.6424,"lat":37.5953}]],
  "targets":[[{"lon":126.6279,"lat":37.5947}],[{"lon":126.6424,"lat":37.5953}]],
  "sources_to_targets":[[{"distance":0.0,"time":0,"from_index":0,"to_index":0},{"distance":2.5,"time":301,"from_index":0,"to_index":1}],
                        [{"distance":2.55,"time":310,"from_index":1,"to_index":0},{"distance":0.0,"time":0,"from_index":1,"to_index":1}]]})";

TEST(RouterMatrix, ReadsAnOsrmTable) {
  auto m = read_router_matrix(kOsrm);
  ASSERT_TRUE(m.ok()) << m.error().message_en;
  ASSERT_EQ(m->size(), 3);
  EXPECT_DOUBLE_EQ(m->points[1].x, 126.6424);
  EXPECT_DOUBLE_EQ(m->seconds[0 * 3 + 1], 300.5);
  EXPECT_DOUBLE_EQ(m->metres[2 * 3 + 0], 5200);
}

TEST(RouterMatrix, ReadsAValhallaMatrixInKilometresAndMiles) {
  auto m = read_router_matrix(kValhalla);
  ASSERT_TRUE(m.ok()) << m.error().message_en;
  ASSERT_EQ(m->size(), 2);
  EXPECT_DOUBLE_EQ(m->metres[1], 2500);
  EXPECT_DOUBLE_EQ(m->seconds[2], 310);
  std::string miles = kValhalla;
  miles.replace(miles.find("kilometers"), 10, "miles");
  auto mi = read_valhalla_matrix(miles);
  ASSERT_TRUE(mi.ok());
  EXPECT_NEAR(mi->metres[1], 2.5 * 1609.344, 1e-6);
}

TEST(RouterMatrix, UnreachablePairsMissingAnnotationsAndJunkAreErrorsNamingTheCell) {
  std::string unreachable = kOsrm;
  unreachable.replace(unreachable.find("300.5"), 5, "null");
  auto u = read_osrm_table(unreachable);
  ASSERT_FALSE(u.ok());
  EXPECT_EQ(u.error().fields.at(0).field, "durations[0][1]");
  std::string no_dist = kOsrm;
  no_dist.replace(no_dist.find("\"distances\""), 11, "\"ignored\"");
  EXPECT_FALSE(read_osrm_table(no_dist).ok());
  EXPECT_FALSE(read_router_matrix("{\"code\":\"NoTable\",\"durations\":[]}").ok());
  EXPECT_FALSE(read_router_matrix("[1,2]").ok());
  EXPECT_FALSE(read_router_matrix("not json").ok());
  EXPECT_FALSE(read_router_matrix(R"({"durations":[[0]],"sources":[{"location":[1,2]}],"distances":[[0,1]]})").ok());
}

}  // namespace
}  // namespace dongne::dispatch::formats
