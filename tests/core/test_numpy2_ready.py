"""The code avoids what numpy 2.0-2.5 removed or changed, checked on the source.

ruff's NPY201 rule (run by ``make lint`` over the code, the tests, the scripts and the benchmarks)
knows the removed names (np.trapz, np.in1d, np.product, np.float_...). It does not know the copy
change: since numpy 2.0, ``np.array(x, copy=False)`` raises when a copy is needed, where numpy 1
copied silently (``np.asarray`` behaves the same on both), so that one is checked here.
"""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = ("rason_plugin", "tests", "scripts", "bench")


def copy_false_calls(source: str) -> list:
    """Return the lines of ``np.array(..., copy=False)`` / ``numpy.array(..., copy=False)`` calls."""
    lines = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "array" \
                and isinstance(node.func.value, ast.Name) and node.func.value.id in ("np", "numpy"):
            for keyword in node.keywords:
                if keyword.arg == "copy" and isinstance(keyword.value, ast.Constant) \
                        and keyword.value.value is False:
                    lines.append(node.lineno)
    return lines


def test_no_array_copy_false():
    offenders = [f"{path.relative_to(ROOT)}:{line}"
                 for folder in FOLDERS for path in sorted((ROOT / folder).rglob("*.py"))
                 for line in copy_false_calls(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_copy_check_catches_copy_false_and_passes_asarray():
    bad = "import numpy as np\na = np.array(b, copy=False)\nc = np.array(d, dtype=float, copy=False)\n"
    assert copy_false_calls(bad) == [2, 3]
    good = ("import numpy as np\na = np.asarray(b)\nc = np.array(d, copy=True)\n"
            "e = x.astype(float, copy=False)\n")
    assert copy_false_calls(good) == []


def ruff(*args, stdin: str) -> subprocess.CompletedProcess:
    # The venv's ruff, the version requirements-dev.txt pins, not whatever is on PATH.
    command = [sys.executable, "-m", "ruff", "check", "--config", str(ROOT / "pyproject.toml"), *args]
    return subprocess.run(command, input=stdin, capture_output=True, text=True, cwd=ROOT, timeout=120)


def test_lint_configuration_flags_numpy_2_removals():
    # Four names numpy 2 removed (np.trapz in 2.4; np.product, np.in1d, np.float_ in 2.0).
    snippet = ("import numpy as np\n\n"
               "area = np.trapz([1.0, 2.0], [0.0, 1.0])\n"
               "n = np.product([2, 3])\n"
               "hit = np.in1d([1], [1])\n"
               "one = np.float_(1)\n")
    result = ruff("--output-format", "concise", "--stdin-filename", "snippet.py", "-", stdin=snippet)
    flagged = [line for line in result.stdout.splitlines() if "NPY201" in line]
    assert result.returncode == 1
    assert len(flagged) == 4, result.stdout + result.stderr
