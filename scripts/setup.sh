#!/usr/bin/env bash
# Idempotent set-up for development, tests and the demo on Debian/Ubuntu:
# QGIS from apt when the system Python cannot import it, then a .venv that sees it.
set -euo pipefail
cd "$(dirname "$0")/.."

QGIS_PYTHON=${QGIS_PYTHON:-/usr/bin/python3}
APT_PACKAGES="qgis python3-qgis qgis-providers python3-gdal gdal-bin python3-pyqt5 python3-numpy python3-scipy xvfb python3-venv python3-pip poppler-utils"

# pdftotext (poppler-utils) reads the monitoring report's PDF back in the tests.
have_qgis() {
    "$QGIS_PYTHON" -c "import qgis.core, osgeo.gdal, numpy, scipy" >/dev/null 2>&1 && command -v pdftotext >/dev/null 2>&1
}

if ! have_qgis; then
    if [ "$(id -u)" -eq 0 ]; then
        SUDO=""
    elif command -v sudo >/dev/null 2>&1; then
        SUDO="sudo"
    else
        echo "setup: $QGIS_PYTHON cannot import qgis, and installing it needs root." >&2
        echo "       Run as root, or install sudo, or install QGIS yourself:" >&2
        echo "       apt-get install $APT_PACKAGES" >&2
        exit 1
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        echo "setup: no apt-get here; install QGIS >= 3.22 with its Python bindings and set QGIS_PYTHON" >&2
        echo "       to the interpreter that can 'import qgis.core'." >&2
        exit 1
    fi
    echo "setup: installing QGIS from apt (a few minutes, once)"
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    # shellcheck disable=SC2086
    $SUDO apt-get install -y -qq --no-install-recommends $APT_PACKAGES >/dev/null
    have_qgis || { echo "setup: QGIS installed but $QGIS_PYTHON still cannot import qgis.core" >&2; exit 1; }
fi

# Rebuild the venv when it is missing or was made from another interpreter.
if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c "import qgis.core" >/dev/null 2>&1; then
    rm -rf .venv
    "$QGIS_PYTHON" -m venv --system-site-packages .venv
fi
stamp=.venv/.requirements.sha
want=$(sha256sum < requirements-dev.txt | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements-dev.txt
    echo "$want" > "$stamp"
fi
