#!/usr/bin/env bash
# Browser journeys: starts dongne (SQLite, demo city, the built web front end) on a free port and runs the
# Playwright tests in web/tests against it in Debian's Chromium. Uses DONGNE_BIN (default build/release/dongne).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BIN="${DONGNE_BIN:-$ROOT/build/release/dongne}"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/dongne-e2e.XXXXXX")
PORT=$(node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
export DONGNE_DEMO_PASSWORD="${DONGNE_DEMO_PASSWORD:-demo-password-for-tests}"
# The shuttle runs on a shifted clock that starts on a Wednesday at 07:00 in Seo-gu, so its journeys do not depend
# on the hour the suite runs (the other rooms keep the real clock).
DONGNE_DISPATCH_CLOCK_AT="${DONGNE_DISPATCH_CLOCK_AT:-2026-12-02T07:00:00+09:00}" \
DONGNE_PORT=$PORT DONGNE_DATA_DIR="$DATA" DONGNE_DB="sqlite:$DATA/dongne.db" DONGNE_WEB_DIR="$ROOT/web/dist" \
  DONGNE_SHARE_DIR="$ROOT/data" DONGNE_ACCESS_LOG=0 "$BIN" up >"$DATA/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; wait $pid 2>/dev/null; rm -rf "$DATA"' EXIT
# The demo city is seeded before the server listens (a few seconds on a quiet 2-core machine, longer under load).
ready=0
for _ in $(seq 1 1800); do
  if curl -fsS "http://127.0.0.1:$PORT/readyz" >/dev/null 2>&1; then ready=1; break; fi
  kill -0 $pid 2>/dev/null || break
  sleep 0.1
done
if [ $ready = 0 ]; then echo "e2e: the server did not become ready; its log:" >&2; tail -n 40 "$DATA/server.log" >&2; exit 1; fi
export DONGNE_URL="http://127.0.0.1:$PORT"
export XDG_CONFIG_HOME="$DATA/xdg-config" XDG_CACHE_HOME="$DATA/xdg-cache"
cd web
npx playwright test "$@"
