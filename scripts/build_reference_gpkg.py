#!/usr/bin/env python3
"""Build rason_plugin/data/rason_reference.gpkg from rason_plugin/data/sources/ (re-runnable).

Usage: build_reference_gpkg.py [OUTPUT_GPKG]

Layers are written with GDAL/OGR (fixed feature ids, fixed timestamps), then each layer gets
- QGIS layer metadata in the GeoPackage metadata extension (``gpkg_metadata`` with the QGIS
  standard URI ``http://mrcc.com/qgis.dtd``, scope 'table'), which QGIS 3.22's OGR provider reads
  back as the layer's metadata, so it shows without the plugin;
- a default style in ``layer_styles`` (``QgsVectorLayer.saveStyleToDatabase``), QGIS's own place
  for styles that travel with a GeoPackage; the QML includes the temporal settings.
The result is written to a temporary file beside the target and renamed; timestamps are pinned to
EDITION. On QGIS 3.22 / GDAL 3.6 two runs give byte-identical files. Newer releases do not: QGIS
gives symbol layers and categories random ids and elevation-profile symbols random colours, and
GDAL 3.13 writes other R-tree triggers. So a rebuild is checked against the shipped file by its
content, features, styles and metadata (tests/qgis/gpkg_content.py), not by its bytes.
"""
from __future__ import annotations

import csv
import json
import math
import os
import sqlite3
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the plugin's core, for the GeoPackage metadata writer
SOURCES = ROOT / "rason_plugin" / "data" / "sources"
DEFAULT_OUTPUT = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
VESSEL_TRACKS_QML = ROOT / "resources" / "styles" / "vessel_tracks.qml"

# Edition of the reference layers: the date written into metadata and timestamps. Bump it when the
# sources or the build change, so users can tell editions apart.
EDITION = "2026-11-28"
EDITION_TIMESTAMP = f"{EDITION}T00:00:00.000Z"
PLUGIN_HOME = "https://github.com/rason-sez-monitor/rason-sez-monitor"

OSM_ATTRIBUTION = "© OpenStreetMap contributors; geoBoundaries"
ODBL = "Open Database License (ODbL) 1.0, https://opendatacommons.org/licenses/odbl/1-0/"
WPI = "NGA World Port Index (Pub. 150): public domain"
REUTERS = "Reuters, November 2023"

# Sohae launch site: Wikipedia 'Sohae Satellite Launching Station' (39°39′36″N 124°42′18″E).
SOHAE = (124.705, 39.660)

# Rail chainages (Wikipedia 'Hambuk Line': Hongŭi km 285.6, Sŏnbong km 313.0, Rajin km 328.2;
# 'Hongŭi Line': Hongŭi–Tumangang 9.5 km) give Rajin–Tumangang 52.1 km by rail.
RAJIN_TUMANGANG_RAIL_KM = 328.2 - 285.6 + 9.5


# --------------------------------------------------------------------------------------------
# Source reading and geometry helpers (pure Python + OGR)
# --------------------------------------------------------------------------------------------
def read_places(path: Path = SOURCES / "places.csv") -> dict:
    """Return places.csv rows keyed by name, with float lat/lon."""
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
    return {row["name"]: row for row in rows}


def circle_wkt(lon: float, lat: float, radius_m: float, vertices: int = 48) -> str:
    """Return a WKT polygon approximating a circle of ``radius_m`` around lon/lat.

    A local equirectangular approximation (metres per degree from the WGS84 radius of curvature)
    is far more precise than the 1 arc-minute positions the circles stand for.
    """
    a, e2 = 6378137.0, 6.69437999014e-3
    phi = math.radians(lat)
    m_lat = math.pi / 180 * a * (1 - e2) / (1 - e2 * math.sin(phi) ** 2) ** 1.5
    m_lon = math.pi / 180 * a * math.cos(phi) / math.sqrt(1 - e2 * math.sin(phi) ** 2)
    ring = []
    for i in range(vertices):
        t = 2 * math.pi * i / vertices
        ring.append((round(lon + radius_m * math.sin(t) / m_lon, 7),
                     round(lat + radius_m * math.cos(t) / m_lat, 7)))
    ring.append(ring[0])
    return "POLYGON((" + ",".join(f"{x} {y}" for x, y in ring) + "))"


