"""Where the plugin's files live, in the repository and in an installed copy alike.

In the repository ``metadata.txt`` and ``resources/`` sit beside the package (the design card puts
them at the top level); ``make package`` copies them into the plugin folder of the zip, where QGIS
expects them. Both layouts are looked up here, installed first, so no other module guesses.
"""
from __future__ import annotations

from pathlib import Path

PLUGIN_DIR = Path(__file__).resolve().parent
DATA_DIR = PLUGIN_DIR / "data"


def _find(name: str) -> Path:
    for candidate in (PLUGIN_DIR / name, PLUGIN_DIR.parent / name):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(
        f"{name} not found beside {PLUGIN_DIR}; reinstall the plugin from its zip "
        "(make package) or run from a full clone of the repository"
    )


def resources_dir() -> Path:
    """Return the folder holding icons, styles and models."""
    return _find("resources")


def metadata_path() -> Path:
    """Return the path of metadata.txt."""
    return _find("metadata.txt")


def icon_path(name: str) -> str:
    """Return the path of an icon in resources/icons as a string, the form Qt wants."""
    return str(resources_dir() / "icons" / name)


def read_metadata() -> dict:
    """Return metadata.txt's [general] section as a dict (keys lower-case)."""
    import configparser

    parser = configparser.ConfigParser(interpolation=None)
    parser.read(metadata_path(), encoding="utf-8")
    return dict(parser["general"])
