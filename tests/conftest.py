"""Shared test set-up: repository paths and a header naming the QGIS, GDAL and Qt under test."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(ROOT / "scripts"))


def pytest_report_header(config):
    lines = []
    try:
        from osgeo import gdal

        lines.append(f"GDAL {gdal.__version__}")
    except ImportError:
        lines.append("GDAL not importable")
    try:
        from qgis.core import Qgis
        from qgis.PyQt.QtCore import QT_VERSION_STR

        lines.append(f"QGIS {Qgis.QGIS_VERSION}, Qt {QT_VERSION_STR}")
    except ImportError:
        lines.append("QGIS not importable (core tests only)")
    return lines


@pytest.fixture(scope="session", autouse=True)
def shipped_reference_untouched():
    """Fail the run if any test (or the code it calls) rewrote the GeoPackage the plugin ships."""
    import hashlib

    shipped = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
    before = hashlib.sha256(shipped.read_bytes()).hexdigest()
    yield
    after = hashlib.sha256(shipped.read_bytes()).hexdigest()
    assert after == before, f"{shipped} was modified by the test run; open a copy instead"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def test_data() -> Path:
    return DATA
