"""The code uses no form that Qt6 / QGIS 4 removed, checked on the source (no QGIS needed).

No QGIS 4 build installs here, so this static check stands in for running on it. The facts behind
the rules (what PyQt6 and QGIS 4 dropped) come from Qt's porting notes and from the migration
script QGIS ships in scripts/pyqt5_to_pyqt6/; the check itself is ours.

Rules:
- pyqt-import: ``PyQt5``/``PyQt6``/``sip`` imported directly instead of through ``qgis.PyQt``.
- exec_: ``exec_`` is gone in PyQt6; ``exec`` works on both.
- qregexp: ``QRegExp`` was removed in Qt6 (``QRegularExpression`` works on both).
- qdesktopwidget: ``QDesktopWidget`` and ``QApplication.desktop()`` were removed (use ``QScreen``).
- qapp: the ``qApp`` global was removed (use ``QApplication.instance()``).
- compiled-resources: ``resources_rc``/``*_rc`` modules from pyrcc; Qt6 has no pyrcc.
- qdatetime-parts: ``QDateTime(y, m, d, h, min, s, ...)`` from parts is gone; use QDate and QTime.
- unscoped-enum: ``Class.Value`` on a Qt or QGIS class, where ``Value`` is an enum member, not an
  enum (PyQt6 enums are Python enums reached only as ``Class.Enum.Value``).
- moved-enum: an enum QGIS moved into ``Qgis`` (3.26-3.38) reached by its old home, or a QVariant
  field type; these go through ``rason_plugin/compat.py``, chosen by QGIS version.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMPAT = ROOT / "rason_plugin" / "compat.py"

# Qt or QGIS classes: Qt, QVariant, QMessageBox, Qgis, QgsWkbTypes...
QT_QGIS_CLASS = re.compile(r"^(Qt|Q[A-Z][A-Za-z0-9]*|Qgs[A-Za-z0-9]+|Qgis)$")
CONSTANT = re.compile(r"^[A-Z][A-Z0-9_]*$")  # Qgis.QGIS_VERSION, QgsProcessing.TEMPORARY_OUTPUT
REMOVED_NAMES = {
    "QRegExp": "qregexp",
    "QRegExpValidator": "qregexp",
    "QDesktopWidget": "qdesktopwidget",
    "qApp": "qapp",
}
# (class, attribute) pairs QGIS moved; the key is what the code must no longer name.
MOVED = {
    ("QgsProcessing", "SourceType"): "Qgis.ProcessingSourceType (3.36): compat.SourceType",
    ("QgsProcessingAlgorithm", "Flag"): "Qgis.ProcessingAlgorithmFlag (3.36): compat.AlgorithmFlag",
    ("QgsProcessingParameterDefinition", "Flag"): "Qgis.ProcessingParameterFlag (3.36): compat.ParameterFlag",
    ("QgsProcessingParameterNumber", "Type"): "Qgis.ProcessingNumberParameterType (3.36): compat.NumberType",
    ("QgsProcessingParameterFile", "Behavior"):
        "Qgis.ProcessingFileParameterBehavior (3.36): compat.FileBehavior",
    ("QgsProcessingParameterField", "DataType"):
        "Qgis.ProcessingFieldParameterDataType (3.36): compat.FieldDataType",
    ("QgsWkbTypes", "Type"): "Qgis.WkbType (3.30): compat.WkbType",
    ("QgsWkbTypes", "GeometryType"): "Qgis.GeometryType (3.30): compat.GeometryType",
    ("QgsUnitTypes", "LayoutUnit"): "Qgis.LayoutUnit (3.30): compat.LayoutUnit",
    ("QgsUnitTypes", "RenderUnit"): "Qgis.RenderUnit (3.30): compat.RenderUnit",
    ("QgsPalLayerSettings", "Placement"): "Qgis.LabelPlacement (3.26): compat.LabelPlacement",
    ("QgsVectorLayerTemporalProperties", "TemporalMode"): "Qgis.VectorTemporalMode (3.22)",
    ("QgsMapLayer", "LayerType"): "Qgis.LayerType (3.30)",
    ("QVariant", "Type"): "QMetaType.Type from QGIS 3.38: compat.FieldType",
}
MOVED_NAMES = {"QgsMapLayerType": "Qgis.LayerType (3.30): compat.LayerType"}

# Known offenders in files another change is reworking (project packaging: issue 10, item 5).
# Exact (file, finding) pairs, so nothing new slips in; the last test fails once one is fixed,
# to have its entry removed here.
PENDING = set()  # every finding once listed here is fixed


def python_files() -> list:
    """Return every Python file of the plugin, the scripts, the benchmarks and the tests."""
    files = []
    for folder in ("rason_plugin", "scripts", "bench", "tests"):
        files += sorted((ROOT / folder).rglob("*.py"))
    return [f for f in files if ".venv" not in f.parts]


def _parents(tree: ast.AST) -> dict:
    parents = {}
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            parents[child] = node
    return parents


def _qt_attribute(node) -> bool:
    return isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) \
        and QT_QGIS_CLASS.match(node.value.id) is not None


def check_source(source: str, filename: str = "<snippet>", enums: bool = True) -> list:
    """Return ``(line, rule, text)`` for every Qt6/QGIS 4 incompatibility in ``source``.

    ``enums=False`` skips the two enum rules: compat.py must name the old enums for old QGIS.
    """
    tree = ast.parse(source, filename=filename)
    parents = _parents(tree)
    found = []

    def hit(node, rule, text):
        found.append((node.lineno, rule, text))

    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                root = alias.name.split(".")[0]
                if root in ("PyQt5", "PyQt6", "sip"):
                    hit(node, "pyqt-import", f"import {alias.name}")
                if root.endswith("_rc") or root == "resources":
                    hit(node, "compiled-resources", f"import {alias.name}")
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if module.split(".")[0] in ("PyQt5", "PyQt6", "sip"):
                hit(node, "pyqt-import", f"from {module} import ...")
            for alias in node.names:
                last = (module.split(".")[-1] if module else "")
                if alias.name.endswith("_rc") or last.endswith("_rc") or alias.name == "resources" \
                        or (last == "resources" and node.level > 0):
                    hit(node, "compiled-resources", f"from {'.' * node.level}{module} import {alias.name}")
                if alias.name in REMOVED_NAMES:
                    hit(node, REMOVED_NAMES[alias.name], f"imports {alias.name}")
        elif isinstance(node, ast.Name) and node.id in REMOVED_NAMES:
            hit(node, REMOVED_NAMES[node.id], node.id)
        elif isinstance(node, ast.FunctionDef) and node.name == "exec_":
            hit(node, "exec_", "def exec_")
        elif isinstance(node, ast.Attribute) and node.attr == "exec_":
            hit(node, "exec_", ".exec_")
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr == "desktop" and not node.args:
                hit(node, "qdesktopwidget", ".desktop()")
            if isinstance(func, ast.Name) and func.id == "QDateTime" and len(node.args) >= 6:
                hit(node, "qdatetime-parts", "QDateTime(year, month, day, hour, minute, second, ...)")
        if not enums or not isinstance(node, ast.Attribute):
            continue
        if _qt_attribute(node):
            owner, member = node.value.id, node.attr
            if owner in MOVED_NAMES:
                continue  # reported once, as the moved name itself
            if (owner, member) in MOVED:
                hit(node, "moved-enum", f"{owner}.{member} -> {MOVED[(owner, member)]}")
                continue
            if owner == "QVariant" and member[:1].isupper() and not CONSTANT.match(member):
                hit(node, "moved-enum", f"QVariant.{member} -> {MOVED[('QVariant', 'Type')]}")
                continue
            if not member[:1].isupper() or CONSTANT.match(member):
                continue  # a method, a function or a constant
            parent = parents.get(node)
            if isinstance(parent, ast.Call) and parent.func is node:
                continue  # a nested class being constructed: QgsVectorFileWriter.SaveVectorOptions()
            if isinstance(parent, ast.Attribute) and parent.value is node and parent.attr[:1].isupper():
                continue  # Class.Enum.Value: ``member`` is the enum
            hit(node, "unscoped-enum", f"{owner}.{member}")
    for node in ast.walk(tree):
        if enums and isinstance(node, ast.Name) and node.id in MOVED_NAMES:
            hit(node, "moved-enum", f"{node.id} -> {MOVED_NAMES[node.id]}")
    return sorted(set(found))


def check_file(path: Path) -> list:
    source = path.read_text(encoding="utf-8")
    return [(f"{path.relative_to(ROOT)}:{line}", rule, text)
            for line, rule, text in check_source(source, str(path), enums=path != COMPAT)]


def all_findings() -> list:
    files = python_files()
    assert COMPAT in files and len(files) > 50  # the walk found the code it is meant to hold
    return [hit for path in files for hit in check_file(path)]


def test_code_uses_no_form_qt6_or_qgis4_removed():
    offenders = [hit for hit in all_findings() if (hit[0].rsplit(":", 1)[0], hit[2]) not in PENDING]
    assert offenders == [], "\n".join(" ".join(h) for h in offenders)


def test_pending_exceptions_are_still_needed():
    found = {(hit[0].rsplit(":", 1)[0], hit[2]) for hit in all_findings()}
    fixed = PENDING - found
    assert fixed == set(), f"fixed now, remove from PENDING: {sorted(fixed)}"


# Each rule must be able to fail: one bad snippet per rule, and its fixed form passes.
BAD_AND_FIXED = {
    "pyqt-import": ("from PyQt5.QtCore import QTimer\n", "from qgis.PyQt.QtCore import QTimer\n"),
    "exec_": ("dialog.exec_()\n", "dialog.exec()\n"),
    "qregexp": ("from qgis.PyQt.QtCore import QRegExp\n",
                "from qgis.PyQt.QtCore import QRegularExpression\n"),
    "qdesktopwidget": ("size = QApplication.desktop().screenGeometry()\n",
                       "size = QApplication.primaryScreen().geometry()\n"),
    "qapp": ("qApp.processEvents()\n", "QApplication.instance().processEvents()\n"),
    "compiled-resources": ("from . import resources_rc\n", "from . import paths\n"),
    "qdatetime-parts": ("t = QDateTime(2023, 10, 1, 6, 0, 0, 0, Qt.TimeSpec.UTC)\n",
                        "t = QDateTime(QDate(2023, 10, 1), QTime(6, 0), Qt.TimeSpec.UTC)\n"),
    "unscoped-enum": ("label.setAlignment(Qt.AlignLeft)\n",
                      "label.setAlignment(Qt.AlignmentFlag.AlignLeft)\n"),
    "moved-enum": ("p = QgsProcessingParameterNumber('N', 'n', QgsProcessingParameterNumber.Type.Double)\n",
                   "p = QgsProcessingParameterNumber('N', 'n', NumberType.Double)\n"),
}


@pytest.mark.parametrize("rule", sorted(BAD_AND_FIXED))
def test_each_rule_fires_on_a_bad_snippet_and_not_on_its_fix(rule):
    bad, fixed = BAD_AND_FIXED[rule]
    assert [r for _, r, _ in check_source(bad)] == [rule]
    assert check_source(fixed) == []


@pytest.mark.parametrize("snippet", [
    "QMessageBox.Yes\n",
    "x = Qt.UserRole + 1\n",
    "QgsWkbTypes.Point\n",
    "QVariant.Double\n",
    "QgsProcessing.TypeVectorPolygon\n",
    "QgsProcessingParameterNumber.Double\n",
    "f = QgsProcessingAlgorithm.FlagNoThreading\n",
    "p.setFlags(p.flags() | QgsProcessingParameterDefinition.FlagAdvanced)\n",
    "QEvent.DeferredDelete\n",
    "Qgis.Warning\n",
    "QgsWkbTypes.Point.value\n",  # an enum value with an attribute on it is still unscoped
])
def test_unscoped_or_moved_enums_the_issue_names_are_caught(snippet):
    assert [r for _, r, _ in check_source(snippet)] in (["unscoped-enum"], ["moved-enum"])


@pytest.mark.parametrize("snippet", [
    "Qt.ItemDataRole.UserRole\n",
    "QMessageBox.StandardButton.Yes\n",
    "Qgis.MessageLevel.Warning\n",
    "Qgis.QGIS_VERSION\n",
    "QgsProcessing.TEMPORARY_OUTPUT\n",
    "QgsWkbTypes.geometryType(layer.wkbType())\n",
    "options = QgsVectorFileWriter.SaveVectorOptions()\n",
    "spec.loader.exec_module(module)\n",
])
def test_scoped_forms_methods_and_constants_pass(snippet):
    assert check_source(snippet) == []


def test_compat_may_name_old_enums_but_nothing_else():
    source = COMPAT.read_text(encoding="utf-8")
    assert check_source(source, enums=True) != []  # it does name the old enums...
    assert check_source(source, enums=False) == []  # ...and nothing else Qt6 removed


def test_compat_chooses_by_version_not_by_trying():
    """compat.py picks each enum by ``Qgis.versionInt()``: no try/except around a name."""
    tree = ast.parse(COMPAT.read_text(encoding="utf-8"))
    tries = [node.lineno for node in ast.walk(tree) if isinstance(node, ast.Try)]
    tests = [ast.unparse(node.test) for node in ast.walk(tree) if isinstance(node, ast.If)]
    assert tries == []
    assert tests and all("QGIS_VERSION_INT >=" in test for test in tests)
