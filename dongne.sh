#!/usr/bin/env bash
# dongne — the two commands of the quick start, and a few more for developers.
#   ./dongne.sh up      install what is missing, build, start the server with SQLite and the demo city
#   ./dongne.sh test    install what is missing, build, and run every test (unit, store contract on SQLite and
#                       PostgreSQL, API on both stores, SIGKILL durability, sanitizers, browser journeys)
#   ./dongne.sh build | setup | bench | fuzz
set -euo pipefail
cd "$(dirname "$0")"
cmd="${1:-help}"
shift || true
case "$cmd" in
  setup) scripts/setup.sh full ;;
  build) scripts/setup.sh base && scripts/build.sh release ;;
  up)
    scripts/setup.sh base
    echo "build: the dongne server (release; the first time about 6 minutes on 2 cores, then seconds)"
    scripts/build.sh release dongne
    exec build/release/dongne up "$@"
    ;;
  test)
    scripts/setup.sh full
    exec scripts/test.sh "$@"
    ;;
  bench)
    scripts/setup.sh full
    exec scripts/bench.sh "$@"
    ;;
  fuzz)
    scripts/setup.sh full
    exec scripts/fuzz.sh "$@"
    ;;
  *)
    sed -n '2,7p' "$0" | sed 's/^# \{0,1\}//'
    [ "$cmd" = help ] || exit 2
    ;;
esac
