#!/usr/bin/env bash
# `aperture audit` on one million synthetic Hub records (tools/dumpgen.cpp),
# timed against jq re-printing the same file, in the same run.
#
# Usage: bench/audit_dump.sh [BUILD_DIR] [RECORDS]   (default: build, 1000000)
# Needs GNU time and jq (scripts/install-deps.sh --bench).
#
# `jq -c .` stops at the dump's first malformed line (a real dump has some,
# and so does the synthetic one), so jq is also timed as `jq -cR 'fromjson?'`,
# which parses and re-prints every line and skips the broken ones: the same
# work `aperture audit` does before it audits anything. The ratio is taken
# against that full pass.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
BUILD=${1:-$ROOT/build}
RECORDS=${2:-1000000}
OUT=${BENCH_OUT:-$ROOT/bench/out}
mkdir -p "$OUT"
DUMP=$OUT/hub_dump_${RECORDS}.jsonl

for tool in /usr/bin/time jq; do
  command -v "$tool" >/dev/null || { echo "audit_dump.sh: $tool missing (scripts/install-deps.sh --bench)" >&2; exit 1; }
done

"$BUILD/bench/aperture_dumpgen" --records "$RECORDS" --seed 1 --output "$DUMP"
echo "dump: $DUMP, $RECORDS records, $(du -m "$DUMP" | cut -f1) MiB, $(nproc) cores"

# Prints "SECONDS PEAK_KIB" for the command; its own output is discarded.
measure() {
  local t
  t=$(mktemp)
  /usr/bin/time -f '%e %M' -o "$t" "$@" >/dev/null 2>&1 || true
  tail -n 1 "$t"  # GNU time puts "Command exited with non-zero status N" first
  rm -f "$t"
}

cat "$DUMP" >/dev/null  # the same page cache for every run

read -r a_s a_kib < <(measure "$BUILD/aperture" audit --csv "$OUT/audit.csv" "$DUMP")
read -r j_s j_kib < <(measure jq -cR 'fromjson?' "$DUMP")
read -r d_s d_kib < <(measure jq -c . "$DUMP")
jq_lines=$( (jq -c . "$DUMP" 2>/dev/null || true) | wc -l)

printf '%-34s %8s %10s\n' "run" "seconds" "peak MiB"
printf '%-34s %8s %10d\n' "aperture audit --csv" "$a_s" $((a_kib / 1024))
printf '%-34s %8s %10d\n' "jq -cR 'fromjson?' (every line)" "$j_s" $((j_kib / 1024))
printf '%-34s %8s %10d   (stopped after %s lines)\n' "jq -c . (stops at a broken line)" "$d_s" $((d_kib / 1024)) "$jq_lines"
awk -v a="$a_s" -v j="$j_s" 'BEGIN { printf "ratio jq-full / aperture: %.2fx\n", (a > 0 ? j / a : 0) }'
