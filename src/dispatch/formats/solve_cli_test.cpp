#include "dispatch/formats/solve_cli.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

namespace dongne::dispatch::formats {
namespace {

std::string testdata(const std::string& name) {
  const char* env = std::getenv("DONGNE_SOURCE_DIR");
  return std::string(env ? env : DONGNE_SOURCE_DIR) + "/src/dispatch/formats/testdata/" + name;
}

struct CliRun {
  int code;
  std::string out, err;
};

CliRun run_cli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  const int code = run_solve_cli(args, out, err);
  return {code, out.str(), err.str()};
}

TEST(SolveCli, UsageErrorsExitTwo) {
  EXPECT_EQ(run_cli({"solve"}).code, 2);
  EXPECT_NE(run_cli({"solve"}).err.find("FILE is required"), std::string::npos);
  EXPECT_EQ(run_cli({"solve", "x.txt", "--seconds", "abc"}).code, 2);
  EXPECT_EQ(run_cli({"solve", "x.txt", "--seconds"}).code, 2);
  EXPECT_EQ(run_cli({"solve", "x.txt", "--frobnicate", "1"}).code, 2);
  EXPECT_EQ(run_cli({"solve", "x.txt", "--seconds", "0"}).code, 2);
  EXPECT_EQ(run_cli({"solve", "--help"}).code, 0);
}

TEST(SolveCli, BadInputNamesTheLine) {
  const std::string path = ::testing::TempDir() + "/dongne_bad_lilim.txt";
  std::ofstream(path) << "2 10 1\n0 0 0 0 0 100 0 0 0\n1 1 0 3 0 1oo 0 0 2\n";
  CliRun r = run_cli({"solve", path});
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 3: field 'latest' is not a number"), std::string::npos) << r.err;
  EXPECT_EQ(run_cli({"solve", "/nonexistent.txt"}).code, 2);
}

TEST(SolveCli, SolvesEachFormatAndReportsValidatedFigures) {
  for (const char* file : {"a2-16.txt", "lc101.txt", "C101.txt", "vroom_matrix.json", "vroom_coords.json"}) {
    CliRun r = run_cli({"solve", testdata(file), "--seconds=0.3", "--seed", "7"});
    ASSERT_EQ(r.code, 0) << file << ": " << r.err;
    const nlohmann::json j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["code"], 0);
    EXPECT_EQ(j["summary"]["feasible"], true) << file;
    EXPECT_GT(j["summary"]["routes"].get<int>(), 0) << file;
    EXPECT_GT(j["routes"][0]["steps"].size(), 2u) << file;
  }
}

}  // namespace
}  // namespace dongne::dispatch::formats
