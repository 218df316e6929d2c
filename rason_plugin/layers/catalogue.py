"""What the shipped reference GeoPackage holds: its path, layer names, display names, drawing order.

The GeoPackage is built by ``scripts/build_reference_gpkg.py`` from ``data/sources/``; this module
only names things, so it imports nothing from QGIS (``tr`` imports Qt only when called) and can be
read by scripts and tests alike.
"""
from __future__ import annotations

from pathlib import Path

from ..i18n import tr, tr_noop
from ..paths import DATA_DIR

REFERENCE_GPKG: Path = DATA_DIR / "rason_reference.gpkg"
REFERENCE_FILENAME = "rason_reference.gpkg"
# Not translated: load_into_project finds the group by this name in projects saved in any locale.
GROUP_NAME = "Rason SEZ"

# Drawing order, top to bottom (points above lines above polygons, the boundary and land at the bottom).
LAYER_ORDER = [
    "events",
    "ports",
    "rail_stations",
    "vessel_tracks",
    "railway",
    "railway_generalised",
    "monitoring_areas",
    "sez_boundary",
    "land",
]

# English; a layer gets the translation of its name (display_name) when it is loaded.
DISPLAY_NAMES = {
    "events": tr_noop("Events"),
    "ports": tr_noop("Ports"),
    "rail_stations": tr_noop("Rail stations and bridge"),
    "vessel_tracks": tr_noop("Vessel tracks"),
    "railway": tr_noop("Railway (schematic)"),
    "railway_generalised": tr_noop("Railway (Natural Earth, generalised)"),
    "land": tr_noop("Land (Natural Earth, coarse)"),
    "monitoring_areas": tr_noop("Monitoring areas"),
    "sez_boundary": tr_noop("SEZ boundary"),
}


def display_name(layer_name: str) -> str:
    """Return the name a layer gets in the Layers panel, in the user's language."""
    return tr(DISPLAY_NAMES[layer_name])


def layer_uri(gpkg: Path | str, layer_name: str) -> str:
    """Return the OGR data source string of ``layer_name`` in ``gpkg``."""
    return f"{gpkg}|layername={layer_name}"
