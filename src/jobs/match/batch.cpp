// The nightly batch: seekers handed out in small chunks to worker threads through one atomic counter, so a
// slow region (a dense city) does not leave the other thread idle. Each result slot is written by exactly one
// thread.
#include <algorithm>
#include <atomic>
#include <thread>

#include "jobs/match/engine.h"

namespace dongne::jobs::match {

std::vector<std::vector<Match>> batch_top(const std::vector<Seeker>& seekers, const VacancyIndex& index,
                                          int k, const Weights& w, int threads, bool explain) {
  std::vector<std::vector<Match>> out(seekers.size());
  if (threads <= 0) threads = static_cast<int>(std::max(1u, std::thread::hardware_concurrency()));
  constexpr std::size_t kChunk = 64;
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (;;) {
      const std::size_t begin = next.fetch_add(kChunk);
      if (begin >= seekers.size()) return;
      const std::size_t end = std::min(seekers.size(), begin + kChunk);
      for (std::size_t i = begin; i < end; ++i) {
        out[i] =
            explain ? index.top_for_seeker(seekers[i], k, w) : index.top_for_seeker_scores(seekers[i], k, w);
      }
    }
  };
  std::vector<std::thread> pool;
  for (int t = 1; t < threads; ++t) pool.emplace_back(work);
  work();
  for (std::thread& t : pool) t.join();
  return out;
}

}  // namespace dongne::jobs::match
