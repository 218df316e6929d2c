"""OSM refresh core: Overpass JSON parsing, ring assembly, diff, atomic output, against a local server."""
from __future__ import annotations

import json
import math
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from overpass_fixture import OverpassStub, answer, boundary_outer_ring, boundary_relation
from reference_sources import laea_transform

from rason_plugin.core import osm

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"
SOURCES = ROOT / "rason_plugin" / "data" / "sources"
MEAN_RADIUS_M = 6371008.8  # IUGG mean Earth radius


@pytest.fixture(scope="module")
def stub():
    with OverpassStub(slow_s=3.0) as server:
        yield server


def _rows(gpkg, table):
    ds = ogr.Open(str(gpkg))
    try:
        layer = ds.GetLayerByName(table)
        return [f.items() for f in layer]
    finally:
        ds = None


# -------------------------------------------------------------------------------- parsing
def test_query_asks_for_the_zone_and_its_features():
    query = osm.build_query(25)
    assert query.startswith("[out:json][timeout:25];")
    assert '["ISO3166-2"="KP-13"]' in query and "map_to_area" in query
    assert 'way["railway"~"^(rail|' in query and 'node["railway"~"^(station|halt|stop)$"]' in query
    assert 'nwr["landuse"="port"](area.zone)' in query
    assert query.rstrip().endswith(".features out geom;")


def test_rings_assemble_from_shuffled_and_reversed_ways():
    ring = boundary_outer_ring()
    polygons = osm.multipolygon_from_relation(boundary_relation())
    assert len(polygons) == 1 and len(polygons[0]) == 1
    assembled = polygons[0][0]
    assert assembled[0] == assembled[-1]
    assert len(assembled) == len(ring)
    assert set(assembled) == set(ring)
    shipped = ogr.CreateGeometryFromWkt(osm.to_wkt("MultiPolygon", [[ring]]))
    ours = ogr.CreateGeometryFromWkt(osm.to_wkt("MultiPolygon", polygons))
    assert ours.IsValid()
    assert ours.SymDifference(shipped).GetArea() == pytest.approx(0.0, abs=1e-12)


def test_ring_with_a_gap_is_an_error():
    relation = boundary_relation()
    relation["members"] = relation["members"][:-1]  # drop one way: the ring cannot close
    with pytest.raises(osm.OsmError, match="do not close into a ring"):
        osm.multipolygon_from_relation(relation)


def test_inner_ring_goes_into_its_outer():
    outer = [(0.0, 0.0), (10.0, 0.0), (10.0, 10.0), (0.0, 10.0), (0.0, 0.0)]
    inner = [(2.0, 2.0), (4.0, 2.0), (4.0, 4.0), (2.0, 2.0)]
    relation = {"id": 1, "members": [
        {"type": "way", "role": "outer", "geometry": [{"lon": x, "lat": y} for x, y in outer[:3]]},
        {"type": "way", "role": "outer", "geometry": [{"lon": x, "lat": y} for x, y in outer[2:]]},
        {"type": "way", "role": "inner", "geometry": [{"lon": x, "lat": y} for x, y in inner]}]}
    polygons = osm.multipolygon_from_relation(relation)
    assert polygons == [[outer, inner]]
    assert ogr.CreateGeometryFromWkt(osm.to_wkt("MultiPolygon", polygons)).GetArea() == pytest.approx(98.0)


def _expected_counts(data):
    """Count the features of each layer in an Overpass answer by its tags, as the query asks for them.

    The boundary is the relation tagged ISO3166-2=KP-13, the railway the ways tagged railway=rail,
    the stations the nodes tagged railway=station/halt/stop, the ports what is tagged landuse=port.
    """
    elements = data["elements"]
    return {
        "sez_boundary": sum(e["type"] == "relation" and e["tags"].get("ISO3166-2") == "KP-13"
                            for e in elements),
        "railway": sum(e["type"] == "way" and e["tags"].get("railway") == "rail" for e in elements),
        "rail_stations": sum(e["type"] == "node" and e["tags"].get("railway") in ("station", "halt", "stop")
                             for e in elements),
        "ports": sum(e["tags"].get("landuse") == "port" for e in elements),
    }


