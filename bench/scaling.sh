#!/usr/bin/env bash
# Entity resolution on synthetic corpora of growing size (crates/synth): for each size, one run of
# `fairwatch-synth`, which generates the records, resolves them with websites hidden and scores them
# against the generator's truth; peak memory (whole process: records + resolution) from /usr/bin/time.
# Usage: bench/scaling.sh [SIZES...]   (default: 222845 1000000 5000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(222845 1000000 5000000)
cargo build --release --quiet -p fairwatch-synth
printf '%10s %12s %14s %12s %10s %8s\n' records resolve_s per_M_records peak_MB pair_F1 B3_F1
for n in "${sizes[@]}"; do
  json=$(/usr/bin/time -f "%M" -o /tmp/fairwatch-scaling.mem target/release/fairwatch-synth --records "$n")
  python3 - "$n" "$(cat /tmp/fairwatch-scaling.mem)" "$json" <<'PY'
import json, sys
n, kb, r = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
s = r["resolve_seconds"]
print(f'{n:>10} {s:>12.2f} {s / n * 1e6:>14.2f} {kb / 1024:>12.0f} '
      f'{r["websites_hidden"]["pairwise"]["f1"]:>10.3f} {r["websites_hidden"]["bcubed"]["f1"]:>8.3f}')
PY
done
