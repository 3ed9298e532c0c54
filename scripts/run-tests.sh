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
# The PostgreSQL store and durability tests run against a local cluster
# (scripts/test-postgres.sh starts it and creates a test role and database).
# In CI a cluster that cannot start fails the run; locally those tests skip.
if [[ -z "${APERTURE_TEST_PG:-}" ]]; then
  if url=$(scripts/test-postgres.sh); then
    export APERTURE_TEST_PG=$url
  elif [[ "${CI:-}" == true ]]; then
    echo "run-tests: PostgreSQL could not be started; CI needs it for the store tests" >&2
    exit 1
  else
    echo "run-tests: PostgreSQL unavailable: its store and durability tests will be skipped" >&2
  fi
fi
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release
cmake --build build -j"$jobs"
cd build
ctest --output-on-failure -j"$jobs" "$@"
