#!/usr/bin/env bash
# Entity resolution and grouping on synthetic corpora of growing size (crates/synth): for each size, one
# run of `fairwatch-synth`, which generates the records, resolves them with websites hidden, groups the
# companies and scores them against the generator's truth; peak memory (whole process: records,
# resolution and groups) from /usr/bin/time.
# Usage: bench/scaling.sh [SIZES...]   (default: 222845 1000000 5000000)
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(222845 1000000 5000000)
cargo build --release --quiet -p fairwatch-synth
printf '%10s %12s %10s %14s %12s %10s %8s\n' records resolve_s group_s per_M_records peak_MB pair_F1 B3_F1
for n in "${sizes[@]}"; do
  json=$(/usr/bin/time -f "%M" -o /tmp/fairwatch-scaling.mem target/release/fairwatch-synth --records "$n")
  python3 - "$n" "$(cat /tmp/fairwatch-scaling.mem)" "$json" <<'PY'
import json, sys
n, kb, r = int(sys.argv[1]), int(sys.argv[2]), json.loads(sys.argv[3])
s, g = r["resolve_seconds"], r["group_seconds"]
print(f'{n:>10} {s:>12.2f} {g:>10.2f} {(s + g) / n * 1e6:>14.2f} {kb / 1024:>12.0f} '
      f'{r["websites_hidden"]["pairwise"]["f1"]:>10.3f} {r["websites_hidden"]["bcubed"]["f1"]:>8.3f}')
PY
done
