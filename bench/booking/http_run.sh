#!/usr/bin/env bash
# Booking HTTP benchmark on SQLite with durable writes (WAL; every booking is acknowledged only after the WAL
# frames of its group commit are fdatasynced, see docs/store.md), measured with wrk in one run:
#  1. raw SQLite commit rate: sqlite3 CLI, one INSERT per transaction, WAL + synchronous=FULL, same file system;
#  2. steady load: facility-manager bookings (staff route, unique household and Idempotency-Key per request) spread
#     over the 80 weekday slots of a month of a resource with room for all of them, 64 connections, DURATION s: every answer a confirmed booking;
#  4. popular-slot opening: RUSH_CONNECTIONS connections at once on one 10-place slot for RUSH_DURATION s; after
#     it, the store must hold exactly 10 confirmed bookings for the slot (the rest waitlisted);
#  3. availability reads: GET a week of a resource's availability, 64 connections, DURATION s.
# Writes bench/results/booking.json and the booking section of docs/benchmarks.md.
# Usage: bench/booking/http_run.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUILD="${1:-build/release}"
DURATION="${DURATION:-10}"
RUSH_CONNECTIONS="${RUSH_CONNECTIONS:-2000}"
RUSH_DURATION="${RUSH_DURATION:-5}"
THREADS="${DONGNE_THREADS:-$(nproc)}"  # io threads (the server's default)
WORKERS="${DONGNE_WORKERS:-32}"      # threads for writes, which wait for their group commit (the server's default)
command -v wrk >/dev/null || { echo "wrk is not installed (./dongne.sh setup)"; exit 2; }
command -v sqlite3 >/dev/null || { echo "sqlite3 CLI is not installed"; exit 2; }
DATA=$(mktemp -d)
PORT=$((20000 + RANDOM % 10000))
URL="http://127.0.0.1:$PORT"
export DONGNE_DEMO_PASSWORD=bench-password-1
ulimit -n 65536 2>/dev/null || true

# 1. Raw commit rate: N single-row transactions.
N_RAW=${N_RAW:-3000}
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT);"
  for i in $(seq 1 "$N_RAW"); do echo "INSERT INTO t (v) VALUES ('row $i');"; done
} >"$DATA/raw.sql"
t0=$(date +%s.%N)
sqlite3 "$DATA/raw.db" <"$DATA/raw.sql" >/dev/null
t1=$(date +%s.%N)
raw_commits=$(awk -v n="$N_RAW" -v a="$t0" -v b="$t1" 'BEGIN {printf "%.0f", n/(b-a)}')

DONGNE_PORT=$PORT DONGNE_DATA_DIR="$DATA" DONGNE_ACCESS_LOG=0 DONGNE_THREADS=$THREADS DONGNE_WORKERS=$WORKERS \
  DONGNE_BOOKING_CLOCK_AT=2026-12-01T10:50:00+09:00 \
  DONGNE_SHARE_DIR="$ROOT/data" DONGNE_WEB_DIR="$ROOT/web/dist" "$BUILD/dongne" up >"$DATA/dongne.log" 2>&1 &
dpid=$!
trap 'kill $dpid 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 200); do curl -fs "$URL/readyz" >/dev/null 2>&1 && break; sleep 0.1; done

json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
token=$(curl -fs -X POST "$URL/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"login\":\"manager.gaho@demo.dongne.kr\",\"password\":\"$DONGNE_DEMO_PASSWORD\",\"token\":true}" | json 'd["token"]')
fid=$(curl -fs "$URL/api/v1/organisations?kind=facility" | json '[o["id"] for o in d["items"] if o["code"]=="jinju-gaho"][0]')
resource() {  # code capacity -> id
  curl -fs -X POST "$URL/api/v1/booking/resources" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{
    \"facility_id\": $fid, \"code\": \"$1\", \"kind\": \"space\", \"name_ko\": \"$1\", \"name_en\": \"$1\", \"capacity\": $2,
    \"rules\": {\"hours\": {\"mon\": [[\"09:00\",\"18:00\"]], \"tue\": [[\"09:00\",\"18:00\"]], \"wed\": [[\"09:00\",\"18:00\"]],
      \"thu\": [[\"09:00\",\"18:00\"]], \"fri\": [[\"09:00\",\"18:00\"]]}, \"window\": {\"opens_days_ahead\": 30},
      \"slot_minutes\": 120, \"waitlist\": true, \"eligibility\": {\"city_code\": \"jinju\"}}}" | json 'd["id"]'
}
steady_id=$(resource bench-steady 100000)
hot_id=$(resource bench-hot 10)

# Households to book for (walk-in style, no account): inserted in one transaction next to the running server.
N_HH=${N_HH:-400000}
sqlite3 -cmd ".timeout 10000" "$DATA/dongne.db" "WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < $N_HH)
  INSERT INTO booking_households (contact_name, city_code, created_at) SELECT 'bench ' || i, 'jinju', 0 FROM s;"
base=$(sqlite3 "$DATA/dongne.db" "SELECT MIN(id) - 1 FROM booking_households WHERE contact_name LIKE 'bench %';")
stride=$((N_HH / 4))

p99_ms() { case "$1" in *us) echo "${1%us}" | awk '{print $1/1000}';; *ms) echo "${1%ms}";; *s) echo "${1%s}" | awk '{print $1*1000}';; *) echo "$1";; esac; }
run_wrk() {  # label args... -> "rps p99_ms non2xx"
  local out; out=$(wrk --latency "$@" 2>&1)
  echo "$out" >"$DATA/wrk-$RANDOM.txt"
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p99; p99=$(p99_ms "$(echo "$out" | awk '$1=="99%" {print $2}')")
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  echo "$rps $p99 ${non2xx:-0}"
}
count() { sqlite3 -cmd ".timeout 10000" "$DATA/dongne.db" "SELECT COUNT(*) FROM bookings WHERE resource_id = $1 AND status = '$2';"; }

