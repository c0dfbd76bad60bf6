// dispatch_bench_realtime: latency of LivePlan::insert (one new dial-a-ride request into live routes).
//   dispatch_bench_realtime [--vehicles 50] [--open 1000] [--probes 300] [--seed 1]
// Builds a 20 km x 20 km city (Euclidean metres, 10 m/s), fills the plan with --open requests (timed as the
// "fill" phase), then times --probes insertions into that loaded plan, cancelling each probe afterwards so the
// plan stays at the same size. Prints p50/p90/p99/max per phase. Single thread; wall clock via steady_clock.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <memory>
#include <vector>

#include "dispatch/engine/realtime.h"
#include "dispatch/engine/travel.h"

using namespace dongne::dispatch;

namespace {

struct Lcg {
  uint64_t s;
  double unit() {
    s = s * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(s >> 11) * (1.0 / 9007199254740992.0);
  }
};

// CPU time of this thread in microseconds: on a shared machine wall-clock percentiles include preemption.
double cpu_us() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) * 1e6 + static_cast<double>(ts.tv_nsec) / 1e3;
}

void report(const char* phase, std::vector<double> us, int accepted) {
  if (us.empty()) return;
  std::sort(us.begin(), us.end());
  auto q = [&](double f) { return us[std::min(us.size() - 1, static_cast<size_t>(f * static_cast<double>(us.size())))]; };
  std::printf("%-6s n=%zu accepted=%d p50=%.0fus p90=%.0fus p99=%.0fus max=%.0fus\n", phase, us.size(), accepted,
              q(0.5), q(0.9), q(0.99), us.back());
}

}  // namespace

int main(int argc, char** argv) {
  int vehicles = 50, open = 1000, probes = 300;
  uint64_t seed = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--vehicles")) vehicles = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--open")) open = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--probes")) probes = std::atoi(argv[i + 1]);
    else if (!std::strcmp(argv[i], "--seed")) seed = std::strtoull(argv[i + 1], nullptr, 10);
  }
  Lcg rng{seed};
  const int stops = 2 * (open + probes);
  std::vector<Coord> coords{{10000, 10000}};  // depot in the centre
  for (int i = 0; i < stops; ++i) coords.push_back({20000 * rng.unit(), 20000 * rng.unit()});
  Problem p;
  p.locations = coords;
  p.travel = std::make_shared<EuclideanTravel>(coords, 10.0);
  p.objective.minimise_vehicles = false;
  p.objective.metric = Metric::kDuration;
  for (int v = 0; v < vehicles; ++v) {
    Vehicle veh;
    veh.id = "bus" + std::to_string(v);
    veh.start = veh.end = 0;
    veh.capacity.q[0] = 8;
    veh.shift = {0, 14 * 3600.0};
    p.vehicles.push_back(veh);
  }
  auto plan = LivePlan::create(std::move(p));
  if (!plan.ok()) {
    std::fprintf(stderr, "create failed: %s\n", plan.error().message_en.c_str());
    return 1;
  }
  int next_loc = 1;
  auto request = [&](double ready) {
    Task t;
    t.kind = TaskKind::kRide;
    t.pickup.location = next_loc++;
    t.delivery.location = next_loc++;
    t.pickup.load.q[0] = 1;
    t.pickup.service = t.delivery.service = 30;
    t.pickup.windows = {{ready, ready + 900}};
    t.ride_alpha = 1.5;
    t.ride_beta = 600;
    return t;
  };
  using clock = std::chrono::steady_clock;
  std::vector<double> fill_us, probe_us, fill_cpu, probe_cpu;
  int fill_ok = 0, probe_ok = 0;
  for (int k = 0; k < open; ++k) {
    const Task t = request(12 * 3600.0 * k / open);
    const auto a = clock::now();
    const double c = cpu_us();
    const bool ok = plan->insert(t).ok();
    fill_cpu.push_back(cpu_us() - c);
    fill_us.push_back(std::chrono::duration<double, std::micro>(clock::now() - a).count());
    fill_ok += ok;
  }
  for (int k = 0; k < probes; ++k) {
    const Task t = request(12 * 3600.0 * rng.unit());
    const auto a = clock::now();
    const double c = cpu_us();
    auto r = plan->insert(t);
    probe_cpu.push_back(cpu_us() - c);
    probe_us.push_back(std::chrono::duration<double, std::micro>(clock::now() - a).count());
    if (r.ok()) {
      ++probe_ok;
      (void)plan->cancel(r->task);
    }
  }
  std::printf("vehicles=%d open_requests=%d (accepted %d)\n", vehicles, open, fill_ok);
  report("fill", fill_us, fill_ok);
  report("probe", probe_us, probe_ok);
  std::printf("thread CPU time:\n");
  report("fill", fill_cpu, fill_ok);
  report("probe", probe_cpu, probe_ok);
  return 0;
}
