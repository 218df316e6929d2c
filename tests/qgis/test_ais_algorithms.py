"""The AIS algorithms through processing.run, on the real logs/CSV and on bad input."""
from __future__ import annotations

import math
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from qgis.core import QgsProcessingException

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from ais_oracle import (  # noqa: E402
    drop_speed_outliers,
    fixes_by_vessel,
    gap_segments,
    nmea_log,
    runs,
    usable_positions,
)
from processing_helpers import RecordingFeedback, run  # noqa: E402  (tests/qgis on sys.path)

SEINE = "caribewave_vernon_20160411.nmea.log"


def layer(path, name=None):
    from qgis.core import QgsVectorLayer

    uri = f"{path}|layername={name}" if name else str(path)
    lyr = QgsVectorLayer(uri, "out", "ogr")
    assert lyr.isValid(), uri
    return lyr


def utc(epoch):
    return datetime.fromtimestamp(epoch, tz=timezone.utc)


pytestmark = pytest.mark.usefixtures("rason_provider")


_SEINE_RUN: dict = {}


@pytest.fixture
def seine_positions(tmp_path_factory, test_data):
    """Import the Seine log once per session (the outputs are read, never changed)."""
    if not _SEINE_RUN:
        out = tmp_path_factory.mktemp("ais") / "seine.gpkg"
        feedback = RecordingFeedback.make()
        result = run("importais", {"INPUT": str(test_data / "ais" / SEINE), "OUTPUT": str(out)},
                     feedback)
        _SEINE_RUN["value"] = (out, result, feedback)
    return _SEINE_RUN["value"]


_ORACLES: dict = {}


def seine_oracle(test_data):
    """Return what ais_oracle reads in the Seine log (once per session)."""
    if not _ORACLES:
        log = nmea_log(test_data / "ais" / SEINE)
        kept, not_available, _, _ = usable_positions(log["positions"])
        _ORACLES.update(log=log, kept=kept, not_available=not_available)
    return _ORACLES


def test_importais_finds_every_position_report(seine_positions, test_data):
    out, result, feedback = seine_positions
    # expected figures from ais_oracle, which reads the log itself (no pyais, no plugin code)
    oracle = seine_oracle(test_data)
    kept, bad = oracle["kept"], oracle["log"]["bad_checksum"]
    assert result["POSITIONS_FOUND"] == len(oracle["log"]["positions"])
    assert result["POSITIONS_WRITTEN"] == len(kept)
    assert result["HAS_TIMES"] is True
    assert result["VESSELS"] == len({m for m, *_ in kept})
    assert (f"{oracle['not_available']} position reports with lat 91 / lon 181 (not available)"
            in result["SKIPPED"])
    assert f"Skipped: {bad} sentences failing their checksum" in feedback.infos
    lyr = layer(out)
    assert lyr.featureCount() == len(kept)
    assert lyr.fields().names() == [
        "fid", "mmsi", "time", "lon", "lat", "sog", "cog", "heading", "nav_status", "msg_type",
        "vessel_name", "imo", "call_sign", "ship_type", "length", "width", "destination"]
    from qgis.core import QgsFeatureRequest

    first = next(lyr.getFeatures(QgsFeatureRequest().addOrderBy("fid")))
    assert first["mmsi"] == "269057547"
    assert first["vessel_name"] == "VIKING KADLIN"
    assert first["destination"] == "LE PECQ"
    assert first["time"].toMSecsSinceEpoch() == 1460332803000
    assert first.geometry().asPoint().x() == pytest.approx(1.48876)
    names = {f["vessel_name"] for f in lyr.getFeatures() if f["vessel_name"]}
    assert {"BJORN", "RICHELIEU", "VIKING KADLIN"} <= names
    assert "MOHICANS" not in names  # it only ever sent lat 91 / lon 181


