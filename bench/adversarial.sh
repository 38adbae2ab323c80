#!/usr/bin/env bash
# The hardening issue's cost bounds on hostile input: a whole build of the corpus plus one fair file of
# near-duplicate names, against the plain corpus (cost per record), and of the corpus plus a
# 1,000,000-row CSV list (time and peak memory), with /usr/bin/time. Inputs are drawn by
# bench/adversarial/make_inputs.py (seed 20261206) into a scratch folder.
# Usage: bench/adversarial.sh [SCRATCH_DIR]   (default /tmp/fairwatch-adversarial)
set -euo pipefail
cd "$(dirname "$0")/.."
scratch=${1:-/tmp/fairwatch-adversarial}
corpus=../shared/data/caat
export FAIRWATCH_VENDOR_LIST=../shared/data/digitalfreedom-vendors
cargo build --release --quiet
[ -f "$scratch/million.csv" ] || python3 bench/adversarial/make_inputs.py "$corpus/data" "$scratch"
run() { # label, then the build's arguments
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$scratch/time" target/release/fairwatch build "$@" --db "$scratch/$label.sqlite" --force >/dev/null 2>&1
  read -r seconds kb < "$scratch/time"
  records=$(sqlite3 "$scratch/$label.sqlite" 'SELECT count(*) FROM exhibitor_record')
  printf '%-16s %9s records %8.2f s %7.0f MB %6.2f us/record\n' "$label" "$records" "$seconds" "$((kb / 1024))" \
    "$(python3 -c "print($seconds / $records * 1e6)")"
}
run plain --source "$corpus"
run near-duplicates --source "$scratch/caat"
run million-csv --source "$corpus" --csv "$scratch/million.csv"
