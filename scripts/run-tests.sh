#!/usr/bin/env bash
# The test command: installs dependencies, builds a Release tree in build/ and
# runs every test (unit, golden end-to-end, fuzz-corpus replay) with ctest.
# Extra arguments go to ctest, e.g. scripts/run-tests.sh -R golden
# Exits with ctest's status.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
jobs=$(nproc)

scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
cd build
ctest --output-on-failure -j"$jobs" "$@"
