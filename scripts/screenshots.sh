#!/usr/bin/env bash
# `make screenshots`: the README's pictures, taken from a real QGIS desktop under Xvfb with the
# packaged plugin in an isolated profile and the demo project open.
set -euo pipefail
cd "$(dirname "$0")/.."
out=docs/images
mkdir -p "$out"
rm -f "$out/ERROR.txt"
export RASON_SHOTS_DIR="$PWD/$out" RASON_DEMO_PROJECT="$PWD/demo-output/rason_demo.qgz"
timeout 300 xvfb-run -a -s "-screen 0 1600x1000x24" \
    qgis --profiles-path "$PWD/.qgis-settings" --profile rason-screenshots --nologo --noversioncheck \
    --code scripts/screenshots_in_qgis.py >/dev/null 2>&1 || true
if [ -e "$out/ERROR.txt" ]; then cat "$out/ERROR.txt" >&2; exit 1; fi
ls -1 "$out"/qgis_*.png