def test_importais_says_when_the_log_has_no_times(test_data, tmp_path):
    feedback = RecordingFeedback.make()
    path = test_data / "ais" / "pyais_nmea_sample.txt"
    result = run("importais", {"INPUT": str(path), "OUTPUT": str(tmp_path / "sample.gpkg")},
                 feedback)
    kept, *_ = usable_positions(nmea_log(path)["positions"])
    assert result["HAS_TIMES"] is False
    assert result["POSITIONS_WRITTEN"] == len(kept) > 700
    assert any("carries no receive timestamps" in w for w in feedback.warnings)
    lyr = layer(tmp_path / "sample.gpkg")
    assert lyr.featureCount() == len(kept)
    assert all(f["time"] is None or not f["time"] for f in lyr.getFeatures())


@pytest.mark.parametrize("content, message", [
    (b"", "the file is empty"),
    (b"mmsi,lat,lon\n123456789,42,130\n", "not an AIS NMEA log"),
])
def test_importais_refuses_empty_and_non_ais_files(tmp_path, content, message):
    from qgis.core import QgsProcessingException

    src = tmp_path / "input.txt"
    src.write_bytes(content)
    with pytest.raises(QgsProcessingException, match=message):
        run("importais", {"INPUT": str(src), "OUTPUT": str(tmp_path / "out.gpkg")})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["input.txt"]


def test_vesseltracks_from_imported_log(seine_positions, tmp_path, test_data):
    out, _, _ = seine_positions
    feedback = RecordingFeedback.make()
    result = run("vesseltracks", {"INPUT": str(out), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
                                  "MAX_GAP": 30, "MAX_SPEED": 50,
                                  "OUTPUT": str(tmp_path / "tracks.gpkg")}, feedback)
    # the oracle: one fix per vessel and time, speed outliers by the documented rule, cut at
    # gaps over 30 minutes, runs that move make lines
    by_vessel, duplicates = fixes_by_vessel(seine_oracle(test_data)["kept"])
    by_vessel, _ = drop_speed_outliers(by_vessel, 30 * 60, 50)
    lines, _, _ = runs(by_vessel, 30 * 60)
    assert result["SEGMENTS"] == len(lines) > 20
    assert result["POSITIONS_USED"] == sum(len(r) for r in lines)
    assert result["ROWS_SKIPPED"] == duplicates > 0
    assert f"Skipped: {duplicates} duplicate reports (same MMSI and time)" in feedback.infos
    tracks = layer(tmp_path / "tracks.gpkg")
    names = {f["mmsi"]: f["vessel_name"] for f in tracks.getFeatures()}
    assert names["269057547"] == "VIKING KADLIN"


def caribbean_layer(test_data):
    from qgis.core import QgsVectorLayer

    uri = (f"file://{test_data / 'ais' / 'caribewave_cw17.csv'}?delimiter=,&xField=lon"
           "&yField=lat&crs=EPSG:4326")
    lyr = QgsVectorLayer(uri, "caribewave", "delimitedtext")
    # 9,070 rows: the data provider's figure (/work/shared/data/README.md)
    assert lyr.isValid() and lyr.featureCount() == 9070
    return lyr


