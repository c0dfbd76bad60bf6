#!/usr/bin/env bash
# Booking throughput on PostgreSQL beside SQLite, in one run on this machine (issue 13's aim: two instances on
# PostgreSQL confirm at least as many bookings per second as one on SQLite):
#  0. pgbench's own single-row commit rate on the same cluster (64 clients, one INSERT per transaction);
#  1. one instance on SQLite, 2. one instance on PostgreSQL, 3. two instances on PostgreSQL behind HAProxy:
#     each under the same steady load as bench/booking/http_run.sh (facility-manager bookings, a new household and
#     Idempotency-Key per request, spread over a month's slots of a roomy resource, wrk 64 connections, DURATION s),
#     counting the bookings confirmed and the transactions PostgreSQL made run again (/metrics).
# With BASELINE=<build dir of an earlier commit>, 2 and 3 are also run with that build first, on a database of its
# own, so that a change is measured beside what it replaces in the same run.
# Writes bench/results/booking_pg.json and the PostgreSQL booking section of docs/benchmarks.md.
# Usage: [BASELINE=DIR] bench/booking/pg_run.sh [BUILD_DIR]   (default build/release; DURATION=10)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUILD="${1:-build/release}"
DURATION="${DURATION:-10}"
N_HH=${N_HH:-200000}
command -v wrk >/dev/null || { echo "wrk is not installed (./dongne.sh setup)"; exit 2; }
command -v haproxy >/dev/null || { echo "haproxy is not installed (scripts/setup.sh full)"; exit 2; }
if [ -z "${DONGNE_PG:-}" ]; then exec scripts/with-postgres.sh "$0" "$@"; fi
export DONGNE_DEMO_PASSWORD=bench-password-1
WORK=$(mktemp -d)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
ulimit -n 65536 2>/dev/null || true
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ready() { for _ in $(seq 1 900); do curl -fs "$1/readyz" >/dev/null 2>&1 && return 0; sleep 0.1; done; return 1; }
BIN="$BUILD/dongne"
start() {  # command db port -> starts an instance of $BIN in the background
  DONGNE_DB="$2" DONGNE_PORT=$3 DONGNE_DATA_DIR="$WORK" DONGNE_ACCESS_LOG=0 DONGNE_TRUSTED_PROXIES=127.0.0.1 \
    DONGNE_BOOKING_CLOCK_AT=2026-12-01T10:50:00+09:00 DONGNE_SHARE_DIR="$ROOT/data" DONGNE_WEB_DIR="$ROOT/web/dist" \
    "$BIN" "$1" >>"$WORK/dongne.log" 2>&1 &
  pids+=($!)
  ready "http://127.0.0.1:$3" || { tail -5 "$WORK/dongne.log" >&2; exit 1; }
}
retries() { curl -fs "$1/metrics" | awk '/^dongne_store_retries_total/ {print $2}'; }
sql() { if [[ "$1" == sqlite:* ]]; then sqlite3 -cmd ".timeout 10000" "${1#sqlite:}" "$2"; else psql "$1" -tAq -c "$2"; fi; }

# 0. pgbench: single-row commits.
psql "$DONGNE_PG" -q -c "CREATE TABLE pgbench_one (id bigserial PRIMARY KEY, v text)" >/dev/null
echo "INSERT INTO pgbench_one (v) VALUES ('one row');" >"$WORK/one.sql"
pgbench_tps=$(pgbench -n -c 64 -j 2 -T "$DURATION" -f "$WORK/one.sql" "$DONGNE_PG" 2>/dev/null | awk '/^tps/ {printf "%.0f", $3}')

