#include "dispatch/formats/instance_readers.h"

#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace dongne::dispatch::formats {
namespace {

std::string source_dir() {
  const char* env = std::getenv("DONGNE_SOURCE_DIR");
  return env ? env : DONGNE_SOURCE_DIR;
}

std::string testdata(const std::string& name) {
  return source_dir() + "/src/dispatch/formats/testdata/" + name;
}

std::string slurp(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The error's English message, for matching.
template <typename T>
std::string err(const Result<T>& r) {
  return r.ok() ? std::string("(ok)") : r.error().message_en;
}

TEST(Readers, DetectsFormats) {
  EXPECT_EQ(detect_format(slurp(testdata("C101.txt"))), InstanceFormat::kSolomon);
  EXPECT_EQ(detect_format(slurp(testdata("lc101.txt"))), InstanceFormat::kLiLim);
  EXPECT_EQ(detect_format(slurp(testdata("a2-16.txt"))), InstanceFormat::kCordeau);
  EXPECT_EQ(detect_format("  {\"vehicles\": []}"), InstanceFormat::kVroomJson);
  EXPECT_EQ(detect_format(""), InstanceFormat::kUnknown);
  EXPECT_EQ(detect_format("hello world"), InstanceFormat::kUnknown);
}

TEST(Readers, SolomonC101) {
  Result<Problem> r = read_instance_file(testdata("C101.txt"));
  ASSERT_TRUE(r.ok()) << err(r);
  const Problem& p = *r;
  ASSERT_EQ(p.vehicles.size(), 25u);
  EXPECT_EQ(p.vehicles[0].capacity.q[0], 200);
  EXPECT_EQ(p.vehicles[0].start, 0);
  EXPECT_EQ(p.vehicles[0].end, 0);
  EXPECT_DOUBLE_EQ(p.vehicles[0].shift.end, 1236);
  ASSERT_EQ(p.tasks.size(), 100u);
  const Task& t = p.tasks[0];
  EXPECT_EQ(t.kind, TaskKind::kSingle);
  EXPECT_EQ(t.pickup_external_id, 1);
  EXPECT_EQ(t.pickup.load.q[0], 10);
  EXPECT_DOUBLE_EQ(t.pickup.service, 90);
  ASSERT_EQ(t.pickup.windows.size(), 1u);
  EXPECT_DOUBLE_EQ(t.pickup.windows[0].start, 912);
  EXPECT_DOUBLE_EQ(t.pickup.windows[0].end, 967);
  // (40,50) -> (45,68), double precision.
  EXPECT_DOUBLE_EQ(p.travel->distance(0, t.pickup.location), std::sqrt(25.0 + 324.0));
  EXPECT_EQ(p.start_depot_external_id, 0);
  EXPECT_TRUE(p.objective.minimise_vehicles);
}

TEST(Readers, LiLimPairs) {
  Result<Problem> r = read_instance_file(testdata("lc101.txt"));
  ASSERT_TRUE(r.ok()) << err(r);
  const Problem& p = *r;
  EXPECT_EQ(p.vehicles.size(), 25u);
  ASSERT_EQ(p.tasks.size(), 53u);
  bool found = false;
  for (const Task& t : p.tasks) {
    EXPECT_EQ(t.kind, TaskKind::kPickupDelivery);
    EXPECT_GT(t.pickup.load.q[0], 0);
    EXPECT_EQ(t.pickup.load, t.delivery.load);
    if (t.pickup_external_id == 3) {
      found = true;
      EXPECT_EQ(t.delivery_external_id, 75);
      EXPECT_DOUBLE_EQ(t.delivery.windows[0].start, 997);
    }
  }
  EXPECT_TRUE(found);
}

TEST(Readers, CordeauA216) {
  Result<Problem> r = read_instance_file(testdata("a2-16.txt"));
  ASSERT_TRUE(r.ok()) << err(r);
  const Problem& p = *r;
  ASSERT_EQ(p.vehicles.size(), 2u);
  EXPECT_DOUBLE_EQ(p.vehicles[0].max_duration, 480);
  EXPECT_EQ(p.vehicles[0].capacity.q[0], 3);
  EXPECT_EQ(p.vehicles[0].start, 0);
  EXPECT_EQ(p.vehicles[0].end, 33);
  EXPECT_EQ(p.end_depot_external_id, 33);
  EXPECT_FALSE(p.objective.minimise_vehicles);
  ASSERT_EQ(p.tasks.size(), 16u);
  const Task& t = p.tasks[15];
  EXPECT_EQ(t.kind, TaskKind::kRide);
  EXPECT_EQ(t.pickup_external_id, 16);
  EXPECT_EQ(t.delivery_external_id, 32);
  EXPECT_DOUBLE_EQ(t.max_ride_time, 30);
  EXPECT_DOUBLE_EQ(t.pickup.windows[0].start, 366);
  EXPECT_DOUBLE_EQ(t.pickup.service, 3);
}

TEST(Readers, EveryBenchmarkFileParses) {
  const char* env = std::getenv("DONGNE_BENCHMARKS_DIR");
  // Default: the shared/ folder beside the repository (where CI puts it).
  const std::filesystem::path root = env ? env : std::string(DONGNE_SOURCE_DIR) + "/../shared/benchmarks";
  if (!std::filesystem::exists(root)) GTEST_SKIP() << root << " not present";
  int files = 0;
  for (const char* set : {"solomon100", "lilim100", "cordeau_darp"})
    for (const auto& e : std::filesystem::directory_iterator(root / set)) {
      if (e.path().extension() != ".txt") continue;
      Result<Problem> r = read_instance_file(e.path().string());
      EXPECT_TRUE(r.ok()) << e.path() << ": " << err(r);
      ++files;
    }
  EXPECT_EQ(files, 160);
}

const char* kLiLim =
    "2 10 1\n"
    "0 0 0 0 0 100 0 0 0\n"
    "1 1 0 3 0 100 1 0 2\n"
    "2 2 0 -3 0 100 1 1 0\n";

TEST(Readers, LiLimTinyOk) {
  Result<Problem> r = read_lilim(kLiLim);
  ASSERT_TRUE(r.ok()) << err(r);
  EXPECT_EQ(r->tasks.size(), 1u);
}

TEST(Readers, ErrorsNameLineAndField) {
  std::string s = kLiLim;
  s.replace(s.find("0 100 1 1 0"), 5, "0 1x0");
  EXPECT_EQ(err(read_lilim(s)), "line 4: field 'latest' is not a number");
  Result<Problem> r = read_lilim(s);
  ASSERT_EQ(r.error().fields.size(), 1u);
  EXPECT_EQ(r.error().fields[0].field, "line 4.latest");
  EXPECT_NE(r.error().message_ko.find("4번째 줄"), std::string::npos);
}

TEST(Readers, NanInfNegativeAndBadWindows) {
  std::string s = kLiLim;
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("1 1 0 3"), 7, "1 nan 0 3"))),
            "line 3: field 'x' is not a finite number");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("1 1 0 3"), 7, "1 inf 0 3"))),
            "line 3: field 'x' is not a finite number");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("0 100 1 0 2"), 11, "-5 100 1 0 2"))),
            "line 3: field 'earliest' is negative");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("0 100 1 0 2"), 11, "50 40 1 0 2"))),
            "line 3: field 'latest' is before 'earliest'");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("0 100 1 0 2"), 11, "0 100 -1 0 2"))),
            "line 3: field 'service' is negative");
}

