#!/usr/bin/env bash
# Runs the benchmarks on a release build and updates bench/results/*.json and docs/benchmarks.md.
#   scripts/bench.sh [http|booking|backup|crash|programmes|jobs|dispatch|all]   (default: all; dispatch takes about an hour at full budgets)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
scripts/build.sh release >/dev/null
run() { echo "== $1"; shift; "$@"; }
if [ "$what" = all ] || [ "$what" = http ]; then run "HTTP" bench/http/run.sh build/release; fi
if [ "$what" = all ] || [ "$what" = booking ]; then
  run "booking rules engine" build/release/bench/booking/booking_rules_bench --benchmark_min_time=0.2
  [ -x bench/booking/http_run.sh ] && run "booking over HTTP" bench/booking/http_run.sh build/release
  run "booking on PostgreSQL (one and two instances behind HAProxy) beside SQLite and pgbench" bench/booking/pg_run.sh build/release
fi
if [ "$what" = all ] || [ "$what" = backup ]; then
  run "backup and restore of a busy year of the demo city, SQLite and PostgreSQL" bench/backup/run.sh build/release
fi
if [ "$what" = all ] || [ "$what" = crash ]; then
  run "crash loop on SQLite: 256 writing clients, 20 SIGKILLs" env DONGNE_BIN=build/release/dongne DONGNE_TEST_STORE=sqlite \
    node bench/crash/crash_loop.mjs --clients 256 --kills 20 --json bench/results/crash_loop_sqlite.json
  run "crash loop on PostgreSQL: the same" scripts/with-postgres.sh env DONGNE_BIN=build/release/dongne DONGNE_TEST_STORE=postgresql \
    node bench/crash/crash_loop.mjs --clients 256 --kills 20 --json bench/results/crash_loop_pg.json
  python3 bench/crash/report.py
fi
if [ "$what" = all ] || [ "$what" = programmes ]; then
  kb=$(mktemp -d "${TMPDIR:-/tmp}/dongne-kpi-bench.XXXXXX")
  run "programme KPIs: pure fold, 226 governments x 1 year x 50 projects x 1,000 people" \
    build/release/bench/programmes/programmes_kpi_bench --governments 226 --years 1 --projects 50 --people 1000 \
    --json bench/results/programmes_fold.json
  run "programme KPIs on SQLite: a 10-million-fact slice (20 governments x 10 years)" \
    build/release/bench/programmes/programmes_kpi_bench --governments 20 --years 10 --projects 50 --people 1000 \
    --store "sqlite:$kb/kpi.db" --queries 100 --json bench/results/programmes_sqlite.json
  run "programme KPIs on PostgreSQL: the same slice" scripts/with-postgres.sh bash -c \
    'build/release/bench/programmes/programmes_kpi_bench --governments 20 --years 10 --projects 50 --people 1000 \
       --store "$DONGNE_PG" --queries 100 --json bench/results/programmes_pg.json'
  rm -rf "$kb"
fi
if [ "$what" = all ] || [ "$what" = jobs ]; then
  jb=build/release/bench/jobs/jobs_match_bench
  run "jobs matching: top-20 with explanations among 1,000,000 vacancies, 1,000 seekers, one thread" \
    $jb --mode single --vacancies 1000000 --queries 1000 --json bench/results/jobs_single.json
  run "jobs matching: nightly batch, 100,000 seekers x 100,000 vacancies, 2 threads" \
    $jb --mode batch --vacancies 100000 --seekers 100000 --threads 2 --json bench/results/jobs_batch.json
  run "jobs matching: the same scoring as SQL on PostgreSQL, 1,000,000 vacancies, 50 seekers" \
    scripts/with-postgres.sh $jb --mode pg --vacancies 1000000 --queries 50 --json bench/results/jobs_pg.json
  # The Jobs table in docs/benchmarks.md, between its markers.
  python3 - "$(bench/jobs/report.py)" <<'PY'
import re, sys
path = "docs/benchmarks.md"
doc = open(path).read()
doc = re.sub(r"(<!-- jobs:begin -->\n).*?(<!-- jobs:end -->)", lambda m: m.group(1) + sys.argv[1] + "\n" + m.group(2), doc,
             flags=re.S)
open(path, "w").write(doc)
PY
fi
if [ "$what" = all ] || [ "$what" = dispatch ]; then
  run "dispatch real-time insertion" build/release/dispatch_bench_realtime --vehicles 50 --open 1000 --probes 500
  run "shuttle over HTTP on SQLite: 50 vans, 1,000 open requests, 500 measured" \
    node bench/dispatch/shuttle_http.mjs --open 1000 --measured 500 --json bench/results/dispatch_shuttle_sqlite.json
  run "shuttle over HTTP on PostgreSQL: the same" scripts/with-postgres.sh \
    node bench/dispatch/shuttle_http.mjs --store postgresql --open 1000 --measured 500 --json bench/results/dispatch_shuttle_pg.json
  run "a dispatch day over HTTP on SQLite: 12 vans, 5 couriers, 300 rides, 120 luggage orders, drivers moving (about 18 min at rate 60)" \
    node bench/dispatch/simulate_day.mjs --rate 60 --json bench/results/dispatch_day_sqlite.json
  run "a dispatch day over HTTP on PostgreSQL: the same" scripts/with-postgres.sh \
    node bench/dispatch/simulate_day.mjs --store postgresql --rate 60 --json bench/results/dispatch_day_pg.json
  [ -x bench/dispatch/run_sets.sh ] && run "dispatch instance sets" bench/dispatch/run_sets.sh build/release
fi
