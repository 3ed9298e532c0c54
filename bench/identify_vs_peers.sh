#!/usr/bin/env bash
# Measures `aperture identify` against the license detectors Debian packages
# (licensecheck, licensee) on ../shared/corpus/license-files: accuracy (the
# corpus's score.py), wall time and peak memory of one process over the whole
# corpus, and the whole-process time on one small file. See bench/README.md.
#
# Usage: bench/identify_vs_peers.sh [--no-peers]
#   APERTURE_BIN  the binary (default build/aperture; build it first)
#   SMALL_RUNS    runs per tool for the small-file median (default 20)
# Output files go to bench/out/. Peers: scripts/install-deps.sh --bench.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
PEERS=$ROOT/../shared/peers
CORPUS=$ROOT/../shared/corpus/license-files
OUT=$ROOT/bench/out
APERTURE=$(realpath -m "${APERTURE_BIN:-$ROOT/build/aperture}")
SMALL_RUNS=${SMALL_RUNS:-20}
with_peers=1
[[ "${1:-}" == "--no-peers" ]] && with_peers=0

if [[ ! -f "$CORPUS/ground_truth.tsv" || ! -d "$PEERS" ]]; then
  echo "identify_vs_peers: $CORPUS or $PEERS is absent: nothing to measure, skipping."
  exit 0
fi
if [[ ! -x "$APERTURE" ]]; then
  echo "identify_vs_peers: $APERTURE not built: run cmake -S . -B build -DCMAKE_BUILD_TYPE=Release && make -C build aperture" >&2
  exit 1
fi
if [[ ! -x /usr/bin/time ]]; then
  echo "identify_vs_peers: /usr/bin/time missing: run scripts/install-deps.sh --bench" >&2
  exit 1
fi
peers=()
if ((with_peers)); then
  if command -v licensecheck >/dev/null && ruby -e 'require "licensee"' 2>/dev/null; then
    peers=(debian-licensecheck licensee)
  else
    echo "identify_vs_peers: licensecheck or licensee missing (scripts/install-deps.sh --bench): measuring Aperture alone."
  fi
fi

mkdir -p "$OUT"
cd "$CORPUS"
tail -n +2 ground_truth.tsv | cut -f1 >"$OUT/files.txt"
mapfile -t files <"$OUT/files.txt"
echo "corpus: ${#files[@]} files in $CORPUS"

# Runs "$@" once under GNU time; stdout to $OUT/NAME.tsv; "WALL_S MAXRSS_KB" to $OUT/NAME.time.
# A detector's exit status says what it found, not whether it worked: ignored.
timed() {
  local name=$1
  shift
  /usr/bin/time -f '%e %M' -o "$OUT/$name.time.raw" "$@" >"$OUT/$name.tsv" 2>"$OUT/$name.err" || true
  # GNU time puts "Command exited with non-zero status N" first in that case.
  tail -n 1 "$OUT/$name.time.raw" >"$OUT/$name.time"
}

timed aperture "$APERTURE" identify --format tsv "${files[@]}"
# The peers use one core; Aperture uses one thread per core by default. Its
# one-thread time is printed too, so the ratio can be read both ways.
timed aperture-1-thread "$APERTURE" identify --threads 1 --format tsv "${files[@]}"
for p in "${peers[@]}"; do
  case "$p" in
    debian-licensecheck)
      timed "$p" sh -c "xargs -d '\n' -s 1000000 '$PEERS/debian-licensecheck.sh' < '$OUT/files.txt'" ;;
    licensee)
      timed "$p" sh -c "ruby '$PEERS/licensee-batch.rb' - < '$OUT/files.txt'" ;;
  esac
done

# --- accuracy -----------------------------------------------------------------
for t in aperture "${peers[@]}"; do
  python3 "$PEERS/score.py" "$t" "$OUT/$t.tsv" | tee "$OUT/$t.score.md"
done

