#!/usr/bin/env bash
# Whole-corpus `fairwatch build` (ingest + clean + country resolution + SQLite write) against
# Python merely loading the same JSON files, run alternately in one session, median of N runs each,
# with peak memory. Usage: bench/build.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/caat}
runs=${2:-5}
cargo build --release --quiet
db=$(mktemp -d)/bench.sqlite
. bench/lib.sh
fw=(); py=(); fw_mem=(); py_mem=()
for _ in $(seq "$runs"); do
  read -r s m < <(measure target/release/fairwatch build --source "$corpus" --db "$db"); fw+=("$s"); fw_mem+=("$m")
  read -r s m < <(measure python3 -c "
import json, glob, sys
for f in glob.glob(sys.argv[1] + '/data/*.json'):
    with open(f, 'rb') as h: json.load(h)
" "$corpus"); py+=("$s"); py_mem+=("$m")
done
fw_med=$(printf '%s\n' "${fw[@]}" | median); py_med=$(printf '%s\n' "${py[@]}" | median)
echo "fairwatch build     median ${fw_med} s of [${fw[*]}], peak $(printf '%s\n' "${fw_mem[@]}" | median) KB"
echo "python3 json.load   median ${py_med} s of [${py[*]}], peak $(printf '%s\n' "${py_mem[@]}" | median) KB"
echo "ratio fairwatch/python: $(awk -v a="$fw_med" -v b="$py_med" 'BEGIN {printf "%.2f", a/b}')"