def test_parse_elements_sorts_features_into_layers():
    result = osm.parse_elements(answer())
    counts = {layer: len(result.layer(layer)) for layer in osm.OSM_LAYERS}
    # By hand, overpass_fixture.answer() holds 1 boundary, 2 railway ways, 3 stations and 1 port.
    assert counts == _expected_counts(answer()) == {"sez_boundary": 1, "railway": 2, "rail_stations": 3,
                                                    "ports": 1}
    port = result.layer("ports")[0]
    assert port.key == "way/701" and port.name == "Rajin Port"
    assert port.coords == pytest.approx((130.3, 42.239))
    assert result.timestamp == "2024-01-01T00:00:00Z"


@pytest.mark.parametrize("text, message", [
    ("<?xml version='1.0'?><osm/>", "not JSON"),
    ('{"hello": "world"}', "no 'elements' list"),
    ('{"elements": [], "remark": "runtime error: Query timed out in \\"query\\" at line 3"}',
     "Query timed out"),
])
def test_malformed_answers_are_errors(text, message):
    with pytest.raises(osm.OsmError, match=message):
        osm.parse_json(text)


def test_empty_answer_and_missing_boundary_are_errors():
    with pytest.raises(osm.OsmError, match="empty result"):
        osm.parse_elements({"elements": []})
    data = answer()
    data["elements"] = data["elements"][1:]
    with pytest.raises(osm.OsmError, match="no boundary relation tagged ISO3166-2=KP-13"):
        osm.parse_elements(data)


# -------------------------------------------------------------------------------- diff
def test_hausdorff_of_points_and_lines():
    a = ("Point", (130.0, 42.0))
    b = ("Point", (130.0, 42.001))
    # The diff measures on the sphere of the mean Earth radius (IUGG, 6371.0088 km): 0.001° of
    # latitude is an arc of R * 0.001 * pi / 180 there (the WGS84 meridian arc is 0.1 % shorter).
    arc = MEAN_RADIUS_M * math.radians(0.001)
    assert osm.hausdorff_m(a, b) == pytest.approx(arc, abs=0.01)
    line = ("LineString", [(130.0, 42.0), (130.1, 42.0)])
    shifted = ("LineString", [(130.0, 42.001), (130.1, 42.001)])
    assert osm.hausdorff_m(line, shifted) == pytest.approx(arc, abs=0.01)


def test_diff_matches_by_id_then_by_distance():
    old = [osm.Comparable("way/1", "a", ("LineString", [(130.0, 42.0), (130.1, 42.0)])),
           osm.Comparable("way/2", "b", ("LineString", [(130.0, 42.1), (130.1, 42.1)]))]
    new = [osm.Comparable("way/1", "a", ("LineString", [(130.0, 42.0), (130.1, 42.0)])),
           osm.Comparable("way/3", "c", ("LineString", [(130.0, 42.2), (130.1, 42.2)]))]
    changes = osm.diff_layer("railway", old, new, match_within_m=10000)
    assert [(c.change, c.key, c.distance_m) for c in changes] == [
        ("added", "way/3", None), ("removed", "way/2", None), ("unchanged", "way/1", 0.0)]


# -------------------------------------------------------------------------------- network
def test_fetch_success_sends_the_query(stub):
    url, data = osm.fetch([stub.url("/ok")], osm.build_query(5), 5)
    assert url == stub.url("/ok")
    assert data == answer()  # the stub's JSON, element for element
    assert "data=%5Bout%3Ajson%5D" in stub.queries[-1]


@pytest.mark.parametrize("path, timeout, message", [
    ("/error500", 5, "HTTP 500"),
    ("/slow", 0.3, r"no answer within 0.3 s \(timeout\)"),
    ("/garbage", 5, "answer is not JSON"),
    ("/notoverpass", 5, "not Overpass JSON"),
])
def test_fetch_errors_are_clear(stub, path, timeout, message):
    with pytest.raises(osm.OsmError, match=message) as info:
        osm.fetch([stub.url(path)], osm.build_query(5), timeout)
    assert stub.url(path) in str(info.value)


