#!/usr/bin/env bash
# HTTP benchmark: an authenticated GET (/api/v1/me with a bearer token; session lookup, role load and a user read
# in SQLite) against a bare Beast hello-world, both with 4 server threads, measured by wrk in the same run:
# 64 connections, 2 wrk threads, DURATION seconds (default 10) each, after a 2 s warm-up. Also the idle RSS of
# dongne after start-up. Writes bench/results/http.json and the HTTP section of docs/benchmarks.md.
# Usage: bench/http/run.sh [BUILD_DIR]   (default build/release)
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
BUILD="${1:-build/release}"
DURATION="${DURATION:-10}"
command -v wrk >/dev/null || { echo "wrk is not installed (./dongne.sh setup)"; exit 2; }
DATA=$(mktemp -d)
PORT_D=$((20000 + RANDOM % 10000)); PORT_B=$((PORT_D + 1))
export DONGNE_DEMO_PASSWORD=bench-password-1
DONGNE_PORT=$PORT_D DONGNE_DATA_DIR="$DATA" DONGNE_ACCESS_LOG="${ACCESS_LOG:-1}" DONGNE_THREADS=4 \
  DONGNE_SHARE_DIR="$ROOT/data" DONGNE_WEB_DIR="$ROOT/web/dist" "$BUILD/dongne" up >"$DATA/dongne.log" 2>&1 &
dpid=$!
"$BUILD/bench/http/bare_beast_server" "$PORT_B" 4 &
bpid=$!
trap 'kill $dpid $bpid 2>/dev/null; wait 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:$PORT_D/readyz" >/dev/null 2>&1 && break; sleep 0.1; done
sleep 1
rss_kb=$(awk '/VmRSS/ {print $2}' /proc/$dpid/status)
token=$(curl -fs -X POST "http://127.0.0.1:$PORT_D/api/v1/auth/login" -H 'content-type: application/json' \
  -d "{\"login\":\"resident@demo.dongne.kr\",\"password\":\"$DONGNE_DEMO_PASSWORD\",\"token\":true}" | sed -E 's/.*"token":"([^"]+)".*/\1/')

measure() {  # url [header] -> "rps p99_ms"
  local url=$1; shift
  wrk -t2 -c64 -d2s "$@" "$url" >/dev/null 2>&1
  local out; out=$(wrk -t2 -c64 -d"${DURATION}s" --latency "$@" "$url")
  local rps; rps=$(echo "$out" | awk '/Requests\/sec/ {print $2}')
  local p99; p99=$(echo "$out" | awk '$1=="99%" {print $2}')
  local non2xx; non2xx=$(echo "$out" | awk '/Non-2xx/ {print $4}')
  [ -z "$non2xx" ] || { echo "non-2xx responses: $non2xx" >&2; exit 1; }
  case "$p99" in *us) p99=$(echo "${p99%us}" | awk '{print $1/1000}');; *ms) p99=${p99%ms};; *s) p99=$(echo "${p99%s}" | awk '{print $1*1000}');; esac
  echo "$rps $p99"
}
read -r b_rps b_p99 < <(measure "http://127.0.0.1:$PORT_B/")
read -r d_rps d_p99 < <(measure "http://127.0.0.1:$PORT_D/api/v1/me" -H "Authorization: Bearer $token")
read -r h_rps h_p99 < <(measure "http://127.0.0.1:$PORT_D/healthz")
ratio=$(awk -v a="$d_rps" -v b="$b_rps" 'BEGIN {printf "%.1f", 100*a/b}')
rss_mb=$(awk -v k="$rss_kb" 'BEGIN {printf "%.1f", k/1024}')
when=$(date -u +%Y-%m-%dT%H:%M:%SZ)
cat >bench/results/http.json <<JSON
{"when": "$when", "machine": "$(nproc) cores", "connections": 64, "duration_s": $DURATION, "access_log": ${ACCESS_LOG:-1},
 "bare_beast": {"rps": $b_rps, "p99_ms": $b_p99},
 "dongne_healthz": {"rps": $h_rps, "p99_ms": $h_p99},
 "dongne_authenticated_get_me": {"rps": $d_rps, "p99_ms": $d_p99},
 "authenticated_vs_bare_pct": $ratio, "idle_rss_mb": $rss_mb}
JSON
table="<!-- http:begin -->
Measured $when on this $(nproc)-core machine, wrk 2 threads, 64 connections, ${DURATION} s, server and wrk on the same cores.

| target | req/s | p99 |
|---|---|---|
| bare Beast hello-world (baseline) | $b_rps | $b_p99 ms |
| dongne \`GET /healthz\` (pipeline, no store) | $h_rps | $h_p99 ms |
| dongne \`GET /api/v1/me\` (bearer token, SQLite, access log on) | $d_rps | $d_p99 ms |

Authenticated route at **$ratio %** of the bare server (aim: ≥ 70 %). Idle RSS after start-up with the demo city: **$rss_mb MB** (aim: < 50 MB).
<!-- http:end -->"
mkdir -p docs
[ -f docs/benchmarks.md ] || printf '# Benchmarks\n\nNumbers measured on the 2-core development machine; re-run with `./dongne.sh bench`.\n' >docs/benchmarks.md
if grep -q '<!-- http:begin -->' docs/benchmarks.md; then
  TABLE="$table" python3 -c 'import os,re,sys;p="docs/benchmarks.md";s=open(p).read();s=re.sub(r"<!-- http:begin -->.*?<!-- http:end -->",lambda m:os.environ["TABLE"],s,flags=re.S);open(p,"w").write(s)' 2>/dev/null \
    || node -e 'const fs=require("fs");const p="docs/benchmarks.md";let s=fs.readFileSync(p,"utf8");s=s.replace(/<!-- http:begin -->[\s\S]*?<!-- http:end -->/,process.env.TABLE);fs.writeFileSync(p,s)'
else
  printf '\n## HTTP\n\n%s\n' "$table" >>docs/benchmarks.md
fi
cat bench/results/http.json
