#!/usr/bin/env bash
# Runs a libFuzzer target (preset fuzz: clang, ASan + UBSan) on its seeds (docs/fuzzing.md).
#   scripts/fuzz.sh [SECONDS] [readers|http]   (default 600 s, readers)
#   readers: the dispatch instance readers, seeded with the shared benchmark files and the VROOM JSON test inputs;
#   http:    the HTTP path before any handler (Beast's parser, RFC 9112 framing, the request as the pipeline sees
#            it), seeded with every case of issue 16's table (src/http/testdata/fuzz/).
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-600}"
what="${2:-readers}"
if [ "$what" = http ]; then
  scripts/build.sh fuzz http_wire_fuzz
  mkdir -p build/fuzz/http-corpus build/fuzz/http-artifacts
  cd build/fuzz
  exec nice -n 19 ./src/http_wire_fuzz -max_total_time="$secs" -max_len=65536 -rss_limit_mb=2048 \
    -artifact_prefix=http-artifacts/ http-corpus ../../src/http/testdata/fuzz
fi
scripts/build.sh fuzz dispatch_readers_fuzz
mkdir -p build/fuzz/seeds build/fuzz/corpus build/fuzz/artifacts
cp ../shared/benchmarks/*/*.txt build/fuzz/seeds/ 2>/dev/null || true
cp src/dispatch/formats/testdata/*.json build/fuzz/seeds/
cd build/fuzz
exec nice -n 19 ./src/dispatch_readers_fuzz -max_total_time="$secs" -max_len=8192 -rss_limit_mb=2048 \
  -artifact_prefix=artifacts/ corpus seeds
