#!/usr/bin/env bash
# The ingest-and-store stage (read, clean, resolve countries, write and index the records, sync), its
# SQLite part alone (the records written from memory), and the whole `fairwatch build` (the stage +
# entity resolution, assessment and their tables), each run alternately with Python merely loading the
# same JSON files, median of N runs each, with peak memory.
# Usage: bench/build.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/caat}
runs=${2:-5}
cargo build --release --quiet
cargo build --release --quiet -p fairwatch-store --example ingest_store
db=$(mktemp -d)/bench.sqlite
. bench/lib.sh
stage=(); store=(); fw=(); py=(); stage_mem=(); fw_mem=(); py_mem=()
for _ in $(seq "$runs"); do
  read -r s m < <(measure target/release/examples/ingest_store "$corpus" "$db"); stage+=("$s"); stage_mem+=("$m")
  # Wall time of the write alone, as the example prints it (the untimed read comes first).
  store+=("$(target/release/examples/ingest_store "$corpus" "$db" --store-only 2>&1 | sed -E 's/.* in ([0-9.]+) s.*/\1/')")
  read -r s m < <(measure target/release/fairwatch build --source "$corpus" --db "$db"); fw+=("$s"); fw_mem+=("$m")
  read -r s m < <(measure python3 -c "
import json, glob, sys
for f in glob.glob(sys.argv[1] + '/data/*.json'):
    with open(f, 'rb') as h: json.load(h)
" "$corpus"); py+=("$s"); py_mem+=("$m")
done
stage_med=$(printf '%s\n' "${stage[@]}" | median)
store_med=$(printf '%s\n' "${store[@]}" | median)
fw_med=$(printf '%s\n' "${fw[@]}" | median)
py_med=$(printf '%s\n' "${py[@]}" | median)
echo "ingest + store       median ${stage_med} s of [${stage[*]}], peak $(printf '%s\n' "${stage_mem[@]}" | median) KB"
echo "  SQLite part alone  median ${store_med} s of [${store[*]}] (records written from memory, indexed, synced)"
echo "fairwatch build      median ${fw_med} s of [${fw[*]}], peak $(printf '%s\n' "${fw_mem[@]}" | median) KB"
echo "python3 json.load    median ${py_med} s of [${py[*]}], peak $(printf '%s\n' "${py_mem[@]}" | median) KB"
echo "ratio ingest + store / python: $(awk -v a="$stage_med" -v b="$py_med" 'BEGIN {printf "%.2f", a/b}')"
echo "ratio SQLite part alone / python: $(awk -v a="$store_med" -v b="$py_med" 'BEGIN {printf "%.2f", a/b}')"
echo "ratio fairwatch build / python: $(awk -v a="$fw_med" -v b="$py_med" 'BEGIN {printf "%.2f", a/b}')"
