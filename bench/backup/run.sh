#!/usr/bin/env bash
# Backup and restore of a busy year of the demo city, timed as an operator would run them, on SQLite and on
# PostgreSQL (a throwaway cluster through scripts/with-postgres.sh) in one run:
#  1. `dongne up` loads the demo city; then BOOKINGS facility-manager bookings (each with its event, outbox row and
#     idempotency answer) for as many walk-in households are made over HTTP (wrk, bench/booking/book.lua): more than
#     a year of the city's childcare sites would take (about 275 a day);
#  2. the server stops; `dongne backup FILE`, then `dongne restore FILE` into a new store, each timed;
#  3. `dongne digest` of both stores must be equal (every table, every row).
# Writes bench/results/backup.json and the backup section of docs/benchmarks.md.
# Usage: bench/backup/run.sh [BUILD_DIR]   (default build/release; BOOKINGS=100000)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUILD="${1:-build/release}"
BOOKINGS="${BOOKINGS:-100000}"
command -v wrk >/dev/null || { echo "wrk is not installed (./dongne.sh setup)"; exit 2; }
if [ -z "${DONGNE_PG:-}" ]; then exec scripts/with-postgres.sh "$0" "$@"; fi
export DONGNE_DEMO_PASSWORD=bench-password-1
WORK=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"' EXIT
json() { python3 -c "import sys,json; d=json.load(sys.stdin); print(eval(sys.argv[1]))" "$1"; }
sql() {  # store statement -> output
  if [ "$1" = sqlite ]; then sqlite3 -cmd ".timeout 10000" "$WORK/sqlite.db" "$2"; else psql "$DONGNE_PG dbname=year_pg" -tAq -c "$2"; fi
}

measure() {  # store -> "load_s bookings events size_bytes backup_s restore_s tables"
  [ -n "${TRACE:-}" ] && set -x
  local store=$1 url
  if [ "$store" = sqlite ]; then url="sqlite:$WORK/sqlite.db"; else
    psql "$DONGNE_PG" -q -c "CREATE DATABASE year_pg" -c "CREATE DATABASE year_pg_restored" >/dev/null
    url="$DONGNE_PG dbname=year_pg"
  fi
  local port=$((20000 + RANDOM % 10000))
  DONGNE_DB="$url" DONGNE_PORT=$port DONGNE_DATA_DIR="$WORK" DONGNE_ACCESS_LOG=0 DONGNE_BOOKING_CLOCK_AT=2026-12-01T10:50:00+09:00 \
    DONGNE_SHARE_DIR="$ROOT/data" DONGNE_WEB_DIR="$ROOT/web/dist" "$BUILD/dongne" up >"$WORK/$store.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$port/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  local token fid rid base
  token=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"login\":\"manager.gaho@demo.dongne.kr\",\"password\":\"$DONGNE_DEMO_PASSWORD\",\"token\":true}" | json 'd["token"]')
  fid=$(curl -fs "http://127.0.0.1:$port/api/v1/organisations?kind=facility" | json '[o["id"] for o in d["items"] if o["code"]=="jinju-gaho"][0]')
  rid=$(curl -fs -X POST "http://127.0.0.1:$port/api/v1/booking/resources" -H "Authorization: Bearer $token" -H 'content-type: application/json' -d "{
    \"facility_id\": $fid, \"code\": \"year-room\", \"kind\": \"space\", \"name_ko\": \"1년 공간\", \"name_en\": \"A year's room\", \"capacity\": 100000,
    \"rules\": {\"hours\": {\"mon\": [[\"09:00\",\"18:00\"]], \"tue\": [[\"09:00\",\"18:00\"]], \"wed\": [[\"09:00\",\"18:00\"]],
      \"thu\": [[\"09:00\",\"18:00\"]], \"fri\": [[\"09:00\",\"18:00\"]]}, \"window\": {\"opens_days_ahead\": 30},
      \"slot_minutes\": 120, \"eligibility\": {\"city_code\": \"jinju\"}}}" | json 'd["id"]')
  # Households to book for: each wrk round takes fresh ones (2 threads x BOOKINGS), at most 3 rounds.
  sql "$store" "INSERT INTO booking_households (contact_name, city_code, created_at) SELECT 'year ' || i, 'jinju', 0 FROM
    (WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM s WHERE i < $((6 * BOOKINGS))) SELECT i FROM s) AS n;" >/dev/null
  base=$(sql "$store" "SELECT MIN(id) - 1 FROM booking_households WHERE contact_name LIKE 'year %';")
  local t0 t1 made=0 round=0 secs=5
  t0=$(date +%s.%N)
  # wrk stops on time, not on a count: a first round of 5 s measures the rate, the next books the rest.
  while [ "$made" -lt "$BOOKINGS" ] && [ "$round" -lt 3 ]; do
    TOKEN=$token RESOURCE=$rid BASE=$((base + round * 2 * BOOKINGS)) STRIDE=$BOOKINGS PREFIX="y$round" SPREAD=1 START= END= \
      wrk -t2 -c32 -d"${secs}s" -s bench/booking/book.lua "http://127.0.0.1:$port" >/dev/null 2>&1 || true
    made=$(sql "$store" "SELECT COUNT(*) FROM bookings WHERE resource_id = $rid;")
    local elapsed; elapsed=$(awk -v a="$t0" -v b="$(date +%s.%N)" 'BEGIN {print b-a}')
    secs=$(awk -v n="$made" -v want="$BOOKINGS" -v e="$elapsed" 'BEGIN {r = n / e; if (r < 1) r = 1; printf "%d", (want - n) / r * 1.05 + 2}')
    round=$((round + 1))
  done
  t1=$(date +%s.%N)
  kill -TERM $pid; wait $pid 2>/dev/null || true; pid=""
  local events size b0 b1 r0 r1 restored
  events=$(sql "$store" "SELECT COUNT(*) FROM events;")
  if [ "$store" = sqlite ]; then restored="sqlite:$WORK/restored/sqlite.db"; else restored="$DONGNE_PG dbname=year_pg_restored"; fi
  b0=$(date +%s.%N); DONGNE_DB="$url" "$BUILD/dongne" backup "$WORK/$store.backup" 2>/dev/null; b1=$(date +%s.%N)
  r0=$(date +%s.%N); DONGNE_DB="$restored" "$BUILD/dongne" restore "$WORK/$store.backup" 2>/dev/null; r1=$(date +%s.%N)
  size=$(stat -c %s "$WORK/$store.backup")
  DONGNE_DB="$url" "$BUILD/dongne" digest >"$WORK/$store.digest"
  DONGNE_DB="$restored" "$BUILD/dongne" digest >"$WORK/$store.restored.digest"
  cmp -s "$WORK/$store.digest" "$WORK/$store.restored.digest" || { echo "$store: the restored store differs" >&2; diff "$WORK/$store.digest" "$WORK/$store.restored.digest" >&2; exit 1; }
  awk -v a="$t0" -v b="$t1" -v n="$made" -v e="$events" -v s="$size" -v b0="$b0" -v b1="$b1" -v r0="$r0" -v r1="$r1" \
    -v t="$(wc -l <"$WORK/$store.digest")" 'BEGIN {printf "%.1f %d %d %d %.2f %.2f %d\n", b-a, n, e, s, b1-b0, r1-r0, t}'
}

