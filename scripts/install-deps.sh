#!/usr/bin/env bash
# Installs everything Aperture needs to build and test, on Debian 12 (bookworm),
# then the pinned npm data packages (package.json / package-lock.json) that the
# build turns into the license index.
#
# Usage: scripts/install-deps.sh [--bench] [--sanitizers] [--lint]
#   --bench       also the peers bench/identify_vs_peers.sh measures against
#                 (ruby-licensee, licensecheck), GNU time and jq (bench/audit_dump.sh),
#                 wrk and nginx-light (bench/serve_load.sh)
#   --sanitizers  also clang-14 and its runtime libraries (ASan, UBSan, TSan, libFuzzer)
#   --lint        also clang-format-14 and clang-tidy-14 (targets format, check_format)
#
# Idempotent and fast on re-runs: apt runs only when a package is missing, and
# `npm ci` only when node_modules does not match package-lock.json. Run as root
# (or with sudo available).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

packages=(
  build-essential cmake make pkg-config git ca-certificates python3
  libgtest-dev libgmock-dev libbenchmark-dev
  libcli11-dev nlohmann-json3-dev libfmt-dev libre2-dev libyaml-cpp-dev libyaml-dev
  libsqlite3-dev libcurl4-openssl-dev
  libcpp-httplib-dev libpqxx-dev libssl-dev postgresql
  python3-jsonschema python3-yaml pre-commit
  chromium fonts-dejavu-core
)
for arg in "$@"; do
  case "$arg" in
    --bench) packages+=(ruby-licensee licensecheck time jq wrk nginx-light) ;;
    --sanitizers) packages+=(clang-14 libclang-rt-14-dev) ;;
    --lint) packages+=(clang-format-14 clang-tidy-14) ;;
    -h|--help) sed -n '2,14p' "$0"; exit 0 ;;
    *) echo "install-deps.sh: unknown option: $arg" >&2; exit 2 ;;
  esac
done
# Node and npm may come from elsewhere (e.g. NodeSource's nodejs, which bundles
# npm); Debian's own packages only when the commands are missing. Debian 12's
# nodejs is Node 18 and its npm is a separate package.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)

# --- Debian packages ----------------------------------------------------------
missing=()
for p in "${packages[@]}"; do
  if [[ "$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null)" != ii* ]]; then
    missing+=("$p")
  fi
done
if ((${#missing[@]} > 0)); then
  echo "install-deps: installing ${missing[*]}"
  sudo=()
  if [[ $(id -u) -ne 0 ]]; then
    command -v sudo >/dev/null 2>&1 || { echo "install-deps: run as root to install ${missing[*]}" >&2; exit 1; }
    sudo=(sudo)
  fi
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -q
  "${sudo[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
else
  echo "install-deps: Debian packages present"
fi

# --- npm data packages --------------------------------------------------------
cd "$ROOT"
if [[ ! -f package-lock.json ]]; then
  echo "install-deps: no package-lock.json; creating it from package.json"
  npm install --package-lock-only --no-audit --no-fund
fi

# Every dependency must be pinned to one exact version, and the lock must agree.
node -e '
  const pkg = require("./package.json"), lock = require("./package-lock.json");
  let bad = [];
  for (const [name, want] of Object.entries(pkg.dependencies || {})) {
    const got = (lock.packages || {})["node_modules/" + name];
    if (!/^\d+\.\d+\.\d+$/.test(want)) bad.push(`${name}: package.json asks for "${want}", not an exact version`);
    else if (!got || got.version !== want) bad.push(`${name}: package-lock.json has ${got ? got.version : "nothing"}, package.json pins ${want}`);
  }
  if (bad.length) { console.error("install-deps: " + bad.join("\ninstall-deps: ")); process.exit(1); }
'

# `npm ci` wipes and reinstalls node_modules; skip it when the stamp left by
# the last run matches the lock file.
stamp=node_modules/.aperture-lock.sha256
want=$(sha256sum package-lock.json | cut -d' ' -f1)
if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
  echo "install-deps: node_modules matches package-lock.json"
else
  npm ci --no-audit --no-fund
  echo "$want" >"$stamp"
fi
