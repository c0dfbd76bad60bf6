#include "dispatch/formats/vroom_json.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "dispatch/engine/validator.h"
#include "dispatch/formats/instance_readers.h"

namespace dongne::dispatch::formats {
namespace {

using json = nlohmann::json;

template <typename T>
std::string err(const Result<T>& r) {
  return r.ok() ? std::string("(ok)") : r.error().message_en;
}

// Three locations on a line with a matrix: 0 = depot, 1 and 2 customers.
const char* kMatrixInput = R"({
  "vehicles": [{"id": 7, "start_index": 0, "end_index": 0, "capacity": [4], "time_window": [0, 1000],
                "skills": [5], "breaks": [{"id": 1, "time_windows": [[10, 50]], "service": 5}],
                "costs": {"fixed": 100, "per_hour": 7200}}],
  "jobs": [{"id": 11, "location_index": 1, "service": 3, "delivery": [2], "skills": [5], "priority": 9,
            "time_windows": [[0, 20], [40, 60]]}],
  "shipments": [{"pickup": {"id": 21, "location_index": 1, "service": 1},
                 "delivery": {"id": 22, "location_index": 2, "service": 2}, "amount": [1]}],
  "matrices": {"car": {"durations": [[0, 10, 20], [10, 0, 10], [20, 10, 0]],
                       "distances": [[0, 100, 200], [100, 0, 100], [200, 100, 0]]}}
})";

TEST(VroomInput, MatrixProblem) {
  Result<Problem> r = read_vroom_input(kMatrixInput);
  ASSERT_TRUE(r.ok()) << err(r);
  const Problem& p = *r;
  ASSERT_EQ(p.vehicles.size(), 1u);
  const Vehicle& v = p.vehicles[0];
  EXPECT_EQ(v.id, "7");
  EXPECT_EQ(v.capacity.q[0], 4);
  EXPECT_EQ(v.capacity.q[1], 0);
  EXPECT_DOUBLE_EQ(v.fixed_cost, 100);
  EXPECT_DOUBLE_EQ(v.cost_per_time, 2);
  EXPECT_DOUBLE_EQ(v.cost_per_distance, 0);
  ASSERT_EQ(v.breaks.size(), 1u);
  EXPECT_DOUBLE_EQ(v.breaks[0].duration, 5);
  ASSERT_EQ(p.tasks.size(), 2u);
  EXPECT_EQ(p.tasks[0].kind, TaskKind::kSingle);
  EXPECT_EQ(p.tasks[0].pickup_external_id, 11);
  EXPECT_EQ(p.tasks[0].pickup.windows.size(), 2u);
  EXPECT_EQ(p.tasks[0].priority, 9);
  EXPECT_EQ(p.tasks[0].required_skills, v.skills);
  EXPECT_NE(v.skills, 0u);
  EXPECT_EQ(p.tasks[1].kind, TaskKind::kPickupDelivery);
  EXPECT_EQ(p.tasks[1].delivery_external_id, 22);
  EXPECT_DOUBLE_EQ(p.travel->distance(0, 2), 200);
  EXPECT_DOUBLE_EQ(p.travel->travel_time(0, 2, 0), 20);
  EXPECT_EQ(p.objective.metric, Metric::kDuration);
  EXPECT_FALSE(p.objective.minimise_vehicles);
  EXPECT_EQ(read_instance(kMatrixInput).ok(), true);
}

TEST(VroomInput, CoordinatesUseHaversine) {
  Result<Problem> r = read_vroom_input(R"({"vehicles":[{"id":1,"start":[126.9780,37.5665]}],
    "jobs":[{"id":1,"location":[127.0276,37.4979]}]})");
  ASSERT_TRUE(r.ok()) << err(r);
  const double d = r->travel->distance(0, 1);  // Seoul City Hall -> Gangnam station, about 8.8 km
  EXPECT_GT(d, 8000);
  EXPECT_LT(d, 9500);
  EXPECT_NEAR(r->travel->travel_time(0, 1, 0), d / kDefaultSpeed, 1e-6);
  EXPECT_EQ(r->vehicles[0].end, -1);
}

