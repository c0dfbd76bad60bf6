#!/usr/bin/env bash
# Installs what dongne needs and is missing (Debian 12 packages; npm packages for web/), then builds the web
# front end. `base` is enough to build and run; `full` adds what the tests use (PostgreSQL, Chromium, clang).
# Skips apt-get when everything is present; uses sudo only when not root.
set -euo pipefail
cd "$(dirname "$0")/.."
profile="${1:-base}"
base_pkgs=(build-essential cmake ninja-build pkg-config ccache git ca-certificates curl
  libboost-dev nlohmann-json3-dev libsqlite3-dev sqlite3 libpq-dev libsodium-dev
  libgtest-dev libgmock-dev libbenchmark-dev)
full_pkgs=(postgresql chromium fonts-noto-cjk clang libclang-rt-14-dev wrk)
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
  echo "setup: installing ${missing[*]}"
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The web front end: npm ci when the lock file changed, then build into web/dist.
if [ -f web/package.json ]; then
  stamp=web/node_modules/.dongne-lock-stamp
  want=$(sha256sum web/package-lock.json | cut -d' ' -f1)
  if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
    echo "setup: npm ci (web/)"
    (cd web && npm ci --no-audit --no-fund --loglevel=error)
    echo "$want" >"$stamp"
  fi
  (cd web && npm run --silent build)
fi
