"""The one place pyais is imported: the AIS payload decoder, loaded lazily.

QGIS does not ship pyais. pyais 3.x is pure Python and needs only ``attrs`` (which Debian's and
most QGIS Pythons carry), but the plugin does not bundle it: when it is missing the importer
raises ``AisDecoderMissingError`` whose message holds the exact install command, and everything else
(CSV positions, tracks, port calls) keeps working without it.
"""
from __future__ import annotations

import sys

PYAIS_REQUIREMENT = "pyais==3.3.1"


class AisDecoderMissingError(ImportError):
    """pyais cannot be imported; the message says how to install it into QGIS's Python."""


def install_hint() -> str:
    """Return the command that installs pyais for the Python running this code."""
    exe = sys.executable or "python3"
    if sys.platform.startswith("win"):
        return (
            f'open the "OSGeo4W Shell" and run: python -m pip install {PYAIS_REQUIREMENT}'
        )
    if exe.endswith(("qgis", "qgis.bin", "qgis_process", "qgis_process.bin")):
        exe = "/usr/bin/python3"  # QGIS embeds the system Python on Linux
    return f"{exe} -m pip install --user {PYAIS_REQUIREMENT}"


def load_pyais():
    """Return ``pyais.messages.NMEAMessage`` or raise ``AisDecoderMissingError`` with the fix."""
    try:
        from pyais.messages import NMEAMessage
    except ImportError as err:  # also catches a broken attrs
        raise AisDecoderMissingError(
            "Decoding raw NMEA AIS needs the pyais library, which QGIS does not ship "
            f"({err}). Install it with: {install_hint()} and restart QGIS. "
            "CSV/GeoPackage positions work without it."
        ) from err
    return NMEAMessage
