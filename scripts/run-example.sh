#!/usr/bin/env bash
# The main command: builds `aperture` and scans the bundled example release
# examples/releases/orca-chat-8b (a Llama 3.1 fine-tune that calls itself open
# source). Extra arguments go to `aperture scan`, e.g. scripts/run-example.sh --json
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"

scripts/install-deps.sh >&2
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >&2
cmake --build build -j"$(nproc)" --target aperture >&2
exec ./build/aperture scan "$@" examples/releases/orca-chat-8b