def test_vesseltracks_caribbean_csv(test_data, tmp_path):
    from qgis.core import QgsField

    from rason_plugin.compat import FieldType, WkbType

    feedback = RecordingFeedback.make()
    result = run("vesseltracks", {"INPUT": caribbean_layer(test_data), "MMSI_FIELD": "mmsi",
                                  "TIME_FIELD": "epoch", "MAX_GAP": 30, "MAX_SPEED": 50,
                                  "OUTPUT": str(tmp_path / "tracks.gpkg")}, feedback)
    oracle = gap_segments(test_data / "ais" / "caribewave_cw17.csv", 30 * 60, max_knots=50)
    n_na, n_dup = oracle["not_available"], oracle["duplicates"]
    assert f"Skipped: {n_na} rows with lat 91 / lon 181 (AIS 'not available')" in feedback.infos
    assert f"Skipped: {n_dup} duplicate reports (same MMSI and time)" in feedback.infos
    assert result["ROWS_SKIPPED"] == n_na + n_dup > 0
    # stationary runs (one fix repeated) make no line
    assert result["SEGMENTS"] == len(oracle["lines"]) > 20
    assert result["POSITIONS_USED"] == sum(len(run) for run in oracle["lines"])
    tracks = layer(tmp_path / "tracks.gpkg")
    assert tracks.wkbType() == WkbType.LineStringM
    assert tracks.crs().authid() == "EPSG:4326"
    expected = [("mmsi", FieldType.String), ("vessel_name", FieldType.String),
                ("segment_id", FieldType.Int), ("start_time", FieldType.DateTime),
                ("end_time", FieldType.DateTime), ("n_points", FieldType.Int),
                ("length_km", FieldType.Double), ("mean_sog", FieldType.Double),
                ("max_sog", FieldType.Double)]
    fields = [tracks.fields().field(i) for i in range(tracks.fields().count())
              if tracks.fields().field(i).name() != "fid"]
    assert [(f.name(), f.type()) for f in fields] == expected
    assert isinstance(fields[0], QgsField)
    total = 0
    for feature in tracks.getFeatures():
        geometry = feature.geometry()
        assert geometry.isGeosValid()
        line = geometry.constGet()
        ms = [line.mAt(i) for i in range(line.numPoints())]
        assert all(b > a for a, b in zip(ms, ms[1:]))  # in time order
        assert line.numPoints() == feature["n_points"] >= 2
        assert feature["start_time"].toMSecsSinceEpoch() == ms[0] * 1000
        assert feature["end_time"].toMSecsSinceEpoch() == ms[-1] * 1000
        assert len(feature["mmsi"]) == 9 and feature["segment_id"] >= 1
        assert feature["length_km"] > 0 and not math.isnan(feature["mean_sog"])
        total += line.numPoints()
    assert total == result["POSITIONS_USED"]


def test_vesseltracks_output_carries_style_and_temporal_settings(test_data,
                                                                 tmp_path):
    from qgis.core import QgsVectorLayerTemporalProperties as Temporal

    from rason_plugin.rason_processing.track_style import TrackLayerPostProcessor

    run("vesseltracks", {"INPUT": caribbean_layer(test_data), "MMSI_FIELD": "mmsi",
                         "TIME_FIELD": "epoch", "MAX_GAP": 30, "MAX_SPEED": 50,
                         "OUTPUT": str(tmp_path / "tracks.gpkg")})
    # the GeoPackage's default style (layer_styles) switches the temporal mode on
    reopened = layer(tmp_path / "tracks.gpkg")
    assert reopened.loadDefaultStyle()[1]
    props = reopened.temporalProperties()
    assert props.isActive()
    assert props.mode() == Temporal.ModeFeatureDateTimeStartAndEndFromFields
    assert (props.startField(), props.endField()) == ("start_time", "end_time")
    # and the post-processor does the same for a layer loaded by Processing
    # (two pending at once, as in batch mode: each lives until it has been used, then goes)
    from rason_plugin.rason_processing.base import KeptPostProcessor

    bare, other = layer(tmp_path / "tracks.gpkg"), layer(tmp_path / "tracks.gpkg")
    first, second = TrackLayerPostProcessor.create(), TrackLayerPostProcessor.create()
    for target, processor in ((bare, first), (other, second)):
        target.temporalProperties().setIsActive(False)
        assert processor in KeptPostProcessor.alive
        processor.postProcessLayer(target, None, None)
        assert processor not in KeptPostProcessor.alive
        assert target.temporalProperties().isActive()
        assert target.temporalProperties().startField() == "start_time"
        assert target.renderer().symbol().symbolLayerCount() == 2


def test_vesseltracks_cancelled_run_leaves_no_file(test_data, tmp_path):
    target = tmp_path / "tracks.gpkg"
    feedback = RecordingFeedback.make(cancel=True)
    with pytest.raises(QgsProcessingException, match="[Cc]ancel"):  # never a silent success
        run("vesseltracks", {"INPUT": caribbean_layer(test_data), "MMSI_FIELD": "mmsi",
                             "TIME_FIELD": "epoch", "MAX_GAP": 30, "MAX_SPEED": 50,
                             "OUTPUT": str(target)}, feedback)
    assert list(tmp_path.iterdir()) == []


