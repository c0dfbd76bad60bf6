#!/usr/bin/env bash
# Runs the benchmarks on a release build and updates bench/results/*.json and docs/benchmarks.md.
#   scripts/bench.sh [http|booking|dispatch|all]   (default: all; dispatch takes about an hour at full budgets)
set -euo pipefail
cd "$(dirname "$0")/.."
what="${1:-all}"
scripts/build.sh release >/dev/null
run() { echo "== $1"; shift; "$@"; }
if [ "$what" = all ] || [ "$what" = http ]; then run "HTTP" bench/http/run.sh build/release; fi
if [ "$what" = all ] || [ "$what" = booking ]; then
  run "booking rules engine" build/release/bench/booking/booking_rules_bench --benchmark_min_time=0.2
  [ -x bench/booking/http_run.sh ] && run "booking over HTTP" bench/booking/http_run.sh build/release
fi
if [ "$what" = all ] || [ "$what" = dispatch ]; then
  run "dispatch real-time insertion" build/release/dispatch_bench_realtime --vehicles 50 --open 1000 --probes 500
  [ -x bench/dispatch/run_sets.sh ] && run "dispatch instance sets" bench/dispatch/run_sets.sh build/release
fi
