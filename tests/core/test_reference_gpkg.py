"""The shipped reference GeoPackage: boundary, railway and bookkeeping checked with OGR and sqlite only."""
from __future__ import annotations

import csv
import json
import math
import sqlite3
from pathlib import Path

import numpy as np
import pytest
from osgeo import ogr
from reference_sources import EVENTS, expected_counts, laea_transform, railway_sections

ROOT = Path(__file__).resolve().parents[2]
GPKG = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
PLACES = ROOT / "rason_plugin" / "data" / "sources" / "places.csv"
SOURCE_BOUNDARY = ROOT / "rason_plugin" / "data" / "sources" / "rason_boundary.geojson"
LAYERS = ["events", "ports", "rail_stations", "vessel_tracks", "railway", "railway_generalised",
          "monitoring_areas", "sez_boundary", "land"]


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
    assert counts == expected_counts()  # from the source files (tests/reference_sources.py)


def test_boundary_valid_area_and_containment(dataset, places):
    (_, boundary), = _features(dataset, "sez_boundary")
    assert boundary.GetGeometryType() == ogr.wkbMultiPolygon
    assert boundary.IsValid()
    projected = boundary.Clone()
    transform = laea_transform()
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

    # Both places lie outside the boundary, so OGR's distance is the distance to its outline, which
    # an independent computation on the source GeoJSON's rings (read with json) must match.
    rings = [ring for polygon in json.loads(SOURCE_BOUNDARY.read_text(encoding="utf-8"))["geometry"]
             ["coordinates"] for ring in polygon]
    for outside in ("Najin (Rajin) port", "Khasan station"):
        assert not boundary.Contains(_point(*places[outside])), outside
        assert distance_m(outside) == pytest.approx(_distance_to_rings_m(places[outside], rings, transform),
                                                    abs=0.01), outside
    # The coarse coastline leaves the WPI point of Rajin port offshore, but within the 1 km the
    # metadata promises; Khasan (Russia) is across the border.
    assert 0 < distance_m("Najin (Rajin) port") < 1000
    assert distance_m("Khasan station") > 0


def _distance_to_rings_m(lon_lat, rings, transform):
    """Return the distance (m) from a point to the nearest segment of ``rings``, in the projection.

    Point-to-segment distance by projection onto each segment, clamped to its ends.
    """
    px, py, _ = transform.TransformPoint(*lon_lat)
    best = math.inf
    for ring in rings:
        xy = np.array([transform.TransformPoint(lon, lat)[:2] for lon, lat in ring])
        a, b = xy[:-1], xy[1:]
        d = b - a
        t = np.clip(((px - a[:, 0]) * d[:, 0] + (py - a[:, 1]) * d[:, 1]) / (d ** 2).sum(axis=1), 0, 1)
        nearest = a + t[:, None] * d
        best = min(best, float(np.hypot(nearest[:, 0] - px, nearest[:, 1] - py).min()))
    return best


def test_railway_runs_rajin_to_bridge_with_plausible_length(dataset, places):
    lines = [(attrs, geom) for attrs, geom in _features(dataset, "railway")]
    # Each line joins, in order, the places of its section of the route (tests/reference_sources.py).
    for (attrs, line), section in zip(lines, railway_sections()):
        assert attrs["accuracy"] == "schematic"
        assert np.allclose(line.GetPoints(), [places[name] for name in section], rtol=0, atol=1e-9), section
        assert line.IsValid()
    attrs, line = lines[0]
    assert attrs["name"] == "Khasan–Rajin railway: Rajin – Friendship Bridge (schematic)"
    projected = line.Clone()
    projected.Transform(laea_transform())
    length_km = projected.Length() / 1000
    # Straight segments cut the curves: shorter than the real line (54 km), but not absurdly so.
    assert 0.6 * 54 < length_km < 54
    # The same length on the WGS84 ellipsoid, segment by segment (Vincenty's inverse formula). The
    # equal-area projection keeps lengths within 0.1 % this close to its centre.
    geodesic_km = sum(_vincenty_m(places[a], places[b]) for a, b in zip(railway_sections()[0],
                                                                       railway_sections()[0][1:])) / 1000
    assert length_km == pytest.approx(geodesic_km, rel=1e-3)


def _vincenty_m(p1, p2):
    """Return the WGS84 geodesic distance (m) between two (lon, lat) points.

    T. Vincenty (1975), "Direct and inverse solutions of geodesics on the ellipsoid with application
    of nested equations", Survey Review 23(176): 88-93 (the inverse formula, iterated on lambda).
    """
    a, f = 6378137.0, 1 / 298.257223563
    b = a * (1 - f)
    u1 = math.atan((1 - f) * math.tan(math.radians(p1[1])))
    u2 = math.atan((1 - f) * math.tan(math.radians(p2[1])))
    big_l = math.radians(p2[0] - p1[0])
    lam = big_l
    for _ in range(200):
        sin_sigma = math.hypot(math.cos(u2) * math.sin(lam),
                               math.cos(u1) * math.sin(u2) - math.sin(u1) * math.cos(u2) * math.cos(lam))
        cos_sigma = math.sin(u1) * math.sin(u2) + math.cos(u1) * math.cos(u2) * math.cos(lam)
        sigma = math.atan2(sin_sigma, cos_sigma)
        sin_alpha = math.cos(u1) * math.cos(u2) * math.sin(lam) / sin_sigma
        cos2_alpha = 1 - sin_alpha ** 2
        cos_2sm = cos_sigma - 2 * math.sin(u1) * math.sin(u2) / cos2_alpha
        c = f / 16 * cos2_alpha * (4 + f * (4 - 3 * cos2_alpha))
        previous = lam
        lam = big_l + (1 - c) * f * sin_alpha * (
            sigma + c * sin_sigma * (cos_2sm + c * cos_sigma * (-1 + 2 * cos_2sm ** 2)))
        if abs(lam - previous) < 1e-12:
            break
    u_sq = cos2_alpha * (a * a - b * b) / (b * b)
    big_a = 1 + u_sq / 16384 * (4096 + u_sq * (-768 + u_sq * (320 - 175 * u_sq)))
    big_b = u_sq / 1024 * (256 + u_sq * (-128 + u_sq * (74 - 47 * u_sq)))
    delta = big_b * sin_sigma * (cos_2sm + big_b / 4 * (cos_sigma * (-1 + 2 * cos_2sm ** 2) - big_b / 6
                                                        * cos_2sm * (-3 + 4 * sin_sigma ** 2)
                                                        * (-3 + 4 * cos_2sm ** 2)))
    return b * big_a * (sigma - delta)


