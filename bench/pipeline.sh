#!/usr/bin/env bash
# The whole pipeline, download excepted: corpus files -> records -> companies -> findings -> report
# (`fairwatch report` for the study window 2000-2021, as self-contained HTML), median of N runs, with
# peak memory. Usage: bench/pipeline.sh [CORPUS_DIR] [RUNS]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/caat}
runs=${2:-5}
cargo build --release --quiet
. bench/lib.sh
out=$(mktemp -d)/report.html
times=(); mems=()
for _ in $(seq "$runs"); do
  read -r s m < <(measure target/release/fairwatch report --source "$corpus" --from 2000 --to 2021 --format html --out "$out")
  times+=("$s"); mems+=("$m")
done
echo "fairwatch report (files to HTML)  median $(printf '%s\n' "${times[@]}" | median) s of [${times[*]}], peak $(printf '%s\n' "${mems[@]}" | median) KB"
