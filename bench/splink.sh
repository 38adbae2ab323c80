#!/usr/bin/env bash
# Splink (PyPI, DuckDB backend) and fairwatch side by side on the same records and the same domain
# truth, websites hidden from both: time and F1. Installs Splink into a virtualenv under target/.
# Usage: bench/splink.sh [CORPUS_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-../shared/data/caat}
venv=target/splink-venv
[ -x "$venv/bin/python" ] || python3 -m venv "$venv"
"$venv/bin/pip" install --quiet -r bench/splink/requirements.txt
cargo build --release --quiet
records=target/splink-records.jsonl
seconds=$(target/release/fairwatch eval --source "$corpus" --json --export "$records" |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["resolve_seconds"])')
"$venv/bin/python" bench/splink/compare.py "$records" "$seconds" > target/splink-result.json
echo "full result: target/splink-result.json"