def line_wkt(points) -> str:
    return "LINESTRING(" + ",".join(f"{lon} {lat}" for lon, lat in points) + ")"


def layer_definitions(places: dict) -> list:
    """Return every layer as a dict: name, geometry type, fields [(name, OGR type)], features."""
    from osgeo import ogr

    boundary = json.loads((SOURCES / "rason_boundary.geojson").read_text(encoding="utf-8"))
    wpi = json.loads((SOURCES / "wpi_rason_ports.geojson").read_text(encoding="utf-8"))["features"]

    def pt(name):
        return places[name]["lon"], places[name]["lat"]

    bprops = boundary["properties"]
    boundary_geom = ogr.CreateGeometryFromJson(json.dumps(boundary["geometry"]))
    layers = [{
        "name": "sez_boundary", "geom": ogr.wkbMultiPolygon,
        "fields": [("name", ogr.OFTString), ("shape_iso", ogr.OFTString), ("source", ogr.OFTString),
                   ("licence", ogr.OFTString)],
        "features": [({"name": bprops["name"], "shape_iso": bprops["shapeISO"],
                       "source": f"{bprops['source']}; {bprops['source_repo']} "
                                 f"@{bprops['retrieved_commit'][:12]}",
                       "licence": f"ODbL 1.0; {bprops['attribution']}"}, boundary_geom.ExportToWkt())],
    }]

    port_names = {"60510": ("Rajin (Najin) port", "Najin; Rashin"),
                  "60520": ("Sonbong (Senbong) port", "Senbong; Uki; Ungsang")}
    ports = []
    for feature in wpi:
        props = feature["properties"]
        number = props["World Port Index Number"].split(".")[0]
        name, alt = port_names[number]
        lon, lat = feature["geometry"]["coordinates"]
        ports.append(({"name": name, "alt_name": alt, "wpi_number": number,
                       "unlocode": props["UN/LOCODE"] or None,
                       "harbor_type": props["Harbor Type"],
                       "source": f"NGA World Port Index, Pub. 150, no. {number} (public domain); "
                                 "position to 1 arc-minute"},
                      f"POINT({lon} {lat})"))
    layers.append({
        "name": "ports", "geom": ogr.wkbPoint,
        "fields": [("name", ogr.OFTString), ("alt_name", ogr.OFTString), ("wpi_number", ogr.OFTString),
                   ("unlocode", ogr.OFTString), ("harbor_type", ogr.OFTString), ("source", ogr.OFTString)],
        "features": ports,
    })

    # A WPI position is rounded to 1' (up to ~0.93 km north-south, ~0.69 km east-west here); a
    # 2 km circle holds the rounding error and the harbour basins around it.
    rajin = pt("Najin (Rajin) port")
    sonbong = pt("Senbong (Sonbong / Ungsang) port")
    tumangang = pt("Tumangang station")
    port_note = ("Approximate: a 2 km circle around the World Port Index point, whose position has "
                 "1 arc-minute precision. Edit the polygon to the real harbour outline before counting "
                 "port calls.")
    layers.append({
        "name": "monitoring_areas", "geom": ogr.wkbPolygon,
        "fields": [("name", ogr.OFTString), ("kind", ogr.OFTString), ("note", ogr.OFTString)],
        "features": [
            ({"name": "Rajin port area (approximate)", "kind": "port", "note": port_note},
             circle_wkt(*rajin, 2000)),
            ({"name": "Sonbong port area (approximate)", "kind": "port", "note": port_note},
             circle_wkt(*sonbong, 2000)),
            ({"name": "Tumangang rail yard (approximate)", "kind": "rail_yard",
              "note": "Approximate: a 1 km circle around the Wikipedia coordinates of Tumangang station "
                      "(arc-second precision). Edit it to the yard's outline seen on imagery."},
             circle_wkt(*tumangang, 1000)),
        ],
    })

    dprk_section = [pt("Rajin station"), pt("Sŏnbong"), pt("Hongŭi station"), pt("Tumangang station"),
                    pt("Korea–Russia Friendship Bridge")]
    layers.append({
        "name": "railway", "geom": ogr.wkbLineString,
        "fields": [("name", ogr.OFTString), ("accuracy", ogr.OFTString), ("note", ogr.OFTString)],
        "features": [
            ({"name": "Khasan–Rajin railway: Rajin – Friendship Bridge (schematic)", "accuracy": "schematic",
              "note": "Straight segments Rajin station – Sŏnbong (GeoNames town point; the Hambuk line "
                      "passes Sŏnbong station at km 313.0) – Hongŭi station – Tumangang station – "
                      "Friendship Bridge. Not the track geometry: shorter than the real line "
                      f"({RAJIN_TUMANGANG_RAIL_KM:.1f} km Rajin–Tumangang by rail)."},
             line_wkt(dprk_section)),
            ({"name": "Khasan–Rajin railway: Friendship Bridge – Khasan (schematic)", "accuracy": "schematic",
              "note": "Straight segment from the Friendship Bridge to Khasan station (Russia)."},
             line_wkt([pt("Korea–Russia Friendship Bridge"), pt("Khasan station")])),
        ],
    })

    stations = []
    countries = {"Khasan station": "RU", "Korea–Russia Friendship Bridge": "KP/RU"}
    for name in ("Rajin station", "Hongŭi station", "Tumangang station", "Korea–Russia Friendship Bridge",
                 "Khasan station"):
        row = places[name]
        stations.append(({"name": name, "kind": row["kind"], "country": countries.get(name, "KP"),
                          "source": row["source"]}, f"POINT({row['lon']} {row['lat']})"))
    layers.append({
        "name": "rail_stations", "geom": ogr.wkbPoint,
        "fields": [("name", ogr.OFTString), ("kind", ogr.OFTString), ("country", ogr.OFTString),
                   ("source", ogr.OFTString)],
        "features": stations,
    })

    events = [
        ("Russian vessels tied to military logistics call at Rajin", "2023-08-01", None,
         "Russian cargo ships linked to military logistics have been calling at Rajin since August 2023 "
         "(date precision: month; ongoing when reported, so no end date).", "Rajin port",
         rajin),
        ("Ships dock at Rajin for the first time since 2018", "2023-11-01", "2023-11-30",
         "Satellite imagery showed ships docked at Rajin for the first time since 2018 "
         "(date: month of the reporting, not of the first call).", "Rajin port", rajin),
        ("About 2,000 containers shipped from Rajin", "2023-11-01", "2023-11-30",
         "Reports that about 2,000 containers had been shipped through Rajin "
         "(date: month of the reporting).", "Rajin port", rajin),
        ("More freight cars at Tumangang after Russian defence minister's visit", "2023-07-01", None,
         "More freight cars seen at Tumangang rail yard since the Russian defence minister's visit to "
         "Pyongyang in July 2023 (date precision: month; ongoing when reported).", "Tumangang station",
         tumangang),
        ("Russian oil exports through Rason resume", "2022-12-01", "2023-04-30",
         "Russian oil exports through Rason resumed in December 2022; about 67.3 thousand barrels by "
         "April 2023 (date precision: month).", "Rajin port", rajin),
        ("Reconnaissance-satellite launch", "2023-11-22", "2023-11-22",
         "North Korea launched a military reconnaissance satellite on 22 November 2023 from the Sohae "
         "launch site (outside the SEZ; point from Wikipedia 'Sohae Satellite Launching Station').",
         "Sohae Satellite Launching Station", SOHAE),
    ]
    layers.append({
        "name": "events", "geom": ogr.wkbPoint,
        "fields": [("title", ogr.OFTString), ("event_date", ogr.OFTDate), ("end_date", ogr.OFTDate),
                   ("description", ogr.OFTString), ("source", ogr.OFTString), ("place", ogr.OFTString)],
        "features": [({"title": t, "event_date": d0, "end_date": d1, "description": desc,
                       "source": f"{REUTERS} (as summarised in the project's issue 3)", "place": place},
                      f"POINT({xy[0]} {xy[1]})") for t, d0, d1, desc, place, xy in events],
    })

    layers.append({
        "name": "vessel_tracks", "geom": ogr.wkbLineStringM,
        "fields": [("mmsi", ogr.OFTString), ("vessel_name", ogr.OFTString), ("segment_id", ogr.OFTInteger),
                   ("start_time", ogr.OFTDateTime), ("end_time", ogr.OFTDateTime),
                   ("n_points", ogr.OFTInteger), ("length_km", ogr.OFTReal), ("mean_sog", ogr.OFTReal),
                   ("max_sog", ogr.OFTReal)],
        "features": [],
    })
    return layers