steady() {  # label db url(s)... -> "confirmed_per_s rps p99_ms retries"; the first URL loads the demo city
  local db=$1 url=$2
  local token fid rid base
  token=$(curl -fs -X POST "$url/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"login\":\"manager.gaho@demo.dongne.kr\",\"password\":\"$DONGNE_DEMO_PASSWORD\",\"token\":true}" | json 'd["token"]')
  fid=$(curl -fs "$url/api/v1/organisations?kind=facility" | json '[o["id"] for o in d["items"] if o["code"]=="jinju-gaho"][0]')
  rid=$(curl -fs -X POST "$url/api/v1/booking/resources" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{
    \"facility_id\": $fid, \"code\": \"steady-$RANDOM\", \"kind\": \"space\", \"name_ko\": \"s\", \"name_en\": \"s\", \"capacity\": 100000,
    \"rules\": {\"hours\": {\"mon\": [[\"09:00\",\"18:00\"]], \"tue\": [[\"09:00\",\"18:00\"]], \"wed\": [[\"09:00\",\"18:00\"]],
      \"thu\": [[\"09:00\",\"18:00\"]], \"fri\": [[\"09:00\",\"18:00\"]]}, \"window\": {\"opens_days_ahead\": 30},
      \"slot_minutes\": 120, \"eligibility\": {\"city_code\": \"jinju\"}}}" | json 'd["id"]')
  sql "$db" "INSERT INTO booking_households (contact_name, city_code, created_at) SELECT 'steady ' || i, 'jinju', 0 FROM
    (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < $N_HH) SELECT i FROM s) AS n;" >/dev/null
  base=$(sql "$db" "SELECT MAX(id) - $N_HH FROM booking_households;")
  shift 1
  local r0=0 u; for u in "$@"; do r0=$((r0 + $(retries "$u"))); done
  local out
  out=$(TOKEN=$token RESOURCE=$rid BASE=$base STRIDE=$((N_HH / 2)) PREFIX="s$RANDOM" SPREAD=1 START= END= \
    wrk -t2 -c64 -d"${DURATION}s" --latency -s bench/booking/book.lua "$url")
  local r1=0; for u in "$@"; do r1=$((r1 + $(retries "$u"))); done
  local confirmed; confirmed=$(sql "$db" "SELECT COUNT(*) FROM bookings WHERE resource_id = $rid AND status = 'confirmed';")
  local rps p99
  rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  p99=$(echo "$out" | awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) sub(/ms/,"",v); else if (v ~ /s$/) {sub(/s/,"",v); v*=1000}; print v}')
  echo "$(awk -v n="$confirmed" -v d="$DURATION" 'BEGIN {printf "%.0f", n/d}') $rps $p99 $((r1 - r0)) $confirmed"
}

# 1. SQLite, one instance.
p1=$(port); start up "sqlite:$WORK/sqlite.db" "$p1"
read -r s_cps s_rps s_p99 s_retries s_n < <(steady "sqlite:$WORK/sqlite.db" "http://127.0.0.1:$p1" "http://127.0.0.1:$p1")
kill "${pids[@]}"; wait 2>/dev/null || true; pids=()

pg_pair() {  # database -> "one-instance figures | two-instance figures" for $BIN on a new database
  psql "$DONGNE_PG" -q -c "CREATE DATABASE $1" >/dev/null
  local pg="$DONGNE_PG dbname=$1" pa pb plb one two
  pa=$(port); start up "$pg pool=${PG_POOL:-8}" "$pa"
  one=$(steady "$pg" "http://127.0.0.1:$pa" "http://127.0.0.1:$pa")
  pb=$(port); start serve "$pg pool=${PG_POOL:-8}" "$pb"
  plb=$(port)
  cat >"$WORK/haproxy.cfg" <<CFG
global
  maxconn 8192
defaults
  mode http
  timeout connect 1s
  timeout client 30s
  timeout server 30s
frontend dongne
  bind 127.0.0.1:$plb
  option forwardfor
  default_backend instances
backend instances
  balance roundrobin
  server a 127.0.0.1:$pa
  server b 127.0.0.1:$pb
CFG
  haproxy -f "$WORK/haproxy.cfg" -db >"$WORK/haproxy.log" 2>&1 &
  pids+=($!)
  ready "http://127.0.0.1:$plb"
  two=$(steady "$pg" "http://127.0.0.1:$plb" "http://127.0.0.1:$pa" "http://127.0.0.1:$pb")
  kill "${pids[@]}"; wait 2>/dev/null || true; pids=()
  echo "$one $two"
}