def test_vesseltracks_to_a_shapefile_moves_every_sidecar(test_data, tmp_path):
    target = tmp_path / "tracks.shp"
    result = run("vesseltracks", {"INPUT": caribbean_layer(test_data), "MMSI_FIELD": "mmsi",
                                  "TIME_FIELD": "epoch", "MAX_GAP": 30, "MAX_SPEED": 50,
                                  "OUTPUT": str(target)})
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []  # no partials
    assert {".shp", ".shx", ".dbf", ".prj"} <= {p.suffix for p in tmp_path.iterdir()}
    assert layer(target).featureCount() == result["SEGMENTS"]


def memory_positions(rows, time_type="datetime"):
    """Return a memory point layer with mmsi/time/sog from (mmsi, epoch, lon, lat, sog) rows."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from rason_plugin.rason_processing.ais_positions import epoch_to_qdatetime

    kind = {"datetime": "datetime", "text": "string", "epoch": "double"}[time_type]
    lyr = QgsVectorLayer(f"Point?crs=EPSG:4326&field=mmsi:string&field=time:{kind}"
                         "&field=sog:double", "positions", "memory")
    features = []
    for mmsi, epoch, lon, lat, sog in rows:
        f = QgsFeature(lyr.fields())
        if time_type == "datetime":
            t = epoch_to_qdatetime(epoch)
        elif time_type == "text":  # Korean time, UTC with Z and zone-less UTC in one column
            kst = timezone(timedelta(hours=9))
            forms = (utc(epoch).astimezone(kst).isoformat(),
                     utc(epoch).strftime("%Y-%m-%dT%H:%M:%SZ"),
                     utc(epoch).strftime("%Y-%m-%d %H:%M:%S"))
            t = forms[len(features) % 3]
        else:
            t = epoch
        f.setAttributes([str(mmsi), t, sog])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(f)
    lyr.dataProvider().addFeatures(features)
    return lyr


def test_portcalls_hand_built_scenario(tmp_path, repo_root):
    import importlib.util

    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    spec = importlib.util.spec_from_file_location(
        "ais_scenario", repo_root / "tests" / "core" / "test_ais_portcalls.py")
    scenario = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scenario)
    SCENARIO, T0, square = scenario.SCENARIO, scenario.T0, scenario.square  # noqa: N806

    ports = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "ports", "memory")
    for name, lon in (("West", 130.0), ("East", 131.0)):
        f = QgsFeature(ports.fields())
        f.setAttributes([name])
        ring = ", ".join(f"{x} {y}" for x, y in square(lon, 42.0))
        f.setGeometry(QgsGeometry.fromWkt(f"POLYGON(({ring}))"))
        ports.dataProvider().addFeature(f)
    rows = [(m, T0 + h * 3600, w[0], w[1], s) for m, h, w, s in SCENARIO]
    result = run("portcalls", {
        "INPUT": memory_positions(rows), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "PORTS": ports, "PORT_NAME_FIELD": "name", "ENTRY_DISTANCE": 0, "EXIT_DISTANCE": 500,
        "OUTPUT": str(tmp_path / "calls.gpkg"), "OUTPUT_SUMMARY": str(tmp_path / "summary.gpkg"),
    })
    # the calls test_port_calls_with_hysteresis_and_silences derives by hand: A, C twice,
    # D twice, E, F
    assert result["CALLS"] == 7
    calls = [(f["mmsi"], f["port"], utc(f["arrival"].toMSecsSinceEpoch() / 1000),
              f["dwell_hours"], f["min_sog"], f["n_positions"])
             for f in layer(tmp_path / "calls.gpkg").getFeatures()]
    assert calls[0] == ("440000001", "West", datetime(2024, 1, 1, 1, tzinfo=timezone.utc),
                        7.0, 0.0, 6)
    assert [c[3] for c in calls] == [7.0, 1.0, 1.0, 1.0, 1.0, 1.0, 3.0]
    summary = [(f["port"], f["period"], f["period_start"].toString("yyyy-MM-dd"), f["calls"],
                f["vessels"], f["dwell_hours"]) for f in layer(tmp_path / "summary.gpkg")
               .getFeatures()]
    assert summary == [("East", "month", "2024-01-01", 1, 1, 1.0),
                       ("East", "week", "2024-01-08", 1, 1, 1.0),
                       ("West", "month", "2024-01-01", 6, 4, 14.0),
                       ("West", "week", "2024-01-01", 6, 4, 14.0)]


def test_portcalls_default_ports_are_the_plugin_port_areas(tmp_path):
    """Rajin's port area from the reference GeoPackage, with times given as ISO text."""
    from rason_plugin.layers.loader import reference_for_reading

    rajin = layer(reference_for_reading(), "monitoring_areas")
    rajin.setSubsetString("\"name\" = 'Rajin port area (approximate)'")
    centre = next(rajin.getFeatures()).geometry().centroid().asPoint()
    t0 = datetime(2024, 3, 4, tzinfo=timezone.utc).timestamp()
    rows = [(412000001, t0 + h * 3600, centre.x() + dx, centre.y(), 0.0)
            for h, dx in ((0, 0.2), (1, 0.0), (2, 0.0), (5, 0.0), (6, 0.2))]
    result = run("portcalls", {
        "INPUT": memory_positions(rows, "text"), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "ENTRY_DISTANCE": 0, "EXIT_DISTANCE": 500,
        "OUTPUT": str(tmp_path / "calls.gpkg"), "OUTPUT_SUMMARY": str(tmp_path / "summary.gpkg"),
    })
    assert result["CALLS"] == 1
    (call,) = list(layer(tmp_path / "calls.gpkg").getFeatures())
    assert call["port"] == "Rajin port area (approximate)"
    assert call["dwell_hours"] == 4.0
    assert call["arrival"].toMSecsSinceEpoch() == (t0 + 3600) * 1000


