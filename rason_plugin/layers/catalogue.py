"""What the shipped reference GeoPackage holds: its path, layer names, display names, drawing order.

The GeoPackage is built by ``scripts/build_reference_gpkg.py`` from ``data/sources/``; this module
only names things, so it imports nothing from QGIS and can be read by scripts and tests alike.
"""
from __future__ import annotations

from pathlib import Path

from ..paths import DATA_DIR

REFERENCE_GPKG: Path = DATA_DIR / "rason_reference.gpkg"
REFERENCE_FILENAME = "rason_reference.gpkg"
GROUP_NAME = "Rason SEZ"

# Drawing order, top to bottom (points above lines above polygons, the boundary at the bottom).
LAYER_ORDER = [
    "events",
    "ports",
    "rail_stations",
    "vessel_tracks",
    "railway",
    "monitoring_areas",
    "sez_boundary",
]

DISPLAY_NAMES = {
    "events": "Events",
    "ports": "Ports",
    "rail_stations": "Rail stations and bridge",
    "vessel_tracks": "Vessel tracks",
    "railway": "Railway (schematic)",
    "monitoring_areas": "Monitoring areas",
    "sez_boundary": "SEZ boundary",
}


def display_name(layer_name: str) -> str:
    """Return the name a layer gets in the Layers panel."""
    return DISPLAY_NAMES[layer_name]


def layer_uri(gpkg: Path | str, layer_name: str) -> str:
    """Return the OGR data source string of ``layer_name`` in ``gpkg``."""
    return f"{gpkg}|layername={layer_name}"
