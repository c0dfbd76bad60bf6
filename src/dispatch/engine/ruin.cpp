#include "dispatch/engine/ruin.h"

#include <algorithm>
#include <cmath>

namespace dongne::dispatch::detail {
namespace {

std::vector<int32_t> routed_tasks(const SolState& s) {
  std::vector<int32_t> out;
  for (size_t t = 0; t < s.where.size(); ++t)
    if (s.where[t] >= 0) out.push_back(static_cast<int32_t>(t));
  return out;
}

void ruin_random(const Instance& in, SolState& s, Rng& rng, int32_t amount) {
  std::vector<int32_t> ts = routed_tasks(s);
  for (int32_t k = 0; k < amount && !ts.empty(); ++k) {
    const int32_t i = rng.below(static_cast<int32_t>(ts.size()));
    s.detach_task(in, ts[i]);
    ts[i] = ts.back();
    ts.pop_back();
  }
}

// Shaw removal: neighbours of a random seed (and of later removed tasks), chosen with a bias to the closest.
void ruin_related(const Instance& in, SolState& s, Rng& rng, int32_t amount) {
  std::vector<int32_t> ts = routed_tasks(s);
  if (ts.empty()) return;
  std::vector<int32_t> removed{ts[rng.below(static_cast<int32_t>(ts.size()))]};
  s.detach_task(in, removed[0]);
  while (static_cast<int32_t>(removed.size()) < amount) {
    const int32_t from = removed[rng.below(static_cast<int32_t>(removed.size()))];
    std::vector<int32_t> options;
    for (int32_t u : in.near[from])
      if (s.where[u] >= 0) options.push_back(u);
    if (options.empty()) break;
    const double y = rng.unit();
    const int32_t pick = static_cast<int32_t>(std::pow(y, 4.0) * static_cast<double>(options.size()));
    const int32_t u = options[std::min<int32_t>(pick, static_cast<int32_t>(options.size()) - 1)];
    s.detach_task(in, u);
    removed.push_back(u);
  }
}

// SISR: strings of consecutive stops from several routes near a seed task.
void ruin_string(const Instance& in, SolState& s, Rng& rng, int32_t amount) {
  std::vector<int32_t> ts = routed_tasks(s);
  if (ts.empty()) return;
  double avg_len = 0;
  int32_t used = 0;
  for (const RouteData& r : s.routes)
    if (!r.empty()) {
      avg_len += r.size();
      ++used;
    }
  avg_len /= std::max(used, 1);
  const double lmax = std::min(10.0, avg_len);
  const double kmax = 4.0 * amount / (1.0 + lmax) - 1.0;
  const int32_t strings = std::max(1, static_cast<int32_t>(std::floor(rng.unit() * kmax + 1.0)));
  const int32_t seed = ts[rng.below(static_cast<int32_t>(ts.size()))];
  std::vector<int32_t> order{seed};
  for (int32_t u : in.near[seed]) order.push_back(u);
  std::vector<uint8_t> ruined(s.routes.size(), 0);
  int32_t done = 0;
  for (int32_t c : order) {
    if (done >= strings) break;
    const int32_t v = s.where[c];
    if (v < 0 || ruined[v]) continue;
    ruined[v] = 1;
    ++done;
    const std::vector<int32_t>& nodes = s.routes[v].nodes;
    const int32_t m = static_cast<int32_t>(nodes.size());
    const int32_t cap = std::max(1, static_cast<int32_t>(std::min<double>(m, lmax)));
    const int32_t len = 1 + rng.below(cap);
    int32_t pos = 0;
    while (pos < m && nodes[pos] / 2 != c) ++pos;
    int32_t first = std::clamp(pos - rng.below(len), 0, std::max(0, m - len));
    std::vector<int32_t> victims;
    for (int32_t k = first; k < std::min(m, first + len); ++k) victims.push_back(nodes[k] / 2);
    // Split-string variant: keep some stops of the string in place.
    if (len > 2 && rng.unit() < 0.5) {
      const int32_t keep = 1 + rng.below(len / 2);
      const int32_t at = 1 + rng.below(static_cast<int32_t>(victims.size()) - 1);
      victims.erase(victims.begin() + at, victims.begin() + std::min<int32_t>(at + keep, victims.size()));
    }
    for (int32_t t : victims) s.detach_task(in, t);
  }
}

}  // namespace

void remove_route(const Instance& in, SolState& s, int32_t v) {
  std::vector<int32_t> ts;
  for (int32_t n : s.routes[v].nodes)
    if (in.node[n].role != Role::kDelivery) ts.push_back(n / 2);
  for (int32_t t : ts) s.detach_task(in, t);
  s.flush(in);
}

static void ruin_detached(const Instance& in, SolState& s, Rng& rng, RuinKind kind, int32_t amount);

void ruin(const Instance& in, SolState& s, Rng& rng, RuinKind kind, int32_t amount) {
  ruin_detached(in, s, rng, kind, amount);
  s.flush(in);
}

static void ruin_detached(const Instance& in, SolState& s, Rng& rng, RuinKind kind, int32_t amount) {
  switch (kind) {
    case RuinKind::kRandom: ruin_random(in, s, rng, amount); break;
    case RuinKind::kRelated: ruin_related(in, s, rng, amount); break;
    case RuinKind::kString: ruin_string(in, s, rng, amount); break;
    case RuinKind::kRoute: {
      std::vector<int32_t> used;
      for (size_t v = 0; v < s.routes.size(); ++v)
        if (!s.routes[v].empty()) used.push_back(static_cast<int32_t>(v));
      if (!used.empty()) remove_route(in, s, used[rng.below(static_cast<int32_t>(used.size()))]);
      break;
    }
  }
}

}  // namespace dongne::dispatch::detail
