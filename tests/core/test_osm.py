"""OSM refresh core: Overpass JSON parsing, ring assembly, diff, atomic output, against a local server."""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from osgeo import ogr
from overpass_fixture import OverpassStub, answer, boundary_outer_ring, boundary_relation

from rason_plugin.core import osm

ROOT = Path(__file__).resolve().parents[2]
SHIPPED = ROOT / "rason_plugin" / "data" / "rason_reference.gpkg"


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


def test_parse_elements_sorts_features_into_layers():
    result = osm.parse_elements(answer())
    counts = {layer: len(result.layer(layer)) for layer in osm.OSM_LAYERS}
    assert counts == {"sez_boundary": 1, "railway": 2, "rail_stations": 3, "ports": 1}
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
    assert osm.hausdorff_m(a, b) == pytest.approx(111.19, abs=0.05)  # 0.001° of latitude
    line = ("LineString", [(130.0, 42.0), (130.1, 42.0)])
    shifted = ("LineString", [(130.0, 42.001), (130.1, 42.001)])
    assert osm.hausdorff_m(line, shifted) == pytest.approx(111.19, abs=0.05)


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
    assert len(data["elements"]) == 7
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
    assert {layer: len(_rows(target, layer)) for layer in osm.OSM_LAYERS} == {
        "sez_boundary": 1, "railway": 2, "rail_stations": 3, "ports": 1}
    stations = {row["name_en"]: row for row in _rows(target, "rail_stations")}
    assert stations["Rajin"]["osm_id"] == 501 and stations["Rajin"]["osm_type"] == "node"
    assert json.loads(stations["Rajin"]["tags"]) == {"name": "라진", "name:en": "Rajin", "railway": "station"}
    table = [(r["layer"], r["change"], r["name"], r["distance_m"]) for r in _rows(target, "osm_changes")]
    # Rajin is 0.001° north of the shipped station; Hongŭi and Tumangang are exact; the shipped
    # bridge and Khasan have no OSM station (the bridge is a way, Khasan outside the zone).
    assert ("rail_stations", "moved", "Rajin", pytest.approx(111.1, abs=0.2)) in table
    assert ("rail_stations", "unchanged", "Hongui", 0.0) in table
    assert ("rail_stations", "removed", "Khasan station", None) in table
    boundary = [c for c in changes if c.layer == "sez_boundary"]
    # the two small islands of the shipped boundary are missing from the synthetic relation: 4.9 km
    assert [(c.change, c.key, c.distance_m) for c in boundary] == [("moved", "relation/9000001", 4923.7)]
    ports = {(c.change, c.name) for c in changes if c.layer == "ports"}
    assert ports == {("moved", "Rajin Port"), ("removed", "Sonbong (Senbong) port")}
    # The shipped schematic railway is matched to the nearest OSM ways and so reads as "moved" by km.
    railway = [(c.change, c.key, c.distance_m) for c in changes if c.layer == "railway"]
    assert railway == [("moved", "way/601", 8659.0), ("moved", "way/602", 8650.9)]
    assert osm.summarise(changes) == {"added": 0, "removed": 3, "moved": 5, "unchanged": 2}
    con = sqlite3.connect(target)
    assert con.execute("SELECT count(*) FROM gpkg_metadata").fetchone() == (1,)
    con.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osm.gpkg"]


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
    assert railway[0][3] == pytest.approx(632.5, abs=0.1)
    assert railway[1:] == [("added", "way/603", "Tumangang yard", None),
                           ("unchanged", "way/602", "Hongui Line", 0.0)]
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