def write_layers(path: Path, layers: list) -> None:
    """Write the layers with OGR: fixed fids in list order, pinned timestamps."""
    from osgeo import gdal, ogr, osr

    gdal.UseExceptions()
    ogr.UseExceptions()
    gdal.SetConfigOption("OGR_CURRENT_DATE", EDITION_TIMESTAMP)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    srs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    try:
        for spec in layers:
            layer = ds.CreateLayer(spec["name"], srs, spec["geom"],
                                   options=["FID=fid", "GEOMETRY_NAME=geom", "SPATIAL_INDEX=YES"])
            for field_name, field_type in spec["fields"]:
                definition = ogr.FieldDefn(field_name, field_type)
                if field_name == "mmsi":
                    definition.SetWidth(9)
                layer.CreateField(definition)
            ds.StartTransaction()
            for fid, (values, wkt) in enumerate(spec["features"], start=1):
                feature = ogr.Feature(layer.GetLayerDefn())
                feature.SetFID(fid)
                for key, value in values.items():
                    if value is None:
                        feature.SetFieldNull(key)
                    else:
                        feature.SetField(key, value)
                geometry = ogr.CreateGeometryFromWkt(wkt)
                if spec["geom"] == ogr.wkbMultiPolygon:
                    geometry = ogr.ForceToMultiPolygon(geometry)
                feature.SetGeometry(geometry)
                layer.CreateFeature(feature)
            ds.CommitTransaction()
    finally:
        ds = None
        gdal.SetConfigOption("OGR_CURRENT_DATE", None)