# --- time and memory ----------------------------------------------------------
read -r ap_wall ap_kb <"$OUT/aperture.time"
echo "## whole corpus, one process per tool"
echo "| tool | wall s | peak RSS MB | peer time / Aperture time |"
echo "|---|---|---|---|"
for t in aperture aperture-1-thread "${peers[@]}"; do
  read -r wall kb <"$OUT/$t.time"
  ratio=$(awk -v a="$ap_wall" -v w="$wall" 'BEGIN { printf (a > 0 ? "%.1f" : "n/a"), (a > 0 ? w / a : 0) }')
  [[ "$t" == aperture ]] && ratio="1.0"
  printf '| %s | %s | %.1f | %s |\n' "$t" "$wall" "$(awk -v k="$kb" 'BEGIN { print k / 1024 }')" "$ratio"
done
echo

# --- one small file, whole process ---------------------------------------------
small=$ROOT/examples/licenses/LICENSE
small_cmds=("aperture|$APERTURE identify --format tsv $small")
for p in "${peers[@]}"; do
  case "$p" in
    debian-licensecheck) small_cmds+=("debian-licensecheck|$PEERS/debian-licensecheck.sh $small") ;;
    licensee) small_cmds+=("licensee|$PEERS/licensee.sh $small") ;;
  esac
done
echo "## one small file ($(wc -c <"$small") bytes, MIT), whole process, median of $SMALL_RUNS runs"
echo "| tool | median ms | min ms | max ms |"
echo "|---|---|---|---|"
python3 - "$SMALL_RUNS" "${small_cmds[@]}" <<'EOF' | tee "$OUT/small.md"
import shlex, statistics, subprocess, sys, time
runs = int(sys.argv[1])
for spec in sys.argv[2:]:
    name, cmd = spec.split("|", 1)
    ms = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(shlex.split(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        ms.append((time.perf_counter() - t0) * 1000)
    print(f"| {name} | {statistics.median(ms):.1f} | {min(ms):.1f} | {max(ms):.1f} |")
EOF
echo

# --- targets --------------------------------------------------------------------
python3 - "$OUT" "${peers[@]}" <<'EOF'
import re, sys
out, peers = sys.argv[1], sys.argv[2:]
rows = {}
for line in open(f"{out}/aperture.score.md"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    if len(cells) == 7 and re.fullmatch(r"[\d.]+", cells[3] or "x"):
        rows[cells[0]] = cells
def col(subset, i):
    return float(rows[subset][i]) if subset in rows else float("nan")
wall, kb = map(float, open(f"{out}/aperture.time").read().split())
small = {}
for line in open(f"{out}/small.md"):
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    small[cells[0]] = float(cells[1])
checks = [
    ("exact id, all files", f"{col('ALL', 3):.1f} %", ">= 85 %", col("ALL", 3) >= 85),
    ("exact id, license-like files", f"{col('license-like-file', 3):.1f} %", ">= 95 %", col("license-like-file", 3) >= 95),
    ("wrong id, all files", f"{col('ALL', 6):.1f} %", "<= 1 %", col("ALL", 6) <= 1),
    ("peak RSS, whole corpus", f"{kb / 1024:.1f} MB", "<= 100 MB", kb / 1024 <= 100),
    ("one small file", f"{small['aperture']:.1f} ms", "<= 20 ms", small["aperture"] <= 20),
]
wall1 = float(open(f"{out}/aperture-1-thread.time").read().split()[0])
for p in peers:
    pw = float(open(f"{out}/{p}.time").read().split()[0])
    checks.append((f"time vs {p}", f"1/{pw / wall:.1f}" if wall > 0 else "n/a", "<= 1/10", wall * 10 <= pw))
    checks.append((f"(for reference) time vs {p}, Aperture on one thread",
                   f"1/{pw / wall1:.1f}" if wall1 > 0 else "n/a", "-", None))
print("## targets")
print("| target | Aperture | goal | met |")
print("|---|---|---|---|")
for name, got, goal, ok in checks:
    print(f"| {name} | {got} | {goal} | {'-' if ok is None else 'yes' if ok else 'NO'} |")
EOF
