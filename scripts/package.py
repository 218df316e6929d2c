#!/usr/bin/env python3
"""Build the zip QGIS's plugin manager installs: rason_plugin/ with metadata.txt, resources/, LICENSE.

Usage: package.py [OUTPUT_ZIP]   (default dist/rason_plugin.zip)
"""
from __future__ import annotations

import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLUGIN = "rason_plugin"
SKIP_DIRS = {"__pycache__", ".pytest_cache"}
SKIP_SUFFIXES = {".pyc", ".pyo"}


def plugin_files(root: Path = ROOT):
    """Yield (path on disk, path in the zip) for every file the installed plugin needs."""
    def walk(folder: Path, prefix: str):
        for path in sorted(folder.rglob("*")):
            rel = path.relative_to(folder)
            if path.is_dir() or SKIP_DIRS.intersection(rel.parts) or path.suffix in SKIP_SUFFIXES:
                continue
            yield path, f"{prefix}/{rel.as_posix()}"

    yield from walk(root / PLUGIN, PLUGIN)
    yield from walk(root / "resources", f"{PLUGIN}/resources")
    yield root / "metadata.txt", f"{PLUGIN}/metadata.txt"
    yield root / "LICENSE", f"{PLUGIN}/LICENSE"
    yield root / "README.md", f"{PLUGIN}/README.md"
    yield from vendored_pyais()


def vendored_pyais():
    """Yield pyais (pure Python, MIT) for rason_plugin/ext/, so importais works without a pip step.

    QGIS does not ship pyais; its only dependency, attrs, is part of QGIS's Python on the
    platforms we know (Debian's python3-attrs, OSGeo4W). The decoder prefers an installed pyais.
    """
    try:
        import pyais
    except ImportError as error:
        raise SystemExit("package: pyais is not installed in this Python; run `make setup` "
                         "(requirements-dev.txt pins it) and package again") from error
    source = Path(pyais.__file__).resolve().parent
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if path.is_file() and not SKIP_DIRS.intersection(rel.parts) and path.suffix not in SKIP_SUFFIXES:
            yield path, f"{PLUGIN}/ext/pyais/{rel.as_posix()}"
    dist = next(source.parent.glob("pyais-*.dist-info"), None)
    licences = sorted(dist.rglob("LICENSE*")) if dist else []
    if not licences:
        raise SystemExit(f"package: no licence file for pyais beside {source}; cannot vendor it")
    yield licences[0], f"{PLUGIN}/ext/pyais-LICENSE.txt"


def build(output: Path, root: Path = ROOT) -> Path:
    """Write the plugin zip to ``output`` atomically and return its path."""
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.name + ".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
        for source, arcname in plugin_files(root):
            archive.write(source, arcname)
    partial.replace(output)
    return output


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "dist" / f"{PLUGIN}.zip"
    print(build(target))