TEST(Readers, TruncatedFiles) {
  EXPECT_EQ(err(read_lilim("2 10 1\n0 0 0 0 0 100 0 0\n")),
            "line 2: expected 9 fields (id x y demand earliest latest service pickup delivery), found 8");
  EXPECT_EQ(err(read_lilim("2 10 1\n")), "line 1: no node lines (truncated file?)");
  EXPECT_EQ(err(read_lilim("")), "is empty");
  const std::string a216 = slurp(testdata("a2-16.txt"));
  const std::string cut = a216.substr(0, a216.size() / 2);
  EXPECT_NE(err(read_cordeau(cut)).find("truncated: the header announces 34 node lines"), std::string::npos);
  EXPECT_NE(err(read_cordeau(a216 + "34 0 0 0 0 0 480\n")).find("extra line"), std::string::npos);
  const std::string c101 = slurp(testdata("C101.txt"));
  EXPECT_FALSE(read_solomon(c101.substr(0, 100)).ok());
  EXPECT_FALSE(read_solomon(c101.substr(0, c101.size() - 40)).ok());  // last line cut in the middle
}

TEST(Readers, SiblingMismatches) {
  std::string s = kLiLim;
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("1 1 0\n"), 6, "1 1 5\n"))),
            "line 4: node 2 must have exactly one non-zero sibling");
  std::string three = std::string(kLiLim) + "3 3 0 -3 0 100 1 1 0\n";
  EXPECT_EQ(err(read_lilim(three)), "line 5: field 'pickup' names node 1, which does not name it back");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("0 2\n"), 4, "0 9\n"))),
            "line 3: field 'delivery' names node 9, which is not a customer");
  EXPECT_EQ(err(read_lilim(std::string(s).replace(s.find("-3 0 100"), 8, "-2 0 100"))),
            "line 4: field 'demand' of delivery 2 is not minus the demand of pickup 1 (or the pickup's "
            "demand is negative)");
  const std::string a216 = slurp(testdata("a2-16.txt"));
  std::string bad = a216;
  bad.replace(bad.find("  -1    0 1440"), 14, "  -2    0 1440");
  EXPECT_NE(err(read_cordeau(bad)).find("is not minus the load of pickup"), std::string::npos);
}

TEST(Readers, DuplicateIdsAndOrder) {
  std::string s = std::string(kLiLim) + "2 2 0 -3 0 100 1 1 0\n";
  EXPECT_EQ(err(read_lilim(s)), "line 5: field 'id' duplicates node 2 of line 4");
  const std::string c101 = slurp(testdata("C101.txt"));
  std::string dup = c101;
  dup.replace(dup.find("    2      45"), 13, "    1      45");
  EXPECT_NE(err(read_solomon(dup)).find("duplicates node 1"), std::string::npos);
  std::string order = slurp(testdata("a2-16.txt"));
  order.replace(order.find("\n  1 "), 5, "\n  7 ");
  EXPECT_NE(err(read_cordeau(order)).find("field 'id' is 7, expected 1"), std::string::npos);
}

TEST(Readers, HostileHeadersDoNotAllocate) {
  EXPECT_NE(err(read_lilim("99999999 10 1\n0 0 0 0 0 1 0 0 0\n")).find("out of range"), std::string::npos);
  EXPECT_NE(err(read_cordeau("2 99999999 480 3 30\n")).find("out of range"), std::string::npos);
  EXPECT_NE(err(read_cordeau("2 1000 480 3 30\n0 0 0 0 0 0 480\n")).find("truncated"), std::string::npos);
  EXPECT_FALSE(read_instance("1 2 3 4 5 6 7").ok());
  EXPECT_FALSE(read_instance_file("/nonexistent/file.txt").ok());
}

}  // namespace
}  // namespace dongne::dispatch::formats