def test_fetch_falls_back_to_the_second_server(stub):
    logged = []
    url, _ = osm.fetch([stub.url("/error500"), stub.url("/ok")], osm.build_query(5), 5, log=logged.append)
    assert url == stub.url("/ok")
    assert logged == [f"Overpass server {stub.url('/error500')} failed: HTTP 500 Internal Server Error"]


def test_unreachable_server_is_an_error():
    with pytest.raises(osm.OsmError, match="cannot connect"):
        osm.fetch(["http://127.0.0.1:9/"], osm.build_query(5), 2)  # discard port: nothing listens


# -------------------------------------------------------------------------------- refresh
def test_refresh_writes_layers_and_diffs_against_shipped(stub, tmp_path):
    target = tmp_path / "osm.gpkg"
    result, changes, url = osm.refresh([stub.url("/ok")], str(target), str(SHIPPED), timeout_s=5,
                                       metadata_xml={"railway": "<qgis><title>t</title></qgis>"})
    assert url == stub.url("/ok")
    assert {layer: len(_rows(target, layer)) for layer in osm.OSM_LAYERS} == _expected_counts(answer())
    stations = {row["name_en"]: row for row in _rows(target, "rail_stations")}
    assert stations["Rajin"]["osm_id"] == 501 and stations["Rajin"]["osm_type"] == "node"
    assert json.loads(stations["Rajin"]["tags"]) == {"name": "라진", "name:en": "Rajin", "railway": "station"}
    # Every change, by hand from overpass_fixture.answer() and the shipped layers (read below):
    # the boundary relation is the shipped main polygon without its two small islands (moved); the
    # fixture places Rajin station 0.001° north of the shipped one (moved), Hongŭi and Tumangang
    # exactly (unchanged); the shipped bridge and Khasan have no OSM station (the bridge is a way,
    # Khasan is outside the zone: removed); the OSM Rajin port area is a polygon near the shipped
    # WPI point (moved), Sonbong has none (removed); each OSM railway way is matched to a shipped
    # schematic line (moved).
    expected = {("sez_boundary", "moved", "Rason"), ("rail_stations", "moved", "Rajin"),
                ("rail_stations", "unchanged", "Hongui"), ("rail_stations", "unchanged", "Tumangang"),
                ("rail_stations", "removed", "Khasan station"),
                ("rail_stations", "removed", "Korea–Russia Friendship Bridge"),
                ("ports", "moved", "Rajin Port"), ("ports", "removed", "Sonbong (Senbong) port"),
                ("railway", "moved", "Hambuk Line"), ("railway", "moved", "Hongui Line")}
    assert {(c.layer, c.change, c.name) for c in changes} == expected and len(changes) == len(expected)
    assert osm.summarise(changes) == {kind: sum(e[1] == kind for e in expected)
                                      for kind in ("added", "removed", "moved", "unchanged")}
    table = [(r["layer"], r["change"], r["name"], r["distance_m"]) for r in _rows(target, "osm_changes")]
    listed = [(c.layer, c.change, c.name, c.distance_m) for c in changes]
    assert sorted(table, key=str) == sorted(listed, key=str)
    distance = {(c.layer, c.name): c.distance_m for c in changes}
    # Rajin: 0.001° of latitude on the diff's sphere (see test_hausdorff_of_points_and_lines),
    # rounded to 0.1 m; the stations placed exactly are 0.
    arc = MEAN_RADIUS_M * math.radians(0.001)
    assert distance[("rail_stations", "Rajin")] == pytest.approx(arc, abs=0.051)
    assert distance[("rail_stations", "Hongui")] == distance[("rail_stations", "Tumangang")] == 0.0
    # The other distances against an independent Hausdorff distance: OGR on WGS84 in an equal-area
    # projection. The diff works on a sphere in a local equirectangular projection instead, which
    # differs by the ratio of the ellipsoid's radii of curvature to the mean radius: under 0.3 %
    # at 42° N, so 0.5 % is allowed.
    shipped = _shipped_geometries()
    new = _answer_geometries(answer())
    boundary = _hausdorff_oracle(shipped["sez_boundary"][0], new["sez_boundary"][0])
    assert distance[("sez_boundary", "Rason")] == pytest.approx(boundary, rel=0.005)
    assert boundary > 1000  # the islands are kilometres off the main polygon
    # The OSM port area becomes the mean of its corners, (130.3, 42.239) (see
    # test_parse_elements_sorts_features_into_layers), due north of the shipped WPI point.
    (wpi_lon, wpi_lat), = [f["geometry"]["coordinates"] for f in json.loads(
        (SOURCES / "wpi_rason_ports.geojson").read_text(encoding="utf-8"))["features"]
        if f["properties"]["World Port Index Number"] == "60510.0"]
    assert wpi_lon == 130.3
    assert distance[("ports", "Rajin Port")] == pytest.approx(MEAN_RADIUS_M * math.radians(42.239 - wpi_lat),
                                                              abs=0.051)
    # The railway: shipped lines have no OSM id, so each is matched to the nearest OSM way, nearest
    # pair first (osm.diff_layer's documented rule), here from the oracle's distances.
    pairs = sorted((_hausdorff_oracle(old, way), i, j) for i, old in enumerate(shipped["railway"])
                   for j, way in enumerate(new["railway"]))
    matched, used_old, used_new = {}, set(), set()
    for d, i, j in pairs:
        if i not in used_old and j not in used_new and d <= osm.MATCH_WITHIN_M["railway"]:
            used_old.add(i)
            used_new.add(j)
            matched[new["railway_names"][j]] = d
    assert sorted(matched) == ["Hambuk Line", "Hongui Line"]
    for name, d in matched.items():
        assert distance[("railway", name)] == pytest.approx(d, rel=0.005), name
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM gpkg_metadata").fetchone() == (1,)
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osm.gpkg"]


