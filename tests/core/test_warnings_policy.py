"""A DeprecationWarning raised from rason_plugin fails the suite; one from elsewhere does not.

Runs a small test file through pytest in a subprocess with the project's own pytest settings
(pyproject.toml), once from a module named like ours and once from a module that is not ours.
"""
from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TEST_FILE = textwrap.dedent('''
    import types

    # A module whose __name__ is {module!r}: warnings.warn attributes the warning to it, as it
    # would to a real module of that name (the name comes from the frame's globals).
    module = types.ModuleType({module!r})
    exec(compile(
        "import warnings\\n"
        "def old_api():\\n"
        "    warnings.warn('old_api is deprecated', DeprecationWarning, stacklevel=1)\\n"
        "    return 1\\n",
        "fake_module.py", "exec"), module.__dict__)


    def test_calls_deprecated_code():
        assert module.old_api() == 1
''')


def run_suite_with(module: str, tmp_path: Path) -> subprocess.CompletedProcess:
    test_file = tmp_path / "test_fake.py"
    test_file.write_text(TEST_FILE.format(module=module), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:pytest_qgis",
         "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(tmp_path), str(test_file)],
        capture_output=True, text=True, cwd=tmp_path, timeout=300)


@pytest.mark.parametrize("module", ["rason_plugin.fake", "rason_plugin"])
def test_deprecation_warning_from_our_code_fails_the_run(module, tmp_path):
    result = run_suite_with(module, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "DeprecationWarning: old_api is deprecated" in result.stdout
    assert "1 failed" in result.stdout


@pytest.mark.parametrize("module", ["someone_else.fake", "rason_plugin_fork.fake"])
def test_deprecation_warning_from_other_code_is_only_reported(module, tmp_path):
    result = run_suite_with(module, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 passed, 1 warning" in result.stdout