read -r s_load s_book s_events s_size s_backup s_restore s_tables < <(measure sqlite)
read -r p_load p_book p_events p_size p_backup p_restore p_tables < <(measure postgresql)
when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
mb() { awk -v b="$1" 'BEGIN {printf "%.1f", b/1048576}'; }
cat >bench/results/backup.json <<JSON
{"when": "$when", "machine": "$(nproc) cores (shared)",
 "sqlite": {"bookings": $s_book, "events": $s_events, "tables": $s_tables, "backup_bytes": $s_size, "load_s": $s_load, "backup_s": $s_backup, "restore_s": $s_restore, "digests_equal": true},
 "postgresql": {"bookings": $p_book, "events": $p_events, "tables": $p_tables, "backup_bytes": $p_size, "load_s": $p_load, "backup_s": $p_backup, "restore_s": $p_restore, "digests_equal": true}}
JSON
table="<!-- backup:begin -->
Measured $when on this $(nproc)-core machine with \`bench/backup/run.sh\`: the demo city plus a busy year of bookings made over HTTP (each with its event, outbox row and idempotency answer), the server stopped, then \`dongne backup\` and \`dongne restore\` into a new store, each timed; \`dongne digest\` of both stores equal on every table.

| store | bookings | events | tables | backup file | backup | restore |
|---|---|---|---|---|---|---|
| SQLite (online backup API) | $s_book | $s_events | $s_tables | $(mb "$s_size") MB | $s_backup s | **$s_restore s** |
| PostgreSQL 15 (pg_dump -Fc / pg_restore) | $p_book | $p_events | $p_tables | $(mb "$p_size") MB | $p_backup s | **$p_restore s** |
<!-- backup:end -->"
if grep -q '<!-- backup:begin -->' docs/benchmarks.md; then
  TABLE="$table" python3 -c 'import os,re;p="docs/benchmarks.md";s=open(p).read();s=re.sub(r"<!-- backup:begin -->.*?<!-- backup:end -->",lambda m:os.environ["TABLE"],s,flags=re.S);open(p,"w").write(s)'
else
  printf '\n## Backup and restore\n\n%s\n' "$table" >>docs/benchmarks.md
fi
cat bench/results/backup.json