def _shipped_geometries():
    """Return {layer: [geometry, ...]} of the shipped GeoPackage, read with plain OGR, in fid order."""
    ds = ogr.Open(str(SHIPPED))
    try:
        return {name: [f.GetGeometryRef().Clone() for f in ds.GetLayerByName(name)]
                for name in ("sez_boundary", "railway")}
    finally:
        ds = None


def _answer_geometries(data):
    """Return the OGR geometries of an Overpass answer's boundary and railway, from its JSON."""
    def line(points):
        geometry = ogr.Geometry(ogr.wkbLineString)
        for p in points:
            geometry.AddPoint_2D(p["lon"], p["lat"])
        return geometry

    def polygon(points):
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in points:
            ring.AddPoint_2D(x, y)
        geometry = ogr.Geometry(ogr.wkbPolygon)
        geometry.AddGeometry(ring)
        return geometry

    # The relation's ways join into the ring they were cut from (test_rings_assemble_... checks that).
    out = {"sez_boundary": [polygon(boundary_outer_ring())], "railway": [], "railway_names": []}
    for e in data["elements"]:
        tags = e.get("tags", {})
        if e["type"] == "way" and tags.get("railway") == "rail":
            out["railway"].append(line(e["geometry"]))
            out["railway_names"].append(tags["name:en"])
    return out


def _hausdorff_oracle(a, b):
    """Return the vertex-to-outline Hausdorff distance (m) between two lon/lat OGR geometries.

    The largest distance from a vertex of either geometry to the other's outline (a polygon's
    boundary, a line, a point), in an equal-area projection centred on Rason.
    """
    transform = laea_transform()
    a, b = a.Clone(), b.Clone()
    a.Transform(transform)
    b.Transform(transform)

    def vertices(g):
        if g.GetGeometryCount() == 0:
            return g.GetPoints()
        return [p for i in range(g.GetGeometryCount()) for p in vertices(g.GetGeometryRef(i))]

    def outline(g):
        flat = ogr.GT_Flatten(g.GetGeometryType())
        return g.Boundary() if flat in (ogr.wkbPolygon, ogr.wkbMultiPolygon) else g

    def directed(g, h):
        target = outline(h)
        worst = 0.0
        for x, y, *_ in vertices(g):
            point = ogr.Geometry(ogr.wkbPoint)
            point.AddPoint_2D(x, y)
            worst = max(worst, point.Distance(target))
        return worst

    return max(directed(a, b), directed(b, a))


