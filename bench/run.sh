#!/usr/bin/env bash
# `make bench`: every benchmark in bench/bench_*.py, peers side by side in one run, ratios printed.
# BENCH_SIZE=quick skips the full-size runs (e.g. for a smoke run).
set -euo pipefail
cd "$(dirname "$0")/.."
bash bench/setup.sh
export QT_QPA_PLATFORM=offscreen
status=0
for script in bench/bench_*.py; do
    [ -e "$script" ] || continue
    echo "== $script"
    .venv/bin/python "$script" "$@" || status=1
done
exit $status