# --------------------------------------------------------------------------------------------
# Metadata and styles (QGIS API)
# --------------------------------------------------------------------------------------------
COMMON_HISTORY = [
    f"Edition {EDITION}: built by scripts/build_reference_gpkg.py of the Rason SEZ Monitor plugin "
    "from the files in rason_plugin/data/sources/ (see LICENSES.md there).",
]

LAYER_TEXT = {
    "sez_boundary": dict(
        title="Rason SEZ boundary",
        abstract="Boundary of Rason Special City, which is the Rason Special Economic Zone (ADM1 KP-13), "
                 "from the geoBoundaries gbOpen PRK ADM1 release, itself derived from OpenStreetMap. "
                 "Accuracy: a simplified administrative boundary; the coastline is coarse, so coastal "
                 "points (e.g. the Rajin port WPI point, about 0.6 km off) may fall just outside it. "
                 "Area about 846 km² on an equal-area projection.",
        licences=[ODBL], rights=[OSM_ATTRIBUTION],
        history=["Source: geoBoundaries gbOpen PRK ADM1 simplified (commit 14875bb88e36), OpenStreetMap "
                 "data.", "Accuracy: simplified polygon, coastline and border off by up to about 1.5 km."],
        links=[("geoBoundaries", "https://github.com/wmgeolab/geoBoundaries"),
               ("OpenStreetMap copyright", "https://www.openstreetmap.org/copyright")],
        keywords=["boundaries", "Rason", "special economic zone"]),
    "ports": dict(
        title="Ports: Rajin (Najin) and Sonbong (Senbong)",
        abstract="Rajin (Najin, WPI 60510, UN/LOCODE KP RJN) and Sonbong (Senbong, WPI 60520) from the "
                 "NGA World Port Index. Accuracy: WPI positions are given to 1 arc-minute "
                 "(about 1.9 km north-south by 1.4 km east-west here), so a point marks the port, "
                 "not a berth.",
        licences=["Public domain (NGA World Port Index, US Government work)"],
        rights=["Source: NGA World Port Index, Pub. 150"],
        history=["Source: NGA World Port Index, Pub. 150, records 60510 and 60520.",
                 "Accuracy: 1 arc-minute."],
        links=[("World Port Index", "https://msi.nga.mil/Publications/WPI")],
        keywords=["ports", "Rajin", "Najin", "Sonbong"]),
    "monitoring_areas": dict(
        title="Monitoring areas (approximate)",
        abstract="Areas watched for change and port calls: Rajin and Sonbong port areas (2 km circles "
                 "around the World Port Index points, which have 1 arc-minute precision) and the "
                 "Tumangang rail yard (1 km circle around the station). Accuracy: approximate by "
                 "construction; users are expected to edit them to the real outlines.",
        licences=["Derived from public-domain WPI points and Wikipedia coordinates (facts)"],
        rights=["Port points: NGA World Port Index; Tumangang station: Wikipedia coordinates"],
        history=["Constructed as circles (48 vertices) around the source points.",
                 "Accuracy: approximate; not harbour or yard outlines."],
        links=[("World Port Index", "https://msi.nga.mil/Publications/WPI")],
        keywords=["monitoring", "port", "rail yard"]),
    "railway": dict(
        title="Khasan–Rajin railway (schematic)",
        abstract="Schematic line of the Khasan–Rajin railway: straight segments through Rajin station, "
                 "Sŏnbong, Hongŭi station, Tumangang station, the Korea–Russia Friendship Bridge and "
                 "Khasan. Accuracy: schematic. No track geometry is available offline; the segments cut "
                 "the curves of the real line, which runs along the coast and the Tumen valley, so the "
                 "schematic length (about 35 km Rajin–Tumangang) underestimates the real "
                 f"{RAJIN_TUMANGANG_RAIL_KM:.1f} km by rail (about 54 km Rajin–Khasan). Positions of the "
                 "line away from the stations can be off by several kilometres. Use "
                 "rason:refreshfromosm for OpenStreetMap track geometry.",
        licences=["Station coordinates are facts (Wikipedia); Sŏnbong point: GeoNames, CC BY 4.0"],
        rights=["Wikipedia station coordinates; GeoNames (CC BY 4.0)"],
        history=["Vertices: Wikipedia coordinates of Rajin, Hongŭi, Tumangang and Khasan stations and of "
                 "the Friendship Bridge; GeoNames point of Sŏnbong town (the Hambuk line passes "
                 "Sŏnbong station, km 313.0, Wikipedia 'Hambuk Line').",
                 "Accuracy: schematic; length underestimated."],
        links=[("Hambuk Line (Wikipedia)", "https://en.wikipedia.org/wiki/Hambuk_Line"),
               ("Hongŭi Line (Wikipedia)", "https://en.wikipedia.org/wiki/Hongui_Line")],
        keywords=["railway", "Khasan", "Rajin", "Tumangang"]),
    "rail_stations": dict(
        title="Rail stations and the Friendship Bridge",
        abstract="Rajin, Hongŭi and Tumangang stations (North Korea), Khasan station (Russia) and the "
                 "Korea–Russia Friendship Bridge over the Tumen. Accuracy: Wikipedia article "
                 "coordinates, to 1 arc-second (about 30 m) or better.",
        licences=["Coordinates are facts (Wikipedia articles named in the source field)"],
        rights=["Wikipedia"],
        history=["Source: places.csv (Wikipedia coordinates).", "Accuracy: about 30 m."],
        links=[("Korea–Russia Friendship Bridge (Wikipedia)",
                "https://en.wikipedia.org/wiki/Korea%E2%80%93Russia_Friendship_Bridge")],
        keywords=["railway", "station", "bridge"]),
    "events": dict(
        title="Events (dated facts)",
        abstract="Dated facts about Rason an analyst cares about, each with its source: ship calls at "
                 "Rajin, container and oil shipments, rail activity at Tumangang, the reconnaissance-"
                 "satellite launch of 22 November 2023 (launched from Sohae, outside the SEZ). "
                 "Time-enabled (event_date to end_date; no end date = ongoing when reported). "
                 "Accuracy: dates to the month unless a day is known; points mark the place the fact "
                 "concerns, not an exact location.",
        licences=["Facts from press reporting; cite the source field"],
        rights=[REUTERS],
        history=["Compiled from Reuters reporting of November 2023 as summarised in the project's issue 3.",
                 "Accuracy: month-precision dates, place-level points."],
        links=[("Reuters", "https://www.reuters.com/")],
        keywords=["events", "Russia", "shipping"]),
    "vessel_tracks": dict(
        title="Vessel tracks",
        abstract="Empty, time-enabled LineStringM layer (M = epoch seconds) with the schema the "
                 "rason:vesseltracks algorithm writes: mmsi, vessel_name, segment_id, start_time, "
                 "end_time, n_points, length_km, mean_sog, max_sog. Holds no data as shipped.",
        licences=["No data"], rights=["Tracks added by users carry the licence of their AIS source"],
        history=["Created empty; filled by rason:vesseltracks."],
        links=[("Rason SEZ Monitor", PLUGIN_HOME)],
        keywords=["AIS", "vessel tracks"]),
}


