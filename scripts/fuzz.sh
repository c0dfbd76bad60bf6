#!/usr/bin/env bash
# Fuzzes the dispatch instance readers with libFuzzer (preset fuzz: clang, ASan + UBSan), seeded with the shared
# benchmark files and the VROOM JSON test inputs. Usage: scripts/fuzz.sh [SECONDS]  (default 600)
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
scripts/build.sh fuzz dispatch_readers_fuzz
mkdir -p build/fuzz/seeds build/fuzz/corpus build/fuzz/artifacts
cp ../shared/benchmarks/*/*.txt build/fuzz/seeds/ 2>/dev/null || true
cp src/dispatch/formats/testdata/*.json build/fuzz/seeds/
cd build/fuzz
exec nice -n 19 ./src/dispatch_readers_fuzz -max_total_time="$secs" -max_len=8192 -rss_limit_mb=2048 \
  -artifact_prefix=artifacts/ corpus seeds