# 2 and 3 with the baseline build, if one is given.
b_cps=; b_p99=; b_ret=; c_cps=; c_p99=; c_ret=
if [ -n "${BASELINE:-}" ]; then
  BIN="$BASELINE/dongne"
  pg_pair booking_pg_base >"$WORK/pair"
  read -r b_cps _ b_p99 b_retries b_n c_cps _ c_p99 c_retries c_n <"$WORK/pair"
  b_ret=$(awk -v r="$b_retries" -v n="$b_n" 'BEGIN {printf "%.1f", (n > 0 ? 1000 * r / n : 0)}')
  c_ret=$(awk -v r="$c_retries" -v n="$c_n" 'BEGIN {printf "%.1f", (n > 0 ? 1000 * r / n : 0)}')
  BIN="$BUILD/dongne"
fi
# 2. PostgreSQL, one instance; 3. two instances behind HAProxy.
pg_pair booking_pg >"$WORK/pair"
read -r p_cps p_rps p_p99 p_retries p_n q_cps q_rps q_p99 q_retries q_n <"$WORK/pair"

when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
baseline_json=null
if [ -n "${BASELINE:-}" ]; then
  baseline_json="{\"build\": \"$BASELINE\", \"postgresql_1_instance\": {\"confirmed_per_s\": $b_cps, \"p99_ms\": $b_p99, \"retries_per_1000\": $b_ret}, \"postgresql_2_instances_haproxy\": {\"confirmed_per_s\": $c_cps, \"p99_ms\": $c_p99, \"retries_per_1000\": $c_ret}}"
fi
per_k() { awk -v r="$1" -v n="$2" 'BEGIN {printf "%.1f", (n > 0 ? 1000 * r / n : 0)}'; }
cat >bench/results/booking_pg.json <<JSON
{"when": "$when", "machine": "$(nproc) cores (shared)", "duration_s": $DURATION, "connections": 64,
 "pgbench_single_row_commits_per_s": $pgbench_tps,
 "sqlite_1_instance": {"confirmed_per_s": $s_cps, "rps": $s_rps, "p99_ms": $s_p99},
 "postgresql_1_instance": {"confirmed_per_s": $p_cps, "rps": $p_rps, "p99_ms": $p_p99, "retries": $p_retries, "retries_per_1000": $(per_k "$p_retries" "$p_n")},
 "postgresql_2_instances_haproxy": {"confirmed_per_s": $q_cps, "rps": $q_rps, "p99_ms": $q_p99, "retries": $q_retries, "retries_per_1000": $(per_k "$q_retries" "$q_n")},
 "baseline": $baseline_json}
JSON
table="<!-- booking-pg:begin -->
Measured $when on this $(nproc)-core machine with \`bench/booking/pg_run.sh\`: the steady booking load of \`bench/booking/http_run.sh\` (64 connections, ${DURATION} s, every request a new confirmed booking) against each set-up in turn, server(s), PostgreSQL 15 (\`fsync=on\`, \`synchronous_commit=on\`), HAProxy and wrk all on the same 2 cores.

| set-up | confirmed bookings/s | p99 | retried transactions per 1,000 bookings |
|---|---|---|---|
| pgbench, one INSERT per transaction, 64 clients (the cluster's own commit rate) | $pgbench_tps commits/s | | |
| SQLite, one instance | **$s_cps** | $s_p99 ms | (one writer: none) |
${BASELINE:+| PostgreSQL, one instance, before (\`$BASELINE\`) | $b_cps | $b_p99 ms | $b_ret |
| PostgreSQL, two instances behind HAProxy, before | $c_cps | $c_p99 ms | $c_ret |
}| PostgreSQL, one instance | **$p_cps** | $p_p99 ms | $(per_k "$p_retries" "$p_n") |
| PostgreSQL, two instances behind HAProxy | **$q_cps** | $q_p99 ms | $(per_k "$q_retries" "$q_n") |
<!-- booking-pg:end -->"
if grep -q '<!-- booking-pg:begin -->' docs/benchmarks.md; then
  TABLE="$table" python3 -c 'import os,re;p="docs/benchmarks.md";s=open(p).read();s=re.sub(r"<!-- booking-pg:begin -->.*?<!-- booking-pg:end -->",lambda m:os.environ["TABLE"],s,flags=re.S);open(p,"w").write(s)'
else
  printf '\n## Booking on PostgreSQL\n\n%s\n' "$table" >>docs/benchmarks.md
fi
cat bench/results/booking_pg.json
