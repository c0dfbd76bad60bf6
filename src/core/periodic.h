// A background thread that runs one function every `interval` until stopped (the rooms' background jobs: booking's
// offers, lotteries and reminders; Programmes' KPI catch-up). A failed round is reported to on_error and the next
// round runs on time. stop() wakes the thread and joins it; the destructor stops it.
// Thread-safety: start()/stop() from one thread; the function runs on the background thread only.
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "core/result.h"

namespace dongne {

class PeriodicTask {
 public:
  PeriodicTask() = default;
  PeriodicTask(const PeriodicTask&) = delete;
  PeriodicTask& operator=(const PeriodicTask&) = delete;
  ~PeriodicTask() { stop(); }

  void start(std::chrono::milliseconds interval, std::function<Status()> round,
             std::function<void(const Error&)> on_error) {
    if (running_.exchange(true)) return;
    thread_ = std::thread([this, interval, round = std::move(round), on_error = std::move(on_error)] {
      while (running_.load()) {
        Status st = round();
        if (!st.ok() && on_error) on_error(st.error());
        std::unique_lock<std::mutex> lock(mu_);
        cv_.wait_for(lock, interval, [this] { return !running_.load(); });
      }
    });
  }

  void stop() {
    if (!running_.exchange(false)) return;
    {
      std::lock_guard<std::mutex> lock(mu_);
    }
    cv_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  std::atomic<bool> running_{false};
  std::mutex mu_;
  std::condition_variable cv_;
  std::thread thread_;
};

}  // namespace dongne
