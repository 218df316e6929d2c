"""The one place pyais is imported: the AIS payload decoder, loaded lazily.

QGIS does not ship pyais. pyais 3.x is pure Python and needs only ``attrs`` (which Debian's and
most QGIS Pythons carry). The plugin looks for an installed pyais, then for a copy in its own
``ext/`` folder (where a packaging step may vendor it); when neither is there the importer raises
``AisDecoderMissingError`` whose message holds the exact install command, and everything else
(CSV positions, tracks, port calls) keeps working without it.
"""
from __future__ import annotations

import sys
import sysconfig
from pathlib import Path

PYAIS_REQUIREMENT = "pyais==3.3.1"
VENDOR_DIR = Path(__file__).resolve().parents[2] / "ext"  # rason_plugin/ext


class AisDecoderMissingError(ImportError):
    """pyais cannot be imported; the message says how to install it into QGIS's Python."""


def _qgis_python() -> str:
    """Return the interpreter QGIS embeds (``sys.executable`` inside QGIS is QGIS itself, or
    whatever ``python3`` comes first on PATH)."""
    version = f"python{sys.version_info.major}.{sys.version_info.minor}"
    for base in (sys.base_prefix, sys.prefix):
        candidate = Path(base) / "bin" / version
        if candidate.exists():
            return str(candidate)
    return "python3"


def install_hint() -> str:
    """Return the command that installs pyais for the Python running this code."""
    if sys.platform.startswith("win"):
        return f'open the "OSGeo4W Shell" and run: python -m pip install {PYAIS_REQUIREMENT}'
    flags = "--user"
    # Debian 12 / Ubuntu 23.04+ mark the system Python as externally managed (PEP 668).
    if (Path(sysconfig.get_path("stdlib")) / "EXTERNALLY-MANAGED").exists():
        flags += " --break-system-packages"
    return f"{_qgis_python()} -m pip install {flags} {PYAIS_REQUIREMENT}"


def load_pyais():
    """Return ``pyais.messages.NMEAMessage`` or raise ``AisDecoderMissingError`` with the fix.

    A copy of pyais placed in the plugin's ``ext/`` folder (a packaging option) is used when no
    installed pyais is found.
    """
    try:
        from pyais.messages import NMEAMessage
    except ImportError:
        if VENDOR_DIR.is_dir() and str(VENDOR_DIR) not in sys.path:
            sys.path.append(str(VENDOR_DIR))
        try:
            from pyais.messages import NMEAMessage
        except ImportError as err:  # also catches a missing or broken attrs
            raise AisDecoderMissingError(
                "Decoding raw NMEA AIS needs the pyais library, which QGIS does not ship "
                f"({err}). Install it with: {install_hint()} and restart QGIS. "
                "CSV/GeoPackage positions work without it."
            ) from err
    return NMEAMessage
