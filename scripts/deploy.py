#!/usr/bin/env python3
"""Install a built plugin zip into a QGIS profile and enable it there.

Usage: deploy.py ZIP --profiles-path DIR [--profile NAME]
DIR is what `qgis --profiles-path DIR` takes: profiles live in DIR/profiles/NAME.
Replaces only the profile's rason_plugin folder; the rest of the profile is left alone.
"""
from __future__ import annotations

import argparse
import configparser
import shutil
import tempfile
import zipfile
from pathlib import Path

PLUGIN = "rason_plugin"


def deploy(zip_path: Path, profiles_path: Path, profile: str = "default") -> Path:
    """Unpack ``zip_path`` into the profile's python/plugins, enable the plugin, return its folder."""
    profile_dir = profiles_path / "profiles" / profile
    plugins_dir = profile_dir / "python" / "plugins"
    plugins_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=plugins_dir) as staging:
        with zipfile.ZipFile(zip_path) as archive:
            archive.extractall(staging)
        target = plugins_dir / PLUGIN
        if target.exists():
            shutil.rmtree(target)
        shutil.move(str(Path(staging) / PLUGIN), str(target))
    ini_path = profile_dir / "QGIS" / "QGIS3.ini"
    ini_path.parent.mkdir(parents=True, exist_ok=True)
    ini = configparser.RawConfigParser()
    ini.optionxform = str  # QGIS keys are case-sensitive
    ini.read(ini_path)
    if not ini.has_section("PythonPlugins"):
        ini.add_section("PythonPlugins")
    ini.set("PythonPlugins", PLUGIN, "true")
    with ini_path.open("w") as handle:
        ini.write(handle, space_around_delimiters=False)
    return target


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("zip", type=Path)
    parser.add_argument("--profiles-path", type=Path, required=True)
    parser.add_argument("--profile", default="default")
    args = parser.parse_args()
    print(deploy(args.zip, args.profiles_path, args.profile))
