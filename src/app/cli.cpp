#include "app/cli.h"

#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <vector>

#include "app/app.h"
#include "store/backup.h"
#include "dispatch/formats/solve_cli.h"
#include "http/pipeline.h"

namespace dongne::app {

namespace {

constexpr const char* kUsage = R"(dongne — 동네: local jobs and care services for a city and its districts

usage: dongne <command> [options]

commands:
  up                 migrate, load the demo city, print demo accounts, serve (http://127.0.0.1:8080)
  serve              migrate and serve
  migrate            apply pending schema migrations and list them
  seed-demo          load (or refresh) the demo city and its accounts
  user add --email E --name N --role R [--scope-kind K --scope-id I] [--password P]
                     create a staff account (prints a generated password when none is given)
  backup FILE        copy the store named by DONGNE_DB to FILE, while it serves (SQLite: the online backup API;
                     PostgreSQL: pg_dump --format=custom)
  restore FILE       restore FILE into the store named by DONGNE_DB, which must be new or empty (pg_restore)
  digest             print each table of the store with its row count and a SHA-256 of its rows (to compare two)
  solve FILE [--seconds S] [--seed N] [--iterations N]
                     solve a routing instance (Solomon, Li & Lim, Cordeau or VROOM JSON); VROOM-style JSON out
  version            print the version

configuration is read from the environment: DONGNE_HOST, DONGNE_PORT, DONGNE_DATA_DIR, DONGNE_DB,
DONGNE_WEB_DIR, DONGNE_SHARE_DIR, DONGNE_THREADS, DONGNE_ACCESS_LOG, DONGNE_COOKIE_SECURE, DONGNE_DEMO_PASSWORD
)";

int fail(const Error& e) {
  std::fprintf(stderr, "dongne: %s (%s)\n", e.message_en.c_str(), e.message_ko.c_str());
  for (const auto& f : e.fields) std::fprintf(stderr, "  %s: %s\n", f.field.c_str(), f.message_en.c_str());
  return e.code == Code::kInvalid ? 2 : 1;
}

std::optional<std::string> flag(const std::vector<std::string>& args, const std::string& name) {
  for (size_t i = 0; i + 1 < args.size(); ++i)
    if (args[i] == name) return args[i + 1];
  return std::nullopt;
}

int user_add(App& app, const std::vector<std::string>& args) {
  auto email = flag(args, "--email");
  auto name = flag(args, "--name");
  auto role = flag(args, "--role");
  if (!email || !name || !role) {
    std::fprintf(stderr, "usage: dongne user add --email E --name N --role R [--password P]\n");
    return 2;
  }
  auto parsed = parse_role(*role);
  if (!parsed) return fail(Error::field("role", "enum", "알 수 없는 역할입니다", "unknown role " + *role));
  Grant g{*parsed, flag(args, "--scope-kind").value_or(""), 0, ""};
  if (auto id = flag(args, "--scope-id")) g.scope_id = std::strtoll(id->c_str(), nullptr, 10);
  auth::StaffAccount s;
  s.name = *name;
  s.email = *email;
  s.password = flag(args, "--password");
  s.grants = {g};
  Principal system;  // the command line acts as the operator of the machine: recorded as actor 0
  auto created = app.auth().create_staff(system, s);
  if (!created.ok()) return fail(created.error());
  std::printf("created user %lld <%s> as %s\n", static_cast<long long>(created->first.id), email->c_str(),
              role->c_str());
  if (!created->second.empty()) std::printf("initial password: %s\n", created->second.c_str());
  return 0;
}

// backup, restore and digest work on the store alone: no migration, no demo city, no server.
int store_command(const std::string& cmd, const std::vector<std::string>& args) {
  auto cfg = Config::from_env();
  if (!cfg.ok()) return fail(cfg.error());
  const std::string& url = cfg->db_url;
  if (cmd == "digest") {
    auto db = store::open_database(url);
    if (!db.ok()) return fail(db.error());
    auto digests = store::digest_tables(*db.value());
    if (!digests.ok()) return fail(digests.error());
    for (const auto& d : digests.value())
      std::printf("%s %lld %s\n", d.table.c_str(), static_cast<long long>(d.rows), d.sha256.c_str());
    return 0;
  }
  if (args.size() != 2) {
    std::fprintf(stderr, "usage: dongne %s FILE\n", cmd.c_str());
    return 2;
  }
  auto t0 = std::chrono::steady_clock::now();
  Status st = cmd == "backup" ? store::backup(url, args[1]) : store::restore(args[1], url);
  if (!st.ok()) return fail(st.error());
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "dongne: %s %s in %.2f s\n", cmd == "backup" ? "backed up to" : "restored from", args[1].c_str(), secs);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "help" || args[0] == "--help" || args[0] == "-h") {
    std::fputs(kUsage, args.empty() ? stderr : stdout);
    return args.empty() ? 2 : 0;
  }
  const std::string cmd = args[0];
  if (cmd == "version" || cmd == "--version") {
    std::puts("dongne 0.1.0");
    return 0;
  }
  if (cmd == "solve") return dispatch::formats::run_solve_cli(args, std::cout, std::cerr);
  if (cmd == "backup" || cmd == "restore" || cmd == "digest") return store_command(cmd, args);
  if (cmd != "up" && cmd != "serve" && cmd != "migrate" && cmd != "seed-demo" && cmd != "user") {
    std::fprintf(stderr, "dongne: unknown command '%s'\n\n%s", cmd.c_str(), kUsage);
    return 2;
  }
  static char buf[1 << 16];
  std::setvbuf(stdout, buf, _IOFBF, sizeof buf);  // the access log; App::serve flushes it
  auto cfg = Config::from_env();
  if (!cfg.ok()) return fail(cfg.error());
  auto app = App::open(cfg.value());
  if (!app.ok()) return fail(app.error());
  App& a = *app.value();
  if (cmd == "migrate") {
    for (const auto& m : a.db().applied_migrations()) std::printf("%s %04d %s\n", m.module.c_str(), m.version, m.name.c_str());
    return 0;
  }
  if (cmd == "seed-demo" || cmd == "up") {
    Status st = a.seed_demo(std::cout);
    std::cout.flush();
    std::fflush(stdout);
    if (!st.ok()) return fail(st.error());
    if (cmd == "seed-demo") return 0;
  }
  if (cmd == "user") {
    if (args.size() < 2 || args[1] != "add") {
      std::fprintf(stderr, "usage: dongne user add --email E --name N --role R\n");
      return 2;
    }
    int rc = user_add(a, args);
    std::fflush(stdout);
    return rc;
  }
  Status st = a.serve();
  if (!st.ok()) return fail(st.error());
  return 0;
}

}  // namespace dongne::app
