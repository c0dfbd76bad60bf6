#!/usr/bin/env bash
# Runs the dispatch solver over the three benchmark sets (Li & Lim 100, Solomon 100, Cordeau DARP), two instances
# at a time with one thread each, validates every answer, writes bench/results/<set>.{csv,json} and regenerates
# the dispatch section of docs/benchmarks.md (between <!-- dispatch:begin --> and <!-- dispatch:end -->).
#
# usage: bench/dispatch/run_sets.sh [BUILD_DIR] [--seconds S] [--sets "lilim100 solomon100 cordeau_darp"]
#                                   [--only a,b,...] [--seed N] [--build-dir DIR] [--no-build]
#   BUILD_DIR     a configured build tree (default build/release; scripts/bench.sh passes it positionally)
#   --seconds S   budget per instance (default 60: 160 instances x 60 s / 2 at a time = about 80 minutes)
#   --only LIST   only these instances (a smoke run): results go to bench/results/partial/, the doc is untouched
# env: DONGNE_BENCHMARKS_DIR (default ../shared/benchmarks beside the repository)
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DATA=${DONGNE_BENCHMARKS_DIR:-$ROOT/../shared/benchmarks}
SECONDS_PER=60
SETS="lilim100 solomon100 cordeau_darp"
ONLY=""
SEED=1
BUILD="$ROOT/build/release"
DO_BUILD=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --seconds) SECONDS_PER=$2; shift 2 ;;
    --sets) SETS=$2; shift 2 ;;
    --only) ONLY=$2; shift 2 ;;
    --seed) SEED=$2; shift 2 ;;
    --build-dir) BUILD=$2; shift 2 ;;
    --no-build) DO_BUILD=0; shift ;;
    -h|--help) awk 'NR > 1 && /^#/ {print; next} NR > 1 {exit}' "$0"; exit 0 ;;
    --*) echo "run_sets.sh: unknown argument $1" >&2; exit 2 ;;
    *) BUILD=$(cd "$1" && pwd); shift ;;
  esac
done

if [[ $DO_BUILD == 1 ]]; then
  if [[ ! -f "$BUILD/build.ninja" ]]; then
    cmake -S "$ROOT" -B "$BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  fi
  nice ninja -C "$BUILD" -j2 dispatch_bench_sets
fi
BIN="$BUILD/dispatch_bench_sets"
[[ -x "$BIN" ]] || { echo "run_sets.sh: $BIN not built" >&2; exit 2; }

OUT="$ROOT/bench/results"
ONLY_ARGS=()
if [[ -n "$ONLY" ]]; then
  OUT="$ROOT/bench/results/partial"
  ONLY_ARGS=(--only "$ONLY")
fi

status=0
for set in $SETS; do
  [[ -d "$DATA/$set" ]] || { echo "run_sets.sh: no $DATA/$set" >&2; exit 2; }
  echo "== $set: ${SECONDS_PER} s per instance ==" >&2
  "$BIN" run --set "$DATA/$set" --name "$set" --seconds "$SECONDS_PER" --jobs 2 --seed "$SEED" --out "$OUT" \
    "${ONLY_ARGS[@]}" >/dev/null || status=$?
done

if [[ -z "$ONLY" ]]; then
  "$BIN" report --results "$OUT" --doc "$ROOT/docs/benchmarks.md" \
    --baseline "$ROOT/bench/dispatch/vroom_baseline.md" --sets "$(echo $SETS | tr ' ' ',')"
fi
exit $status
