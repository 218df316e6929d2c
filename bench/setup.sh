#!/usr/bin/env bash
# Benchmark-only peers: Orfeo ToolBox's MAD (Debian otb-bin) and MovingPandas (PyPI, in .venv).
# Not dependencies of the plugin or its tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
if ! command -v otbcli_MultivariateAlterationDetector >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends otb-bin libotb-apps >/dev/null
fi
.venv/bin/python -m pip install -q --disable-pip-version-check -r bench/requirements-bench.txt
