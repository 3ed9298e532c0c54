#!/usr/bin/env bash
# The main command: builds `aperture` and identifies the licenses of the files
# in examples/licenses/. Extra arguments go to `aperture identify` first, e.g.
# scripts/run-example.sh --json
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/install-deps.sh >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build -j"$(nproc)" --target aperture >&2
# Every example holds a license, so any exit status but 0 is a failure.
exec ./build/aperture identify "$@" examples/licenses/*
