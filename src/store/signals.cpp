#include "store/signals.h"

#include <libpq-fe.h>
#include <sys/select.h>

#include <chrono>
#include <memory>

namespace dongne::store {

Status notify(Tx& tx, const std::string& channel, const std::string& payload) {
  if (tx.dialect() != Dialect::kPostgres) return ok_status();
  return to_status(tx.query("SELECT pg_notify(?, ?)", {channel, payload}));
}

void SignalListener::start(std::string conninfo, std::string channel, std::function<void(const std::string&)> heard,
                           std::function<void()> missed) {
  if (running_.exchange(true)) return;
  thread_ = std::thread([this, conninfo = std::move(conninfo), channel = std::move(channel), heard = std::move(heard),
                         missed = std::move(missed)] {
    bool first = true;
    while (running_.load()) {
      const char* keys[] = {"connect_timeout", "dbname", "fallback_application_name", nullptr};
      const char* vals[] = {"5", conninfo.c_str(), "dongne-listener", nullptr};
      std::unique_ptr<PGconn, void (*)(PGconn*)> c(PQconnectdbParams(keys, vals, 1), PQfinish);
      bool ok = c && PQstatus(c.get()) == CONNECTION_OK;
      if (ok) {
        char* quoted = PQescapeIdentifier(c.get(), channel.c_str(), channel.size());
        PGresult* r = PQexec(c.get(), (std::string("LISTEN ") + (quoted ? quoted : "")).c_str());
        ok = quoted && PQresultStatus(r) == PGRES_COMMAND_OK;
        PQclear(r);
        PQfreemem(quoted);
      }
      if (ok) {
        listening_ = true;
        if (!first && missed) missed();  // what was said while we were away is lost
        first = false;
        while (running_.load()) {
          const int fd = PQsocket(c.get());
          fd_set in;
          FD_ZERO(&in);
          FD_SET(fd, &in);
          timeval tv{0, 200'000};  // wake now and then to see whether to stop
          if (select(fd + 1, &in, nullptr, nullptr, &tv) < 0) break;
          if (PQconsumeInput(c.get()) == 0) break;  // the connection is gone
          while (PGnotify* n = PQnotifies(c.get())) {
            if (heard) heard(n->extra ? n->extra : "");
            PQfreemem(n);
          }
        }
        listening_ = false;
      }
      for (int i = 0; i < 10 && running_.load(); ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
  });
}

void SignalListener::stop() {
  if (!running_.exchange(false)) return;
  if (thread_.joinable()) thread_.join();
}

}  // namespace dongne::store
