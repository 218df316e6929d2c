"""Text shown to the user goes through tr(): checked on the source, as the layout test checks imports.

The places where text reaches the user are the description of every Processing parameter and
output, error messages (QgsProcessingException, self.fail, PackagingError), feedback messages,
the menu and toolbar, and the algorithms' DISPLAY_NAME/GROUP/HELP/MENU_TEXT. English words
written straight into one of them (a plain literal or an f-string) are the defect caught here.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "rason_plugin"
WORDS = re.compile(r"[A-Za-z]{2,}")
# Calls whose first argument is shown to the user.
MESSAGE_CALLS = {"QgsProcessingException", "PackagingError", "fail", "warn", "pushInfo",
                 "pushWarning", "reportError", "pushCommandInfo", "QMenu", "addToolBar"}
CLASS_TEXTS = {"DISPLAY_NAME", "GROUP", "HELP", "MENU_TEXT"}


def call_name(node: ast.Call) -> str:
    func = node.func
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def raw_text(node) -> list:
    """Return the English literals inside ``node`` that no tr()/tr_noop() call wraps."""
    if isinstance(node, ast.Call) and call_name(node) in ("tr", "tr_noop"):
        return []
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and WORDS.search(node.value):
        return [node.value]
    if isinstance(node, ast.JoinedStr):
        literal = "".join(v.value for v in node.values if isinstance(v, ast.Constant))
        return [literal] if WORDS.search(literal) else []
    if isinstance(node, ast.FormattedValue):
        return raw_text(node.value)  # the format spec (".6f") is not text
    if isinstance(node, ast.Compare):
        return []  # method == "imad" compares keys, it shows nothing
    if isinstance(node, ast.Subscript):
        return raw_text(node.value)  # counts["added"] looks a value up by its key
    found = []
    for child in ast.iter_child_nodes(node):
        found.extend(raw_text(child))
    return found


def shown_arguments(node: ast.Call) -> list:
    """Return the argument nodes of ``node`` that the user reads."""
    name = call_name(node)
    if name.startswith(("QgsProcessingParameter", "QgsProcessingOutput")) and name[0] == "Q":
        described = node.args[1:2] + [k.value for k in node.keywords if k.arg == "description"]
        filters = [k.value for k in node.keywords if k.arg == "fileFilter"]
        if name == "QgsProcessingParameterFileDestination":
            filters += node.args[2:3]
        return described + filters
    if name in MESSAGE_CALLS:
        return node.args[:1]
    if name == "QAction":
        return node.args[1:2]
    return []


def untranslated(package: Path = PACKAGE) -> list:
    """Return 'file:line: text' for every user-visible English text not passed through tr()."""
    offenders = []
    for path in sorted(package.rglob("*.py")):
        rel = path.relative_to(package.parent)
        if {"core", "ext"}.intersection(path.relative_to(package).parts):
            continue  # core/ may not import Qt; its messages are English (see README)
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                for arg in shown_arguments(node):
                    offenders += [f"{rel}:{node.lineno}: {text[:60]!r}" for text in raw_text(arg)]
            elif isinstance(node, ast.ClassDef):
                for stmt in node.body:
                    if (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1
                            and isinstance(stmt.targets[0], ast.Name) and stmt.targets[0].id in CLASS_TEXTS):
                        offenders += [f"{rel}:{stmt.lineno}: {text[:60]!r}" for text in raw_text(stmt.value)]
    return sorted(offenders, key=lambda entry: (entry.split(":")[0], int(entry.split(":")[1])))


def test_user_visible_text_goes_through_tr():
    assert untranslated() == []


def test_check_catches_raw_text(tmp_path):
    package = tmp_path / "pkg"
    package.mkdir()
    (package / "alg.py").write_text(
        "class A:\n"
        "    DISPLAY_NAME = 'Vessel tracks'\n"
        "    GROUP = tr_noop('Vessels')\n"
        "    def run(self, feedback, n, r):\n"
        "        self.addParameter(QgsProcessingParameterNumber('N', 'Maximum gap', 1))\n"
        "        self.addParameter(QgsProcessingParameterNumber('M', tr('Maximum speed'), 1))\n"
        "        feedback.pushInfo(f'{n} segments')\n"
        "        feedback.pushInfo(tr('{n} segments').format(n=n) + ' '.join(f'{x:.6f}' for x in r))\n"
        "        raise QgsProcessingException('Cancelled.')\n", encoding="utf-8")
    # Hand count: the raw DISPLAY_NAME (line 2), parameter description (5), f-string (7) and
    # exception (9); lines 3, 6 and 8 are translated (8's ' ' and '.6f' are not words).
    assert [entry.split(": ", 1)[0] for entry in untranslated(package)] == [
        "pkg/alg.py:2", "pkg/alg.py:5", "pkg/alg.py:7", "pkg/alg.py:9"]