def test_portcalls_refuses_exit_inside_entry(tmp_path):
    from qgis.core import QgsProcessingException

    rows = [(412000001, 1.7e9, 130.0, 42.0, 0.0)]
    with pytest.raises(QgsProcessingException, match="EXIT_DISTANCE"):
        run("portcalls", {"INPUT": memory_positions(rows), "MMSI_FIELD": "mmsi",
                          "TIME_FIELD": "time", "ENTRY_DISTANCE": 800, "EXIT_DISTANCE": 500,
                          "OUTPUT": str(tmp_path / "c.gpkg"),
                          "OUTPUT_SUMMARY": str(tmp_path / "s.gpkg")})
    assert list(tmp_path.iterdir()) == []


def text_time_layer(rows):
    """Return a memory point layer with mmsi and a text time field from (mmsi, text, lon, lat)."""
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    lyr = QgsVectorLayer("Point?crs=EPSG:4326&field=mmsi:string&field=stamp:string",
                         "positions", "memory")
    features = []
    for mmsi, text, lon, lat in rows:
        f = QgsFeature(lyr.fields())
        f.setAttributes([str(mmsi), text])
        f.setGeometry(QgsGeometry.fromPointXY(QgsPointXY(lon, lat)))
        features.append(f)
    lyr.dataProvider().addFeatures(features)
    return lyr


def test_vesseltracks_reads_compact_digit_times(tmp_path):
    # YYYYmmddHHMMSS: 2018-02-08 12:00:00, 12:01:00, 12:02:00 UTC; 2018-02-08 is day 17570 of
    # the epoch (48 years with 12 leap days, then 38 days), so noon is 17570 * 86400 + 43200 s
    rows = [(412000001, f"201802081{m}00", 130.0, 42.0 + k / 600)
            for k, m in enumerate(("200", "201", "202"))]
    result = run("vesseltracks", {"INPUT": text_time_layer(rows), "MMSI_FIELD": "mmsi",
                                  "TIME_FIELD": "stamp", "MAX_GAP": 30, "MAX_SPEED": 50,
                                  "OUTPUT": str(tmp_path / "tracks.gpkg")})
    assert result["SEGMENTS"] == 1 and result["POSITIONS_USED"] == 3
    (track,) = list(layer(tmp_path / "tracks.gpkg").getFeatures())
    noon = 17570 * 86400 + 43200
    assert track["start_time"].toMSecsSinceEpoch() == noon * 1000
    assert track["end_time"].toMSecsSinceEpoch() == (noon + 120) * 1000


