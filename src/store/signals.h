// Signals between the instances that share one store (DESIGN.md, scale-out): a change one instance makes that
// others hold in memory (a revoked session, a user's changed roles) is announced with notify() inside the
// transaction that makes it, and every instance's SignalListener hears it once that transaction commits.
// PostgreSQL: NOTIFY/LISTEN on a dedicated connection. SQLite serves one process: notify() does nothing and no
// listener is started. A listener that loses its connection calls `missed` once it is back (what was said
// meanwhile is lost, so the caller forgets everything it holds), and keeps trying every second.
// Thread-safety: notify() is called with the caller's Tx; a SignalListener runs its callbacks on its own thread.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

#include "core/result.h"
#include "store/database.h"

namespace dongne::store {

// Announces `payload` on `channel` when tx commits (nothing when it rolls back). A no-op on SQLite.
Status notify(Tx& tx, const std::string& channel, const std::string& payload);

class SignalListener {
 public:
  SignalListener() = default;
  SignalListener(const SignalListener&) = delete;
  SignalListener& operator=(const SignalListener&) = delete;
  ~SignalListener() { stop(); }
  // Listens on `channel` of the PostgreSQL database named by `conninfo` (a URL or keyword string).
  void start(std::string conninfo, std::string channel, std::function<void(const std::string&)> heard,
             std::function<void()> missed);
  void stop();
  // True once the listener holds a connection that listens (tests wait for it).
  bool listening() const { return listening_.load(); }

 private:
  std::atomic<bool> running_{false};
  std::atomic<bool> listening_{false};
  std::thread thread_;
};

}  // namespace dongne::store
