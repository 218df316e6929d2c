"""Conventions the architecture rests on, checked on the source (no QGIS needed)."""
from __future__ import annotations

import ast
import configparser
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLUGIN = ROOT / "rason_plugin"
CORE = PLUGIN / "core"
# Sizes a reader can hold in their head (issue #12), in lines including docstrings and comments.
MAX_MODULE, MAX_CLASS, MAX_FUNCTION, MAX_PROCESS_ALGORITHM = 500, 300, 80, 60
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


def oversized(path: Path) -> list:
    """Return "file:line what name has N lines (limit L)" for every part of ``path`` over its
    limit, in line order."""
    source = path.read_text(encoding="utf-8")
    found = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE:
        found.append((0, f"{path.name}: module has {lines} lines (limit {MAX_MODULE})"))
    for node in ast.walk(ast.parse(source, filename=str(path))):
        if isinstance(node, ast.ClassDef):
            kind, limit = "class", MAX_CLASS
        elif isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            kind, limit = "function", MAX_FUNCTION
            if node.name == "processAlgorithm":
                limit = MAX_PROCESS_ALGORITHM
        else:
            continue
        size = node.end_lineno - node.lineno + 1
        if size > limit:
            found.append((node.lineno, f"{path.name}:{node.lineno}: {kind} {node.name} has {size} lines "
                                       f"(limit {limit})"))
    return [text for _, text in sorted(found)]


def test_every_module_class_and_function_of_the_plugin_is_within_its_size():
    modules = sorted(PLUGIN.rglob("*.py"))
    assert len(modules) > 40  # the whole package is measured, new modules included
    offenders = [line for path in modules for line in oversized(path)]
    assert offenders == []


def test_size_check_catches_each_limit(tmp_path):
    # Hand-built source: line 1 "class A", line 2 a processAlgorithm with 60 body lines (61
    # lines, class 62), two blank lines, line 65 a function with 80 body lines (81 lines), then
    # padding to 520 lines. Each limit is crossed by exactly one thing.
    source = ("class A:\n    def processAlgorithm(self):\n" + "        x = 1\n" * 60
              + "\n\ndef f():\n" + "    x = 1\n" * 80)
    source += "\n" * (520 - len(source.splitlines()))
    bad = tmp_path / "big.py"
    bad.write_text(source)
    found = oversized(bad)
    assert found == ["big.py: module has 520 lines (limit 500)",
                     "big.py:2: function processAlgorithm has 61 lines (limit 60)",
                     "big.py:65: function f has 81 lines (limit 80)"]
    big_class = tmp_path / "cls.py"
    big_class.write_text("class B:\n" + "    y = 1\n" * 300)
    assert oversized(big_class) == ["cls.py:1: class B has 301 lines (limit 300)"]
