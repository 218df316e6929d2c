"""What the reference GeoPackage must hold, worked out from rason_plugin/data/sources/ (not a test module).

The feature counts come from the source files, read with the plain json and csv modules, and from
the design of the layers (written out below), never from the built GeoPackage.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

SOURCES = Path(__file__).resolve().parent.parent / "rason_plugin" / "data" / "sources"

# The dated facts of the events layer, transcribed from the press reporting (Reuters, November 2023)
# summarised in the project's issue 3 (see sources/LICENSES.md): (title, first day, last day or None
# when ongoing when reported). Month-precision facts run from the first to the last day of the month.
EVENTS = [
    ("Russian vessels tied to military logistics call at Rajin", "2023-08-01", None),
    ("Ships dock at Rajin for the first time since 2018", "2023-11-01", "2023-11-30"),
    ("About 2,000 containers shipped from Rajin", "2023-11-01", "2023-11-30"),
    ("More freight cars at Tumangang after Russian defence minister's visit", "2023-07-01", None),
    ("Russian oil exports through Rason resume", "2022-12-01", "2023-04-30"),
    ("Reconnaissance-satellite launch", "2023-11-22", "2023-11-22"),
]

# The schematic railway runs through these places.csv points, in order; it is cut in two at the
# Friendship Bridge, the border, so the North Korean and Russian sections are separate lines.
RAILWAY_ROUTE = ["Rajin station", "Sŏnbong", "Hongŭi station", "Tumangang station",
                 "Korea–Russia Friendship Bridge", "Khasan station"]
BORDER = "Korea–Russia Friendship Bridge"


def places() -> list:
    with (SOURCES / "places.csv").open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def wpi_ports() -> list:
    return json.loads((SOURCES / "wpi_rason_ports.geojson").read_text(encoding="utf-8"))["features"]


def boundary_features() -> list:
    data = json.loads((SOURCES / "rason_boundary.geojson").read_text(encoding="utf-8"))
    return [data] if data["type"] == "Feature" else data["features"]


def natural_earth_features(name: str) -> list:
    return json.loads((SOURCES / name).read_text(encoding="utf-8"))["features"]


def railway_sections() -> list:
    """Return the route cut at the border: lists of place names, the border in both."""
    cut = RAILWAY_ROUTE.index(BORDER)
    return [RAILWAY_ROUTE[:cut + 1], RAILWAY_ROUTE[cut:]]


def expected_counts() -> dict:
    """Return {layer: number of features} of the reference GeoPackage, from the sources."""
    n_ports = len(wpi_ports())
    return {
        "sez_boundary": len(boundary_features()),
        "ports": n_ports,
        # every place that is a rail station, plus the rail bridge at the border
        "rail_stations": sum(row["kind"] in ("rail_station", "bridge") for row in places()),
        # a circle around each WPI port, and one around Tumangang station for its rail yard
        "monitoring_areas": n_ports + 1,
        "railway": len(railway_sections()),
        "events": len(EVENTS),
        # the empty layer the AIS tools fill (its schema travels with the GeoPackage)
        "vessel_tracks": 0,
        # one feature per Natural Earth feature of the clipped GeoJSON files
        "land": len(natural_earth_features("ne10m_land_rason.geojson")),
        "railway_generalised": len(natural_earth_features("ne10m_railroads_rason.geojson")),
    }


def laea_transform():
    """Return a WGS84 -> Lambert azimuthal equal-area (centred on Rason) transformation, in metres."""
    from osgeo import osr

    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    laea = osr.SpatialReference()
    laea.ImportFromProj4("+proj=laea +lat_0=42.3 +lon_0=130.45 +datum=WGS84 +units=m +no_defs")
    return osr.CoordinateTransformation(wgs84, laea)