def test_vesseltracks_says_which_time_field_and_value_cannot_be_read(tmp_path):
    rows = [(412000001, str(k), 130.0, 42.0 + k / 600) for k in (17, 18, 19)]  # line counters
    with pytest.raises(QgsProcessingException) as err:
        run("vesseltracks", {"INPUT": text_time_layer(rows), "MMSI_FIELD": "mmsi",
                             "TIME_FIELD": "stamp", "MAX_GAP": 30, "MAX_SPEED": 50,
                             "OUTPUT": str(tmp_path / "tracks.gpkg")})
    message = str(err.value)
    assert "'stamp'" in message and "'17'" in message
    assert "YYYYmmddHHMMSS" in message and "ISO 8601" in message
    assert list(tmp_path.iterdir()) == []


def test_some_unreadable_times_are_reported_with_an_example(tmp_path):
    rows = [(412000001, "2018-02-08T12:00:00Z", 130.0, 42.0),
            (412000001, "2018-02-08T12:01:00Z", 130.0, 42.0 + 1 / 600),
            (412000001, "yesterday", 130.0, 42.0 + 2 / 600)]
    feedback = RecordingFeedback.make()
    run("vesseltracks", {"INPUT": text_time_layer(rows), "MMSI_FIELD": "mmsi",
                         "TIME_FIELD": "stamp", "MAX_GAP": 30, "MAX_SPEED": 50,
                         "OUTPUT": str(tmp_path / "tracks.gpkg")}, feedback)
    (line,) = [i for i in feedback.infos if "unparseable time" in i]
    assert line.startswith("Skipped: 1 rows with a missing or unparseable time")
    assert "'yesterday'" in line and "YYYYmmddHHMMSS" in line


# A coordinate operation the run's transform context holds and the project does not: EPSG:32652
# to EPSG:4326 with 0.5 degree added to the longitude. Results that follow it prove the
# algorithm transformed with context.transformContext().
SHIFT_PIPELINE = ("+proj=pipeline +step +inv +proj=utm +zone=52 +ellps=WGS84 "
                  "+step +proj=unitconvert +xy_in=rad +xy_out=deg +step +proj=affine +xoff=0.5")


def _shifted_context():
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransformContext,
        QgsProcessingContext,
        QgsProject,
    )

    utm, wgs84 = QgsCoordinateReferenceSystem("EPSG:32652"), QgsCoordinateReferenceSystem(
        "EPSG:4326")
    transform_context = QgsCoordinateTransformContext()
    assert transform_context.addCoordinateOperation(utm, wgs84, SHIFT_PIPELINE)
    assert not QgsProject.instance().transformContext().coordinateOperations()
    context = QgsProcessingContext()
    context.setTransformContext(transform_context)
    return context


