#!/usr/bin/env bash
# Benchmark-only peers: Orfeo ToolBox's MAD (Debian otb-bin) and MovingPandas (PyPI, in .venv-bench).
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
# MovingPandas (bench_ais.py) in its own venv: its pandas/geopandas stack must not replace the
# numpy that QGIS and GDAL in .venv were built against.
if [ ! -x .venv-bench/bin/python ]; then
    "${QGIS_PYTHON:-/usr/bin/python3}" -m venv --system-site-packages .venv-bench
fi
.venv-bench/bin/python -m pip install -q --disable-pip-version-check -r bench/requirements-movingpandas.txt
