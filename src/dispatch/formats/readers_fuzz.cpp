// libFuzzer target: every instance reader and the VROOM JSON reader on the same bytes; when one succeeds, the
// problem goes through the validator (every task unassigned) and the VROOM output writer.
// Build: cmake --preset fuzz && ninja -C build/fuzz dispatch_readers_fuzz. Seeds: the benchmark files.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "dispatch/engine/validator.h"
#include "dispatch/formats/instance_readers.h"
#include "dispatch/formats/vroom_json.h"

namespace {

void exercise(const dongne::Result<dongne::dispatch::Problem>& r) {
  using namespace dongne::dispatch;
  if (!r.ok()) {
    if (r.error().message_en.empty()) __builtin_trap();  // every error must say something
    return;
  }
  const Problem& p = r.value();
  Solution s;
  for (TaskIndex t = 0; t < static_cast<TaskIndex>(p.tasks.size()); ++t) s.unassigned.push_back({t, "fuzz"});
  // One route per vehicle with only its depots, timed at the shift start, exercises travel and the checker.
  for (VehicleIndex v = 0; v < static_cast<VehicleIndex>(p.vehicles.size()) && v < 4; ++v) {
    Route route{v, {}};
    const Vehicle& veh = p.vehicles[v];
    const Time t0 = veh.shift.start;
    route.steps.push_back(RouteStep{StepType::kStart, -1, -1, t0, t0, t0, {}});
    const Time t1 = veh.start >= 0 && veh.end >= 0 ? t0 + p.travel->travel_time(veh.start, veh.end, t0) : t0;
    route.steps.push_back(RouteStep{StepType::kEnd, -1, -1, t1, t1, t1, {}});
    s.routes.push_back(std::move(route));
  }
  const Validation val = validate(p, s);
  const std::string out = dongne::dispatch::formats::write_vroom_output(p, s, val);
  if (out.empty()) __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace dongne::dispatch::formats;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  exercise(read_solomon(text));
  exercise(read_lilim(text));
  exercise(read_cordeau(text));
  exercise(read_vroom_input(text));
  (void)detect_format(text);
  return 0;
}