def _utm_to_wgs84_plain(x, y):
    """Return lon/lat of a UTM 52N point by QGIS's default operation (the project's)."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsCoordinateTransform,
        QgsCoordinateTransformContext,
        QgsPointXY,
    )

    transform = QgsCoordinateTransform(QgsCoordinateReferenceSystem("EPSG:32652"),
                                       QgsCoordinateReferenceSystem("EPSG:4326"),
                                       QgsCoordinateTransformContext())
    p = transform.transform(QgsPointXY(x, y))
    return p.x(), p.y()


@pytest.mark.parametrize("utm_input", ["PORTS", "INPUT"])
def test_portcalls_transforms_with_the_run_context(tmp_path, utm_input):
    import processing
    from qgis.core import QgsFeature, QgsGeometry, QgsPointXY, QgsVectorLayer

    from rason_plugin.rason_processing.ais_positions import epoch_to_qdatetime

    # a 1 km square port around UTM 52N (500000, 4650000), and a vessel moored at its centre
    x0, y0 = 500000.0, 4650000.0
    lon0, lat0 = _utm_to_wgs84_plain(x0, y0)
    lon_c = lon0 + 0.5  # where the context's operation puts the centre
    half = 500.0
    crs = "EPSG:32652" if utm_input == "PORTS" else "EPSG:4326"
    ports = QgsVectorLayer(f"Polygon?crs={crs}&field=name:string", "ports", "memory")
    f = QgsFeature(ports.fields())
    f.setAttributes(["Square"])
    if utm_input == "PORTS":
        corners = [(x0 - half, y0 - half), (x0 + half, y0 - half), (x0 + half, y0 + half),
                   (x0 - half, y0 + half), (x0 - half, y0 - half)]
    else:  # the port in lon/lat where the shifted operation puts the UTM vessel: +/- 0.005 deg
        corners = [(lon_c - 0.005, lat0 - 0.005), (lon_c + 0.005, lat0 - 0.005),
                   (lon_c + 0.005, lat0 + 0.005), (lon_c - 0.005, lat0 + 0.005),
                   (lon_c - 0.005, lat0 - 0.005)]
    f.setGeometry(QgsGeometry.fromPolygonXY([[QgsPointXY(*c) for c in corners]]))
    ports.dataProvider().addFeature(f)
    crs = "EPSG:4326" if utm_input == "PORTS" else "EPSG:32652"
    positions = QgsVectorLayer(f"Point?crs={crs}&field=mmsi:string&field=time:datetime",
                               "positions", "memory")
    t0 = datetime(2024, 3, 4, tzinfo=timezone.utc).timestamp()
    features = []
    for h in (0, 1, 2):
        g = QgsFeature(positions.fields())
        g.setAttributes(["412000001", epoch_to_qdatetime(t0 + h * 3600)])
        point = QgsPointXY(lon_c, lat0) if utm_input == "PORTS" else QgsPointXY(x0, y0)
        g.setGeometry(QgsGeometry.fromPointXY(point))
        features.append(g)
    positions.dataProvider().addFeatures(features)
    # with the project's operation the port and the vessel lie 0.5 degree (~41 km) apart
    result = processing.run("rason:portcalls", {
        "INPUT": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time", "PORTS": ports,
        "PORT_NAME_FIELD": "name", "ENTRY_DISTANCE": 0, "EXIT_DISTANCE": 500,
        "OUTPUT": str(tmp_path / "calls.gpkg"), "OUTPUT_SUMMARY": str(tmp_path / "sum.gpkg"),
    }, context=_shifted_context())
    assert result["CALLS"] == 1
    (call,) = list(layer(tmp_path / "calls.gpkg").getFeatures())
    assert call["dwell_hours"] == 2.0


def test_portcalls_joins_overlapping_features_of_one_port(tmp_path):
    # "Harbour" is drawn as two overlapping squares (two features, one name). A vessel moored in
    # the overlap, then in the east piece only, makes one call of 2 hours at one port, not one
    # call per piece (and it is inside throughout: the overlap is not a hole).
    from qgis.core import QgsFeature, QgsGeometry, QgsVectorLayer

    ports = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "ports", "memory")
    for lon in (130.0, 130.005):
        f = QgsFeature(ports.fields())
        f.setAttributes(["Harbour"])
        f.setGeometry(QgsGeometry.fromWkt(
            f"POLYGON(({lon} 42, {lon + 0.01} 42, {lon + 0.01} 42.01, {lon} 42.01, {lon} 42))"))
        ports.dataProvider().addFeature(f)
    t0 = datetime(2024, 3, 4, tzinfo=timezone.utc).timestamp()
    rows = [(412000001, t0, 130.0075, 42.005, 0.0), (412000001, t0 + 3600, 130.0075, 42.005, 0.0),
            (412000001, t0 + 7200, 130.013, 42.005, 0.0)]
    result = run("portcalls", {
        "INPUT": memory_positions(rows), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "PORTS": ports, "PORT_NAME_FIELD": "name", "ENTRY_DISTANCE": 0, "EXIT_DISTANCE": 0,
        "OUTPUT": str(tmp_path / "calls.gpkg"), "OUTPUT_SUMMARY": str(tmp_path / "sum.gpkg"),
    })
    assert result["CALLS"] == 1
    (call,) = list(layer(tmp_path / "calls.gpkg").getFeatures())
    assert (call["port"], call["dwell_hours"], call["n_positions"]) == ("Harbour", 2.0, 3)
