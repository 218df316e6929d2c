"""The shipped reference GeoPackage: boundary, railway and bookkeeping checked with OGR and sqlite only."""
from __future__ import annotations

import csv
import math
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr, osr

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
PLACES = ROOT / "rason_plugin" / "data" / "sources" / "places.csv"
SOURCE_BOUNDARY = ROOT / "rason_plugin" / "data" / "sources" / "rason_boundary.geojson"
LAYERS = ["events", "ports", "rail_stations", "vessel_tracks", "railway", "monitoring_areas", "sez_boundary"]


def _laea():
    """Return a WGS84 → Lambert azimuthal equal-area (centred on Rason) transformation."""
    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    laea = osr.SpatialReference()
    laea.ImportFromProj4("+proj=laea +lat_0=42.3 +lon_0=130.45 +datum=WGS84 +units=m +no_defs")
    return osr.CoordinateTransformation(wgs84, laea)


@pytest.fixture(scope="module")
def places():
    with PLACES.open(encoding="utf-8", newline="") as handle:
        return {row["name"]: (float(row["lon"]), float(row["lat"])) for row in csv.DictReader(handle)}


@pytest.fixture(scope="module")
def dataset():
    ds = ogr.Open(str(GPKG))
    yield ds
    ds = None


def _spherical_area_km2(geometry):
    """Area of a lon/lat (multi)polygon on the sphere of radius 6371.0088 km (the mean Earth radius),
    by the line-integral formula of Chamberlain & Duquette (2007, JPL Publication 07-03)."""
    radius = 6371.0088
    total = 0.0
    polygons = [geometry.GetGeometryRef(i) for i in range(geometry.GetGeometryCount())]
    for polygon in polygons:
        for r in range(polygon.GetGeometryCount()):
            ring = polygon.GetGeometryRef(r).GetPoints()
            s = 0.0
            for (lon1, lat1, *_), (lon2, lat2, *_) in zip(ring, ring[1:]):
                sin1, sin2 = math.sin(math.radians(lat1)), math.sin(math.radians(lat2))
                s += math.radians(lon2 - lon1) * (2 + sin1 + sin2)
            total += (1 if r == 0 else -1) * abs(s) * radius * radius / 2
    return total


def _point(lon, lat):
    point = ogr.Geometry(ogr.wkbPoint)
    point.AddPoint_2D(lon, lat)
    return point


def _features(ds, name):
    layer = ds.GetLayerByName(name)
    return [(f.items(), f.GetGeometryRef().Clone() if f.GetGeometryRef() else None) for f in layer]


def test_layers_are_the_catalogue(dataset):
    layers = [dataset.GetLayerByIndex(i) for i in range(dataset.GetLayerCount())]
    spatial = sorted(layer.GetName() for layer in layers if layer.GetGeomType() != ogr.wkbNone)
    assert spatial == sorted(LAYERS)
    # QGIS registers its layer_styles table as an attribute table; nothing else is there.
    tables = sorted(layer.GetName() for layer in layers if layer.GetGeomType() == ogr.wkbNone)
    assert tables == ["layer_styles"]
    for name in LAYERS:
        srs = dataset.GetLayerByName(name).GetSpatialRef()
        assert srs.GetAuthorityCode(None) == "4326"


def test_feature_counts(dataset):
    counts = {name: dataset.GetLayerByName(name).GetFeatureCount() for name in LAYERS}
    assert counts == {"events": 6, "ports": 2, "rail_stations": 5, "vessel_tracks": 0, "railway": 2,
                      "monitoring_areas": 3, "sez_boundary": 1}


def test_boundary_valid_area_and_containment(dataset, places):
    (_, boundary), = _features(dataset, "sez_boundary")
    assert boundary.GetGeometryType() == ogr.wkbMultiPolygon
    assert boundary.IsValid()
    projected = boundary.Clone()
    transform = _laea()
    projected.Transform(transform)
    area_km2 = projected.GetArea() / 1e6
    assert 745 <= area_km2 <= 900
    # The build keeps the source polygon as it is: same area as the GeoJSON it came from ...
    source = ogr.Open(str(SOURCE_BOUNDARY))
    feature = source.GetLayer(0).GetNextFeature()  # kept: its geometry belongs to it
    original = feature.GetGeometryRef().Clone()
    original.Transform(transform)
    assert area_km2 == pytest.approx(original.GetArea() / 1e6, rel=1e-9)
    # ... and a second, independent area formula (on the sphere) agrees with the projected one.
    assert area_km2 == pytest.approx(_spherical_area_km2(boundary), rel=0.01)
    for inside in ("Rajin station", "Tumangang station", "Hongŭi station", "Korea–Russia Friendship Bridge"):
        assert boundary.Contains(_point(*places[inside])), inside

    def distance_m(name):
        point = _point(*places[name])
        point.Transform(transform)
        return projected.Distance(point)

    # The coarse coastline leaves the WPI point of Rajin port 0.63 km offshore: within the 1 km tolerance.
    assert distance_m("Najin (Rajin) port") == pytest.approx(627, abs=2)
    assert distance_m("Najin (Rajin) port") < 1000
    khasan = _point(*places["Khasan station"])
    assert not boundary.Contains(khasan)
    assert distance_m("Khasan station") == pytest.approx(1416, abs=2)