TEST(VroomInput, ErrorsNamePaths) {
  EXPECT_NE(err(read_vroom_input("{\"vehicles\": [")).find("invalid JSON"), std::string::npos);
  EXPECT_EQ(err(read_vroom_input("[]")), "$: is not a JSON object");
  EXPECT_EQ(err(read_vroom_input("{}")), "vehicles: must list at least one vehicle");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":"x","start":[0,0]}]})")),
            "vehicles[0].id: is not an integer");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1}]})")), "vehicles[0]: needs a start or an end");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0]},{"id":1,"start":[0,0]}]})")),
            "vehicles[1].id: duplicates id 1");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0]}],"jobs":[{"id":1,"location":[0,0],
            "time_windows":[[5,1]]}]})")),
            "jobs[0].time_windows[0]: ends before it starts");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0]}],"jobs":[{"id":1,"location":[0,0],
            "pickup":[1]}]})")),
            "jobs[0].pickup: amounts on jobs are not supported; use a shipment");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start_index":3}],"matrix":[[0,1],[1,0]]})")),
            "vehicles[0].start_index: is out of range");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start_index":0}],"matrix":[[0,1],[1]]})")),
            "matrix[1]: is not a row of 2 numbers");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0],"max_tasks":3}]})")),
            "vehicles[0].max_tasks: is not supported by dongne");
  EXPECT_EQ(
      err(read_vroom_input(
          R"({"vehicles":[{"id":1,"start":[0,0]}],"shipments":[{"pickup":{"id":1,"location":[0,0]}}]})")),
      "shipments[0]: needs both 'pickup' and 'delivery'");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0],"capacity":[-1]}]})")),
            "vehicles[0].capacity[0]: is out of range");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[0,0],"capacity":[1.5]}]})")),
            "vehicles[0].capacity[0]: is not an integer");
  EXPECT_EQ(err(read_vroom_input(R"({"vehicles":[{"id":1,"start":[200,0]}]})")),
            "vehicles[0].start: is not a longitude/latitude in degrees");
}

TEST(VroomOutput, FiguresFromTheValidator) {
  Result<Problem> r = read_vroom_input(kMatrixInput);
  ASSERT_TRUE(r.ok()) << err(r);
  const Problem& p = *r;
  // start 0 -> job 11 at 1 (arrive 10, service 10..13) -> break 13..18 -> pickup 21 at 1 (18..19)
  // -> delivery 22 at 2 (29..31) -> end 0 (51).
  Route route;
  route.vehicle = 0;
  route.steps = {
      RouteStep{StepType::kStart, -1, -1, 0, 0, 0, Load{{2, 0, 0}}},
      RouteStep{StepType::kSingle, 0, -1, 10, 10, 13, Load{{0, 0, 0}}},
      RouteStep{StepType::kBreak, -1, 0, 13, 13, 18, Load{{0, 0, 0}}},
      RouteStep{StepType::kPickup, 1, -1, 18, 18, 19, Load{{1, 0, 0}}},
      RouteStep{StepType::kDelivery, 1, -1, 29, 29, 31, Load{{0, 0, 0}}},
      RouteStep{StepType::kEnd, -1, -1, 51, 51, 51, Load{{0, 0, 0}}},
  };
  Solution s{{route}, {}};
  Validation v = validate(p, s);
  ASSERT_TRUE(v.feasible) << v.violations[0];
  const json out = json::parse(write_vroom_output(p, s, v, {1.5, 2.5}));
  EXPECT_EQ(out["code"], 0);
  EXPECT_DOUBLE_EQ(out["summary"]["distance"].get<double>(), 400);
  EXPECT_DOUBLE_EQ(out["summary"]["duration"].get<double>(), 40);
  EXPECT_DOUBLE_EQ(out["summary"]["cost"].get<double>(), 100 + 2 * 40);
  EXPECT_DOUBLE_EQ(out["summary"]["service"].get<double>(), 6);
  EXPECT_EQ(out["summary"]["routes"], 1);
  EXPECT_EQ(out["summary"]["feasible"], true);
  EXPECT_DOUBLE_EQ(out["summary"]["computing_times"]["solving"].get<double>(), 2.5);
  const json& steps = out["routes"][0]["steps"];
  ASSERT_EQ(steps.size(), 6u);
  EXPECT_EQ(out["routes"][0]["vehicle"], 7);
  EXPECT_EQ(steps[0]["type"], "start");
  EXPECT_EQ(steps[1]["type"], "job");
  EXPECT_EQ(steps[1]["id"], 11);
  EXPECT_EQ(steps[1]["location_index"], 1);
  EXPECT_EQ(steps[0]["load"], json::array({2}));
  EXPECT_EQ(steps[2]["type"], "break");
  EXPECT_EQ(steps[3]["id"], 21);
  EXPECT_EQ(steps[4]["id"], 22);
  EXPECT_DOUBLE_EQ(steps[4]["duration"].get<double>(), 20);
  EXPECT_DOUBLE_EQ(steps[4]["distance"].get<double>(), 200);
  EXPECT_DOUBLE_EQ(steps[5]["arrival"].get<double>(), 51);

  // Unassigned shipments list both stops; an infeasible solution is reported as such.
  Solution partial{{}, {{0, "no vehicle"}, {1, "no time"}}};
  Validation pv = validate(p, partial);
  const json po = json::parse(write_vroom_output(p, partial, pv));
  ASSERT_EQ(po["unassigned"].size(), 3u);
  EXPECT_EQ(po["unassigned"][1]["type"], "pickup");
  EXPECT_EQ(po["unassigned"][2]["id"], 22);
  EXPECT_EQ(po["unassigned"][2]["reason"], "no time");
  s.routes[0].steps[5].arrival = 40;
  const json bad = json::parse(write_vroom_output(p, s, validate(p, s)));
  EXPECT_EQ(bad["summary"]["feasible"], false);
  EXPECT_FALSE(bad["summary"]["violations"].empty());
}

}  // namespace
}  // namespace dongne::dispatch::formats