def test_vincenty_oracle_on_a_meridian():
    # Along a meridian the geodesic is the meridian arc; 1° about 45° N is 111,132.95 m
    # (the WGS84 meridian arc per degree, 111132.954 - 559.822 cos 2φ + 1.175 cos 4φ at φ = 45°).
    phi = math.radians(45.0)
    per_degree = 111132.954 - 559.822 * math.cos(2 * phi) + 1.175 * math.cos(4 * phi)
    assert _vincenty_m((130.0, 44.5), (130.0, 45.5)) == pytest.approx(per_degree, abs=0.05)


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
    projected.Transform(laea_transform())
    # a 48-gon inscribed in a 2 km circle: n/2·sin(2π/n)·r²
    n, r_km = 48, 2.0
    assert projected.GetArea() / 1e6 == pytest.approx(n / 2 * math.sin(2 * math.pi / n) * r_km ** 2, rel=1e-3)


def test_events_have_dates_sources_and_places(dataset):
    events = [attrs for attrs, _ in _features(dataset, "events")]
    assert all(e["source"].startswith("Reuters, November 2023") for e in events)

    def ogr_date(iso):  # OGR reports a Date field as YYYY/MM/DD
        return None if iso is None else iso.replace("-", "/")

    assert sorted((e["title"], e["event_date"], e["end_date"]) for e in events) == sorted(
        (title, ogr_date(first), ogr_date(last)) for title, first, last in EVENTS)
    oil = {e["title"]: e for e in events}["Russian oil exports through Rason resume"]
    assert "67.3 thousand barrels" in oil["description"]


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


SOURCES = ROOT / "rason_plugin" / "data" / "sources"


@pytest.mark.parametrize("layer_name, source", [("land", "ne10m_land_rason.geojson"),
                                                ("railway_generalised", "ne10m_railroads_rason.geojson")])
def test_natural_earth_layers_are_their_geojson_with_its_accuracy(dataset, layer_name, source):
    features = json.loads((SOURCES / source).read_text(encoding="utf-8"))["features"]
    rows = _features(dataset, layer_name)
    assert len(rows) == len(features)
    for (attrs, geometry), feature in zip(rows, features):
        # The GeoJSON coordinates, read with json: a Polygon's rings, or a LineString's vertices.
        coords = feature["geometry"]["coordinates"]
        if layer_name == "land":
            assert geometry.GetGeometryCount() == 1  # one polygon, stored as a MultiPolygon
            rings = geometry.GetGeometryRef(0)
            assert [len(rings.GetGeometryRef(i).GetPoints()) for i in range(rings.GetGeometryCount())] == \
                [len(ring) for ring in coords]
            assert np.allclose(rings.GetGeometryRef(0).GetPoints(), coords[0], rtol=0, atol=1e-9)
        else:
            assert np.allclose(geometry.GetPoints(), coords, rtol=0, atol=1e-9)
        assert attrs["accuracy"].startswith("generalised (Natural Earth 1:10m)")
        assert "Made with Natural Earth" in attrs["source"]


def test_natural_earth_land_holds_the_stations_and_the_railway_is_about_93_km(dataset, places):
    (_, land), = _features(dataset, "land")
    # Every station and the bridge are inland facts (Wikipedia coordinates); the Rajin WPI point, on
    # the water of the harbour to 1 arc-minute, falls in the sea of this coarse coast.
    for name in ("Rajin station", "Hongŭi station", "Tumangang station", "Korea–Russia Friendship Bridge"):
        assert land.Contains(_point(*places[name])), name
    assert not land.Contains(_point(*places["Najin (Rajin) port"]))
    # The data's README states 4 lines, 93 km in the clip box; the equal-area projection keeps
    # lengths within 0.1 % here, the README's figure is rounded to the km.
    total_km = 0.0
    for _, line in _features(dataset, "railway_generalised"):
        projected = line.Clone()
        projected.Transform(laea_transform())
        total_km += projected.Length() / 1000
    assert total_km == pytest.approx(93, abs=1.0)


def test_natural_earth_metadata_states_accuracy_and_credit():
    con = sqlite3.connect(f"file:{GPKG}?mode=ro", uri=True)
    try:
        metadata = dict(con.execute(
            "SELECT r.table_name, m.metadata FROM gpkg_metadata m JOIN gpkg_metadata_reference r "
            "ON r.md_file_id = m.id WHERE r.reference_scope = 'table'").fetchall())
    finally:
        con.close()
    for name in ("land", "railway_generalised"):
        assert "Made with Natural Earth" in metadata[name]
    assert "median ~180 m" in metadata["land"] and "coarse near the quays" in metadata["land"]
    assert "~40.5 km" in metadata["railway_generalised"] and "no bridge" in metadata["railway_generalised"]