def build_metadata(layer, name: str):
    """Return the QgsLayerMetadata of ``name`` (title, abstract, licences, rights, history, links...)."""
    from qgis.core import (
        QgsAbstractMetadataBase,
        QgsBox3d,
        QgsCoordinateReferenceSystem,
        QgsDateTimeRange,
        QgsLayerMetadata,
    )
    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    text = LAYER_TEXT[name]
    md = QgsLayerMetadata()
    md.setIdentifier(f"rason_reference/{name}")
    md.setParentIdentifier("rason_reference")
    md.setTitle(text["title"])
    md.setAbstract(text["abstract"])
    md.setType("dataset")
    md.setLanguage("en")
    md.setLicenses(text["licences"])
    md.setRights(text["rights"])
    md.setHistory(COMMON_HISTORY + text["history"])
    md.setKeywords({"keywords": text["keywords"] + ["Rason SEZ"]})
    md.setCategories(["Location"])
    md.setEncoding("UTF-8")
    crs = QgsCoordinateReferenceSystem("EPSG:4326")
    md.setCrs(crs)
    for link_name, url in text["links"] + [("Rason SEZ Monitor plugin", PLUGIN_HOME)]:
        md.addLink(QgsAbstractMetadataBase.Link(link_name, "WWW:LINK", url))
    extent = QgsLayerMetadata.Extent()
    spatial = QgsLayerMetadata.SpatialExtent()
    spatial.extentCrs = crs
    box = layer.extent()
    spatial.bounds = QgsBox3d(box.xMinimum(), box.yMinimum(), 0, box.xMaximum(), box.yMaximum(), 0)
    extent.setSpatialExtents([spatial])
    edition = QDateTime(QDate.fromString(EDITION, Qt.DateFormat.ISODate), QTime(0, 0), Qt.TimeSpec.UTC)
    if name == "events":
        first = QDateTime(QDate(2022, 12, 1), QTime(0, 0), Qt.TimeSpec.UTC)
        last = QDateTime(QDate(2023, 11, 30), QTime(0, 0), Qt.TimeSpec.UTC)
        extent.setTemporalExtents([QgsDateTimeRange(first, last)])
    else:  # the date of the data is the edition
        extent.setTemporalExtents([QgsDateTimeRange(edition, edition)])
    md.setExtent(extent)
    return md


