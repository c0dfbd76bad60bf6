#!/usr/bin/env bash
# Runs a command against a throwaway PostgreSQL cluster, then removes the cluster.
#   scripts/with-postgres.sh ./build/store/src/store/dongne_store_test
# Starts a fresh cluster (initdb in a mktemp dir, fsync=on, trust auth on 127.0.0.1, a free port), exports
#   DONGNE_PG      libpq keyword string, e.g. "host=127.0.0.1 port=45123 user=postgres dbname=postgres"
#   DONGNE_PG_URL  the same as a URL, e.g. "postgresql://postgres@127.0.0.1:45123/postgres"
# runs the command, stops the server and deletes the data on exit (also on Ctrl-C), and exits with the command's
# status. Works as root (the server runs as user postgres via runuser) and as a normal user.
# PG_BIN overrides the server binaries folder (default: the newest /usr/lib/postgresql/*/bin, preferring 15).
set -euo pipefail

if [[ $# -eq 0 ]]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi

if [[ -z "${PG_BIN:-}" ]]; then
  if [[ -x /usr/lib/postgresql/15/bin/initdb ]]; then
    PG_BIN=/usr/lib/postgresql/15/bin
  else
    PG_BIN=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
    [[ -n "$PG_BIN" ]] || PG_BIN=$(pg_config --bindir 2>/dev/null || true)
  fi
fi
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  echo "with-postgres: PostgreSQL server binaries not found (apt-get install postgresql, or set PG_BIN)" >&2
  exit 127
fi

BASE=$(mktemp -d "${TMPDIR:-/tmp}/dongne-pg.XXXXXX")
as_pg() {  # runs a server binary as the cluster owner, from a folder that owner can read
  if [[ $(id -u) -eq 0 ]]; then
    (cd "$BASE" && runuser -u postgres -- "$@")
  else
    (cd "$BASE" && "$@")
  fi
}
cleanup() {
  local rc=$?
  if [[ -f "$BASE/data/postmaster.pid" ]]; then
    as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" -m fast -w stop >/dev/null 2>&1 ||
      as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$BASE"
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

if [[ $(id -u) -eq 0 ]]; then
  id postgres >/dev/null 2>&1 || { echo "with-postgres: running as root needs a 'postgres' user" >&2; exit 1; }
  chown postgres:postgres "$BASE"
  chmod 700 "$BASE"
fi

as_pg "$PG_BIN/initdb" -D "$BASE/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$BASE/initdb.log" 2>&1 ||
  { cat "$BASE/initdb.log" >&2; exit 1; }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
started=""
for _ in 1 2 3 4 5 6 7 8; do
  PORT=$((20000 + RANDOM % 40000))
  port_in_use "$PORT" && continue
  if as_pg "$PG_BIN/pg_ctl" -D "$BASE/data" -l "$BASE/server.log" -w -t 60 \
      -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$BASE -c fsync=on -c max_connections=200" \
      start >/dev/null; then
    started=1
    break
  fi
done
if [[ -z "$started" ]]; then
  echo "with-postgres: the server did not start; its log:" >&2
  cat "$BASE/server.log" >&2 || true
  exit 1
fi

export DONGNE_PG="host=127.0.0.1 port=$PORT user=postgres dbname=postgres"
export DONGNE_PG_URL="postgresql://postgres@127.0.0.1:$PORT/postgres"
echo "with-postgres: PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PORT ($BASE)" >&2

set +e
"$@"
rc=$?
set -e
exit "$rc"
