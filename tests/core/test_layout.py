"""Conventions the architecture rests on, checked on the source (no QGIS needed)."""
from __future__ import annotations

import ast
import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "rason_plugin" / "core"
FORBIDDEN = ("qgis", "PyQt5", "PyQt6", "processing", "sip")


def imported_roots(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name.split(".")[0]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            yield node.lineno, node.module.split(".")[0]


def test_core_imports_neither_qgis_nor_qt():
    offenders = [
        f"{path.relative_to(ROOT)}:{line} imports {name}"
        for path in sorted(CORE.rglob("*.py"))
        for line, name in imported_roots(path)
        if name in FORBIDDEN
    ]
    assert list(CORE.rglob("*.py")), "rason_plugin/core has no modules"
    assert offenders == []


def test_layout_check_catches_a_qgis_import(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import os\nfrom qgis.core import QgsProject\n")
    assert [name for _, name in imported_roots(bad)] == ["os", "qgis"]


def test_gui_code_uses_qgis_pyqt_not_pyqt5():
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in sorted((ROOT / "rason_plugin").rglob("*.py"))
        for line, name in imported_roots(path)
        if name in ("PyQt5", "PyQt6")
    ]
    assert offenders == []


def test_metadata_is_complete():
    parser = configparser.ConfigParser(interpolation=None)
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    required = ["name", "description", "about", "version", "qgisMinimumVersion", "qgisMaximumVersion",
                "author", "email", "homepage", "tracker", "repository", "tags", "category",
                "hasProcessingProvider", "icon", "experimental", "changelog"]
    missing = [key for key in required if not general.get(key, "").strip()]
    assert missing == []
    assert general["qgisMinimumVersion"] == "3.22"
    assert general["hasProcessingProvider"] == "yes"
    assert (ROOT / general["icon"]).is_file()
    assert "GNU GENERAL PUBLIC LICENSE" in (ROOT / "LICENSE").read_text()


def test_metadata_is_ready_for_qgis_4_and_uses_a_valid_category():
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keep the keys' case, as QGIS reads them
    parser.read(ROOT / "metadata.txt", encoding="utf-8")
    general = parser["general"]
    # Without a maximum QGIS assumes 3.99, which hides the plugin from QGIS 4 users.
    assert general["qgisMaximumVersion"] == "4.99"
    assert general["supportsQt6"] == "True"
    # The categories the PyQGIS cookbook's metadata table allows (each names a QGIS menu);
    # anything else, e.g. "Analysis", is not one of them.
    assert general["category"] in {"Raster", "Vector", "Database", "Mesh", "Web"}