export TOKEN=$token START=2026-12-02T11:00:00+09:00 END=2026-12-02T13:00:00+09:00 BASE=$base STRIDE=$stride
# 2. Steady load.
read -r s_rps s_p99 s_bad < <(RESOURCE=$steady_id PREFIX=steady SPREAD=1 run_wrk -t2 -c64 -d"${DURATION}s" -s bench/booking/book.lua "$URL")
s_confirmed=$(count "$steady_id" confirmed)
s_cps=$(awk -v n="$s_confirmed" -v d="$DURATION" 'BEGIN {printf "%.0f", n/d}')
# 3. Availability reads.
read -r a_rps a_p99 a_bad < <(run_wrk -t2 -c64 -d"${DURATION}s" "$URL/api/v1/booking/resources/$hot_id/availability?from=2026-11-30&days=7")
# 4. Popular slot: thousands of clients at once (last: it leaves a backlog of queued connections behind it).
export BASE=$((base + N_HH / 2)) STRIDE=$((N_HH / 4))
read -r r_rps r_p99 r_bad < <(RESOURCE=$hot_id PREFIX=rush run_wrk -t2 -c"$RUSH_CONNECTIONS" -d"${RUSH_DURATION}s" --timeout 30s -s bench/booking/book.lua "$URL")
r_confirmed=$(count "$hot_id" confirmed)
r_waitlisted=$(count "$hot_id" waitlisted)
[ "$r_confirmed" = 10 ] || { echo "OVERBOOKED OR UNDERBOOKED: $r_confirmed confirmed for 10 places" >&2; exit 1; }

when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat >bench/results/booking.json <<JSON
{"when": "$when", "machine": "$(nproc) cores (shared)", "store": "sqlite WAL, group commit, WAL fdatasync before acknowledging", "server_io_threads": $THREADS, "server_workers": $WORKERS,
 "raw_sqlite_commits_per_s": $raw_commits,
 "steady_bookings": {"connections": 64, "duration_s": $DURATION, "rps": $s_rps, "p99_ms": $s_p99, "non_2xx": $s_bad,
                     "confirmed": $s_confirmed, "confirmed_per_s": $s_cps},
 "popular_slot_rush": {"connections": $RUSH_CONNECTIONS, "duration_s": $RUSH_DURATION, "rps": $r_rps, "p99_ms": $r_p99,
                       "non_2xx": $r_bad, "confirmed": $r_confirmed, "waitlisted": $r_waitlisted, "places": 10},
 "availability_reads": {"connections": 64, "duration_s": $DURATION, "rps": $a_rps, "p99_ms": $a_p99, "non_2xx": $a_bad},
 "aims": {"confirmed_per_s": 5000, "availability_rps": 30000, "availability_p99_ms": 5}}
JSON
table="<!-- booking:begin -->
Measured $when on this $(nproc)-core machine (shared with other work), server ($THREADS io threads, $WORKERS write workers) and wrk (2 threads) on the same cores, SQLite in WAL with group commit: every booking is acknowledged only after an fdatasync of the WAL that holds it (as durable as synchronous=FULL; \`docs/store.md\`). \`bench/booking/http_run.sh\`.

| measurement | result | p99 | aim |
|---|---|---|---|
| raw SQLite commits (sqlite3 CLI, one INSERT per transaction, same disk) | $raw_commits commits/s | | |
| steady bookings, 64 connections, ${DURATION} s (each a new confirmed booking) | **$s_cps confirmed/s** ($s_rps req/s) | $s_p99 ms | ≥ 5,000/s |
| popular slot opening, $RUSH_CONNECTIONS connections at once on 10 places, ${RUSH_DURATION} s | $r_rps req/s; **$r_confirmed confirmed**, $r_waitlisted waitlisted | $r_p99 ms | exactly 10 |
| availability (a week of slots), 64 connections, ${DURATION} s | **$a_rps req/s** | $a_p99 ms | ≥ 30,000/s, p99 < 5 ms |

Each booking is one store transaction (locks on its resource and hours, the household row, the decision, the booking row, the event with its outbox row, the idempotency answer); the SQLite back end runs concurrent transactions on one writer thread in one commit (group commit) and flushes the WAL on another thread while the next batch runs, which is why bookings/s can exceed the raw one-commit-per-INSERT rate. Decisions read per-slot counters kept by triggers, so their cost does not grow with the bookings already in a slot.
<!-- booking:end -->"
mkdir -p docs
[ -f docs/benchmarks.md ] || printf '# Benchmarks\n\nNumbers measured on the 2-core development machine; re-run with `./dongne.sh bench`.\n' >docs/benchmarks.md
if grep -q '<!-- booking:begin -->' docs/benchmarks.md; then
  TABLE="$table" python3 -c 'import os,re;p="docs/benchmarks.md";s=open(p).read();s=re.sub(r"<!-- booking:begin -->.*?<!-- booking:end -->",lambda m:os.environ["TABLE"],s,flags=re.S);open(p,"w").write(s)'
else
  printf '\n## Booking\n\n%s\n' "$table" >>docs/benchmarks.md
fi
cat bench/results/booking.json
