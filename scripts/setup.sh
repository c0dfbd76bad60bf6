#!/usr/bin/env bash
# Installs what dongne needs and is missing (Debian 12 packages; npm packages for web/), then builds the web
# front end. `base` is enough to build and run; `full` adds what the tests use (PostgreSQL, Chromium, clang).
# Skips apt-get when everything is present; uses sudo only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-base}"
base_pkgs=(build-essential cmake ninja-build pkg-config ccache git ca-certificates curl
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libxlsxwriter-dev libminizip-dev zlib1g-dev libgtest-dev libgmock-dev libbenchmark-dev)
full_pkgs=(postgresql chromium fonts-noto-cjk clang libclang-rt-14-dev wrk haproxy)
pkgs=("${base_pkgs[@]}")
[ "$profile" = full ] && pkgs+=("${full_pkgs[@]}")
# Node.js: take the machine's if it has one (any source), otherwise Debian's.
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: ${#missing[@]} Debian packages missing: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  echo "setup: apt-get update"
  $SUDO apt-get update -qq
  # apt's own output goes to a log; a line every tenth of the packages (with what they pull in) shows progress.
  log="${TMPDIR:-/tmp}/dongne-apt.$$.log"
  echo "setup: apt-get install (the first time on a bare Debian 12: about 400 packages, 2-4 minutes; log: $log)"
  $SUDO apt-get install -y --no-install-recommends -o Dpkg::Use-Pty=0 "${missing[@]}" 2>&1 | tee "$log" | awk '
    / newly installed/ { total = $3 + 0; print "setup: apt: " total " packages to install"; fflush() }
    /^Setting up / { n++; if (total > 0 && (int(n * 10 / total) > shown || n == total)) {
      shown = int(n * 10 / total); printf "setup: apt: %d/%d set up\n", n, total; fflush() } }'
  rc=${PIPESTATUS[0]}
  [ "$rc" -eq 0 ] || { tail -n 30 "$log"; echo "setup: apt-get install failed ($rc)"; exit "$rc"; }
  rm -f "$log"
fi

# The web front end: npm ci when the lock file changed, then build into web/dist.
if [ -f web/package.json ]; then
  stamp=web/node_modules/.dongne-lock-stamp
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: npm ci (web/: Playwright, axe-core, KRDS; about a minute the first time)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
  echo "setup: building the web front end (web/dist)"
  (cd web && npm run --silent build)
fi