def metadata_xml(md) -> str:
    """Return ``md`` as the QGIS metadata XML document QGIS stores in gpkg_metadata."""
    from qgis.PyQt.QtXml import QDomDocument

    doc = QDomDocument("qgis")
    root = doc.createElement("qgis")
    doc.appendChild(root)
    md.writeMetadataXml(root, doc)
    return doc.toString(1)


def _label(layer, field: str, *, size: float = 9.0, color: str = "#202020", min_scale: float = 0.0,
           expression: bool = False, placement=None) -> None:
    from qgis.core import (
        QgsPalLayerSettings,
        QgsTextBufferSettings,
        QgsTextFormat,
        QgsVectorLayerSimpleLabeling,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    settings = QgsPalLayerSettings()
    settings.fieldName = field
    settings.isExpression = expression
    settings.enabled = True
    if placement is not None:
        settings.placement = placement
    fmt = QgsTextFormat()
    font = QFont("Sans Serif")
    fmt.setFont(font)
    fmt.setSize(size)
    fmt.setColor(QColor(color))
    buffer = QgsTextBufferSettings()
    buffer.setEnabled(True)
    buffer.setSize(0.8)
    buffer.setColor(QColor("white"))
    fmt.setBuffer(buffer)
    settings.setFormat(fmt)
    if min_scale:
        # Labels only when zoomed in beyond 1:min_scale, so the overview stays readable.
        settings.scaleVisibility = True
        settings.minimumScale = min_scale
        settings.maximumScale = 0
    layer.setLabeling(QgsVectorLayerSimpleLabeling(settings))
    layer.setLabelsEnabled(True)


def _categorized(field: str, categories):
    from qgis.core import QgsCategorizedSymbolRenderer, QgsRendererCategory

    return QgsCategorizedSymbolRenderer(
        field, [QgsRendererCategory(value, symbol, label) for value, symbol, label in categories])


def apply_style(layer, name: str) -> None:
    """Give ``layer`` its default renderer, labels, scale range and temporal settings."""
    from qgis.core import (
        QgsFillSymbol,
        QgsLineSymbol,
        QgsMarkerSymbol,
        QgsPointDisplacementRenderer,
        QgsSingleSymbolRenderer,
    )
    from qgis.PyQt.QtGui import QColor, QFont

    from rason_plugin.compat import LabelPlacement, RenderUnit

    if name == "sez_boundary":
        symbol = QgsFillSymbol.createSimple({"style": "no", "outline_color": "178,24,43,255",
                                             "outline_width": "0.8", "outline_style": "dash"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        _label(layer, "'Rason SEZ'", size=11, color="#b2182b", expression=True)
        layer.setOpacity(1.0)
    elif name == "ports":
        symbol = QgsMarkerSymbol.createSimple({"name": "square", "color": "8,81,156,255",
                                               "outline_color": "255,255,255,255", "size": "3.6"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        _label(layer, "name", size=9, color="#08519c")
    elif name == "monitoring_areas":
        layer.setRenderer(_categorized("kind", [
            ("port", QgsFillSymbol.createSimple({"color": "31,120,180,60", "outline_color": "31,120,180,255",
                                                 "outline_width": "0.5"}), "Port area (approximate)"),
            ("rail_yard", QgsFillSymbol.createSimple({"color": "227,26,28,50",
                                                      "outline_color": "227,26,28,255",
                                                      "outline_width": "0.5"}), "Rail yard (approximate)"),
        ]))
        _label(layer, "name", size=8, min_scale=250000)
    elif name == "railway":
        symbol = QgsLineSymbol.createSimple({"line_color": "40,40,40,255", "line_width": "0.7",
                                             "line_style": "dash"})
        layer.setRenderer(QgsSingleSymbolRenderer(symbol))
        _label(layer, "'railway (schematic)'", size=7.5, color="#404040", min_scale=150000,
               expression=True, placement=LabelPlacement.Line)
    elif name == "rail_stations":
        layer.setRenderer(_categorized("kind", [
            ("rail_station", QgsMarkerSymbol.createSimple({"name": "circle", "color": "255,255,255,255",
                                                           "outline_color": "0,0,0,255",
                                                           "outline_width": "0.5", "size": "2.8"}),
             "Rail station"),
            ("bridge", QgsMarkerSymbol.createSimple({"name": "diamond", "color": "106,61,154,255",
                                                     "outline_color": "255,255,255,255", "size": "3.4"}),
             "Rail bridge"),
        ]))
        _label(layer, "name", size=8.5, min_scale=500000)
    elif name == "events":
        symbol = QgsMarkerSymbol.createSimple({"name": "star", "color": "215,48,31,255",
                                               "outline_color": "255,255,255,255", "size": "4.2"})
        # Several events concern the same place (Rajin port): displace them around it so each shows.
        renderer = QgsPointDisplacementRenderer()
        renderer.setEmbeddedRenderer(QgsSingleSymbolRenderer(symbol))
        renderer.setTolerance(3)
        renderer.setToleranceUnit(RenderUnit.Millimeters)
        renderer.setPlacement(QgsPointDisplacementRenderer.Placement.Ring)
        # The renderer labels each displaced star itself (layer labels would pile up on the shared
        # point); only when zoomed in beyond 1:100,000.
        renderer.setLabelAttributeName("title")
        renderer.setMinimumLabelScale(100000)
        renderer.setLabelColor(QColor("#99000d"))
        label_font = QFont("Sans Serif")
        label_font.setPointSizeF(7.5)
        renderer.setLabelFont(label_font)
        layer.setRenderer(renderer)
        _set_event_temporal(layer)
    elif name == "vessel_tracks":
        if VESSEL_TRACKS_QML.is_file():
            message, ok = layer.loadNamedStyle(str(VESSEL_TRACKS_QML))
            if not ok:
                raise RuntimeError(f"cannot load {VESSEL_TRACKS_QML}: {message}")
        else:  # fallback until the AIS helper's style exists
            symbol = QgsLineSymbol.createSimple({"line_color": "33,113,181,255", "line_width": "0.5"})
            layer.setRenderer(QgsSingleSymbolRenderer(symbol))
            _set_temporal(layer, "start_time", "end_time")
        # The AIS style carries the temporal settings of the schema (start_time/end_time).
    else:
        raise KeyError(name)


def _set_temporal(layer, start: str, end: str) -> None:
    from qgis.core import Qgis

    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromFields)
    props.setStartField(start)
    props.setEndField(end)


def _set_event_temporal(layer) -> None:
    """Make events time-aware from their Date fields, through expressions.

    With the fields directly, QGIS 3.22 hands the comparison to OGR, which compares the GeoPackage
    date text '2023-11-22' with '2023-11-22T00:00:00' as strings and drops one-day events; the
    expressions are evaluated by QGIS instead. An event covers event_date to the end of end_date
    (dates are whole days); no end_date means "ongoing when reported", shown up to today.
    """
    from qgis.core import Qgis

    props = layer.temporalProperties()
    props.setIsActive(True)
    props.setMode(Qgis.VectorTemporalMode.FeatureDateTimeStartAndEndFromExpressions)
    props.setStartExpression('to_datetime("event_date")')
    props.setEndExpression('coalesce(to_datetime("end_date"), now())')
    props.setLimitMode(Qgis.VectorTemporalLimitMode.IncludeBeginIncludeEnd)


def style_and_document(path: Path, layer_names: list) -> dict:
    """Save each layer's default style into ``layer_styles``; return {layer: metadata XML}."""
    from qgis.core import QgsVectorLayer

    from rason_plugin.compat import save_style_to_database

    xml = {}
    for name in layer_names:
        layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
        if not layer.isValid():
            raise RuntimeError(f"QGIS cannot open layer {name} of {path}")
        apply_style(layer, name)
        md = build_metadata(layer, name)
        layer.setMetadata(md)
        message = save_style_to_database(layer, name, f"Default style of {LAYER_TEXT[name]['title']}")
        if message:
            raise RuntimeError(f"saving the style of {name} failed: {message}")
        xml[name] = metadata_xml(md)
        del layer
    return xml


def store_metadata_and_pin(path: Path, xml: dict) -> None:
    """Write metadata into the GeoPackage metadata extension and pin timestamps for reproducibility."""
    from rason_plugin.core.osm import store_qgis_metadata

    store_qgis_metadata(str(path), xml, timestamp=EDITION_TIMESTAMP)
    con = sqlite3.connect(path)
    try:
        con.execute("UPDATE layer_styles SET update_time = ?", (EDITION_TIMESTAMP,))
        con.execute("UPDATE gpkg_contents SET last_change = ?", (EDITION_TIMESTAMP,))
        con.commit()
        con.execute("VACUUM")
    finally:
        con.close()


def build(output: Path = DEFAULT_OUTPUT) -> Path:
    """Build the reference GeoPackage at ``output`` (atomically) and return its path."""
    from qgis.core import QgsApplication

    app = QgsApplication.instance()
    own_app = app is None
    if own_app:
        app = QgsApplication([], False)
        app.initQgis()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(output.stem + ".partial.gpkg")
    for leftover in (partial, Path(f"{partial}-journal"), Path(f"{partial}-wal"), Path(f"{partial}-shm")):
        if leftover.exists():
            leftover.unlink()
    try:
        layers = layer_definitions(read_places())
        write_layers(partial, layers)
        xml = style_and_document(partial, [spec["name"] for spec in layers])
        store_metadata_and_pin(partial, xml)
        os.replace(partial, output)
    except BaseException:
        if partial.exists():
            partial.unlink()
        raise
    return output


if __name__ == "__main__":
    # Qt randomises the order of XML attributes per process unless the hash seed is fixed; a fixed
    # seed makes the stored QML (and so the whole file) identical from run to run.
    os.environ.setdefault("QT_HASH_SEED", "0")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_OUTPUT
    print(build(target))