def test_changed_railway_is_reported_moved_and_added(stub, tmp_path):
    first = tmp_path / "osm_first.gpkg"
    osm.refresh([stub.url("/ok")], str(first), str(SHIPPED), timeout_s=5)
    second = tmp_path / "osm_second.gpkg"
    _, changes, _ = osm.refresh([stub.url("/changed")], str(second), str(first), timeout_s=5)
    railway = [(c.change, c.key, c.name, c.distance_m) for c in changes if c.layer == "railway"]
    # way 601's middle vertex moved 0.01° east; the Hausdorff distance is the largest distance of a
    # vertex of either line to the other line, checked here with OGR on an equal-area projection.
    assert railway[0][:3] == ("moved", "way/601", "Hambuk Line")
    expected = max(_vertex_to_line_m(answer(True), answer(), 601),
                   _vertex_to_line_m(answer(), answer(True), 601))
    assert railway[0][3] == pytest.approx(expected, rel=0.005)
    assert railway[1:] == [("added", "way/603", "Tumangang yard", None),
                           ("unchanged", "way/602", "Hongui Line", 0.0)]
    # By hand: /changed differs from /ok only in way 601 (moved) and way 603 (added); the boundary,
    # the three stations, the port and way 602 are the same: 6 unchanged, nothing removed.
    assert osm.summarise(changes) == {"added": 1, "removed": 0, "moved": 1, "unchanged": 6}


def _vertex_to_line_m(new, old, way_id):
    """Return the largest distance (m, LAEA) from a vertex of the new way to the old way, via OGR."""
    from osgeo import osr

    def way(answer_, wanted):
        element = [e for e in answer_["elements"] if e["type"] == "way" and e["id"] == wanted][0]
        line = ogr.Geometry(ogr.wkbLineString)
        for p in element["geometry"]:
            line.AddPoint_2D(p["lon"], p["lat"])
        return line

    wgs84 = osr.SpatialReference()
    wgs84.ImportFromEPSG(4326)
    wgs84.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    laea = osr.SpatialReference()
    laea.ImportFromProj4("+proj=laea +lat_0=42.3 +lon_0=130.45 +datum=WGS84 +units=m +no_defs")
    transform = osr.CoordinateTransformation(wgs84, laea)
    a, b = way(new, way_id), way(old, way_id)
    a.Transform(transform)
    b.Transform(transform)
    distances = []
    for i in range(a.GetPointCount()):
        point = ogr.Geometry(ogr.wkbPoint)
        point.AddPoint_2D(*a.GetPoint_2D(i))
        distances.append(point.Distance(b))
    return max(distances)


@pytest.mark.parametrize("path, timeout", [("/error500", 5), ("/slow", 0.3), ("/garbage", 5), ("/empty", 5)])
def test_failure_leaves_existing_output_untouched(stub, tmp_path, path, timeout):
    target = tmp_path / "osm.gpkg"
    osm.refresh([stub.url("/ok")], str(target), str(SHIPPED), timeout_s=5)
    before = target.read_bytes()
    with pytest.raises(osm.OsmError):
        osm.refresh([stub.url(path)], str(target), str(SHIPPED), timeout_s=timeout)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osm.gpkg"]


def test_cancel_during_write_leaves_no_output(stub, tmp_path):
    target = tmp_path / "osm.gpkg"
    calls = []

    def cancel_on_second_check():
        calls.append(1)
        return len(calls) > 2

    with pytest.raises(osm.OsmError, match="cancelled"):
        osm.refresh([stub.url("/ok")], str(target), str(SHIPPED), timeout_s=5,
                    is_cancelled=cancel_on_second_check)
    assert list(tmp_path.iterdir()) == []
