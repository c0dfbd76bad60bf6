#!/usr/bin/env bash
# Before/after in one run: the authenticated GET of bench/http (GET /api/v1/me with a bearer token, SQLite, access
# log on) on two builds, measured alternately ROUNDS times each with wrk (64 connections, 2 threads, DURATION s after
# a 2 s warm-up), so both see the same machine. Prints the medians and writes bench/results/http_compare.json.
# Usage: bench/http/compare.sh BEFORE_BUILD_DIR AFTER_BUILD_DIR [LABEL]   (ROUNDS=5, DURATION=8 by default)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BEFORE=$1 AFTER=$2 LABEL="${3:-before vs after}"
ROUNDS="${ROUNDS:-5}" DURATION="${DURATION:-8}"
command -v wrk >/dev/null || { echo "wrk is not installed (./dongne.sh setup)"; exit 2; }
export DONGNE_DEMO_PASSWORD=bench-password-1
pids=() dirs=()
trap 'kill "${pids[@]}" 2>/dev/null; wait 2>/dev/null; rm -rf "${dirs[@]}"' EXIT

start() {  # build_dir port -> token on stdout
  local dir share; dir=$(mktemp -d); dirs+=("$dir")
  # Each build loads the demo city of its own checkout (an older binary may not read today's data files).
  share="$(cd "$1/../.." && pwd)/data"; [ -d "$share/demo" ] || share="$ROOT/data"
  DONGNE_PORT=$2 DONGNE_DATA_DIR="$dir" DONGNE_ACCESS_LOG=1 DONGNE_THREADS=4 DONGNE_SHARE_DIR="$share" \
    DONGNE_WEB_DIR="$ROOT/web/dist" "$1/dongne" up >"$dir/dongne.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 600); do curl -fs "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
  curl -fs "http://127.0.0.1:$2/readyz" >/dev/null 2>&1 || { echo "$1/dongne did not start:" >&2; tail -5 "$dir/dongne.log" >&2; exit 1; }
  curl -fs -X POST "http://127.0.0.1:$2/api/v1/auth/login" -H 'content-type: application/json' \
    -d "{\"login\":\"resident@demo.dongne.kr\",\"password\":\"$DONGNE_DEMO_PASSWORD\",\"token\":true}" |
    sed -E 's/.*"token":"([^"]+)".*/\1/'
}

measure() {  # port token -> rps
  wrk -t2 -c64 -d2s -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/v1/me" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c64 -d"${DURATION}s" -H "Authorization: Bearer $2" "http://127.0.0.1:$1/api/v1/me")
  if echo "$out" | grep -q 'Non-2xx'; then echo "non-2xx answers on port $1" >&2; exit 1; fi
  echo "$out" | awk '/Requests\/sec/ {print $2}'
}

PB=$((20000 + RANDOM % 10000)); PA=$((PB + 1))
tb=$(start "$BEFORE" $PB)
ta=$(start "$AFTER" $PA)
b=() a=()
for r in $(seq 1 "$ROUNDS"); do
  b+=("$(measure $PB "$tb")")
  a+=("$(measure $PA "$ta")")
  echo "round $r: before ${b[-1]} req/s, after ${a[-1]} req/s"
done
median() { printf '%s\n' "$@" | sort -n | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }
mb=$(median "${b[@]}") ma=$(median "${a[@]}")
change=$(awk -v a="$ma" -v b="$mb" 'BEGIN {printf "%.1f", 100*(a-b)/b}')
when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat >bench/results/http_compare.json <<JSON
{"when": "$when", "machine": "$(nproc) cores", "label": "$LABEL", "rounds": $ROUNDS, "duration_s": $DURATION,
 "before_rps": [$(IFS=,; echo "${b[*]}")], "after_rps": [$(IFS=,; echo "${a[*]}")],
 "before_median_rps": $mb, "after_median_rps": $ma, "change_pct": $change}
JSON
echo "GET /api/v1/me median: before $mb req/s, after $ma req/s ($change %)"