def test_railway_runs_rajin_to_bridge_with_plausible_length(dataset, places):
    lines = {attrs["name"]: (attrs, geom) for attrs, geom in _features(dataset, "railway")}
    attrs, line = lines["Khasan–Rajin railway: Rajin – Friendship Bridge (schematic)"]
    assert attrs["accuracy"] == "schematic"
    start, end = line.GetPoint_2D(0), line.GetPoint_2D(line.GetPointCount() - 1)
    assert start == pytest.approx(places["Rajin station"], abs=1e-9)
    assert end == pytest.approx(places["Korea–Russia Friendship Bridge"], abs=1e-9)
    for via in ("Hongŭi station", "Tumangang station"):
        assert line.Distance(_point(*places[via])) < 1e-9, via
    projected = line.Clone()
    projected.Transform(_laea())
    length_km = projected.Length() / 1000
    # Straight segments cut the curves: shorter than the real line (54 km), but not absurdly so.
    assert 0.6 * 54 < length_km < 54
    assert length_km == pytest.approx(37.5, abs=0.1)
    for _, geom in lines.values():
        assert geom.IsValid()


def test_port_areas_hold_their_wpi_points(dataset, places):
    areas = {attrs["name"]: (attrs["kind"], geom) for attrs, geom in _features(dataset, "monitoring_areas")}
    assert {name: kind for name, (kind, _) in areas.items()} == {
        "Rajin port area (approximate)": "port",
        "Sonbong port area (approximate)": "port",
        "Tumangang rail yard (approximate)": "rail_yard",
    }
    assert areas["Rajin port area (approximate)"][1].Contains(_point(*places["Najin (Rajin) port"]))
    assert areas["Sonbong port area (approximate)"][1].Contains(
        _point(*places["Senbong (Sonbong / Ungsang) port"]))
    assert areas["Tumangang rail yard (approximate)"][1].Contains(_point(*places["Tumangang station"]))
    projected = areas["Rajin port area (approximate)"][1].Clone()
    projected.Transform(_laea())
    # a 48-gon inscribed in a 2 km circle: 48/2·sin(2π/48)·r²
    assert projected.GetArea() / 1e6 == pytest.approx(12.532, abs=0.01)


def test_events_have_dates_sources_and_places(dataset):
    events = [attrs for attrs, _ in _features(dataset, "events")]
    assert all(e["source"].startswith("Reuters, November 2023") for e in events)
    by_title = {e["title"]: e for e in events}
    assert by_title["Reconnaissance-satellite launch"]["event_date"] == "2023/11/22"
    oil = by_title["Russian oil exports through Rason resume"]
    assert (oil["event_date"], oil["end_date"]) == ("2022/12/01", "2023/04/30")
    assert "67.3 thousand barrels" in oil["description"]
    assert by_title["Russian vessels tied to military logistics call at Rajin"]["end_date"] is None


def test_vessel_tracks_schema(dataset):
    layer = dataset.GetLayerByName("vessel_tracks")
    assert layer.GetGeomType() == ogr.wkbLineStringM
    defn = layer.GetLayerDefn()
    fields = [(defn.GetFieldDefn(i).GetName(), defn.GetFieldDefn(i).GetTypeName())
              for i in range(defn.GetFieldCount())]
    assert fields == [("mmsi", "String"), ("vessel_name", "String"), ("segment_id", "Integer"),
                      ("start_time", "DateTime"), ("end_time", "DateTime"), ("n_points", "Integer"),
                      ("length_km", "Real"), ("mean_sog", "Real"), ("max_sog", "Real")]


def test_every_layer_has_metadata_and_a_default_style():
    con = sqlite3.connect(f"file:{GPKG}?mode=ro", uri=True)
    try:
        metadata = dict(con.execute(
            "SELECT r.table_name, m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r "
            "ON r.md_file_id = m.id WHERE r.reference_scope = 'table' "
            "AND m.md_standard_uri = 'http://mrcc.com/qgis.dtd'").fetchall())
        styles = dict(con.execute(
            "SELECT f_table_name, styleQML FROM layer_styles WHERE useAsDefault = 1").fetchall())
    finally:
        con.close()
    assert sorted(metadata) == sorted(LAYERS)
    assert sorted(styles) == sorted(LAYERS)
    assert "© OpenStreetMap contributors; geoBoundaries" in metadata["sez_boundary"]
    assert "<title>Khasan–Rajin railway (schematic)</title>" in metadata["railway"]
    assert "schematic" in metadata["railway"] and "underestimates" in metadata["railway"]
    assert "1 arc-minute" in metadata["monitoring_areas"]
    assert 'startField="start_time"' in styles["vessel_tracks"]
    assert 'startExpression="to_datetime(&quot;event_date&quot;)"' in styles["events"]
