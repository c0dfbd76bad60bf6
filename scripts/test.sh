#!/usr/bin/env bash
# The whole test suite (what `./dongne.sh test` and CI run), after scripts/setup.sh full:
#   1. build with warnings as errors (preset ci): every library, test, benchmark and the dongne binary
#   2. a throwaway PostgreSQL cluster (scripts/with-postgres.sh) for everything below
#   3. unit and store-contract tests (GoogleTest via ctest) on SQLite and PostgreSQL
#   4. API tests against the running server, once on SQLite and once on PostgreSQL (incl. role-by-route, SIGKILL),
#      every answer checked against the OpenAPI document, and the contract's coverage over the whole suite
#   5. web unit checks and browser journeys in real Chromium (Playwright) against a server with the demo city
#   6. ASan + UBSan build and the unit tests again
# Prints one closing line "N passed, N failed" over all tests; exits non-zero if anything failed.
# Options: --quick skips the sanitizer build.
set -uo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
quick=0
[ "${1:-}" = "--quick" ] && quick=1
LOGS=$(mktemp -d "${TMPDIR:-/tmp}/dongne-test.XXXXXX")
export LOGS ROOT

echo "== build (preset ci: -Werror; every library, test and benchmark; the first time 10-15 minutes on 2 cores)"
scripts/build.sh ci 2>&1 | tee "$LOGS/build.log" | awk -v label=build -f scripts/progress.awk ||
  { tail -n 60 "$LOGS/build.log"; echo "build failed"; echo "0 passed, 1 failed"; exit 1; }

if [ $quick -eq 0 ]; then
  echo "== build (preset asan: ASan + UBSan), in the background"
  (scripts/build.sh asan >"$LOGS/asan-build.log" 2>&1; echo $? >"$LOGS/asan-build.rc") &
  asan_pid=$!
fi

scripts/with-postgres.sh bash -c '
  set -uo pipefail
  cd "$ROOT"
  export DONGNE_BIN="$ROOT/build/ci/dongne" DONGNE_DEMO_PASSWORD="demo-password-for-tests"
  # Node 18 (Debian 12) has no --test-concurrency; newer Node runs two test files at a time with it.
  NODE_TEST=(node --test)
  node --test-concurrency=2 -e "" >/dev/null 2>&1 && NODE_TEST=(node --test --test-concurrency=2)
  echo "== unit and store contract tests (SQLite and PostgreSQL)"
  ctest --preset ci -j2 --timeout 300 2>&1 | tee "$LOGS/ctest.log" |
    awk -v label=ctest -v show="tests passed|tests failed|[*][*][*]Failed|Not Run|Timeout" -f scripts/progress.awk || true
  # Every answer is checked against the OpenAPI document (tests/api/contract.mjs); the operations checked are
  # logged here, and contract_coverage.mjs then tells whether the suite reached every one of them.
  export DONGNE_CONTRACT_LOG="$LOGS/contract-calls.log"
  echo "== API tests on SQLite"
  DONGNE_TEST_STORE=sqlite "${NODE_TEST[@]}" tests/api/ >"$LOGS/api-sqlite.log" 2>&1
  grep -E "^# (pass|fail)|^not ok" "$LOGS/api-sqlite.log"
  echo "== API tests on PostgreSQL"
  DONGNE_TEST_STORE=postgresql "${NODE_TEST[@]}" tests/api/ >"$LOGS/api-pg.log" 2>&1
  grep -E "^# (pass|fail)|^not ok" "$LOGS/api-pg.log"
  echo "== API contract coverage (every operation called; every documented body checked on a real answer)"
  node tests/api/contract_coverage.mjs "$DONGNE_CONTRACT_LOG" >"$LOGS/contract.log" 2>&1
  grep -E "^# |^not ok" "$LOGS/contract.log"
  echo "== web unit checks"
  (cd web && node --test tests/unit/) >"$LOGS/web-unit.log" 2>&1
  grep -E "^# (pass|fail)|^not ok" "$LOGS/web-unit.log"
  echo "== browser journeys (Playwright, Chromium)"
  scripts/e2e.sh >"$LOGS/e2e.log" 2>&1
  grep -E "passed|failed|flaky|Error" "$LOGS/e2e.log" | tail -n 12
  # On a failure, the report of each failing test (expected, received, call log), so a fresh machine shows why.
  if grep -qE "^ +[0-9]+ failed" "$LOGS/e2e.log"; then
    sed -n "/^ *[0-9][0-9]*) /,/^ *[0-9][0-9]* failed/p" "$LOGS/e2e.log" | head -n 120
  fi
'

if [ $quick -eq 0 ]; then
  wait "$asan_pid"
  if [ "$(cat "$LOGS/asan-build.rc")" = 0 ]; then
    echo "== unit tests under ASan + UBSan"
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
      ctest --preset asan -j2 --timeout 600 2>&1 | tee "$LOGS/ctest-asan.log" \
      | grep -E "tests passed|tests failed|\*\*\*Failed|Timeout" || true
  else
    tail -n 40 "$LOGS/asan-build.log"
    echo "1 failed" >"$LOGS/asan-build.failed"
  fi
fi

node scripts/summarise-tests.mjs "$LOGS"
