"""rason:refreshfromosm against a local Overpass stand-in: layers, metadata, diff outputs, clear errors."""
from __future__ import annotations

import json

import pytest
from overpass_fixture import OverpassStub

# The provider registered by conftest's rason_provider must outlive the test that created it: once
# its Python wrapper is collected the registry keeps a C++ object whose Python overrides are gone
# (algorithm ids read ":"), and the next test finds no rason:* algorithm.
pytestmark = pytest.mark.usefixtures("rason_provider")

@pytest.fixture(scope="module")
def stub():
    with OverpassStub(slow_s=3.0) as server:
        yield server


def _run(params):
    import processing

    return processing.run("rason:refreshfromosm", params)


def test_refresh_writes_documented_layers_and_reports_changes(rason_provider, stub, tmp_path):
    from qgis.core import QgsVectorLayer

    target = tmp_path / "osm.gpkg"
    result = _run({"URL": stub.url("/ok"), "FALLBACK_URL": "", "TIMEOUT": 5, "OUTPUT": str(target)})
    assert result["OUTPUT"] == str(target) and result["SERVER"] == stub.url("/ok")
    assert (result["ADDED"], result["REMOVED"], result["MOVED"]) == (0, 3, 5)
    changes = json.loads(result["CHANGES"])
    assert {"layer": "rail_stations", "change": "moved", "name": "Rajin", "key": "node/501",
            "distance_m": 111.2} in changes
    counts = {}
    for name in ("sez_boundary", "railway", "rail_stations", "ports"):
        layer = QgsVectorLayer(f"{target}|layername={name}", name, "ogr")
        assert layer.isValid()
        counts[name] = layer.featureCount()
        assert layer.metadata().rights() == ["© OpenStreetMap contributors"]
        assert layer.metadata().licenses()[0].startswith("Open Database License (ODbL) 1.0")
        assert "2024-01-01T00:00:00Z" in layer.metadata().history()[0]
    assert counts == {"sez_boundary": 1, "railway": 2, "rail_stations": 3, "ports": 1}
    boundary = QgsVectorLayer(f"{target}|layername=sez_boundary", "b", "ogr")
    assert next(boundary.getFeatures()).geometry().isGeosValid()


def test_changed_railway_against_previous_refresh(rason_provider, stub, tmp_path):
    first = tmp_path / "first.gpkg"
    _run({"URL": stub.url("/ok"), "FALLBACK_URL": "", "TIMEOUT": 5, "OUTPUT": str(first)})
    result = _run({"URL": stub.url("/changed"), "FALLBACK_URL": "", "TIMEOUT": 5,
                   "COMPARE_WITH": str(first), "OUTPUT": str(tmp_path / "second.gpkg")})
    assert (result["ADDED"], result["REMOVED"], result["MOVED"]) == (1, 0, 1)
    railway = [(c["change"], c["key"]) for c in json.loads(result["CHANGES"]) if c["layer"] == "railway"]
    assert railway == [("moved", "way/601"), ("added", "way/603"), ("unchanged", "way/602")]


def test_fallback_server_is_used(rason_provider, stub, tmp_path):
    result = _run({"URL": stub.url("/error500"), "FALLBACK_URL": stub.url("/ok"), "TIMEOUT": 5,
                   "OUTPUT": str(tmp_path / "osm.gpkg")})
    assert result["SERVER"] == stub.url("/ok")


@pytest.mark.parametrize("path, timeout, message", [
    ("/error500", 5, "HTTP 500"),
    ("/slow", 1, r"no answer within 1 s \(timeout\)"),
    ("/garbage", 5, "answer is not JSON"),
    ("/empty", 5, "empty result"),
    ("refused", 5, r"cannot connect \(.*Connection refused"),
])
def test_errors_are_clear_and_keep_the_existing_output(stub, tmp_path, path, timeout, message):
    from qgis.core import QgsProcessingException

    target = tmp_path / "osm.gpkg"
    _run({"URL": stub.url("/ok"), "FALLBACK_URL": "", "TIMEOUT": 5, "OUTPUT": str(target)})
    before = target.read_bytes()
    # Port 9 (discard) on 127.0.0.1: nothing listens there, so the connection is refused.
    url = "http://127.0.0.1:9/" if path == "refused" else stub.url(path)
    with pytest.raises(QgsProcessingException, match=message) as info:
        _run({"URL": url, "FALLBACK_URL": "", "TIMEOUT": timeout, "OUTPUT": str(target)})
    assert "the existing OUTPUT was left untouched" in str(info.value)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["osm.gpkg"]


def test_bad_url_is_rejected_before_any_request(rason_provider, stub, tmp_path):
    from qgis.core import QgsProcessingException

    before = len(stub.queries)
    with pytest.raises(QgsProcessingException, match="is not an http"):
        _run({"URL": "ftp://example.org/", "FALLBACK_URL": "", "TIMEOUT": 5,
              "OUTPUT": str(tmp_path / "osm.gpkg")})
    assert len(stub.queries) == before


def test_requests_go_through_qgis_network_access_manager(rason_provider, stub, qgis_app, tmp_path):
    """QGIS's proxy, SSL and authentication settings apply only to requests QGIS's manager makes."""
    from qgis.core import QgsNetworkAccessManager, QgsNetworkRequestParameters

    created = []
    manager = QgsNetworkAccessManager.instance()

    def slot(parameters):
        created.append(parameters.request().url().toString())

    # Requests made in worker threads are relayed to the main thread's manager, queued.
    manager.requestAboutToBeCreated[QgsNetworkRequestParameters].connect(slot)
    agents_before = len(stub.user_agents)
    try:
        result = _run({"URL": stub.url("/error500"), "FALLBACK_URL": stub.url("/ok"), "TIMEOUT": 5,
                       "OUTPUT": str(tmp_path / "osm.gpkg")})
        qgis_app.processEvents()
    finally:
        manager.requestAboutToBeCreated[QgsNetworkRequestParameters].disconnect(slot)
    assert result["SERVER"] == stub.url("/ok")
    # Two requests, in the order asked: the failing URL, then the fallback.
    assert created == [stub.url("/error500"), stub.url("/ok")]
    # QGIS's manager stamps its own user agent ("... QGIS/<version>/..."); urllib would send ours.
    agents = stub.user_agents[agents_before:]
    assert len(agents) == 2 and all("QGIS/" in agent for agent in agents), agents
