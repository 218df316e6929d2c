"""rason:monitoringreport: the PDF's text (read back with poppler's pdftotext) carries the inputs' figures.

Inputs are small GeoJSON files written here with the documented schemas of the algorithms that
feed the report (changedetection OUTPUT_ZONE_STATS, sarchange ZONE_SERIES, portcalls OUTPUT,
darkvessels OUTPUT and OUTPUT_MISSED). GeoJSON rather than GeoPackage: QGIS never rewrites it on
opening, so the checksum of the file after the run is the checksum of what was read.
"""
from __future__ import annotations

import hashlib
import json
import re
import subprocess
from pathlib import Path

import pytest
from test_sar_change_algorithm import series  # noqa: F401 (the planted 10-date Sentinel-1 series)

ZONES = [  # name, kind, (lon0, lat0, lon1, lat1)
    ("Port A", "port", (130.30, 42.24, 130.32, 42.26)),
    ("Port B", "port", (130.40, 42.30, 130.42, 42.32)),
    ("Yard C", "rail_yard", (130.60, 42.40, 130.61, 42.41)),
]


def square(lon0, lat0, lon1, lat1):
    return {"type": "Polygon", "coordinates": [[[lon0, lat0], [lon1, lat0], [lon1, lat1], [lon0, lat1],
                                                [lon0, lat0]]]}


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


def write_geojson(path, rows):
    """Write (geometry or None, properties) rows as a GeoJSON FeatureCollection."""
    features = [{"type": "Feature", "geometry": g, "properties": p} for g, p in rows]
    path.write_text(json.dumps({"type": "FeatureCollection", "features": features}), encoding="utf-8")
    return str(path)


def zone_file(tmp_path, zones=ZONES, name="zones.geojson"):
    return write_geojson(tmp_path / name, [(square(*box), {"name": n, "kind": k}) for n, k, box in zones])


@pytest.fixture
def inputs(tmp_path):
    """Return {parameter: path} of a complete set of small inputs (figures chosen by hand)."""
    stats = [
        (None, {"zone": "Port A", "valid_area_m2": 2000000.0, "changed_area_m2": 50000.0,
                "changed_pct": 2.5, "n_regions": 4}),
        (None, {"zone": "Yard C", "valid_area_m2": 500000.0, "changed_area_m2": 12345.0,
                "changed_pct": 2.469, "n_regions": 1}),
    ]
    series_rows = [  # not in time order on purpose
        (None, {"zone": "Port A", "start": s, "end": e, "changed_area_m2": c, "brighter_area_m2": b,
                "darker_area_m2": d, "valid_area_m2": 2000000.0, "changed_pct": c / 20000.0})
        for s, e, c, b, d in [
            ("2026-03-13T00:00:00Z", "2026-03-25T00:00:00Z", 25000.0, 15000.0, 10000.0),
            ("2026-03-01T00:00:00Z", "2026-03-13T00:00:00Z", 10000.0, 6000.0, 4000.0),
            ("2026-03-25T00:00:00Z", "2026-04-06T00:00:00Z", 40000.0, 30000.0, 10000.0),
        ]
    ]
    calls = [
        (None, {"mmsi": "111111111", "vessel_name": "ALPHA STAR", "port": "Port A",
                "arrival": "2026-03-02T06:00:00Z", "departure": "2026-03-03T18:00:00Z", "dwell_hours": 36.0,
                "min_sog": 0.1, "n_positions": 40}),
        (None, {"mmsi": "222222222", "vessel_name": "BETA", "port": "Port A",
                "arrival": "2026-03-10T00:00:00Z", "departure": "2026-03-10T12:30:00Z", "dwell_hours": 12.5,
                "min_sog": 0.0, "n_positions": 12}),
        (None, {"mmsi": "333333333", "vessel_name": "GAMMA", "port": "Port B",
                "arrival": "2026-03-20T08:00:00Z", "departure": "2026-03-21T08:00:00Z", "dwell_hours": 24.0,
                "min_sog": 0.2, "n_positions": 30}),
    ]
    det = {"width_m": 20.0, "heading_deg": 90.0, "peak_db": 5.0, "mean_db": 1.0, "n_pixels": 50, "score": 9.0,
           "acq_time": "2026-03-25T09:30:00Z", "match_distance_m": None, "ais_time_gap_s": None}
    detections = [
        (point(130.31, 42.25), dict(det, det_id="D1", length_m=90.0, status="matched", mmsi="111111111",
                                    vessel_name="ALPHA STAR", match_distance_m=120.0)),
        (point(130.31, 42.25), dict(det, det_id="D2", length_m=150.0, status="dark", mmsi=None,
                                    vessel_name=None)),
        (point(130.43, 42.30), dict(det, det_id="D3", length_m=120.0, status="dark", mmsi=None,
                                    vessel_name=None)),
    ]
    missed = [(point(130.35, 42.27), {"mmsi": "444444444", "vessel_name": "DELTA"})]
    return {
        "ZONES": zone_file(tmp_path),
        "CHANGE_ZONE_STATS": write_geojson(tmp_path / "stats.geojson", stats),
        "ZONE_SERIES": write_geojson(tmp_path / "series.geojson", series_rows),
        "PORT_CALLS": write_geojson(tmp_path / "calls.geojson", calls),
        "DETECTIONS": write_geojson(tmp_path / "detections.geojson", detections),
        "MISSED": write_geojson(tmp_path / "missed.geojson", missed),
    }


LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"})


def pdf_pages(path) -> list:
    """Return the PDF's pages as text (pdftotext -layout), whitespace runs folded to one space."""
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True)
    # The PDF's fonts draw "fi", "fl"... as ligature glyphs, which pdftotext returns as such.
    text = out.stdout.translate(LIGATURES)
    return [re.sub(r"[ \t]+", " ", page) for page in text.split("\f")[:-1]]


def run_report(params):
    import processing

    return processing.run("rason:monitoringreport", params)


def test_report_figures_come_from_the_inputs(rason_provider, inputs, tmp_path):
    output = tmp_path / "report.pdf"
    result = run_report(dict(inputs, TITLE="Test report", OUTPUT=str(output)))
    pages = pdf_pages(output)
    # cover + 3 zones + vessels + provenance (each short enough for one page)
    assert result["PAGES"] == 6 and len(pages) == 6
    cover, port_a, port_b, yard_c, vessels, provenance = pages
    # The PDF has the permissions of any new file of the user's (0666 less the umask), not a
    # temporary file's private 0600.
    import os

    umask = os.umask(0o022)
    os.umask(umask)
    assert output.stat().st_mode & 0o777 == 0o666 & ~umask
    # Period: earliest time is the series start 2026-03-01 00:00, latest the series end 2026-04-06
    # 00:00 (calls end 03-21, detections are at 03-25).
    assert "Period covered: 2026-03-01 00:00 to 2026-04-06 00:00 UTC" in cover
    assert "Test report" in cover
    # 3 calls, 3 detections of which 2 have status 'dark', 1 missed vessel.
    for line in ("Zones: 3", "Port calls: 3", "Ship detections: 3", "Dark vessels: 2",
                 "AIS vessels expected but not seen: 1"):
        assert line in cover
    assert "Zone: Port A" in port_a
    assert "Valid area: 2,000,000 m²" in port_a and "Changed area: 50,000 m²" in port_a
    assert "Changed: 2.50 %" in port_a and "Change regions: 4" in port_a
    # The series table is in time order though the file is not; changed % = changed / 20,000 m²
    # (valid 2,000,000 m² / 100): 10,000 -> 0.50, 25,000 -> 1.25, 40,000 -> 2.00.
    rows = re.findall(r"(2026-\d\d-\d\d - 2026-\d\d-\d\d) ([\d,]+) ([\d,]+) ([\d,]+) ([\d.]+)", port_a)
    assert rows == [("2026-03-01 - 2026-03-13", "10,000", "6,000", "4,000", "0.50"),
                    ("2026-03-13 - 2026-03-25", "25,000", "15,000", "10,000", "1.25"),
                    ("2026-03-25 - 2026-04-06", "40,000", "30,000", "10,000", "2.00")]
    # Port A's calls: ALPHA STAR (36.0 h) and BETA (12.5 h); GAMMA called at Port B.
    assert "Port calls: 2" in port_a
    assert re.search(r"ALPHA STAR 2026-03-02 06:00 2026-03-03 18:00 36\.0", port_a)
    assert re.search(r"BETA 2026-03-10 00:00 2026-03-10 12:30 12\.5", port_a)
    assert "GAMMA" not in port_a and re.search(r"GAMMA 2026-03-20 08:00 2026-03-21 08:00 24\.0", port_b)
    assert "No change figures for this zone in CHANGE_ZONE_STATS." in port_b
    assert "No activity series for this zone in ZONE_SERIES." in port_b
    # Yard C: 12,345 m² of 500,000 m² is 2.469 % -> 2.47; no call there.
    assert "Changed area: 12,345 m²" in yard_c and "Changed: 2.47 %" in yard_c
    assert "No port calls in this period." in yard_c
    assert "3 ship detections, 1 matched to AIS, 2 dark" in vessels
    # D2 lies inside Port A (0.0 km). D3 at (130.43 E, 42.30 N) is 0.01 degree of longitude east
    # of Port B's edge: 0.01 * pi/180 * N(42.3) * cos(42.3) with N = a / sqrt(1 - e² sin²) =
    # 6,387.8 km on WGS 84 gives 0.825 km -> "0.8".
    assert re.search(r"D2 42\.2500, 130\.3100 150 2026-03-25 09:30 Port A 0\.0", vessels)
    assert re.search(r"D3 42\.3000, 130\.4300 120 2026-03-25 09:30 Port B 0\.8", vessels)
    assert re.search(r"DELTA 444444444 42\.2700, 130\.3500", vessels)
    assert re.search(r"Port A ALPHA STAR 2026-03-02 06:00 2026-03-03 18:00 36\.0", vessels)
    for key, path in inputs.items():
        digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
        assert f"path: {path}" in provenance, key
        assert f"SHA-256: {digest}" in provenance, key
    assert "TITLE = Test report" in provenance and f"OUTPUT = {output}" in provenance
    # Radar inputs of 2026 are given; no input names the World Port Index or OpenStreetMap.
    assert "Contains modified Copernicus Sentinel data 2026" in provenance
    assert "World Port Index" not in provenance and "OpenStreetMap" not in provenance
    from osgeo import gdal
    from qgis.core import Qgis

    assert f"QGIS {Qgis.QGIS_VERSION}" in provenance and f"GDAL {gdal.__version__}" in provenance


def test_same_inputs_give_the_same_text(rason_provider, inputs, tmp_path):
    first, second = tmp_path / "a" / "report.pdf", tmp_path / "b" / "report.pdf"
    for output in (first, second):
        output.parent.mkdir()
    run_report(dict(inputs, OUTPUT=str(first)))
    run_report(dict(inputs, OUTPUT=str(second)))
    # Only the OUTPUT parameter line differs (it names each file).
    a = [p.replace(str(first), "OUT") for p in pdf_pages(first)]
    b = [p.replace(str(second), "OUT") for p in pdf_pages(second)]
    assert a == b


def test_missing_inputs_give_no_data_pages(rason_provider, tmp_path):
    # Nothing but OUTPUT: the zones are the plugin's three monitoring areas, every section says
    # its input was not given, no page is dropped (cover + 3 zones + vessels + provenance).
    output = tmp_path / "empty.pdf"
    run_report({"OUTPUT": str(output)})
    pages = pdf_pages(output)
    assert len(pages) == 6
    cover, *zones, vessels, provenance = pages
    assert "Period covered: the inputs hold no dates" in cover
    assert "Port calls: not given (PORT_CALLS)" in cover
    for page, name in zip(zones, ("Rajin port area", "Sonbong port area", "Tumangang rail yard")):
        assert f"Zone: {name}" in page
        assert "No change figures: CHANGE_ZONE_STATS was not given." in page
        assert "No activity series: ZONE_SERIES was not given." in page
        assert "No port calls: PORT_CALLS was not given." in page
    assert "No ship detections: DETECTIONS was not given." in vessels
    assert "Not checked: MISSED was not given." in vessels
    # The default zones are read from a copy; provenance names the shipped file and its checksum.
    from rason_plugin.layers.catalogue import REFERENCE_GPKG

    digest = hashlib.sha256(REFERENCE_GPKG.read_bytes()).hexdigest()
    assert f"path: {REFERENCE_GPKG}" in provenance and f"SHA-256: {digest}" in provenance
    # The monitoring areas' metadata credits the World Port Index; no radar input, no Copernicus line.
    assert "NGA World Port Index (public domain)" in provenance
    assert "Copernicus" not in provenance


def test_empty_port_calls_say_no_port_calls_in_this_period(rason_provider, inputs, tmp_path):
    empty_calls = tmp_path / "no_calls.geojson"
    empty_calls.write_text(json.dumps({"type": "FeatureCollection", "features": [{
        "type": "Feature", "geometry": None, "properties": {
            "mmsi": "1", "vessel_name": "X", "port": "Elsewhere", "arrival": "2026-03-02T06:00:00Z",
            "departure": "2026-03-02T07:00:00Z", "dwell_hours": 1.0}}]}))
    output = tmp_path / "report.pdf"
    run_report({"ZONES": inputs["ZONES"], "PORT_CALLS": str(empty_calls), "OUTPUT": str(output)})
    pages = pdf_pages(output)
    # The one call is at a port that is no zone: every zone page says none; the vessels page lists it.
    for page in pages[1:4]:
        assert "No port calls in this period." in page
    assert re.search(r"Elsewhere X 2026-03-02 06:00 2026-03-02 07:00 1\.0", pages[4])


def test_bad_input_names_the_input_and_the_field(rason_provider, inputs, tmp_path):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=r"PORT_CALLS has no field 'port'"):
        run_report({"PORT_CALLS": inputs["CHANGE_ZONE_STATS"], "OUTPUT": str(tmp_path / "r.pdf")})
    assert not list(tmp_path.glob("*.pdf"))


def small_raster(path, width=400, height=100):
    """Write a small WGS 84 GeoTIFF over the test zones and return its path."""
    import numpy as np
    from osgeo import gdal, osr

    ds = gdal.GetDriverByName("GTiff").Create(str(path), width, height, 1, gdal.GDT_Byte)
    ds.SetGeoTransform((130.29, 0.0006, 0, 42.22, 0, -0.0003))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(4326)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray((np.arange(width * height).reshape(height, width) % 251).astype(np.uint8))
    ds = None
    return str(path)


def test_ten_zones_with_a_raster_layer(rason_provider, tmp_path):
    # 10 zones, a 12-date series each and a raster drawn in every map: all pages are written
    # (cover + 10 zones + vessels + provenance). Time is measured by hand, not asserted.
    zones = [(f"Zone {i:02d}", "port", (130.30 + 0.02 * i, 42.20, 130.31 + 0.02 * i, 42.21))
             for i in range(10)]
    series_rows = []
    for name, _k, _b in zones:
        for d in range(11):
            series_rows.append((None, {"zone": name, "start": f"2026-01-{1 + d:02d}T00:00:00Z",
                                  "end": f"2026-01-{2 + d:02d}T00:00:00Z", "changed_area_m2": 1000.0 * d,
                                  "brighter_area_m2": 600.0 * d, "darker_area_m2": 400.0 * d}))
    raster = small_raster(tmp_path / "scene.tif")
    output = tmp_path / "ten.pdf"
    result = run_report({"ZONES": zone_file(tmp_path, zones), "OUTPUT": str(output), "LAYERS": [str(raster)],
                         "ZONE_SERIES": write_geojson(tmp_path / "series.geojson", series_rows)})
    pages = pdf_pages(output)
    assert result["PAGES"] == 13 and len(pages) == 13
    assert [re.search(r"Zone: (Zone \d\d)", p).group(1) for p in pages[1:11]] == [z[0] for z in zones]


def test_qgis_process_writes_the_report(installed_plugin, inputs, tmp_path):
    from qgis_tools import clean_qgis_env, qgis_process_executable

    plugins, _ = installed_plugin
    env = clean_qgis_env(tmp_path / "home", plugin_path=plugins)
    output = tmp_path / "cli.pdf"
    args = [f"{key}={path}" for key, path in inputs.items() if key in ("ZONES", "PORT_CALLS")]
    rasters = [small_raster(tmp_path / f"layer_{i}.tif") for i in range(2)]
    args += [f"LAYERS={path}" for path in rasters]  # a list parameter: the key repeated
    result = subprocess.run([qgis_process_executable(), "run", "rason:monitoringreport", "--", *args,
                             f"OUTPUT={output}"], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    pages = pdf_pages(output)
    # ZONES and PORT_CALLS only: 3 zone pages, Port A's two calls, the other inputs reported missing.
    assert len(pages) == 6 and "Port calls: 2" in pages[1]
    assert "No ship detections: DETECTIONS was not given." in pages[4]
    for path in rasters:
        assert f"path: {path}" in pages[5]


def report_model():
    """Return a two-step model: change detection's zone statistics feed the report (the Modeler's wiring)."""
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterRasterLayer,
    )
    from qgis.core import QgsProcessingModelChildParameterSource as Source

    from rason_plugin.compat import SourceType

    model = QgsProcessingModelAlgorithm("report chain", "tests")
    for definition in (QgsProcessingParameterRasterLayer("BEFORE", "Before"),
                       QgsProcessingParameterRasterLayer("AFTER", "After"),
                       QgsProcessingParameterFeatureSource("ZONES", "Zones", [SourceType.VectorPolygon])):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))

    def child(child_id, algorithm_id, sources, outputs):
        step = QgsProcessingModelChildAlgorithm(algorithm_id)
        step.setChildId(child_id)
        for name, source in sources.items():
            step.addParameterSources(name, [source])
        kept = {}
        for child_output, model_output in outputs.items():
            output = QgsProcessingModelOutput(model_output)
            output.setChildId(child_id)
            output.setChildOutputName(child_output)
            kept[model_output] = output
        step.setModelOutputs(kept)
        model.addChildAlgorithm(step)

    param, static = Source.fromModelParameter, Source.fromStaticValue
    child("change", "rason:changedetection", {
        "BEFORE": param("BEFORE"), "AFTER": param("AFTER"), "ZONES": param("ZONES"),
        "METHOD": static(0), "THRESHOLD": static(0), "ALPHA": static(0.0001), "MIN_AREA": static(0.0),
        "RESAMPLING": static(1), "MAX_ITERATIONS": static(30), "REGULARISATION": static(0.0),
    }, {"OUTPUT_ZONE_STATS": "ZONE_STATS", "OUTPUT_MASK": "MASK"})
    child("report", "rason:monitoringreport", {
        "ZONES": param("ZONES"), "CHANGE_ZONE_STATS": Source.fromChildOutput("change", "OUTPUT_ZONE_STATS"),
        "LAYERS": param("AFTER"), "TITLE": static("Model report"),
    }, {"OUTPUT": "REPORT"})
    return model


def test_report_runs_in_a_model_after_change_detection(rason_provider, tmp_path):
    import shutil

    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsVectorLayer

    from rason_plugin.layers.catalogue import REFERENCE_GPKG, layer_uri
    from sample_data import synthetic

    scenes = synthetic.write_scene_pair(tmp_path, None)
    reference = tmp_path / "reference.gpkg"  # a copy: the shipped GeoPackage must stay as built
    shutil.copyfile(REFERENCE_GPKG, reference)
    model = report_model()
    context, feedback = QgsProcessingContext(), QgsProcessingFeedback()
    result = model.run({
        "BEFORE": str(scenes.before), "AFTER": str(scenes.after),
        "ZONES": layer_uri(reference, "monitoring_areas"),
        "change:ZONE_STATS": str(tmp_path / "stats.gpkg"), "change:MASK": str(tmp_path / "mask.tif"),
        "report:REPORT": str(tmp_path / "model.pdf"),
    }, context, feedback)[0]
    pages = pdf_pages(result["report:REPORT"])
    # The oracle is the zone-statistics table the first step wrote, read here on its own.
    stats = QgsVectorLayer(result["change:ZONE_STATS"], "stats", "ogr")
    by_zone = {f["zone"]: f for f in stats.getFeatures()}
    rajin = by_zone["Rajin port area (approximate)"]
    assert rajin["changed_area_m2"] > 0  # the synthetic yard and ships changed
    page = next(p for p in pages if "Zone: Rajin port area" in p)
    assert f"Changed area: {rajin['changed_area_m2']:,.0f} m²" in page
    assert f"Valid area: {rajin['valid_area_m2']:,.0f} m²" in page
    assert "Model report" in pages[0]


def test_cancelled_run_leaves_no_pdf(rason_provider, inputs, tmp_path):
    from qgis.core import QgsProcessingFeedback

    class CancelAtExport(QgsProcessingFeedback):
        """Cancels when the pages are laid out, so the export step sees the cancel."""

        def pushInfo(self, info):  # noqa: N802
            super().pushInfo(info)
            if "pages laid out" in info:
                self.cancel()

    import processing

    folder = tmp_path / "out"
    folder.mkdir()
    old = folder / "report.pdf"
    old.write_bytes(b"the user's previous report")
    result = processing.run("rason:monitoringreport", dict(inputs, OUTPUT=str(old)),
                            feedback=CancelAtExport())
    assert result == {}
    # The previous file is untouched and no partial file is left beside it.
    assert old.read_bytes() == b"the user's previous report"
    assert [p.name for p in folder.iterdir()] == ["report.pdf"]


def test_port_calls_from_the_port_calls_algorithm(rason_provider, tmp_path):
    # The real producer: synthetic AIS -> rason:importais -> rason:portcalls (GeoPackage, DateTime
    # fields) -> the report. The oracle reads the GeoPackage with OGR, apart from QGIS.
    import processing
    from osgeo import ogr

    from sample_data import synthetic_ais

    ais = synthetic_ais.write_ais(tmp_path)
    positions = processing.run("rason:importais", {"INPUT": str(ais["nmea"]),
                                                   "OUTPUT": str(tmp_path / "positions.gpkg")})["OUTPUT"]
    calls = processing.run("rason:portcalls", {
        "INPUT": positions, "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "OUTPUT": str(tmp_path / "calls.gpkg"), "OUTPUT_SUMMARY": str(tmp_path / "summary.gpkg")})["OUTPUT"]
    path = calls.split("|", 1)[0]
    output = tmp_path / "report.pdf"
    run_report({"PORT_CALLS": path, "OUTPUT": str(output)})
    vessels = pdf_pages(output)[4]
    ds = ogr.Open(path)
    expected = []
    for feature in ds.GetLayer(0):
        # OGR gives (year, month, day, hour, minute, second, tz flag). rason:portcalls writes UTC;
        # the GeoPackage text may carry no zone (flag 0), and is still UTC.
        arrival = feature.GetFieldAsDateTime("arrival")
        departure = feature.GetFieldAsDateTime("departure")
        assert arrival[6] in (0, 100) and departure[6] in (0, 100)
        vessel = feature.GetField("vessel_name") or feature.GetField("mmsi")
        expected.append((feature.GetField("port"), vessel,
                         "{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format(*arrival[:5]),
                         "{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format(*departure[:5]),
                         f"{feature.GetField('dwell_hours'):.1f}"))
    ds = None
    assert len(expected) == 5  # the demo's synthetic log holds five calls (tests/qgis/test_model.py)
    for row in expected:
        assert " ".join(row) in vessels, row
    digest = hashlib.sha256(open(path, "rb").read()).hexdigest()
    assert f"SHA-256: {digest}" in pdf_pages(output)[5]


@pytest.fixture
def seoul_clock():
    """Run the test with the machine's clock in Korea (UTC+9), as an analyst in Rason has it."""
    import os
    import time

    before = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Seoul"
    time.tzset()
    yield
    if before is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = before
    time.tzset()


def test_times_without_a_zone_are_utc_on_a_korean_clock(seoul_clock):
    from datetime import datetime, timezone

    from qgis.PyQt.QtCore import QDate, QDateTime, Qt, QTime

    from rason_plugin.rason_processing.report_inputs import to_datetime

    # What QGIS hands out for the port-call GeoPackage's "2026-03-02T06:00:00.000": a local time.
    naive = QDateTime(QDate(2026, 3, 2), QTime(6, 0), Qt.TimeSpec.LocalTime)
    # 2026-03-02 06:00 UTC is 1,772,431,200 s (calendar.timegm); read as Seoul time it is 9 h earlier.
    assert naive.toMSecsSinceEpoch() == (1772431200 - 9 * 3600) * 1000
    assert to_datetime(naive) == datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
    # A time that says it is UTC stays UTC; one with an offset is converted (15:00+09:00 = 06:00Z).
    assert to_datetime(QDateTime(QDate(2026, 3, 2), QTime(6, 0), Qt.TimeSpec.UTC)) == \
        datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)
    assert to_datetime(QDateTime(QDate(2026, 3, 2), QTime(15, 0), Qt.TimeSpec.OffsetFromUTC, 9 * 3600)) == \
        datetime(2026, 3, 2, 6, 0, tzinfo=timezone.utc)


def test_zone_named_only_by_the_statistics_gets_its_own_page(rason_provider, inputs, tmp_path):
    # "Old zone" is in CHANGE_ZONE_STATS but not in ZONES: it is not dropped, it gets a page after
    # the three ZONES pages, saying so, with its figures.
    stats = write_geojson(tmp_path / "stats_old.geojson", [(None, {
        "zone": "Old zone", "valid_area_m2": 1000.0, "changed_area_m2": 250.0, "changed_pct": 25.0,
        "n_regions": 2})])
    output = tmp_path / "report.pdf"
    result = run_report({"ZONES": inputs["ZONES"], "CHANGE_ZONE_STATS": stats, "OUTPUT": str(output)})
    pages = pdf_pages(output)
    assert result["PAGES"] == 7  # cover + 3 + 1 zone pages + vessels + provenance
    old = pages[4]
    assert "Zone: Old zone" in old and "This zone is not in ZONES" in old
    assert "Changed area: 250 m²" in old and "Changed: 25.00 %" in old


def test_no_zone_and_no_layer_says_why_there_is_no_map(rason_provider, tmp_path):
    from qgis.core import QgsVectorLayer

    empty = QgsVectorLayer("Polygon?crs=EPSG:4326&field=name:string", "no zones", "memory")
    output = tmp_path / "report.pdf"
    result = run_report({"ZONES": empty, "OUTPUT": str(output)})
    pages = pdf_pages(output)
    assert result["PAGES"] == 3  # cover, vessels, provenance: no zone, no zone page
    assert "Zones: 0" in pages[0]
    assert "No map: the zones have no geometry and no LAYERS were given." in pages[0]
    assert "ZONES: no zones" in pages[2] and "not a file (memory layer)" in pages[2]


def test_zone_series_from_the_sar_change_algorithm(rason_provider, tmp_path, series):  # noqa: F811
    # The real producer: rason:sarchange on the planted 10-date series of its own tests writes
    # ZONE_SERIES; the oracle reads that GeoPackage with OGR, apart from QGIS.
    import processing
    from osgeo import ogr
    from test_sar_change_algorithm import outputs, zones_file

    paths, _stack = series
    zones = zones_file(tmp_path, {"ship": (500000, 4699900, 500400, 4700000),
                                  "build": (500000, 4699700, 500200, 4699800)})
    res = processing.run("rason:sarchange", dict(INPUT=paths, ALPHA=0.001, ZONES=zones,
                                                 OUTPUT_ZONE_SERIES=str(tmp_path / "series.gpkg"),
                                                 **outputs(tmp_path)))
    series_path = res["OUTPUT_ZONE_SERIES"].split("|", 1)[0]
    output = tmp_path / "report.pdf"
    run_report({"ZONES": zones, "ZONE_SERIES": series_path, "OUTPUT": str(output)})
    pages = pdf_pages(output)
    by_zone = {re.search(r"Zone: (\w+)", p).group(1): p for p in pages[1:3]}
    ds = ogr.Open(series_path)
    rows = 0
    for feature in ds.GetLayer(0):
        start, end = feature.GetFieldAsDateTime("start"), feature.GetFieldAsDateTime("end")
        expected = "{:04d}-{:02d}-{:02d} - {:04d}-{:02d}-{:02d} {:,.0f} {:,.0f} {:,.0f} {:.2f}".format(
            *start[:3], *end[:3], feature.GetField("changed_area_m2"), feature.GetField("brighter_area_m2"),
            feature.GetField("darker_area_m2"), feature.GetField("changed_pct"))
        assert expected in by_zone[feature.GetField("zone")], expected
        rows += 1
    ds = None
    assert rows == 18  # 2 zones x 9 intervals of 10 dates
    # Radar input dated 2023 -> the Copernicus credit with that year.
    assert "Contains modified Copernicus Sentinel data 2023" in pages[-1]


def test_dark_vessels_from_the_dark_vessels_algorithm(rason_provider, tmp_path):
    # The real producers: rason:shipdetection then rason:darkvessels on the simulated scene of
    # their own tests (scene 3, AIS seed 4). The oracle reads their GeoPackages with OGR.
    import processing
    import ships_synthetic as ss
    from osgeo import ogr
    from test_ship_algorithms import write_ais, write_scene

    scene = ss.make_scene(3)
    tif, land = write_scene(scene, tmp_path)
    write_ais(ss.add_ais(scene, seed=4), tmp_path / "ais.gpkg")
    ships = processing.run("rason:shipdetection", {
        "INPUT": str(tif), "LAND": str(land), "ACQUISITION_TIME": "2023-11-14T22:13:20Z",
        "OUTPUT": str(tmp_path / "ships.gpkg")})["OUTPUT"]
    result = processing.run("rason:darkvessels", {
        "DETECTIONS": ships, "INPUT": str(tmp_path / "ais.gpkg"), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
        "SCENE": str(tif), "LAND": str(land), "INCIDENCE_ANGLE": ss.INCIDENCE,
        "RANGE_VELOCITY_RATIO": ss.R_OVER_V, "PLATFORM_HEADING": ss.HEADING,
        "OUTPUT": str(tmp_path / "dark.gpkg"), "OUTPUT_MISSED": str(tmp_path / "missed.gpkg")})
    detections, missed = (result[k].split("|", 1)[0] for k in ("OUTPUT", "OUTPUT_MISSED"))
    output = tmp_path / "report.pdf"
    run_report({"DETECTIONS": detections, "MISSED": missed, "OUTPUT": str(output)})
    pages = pdf_pages(output)
    vessels = "\n".join(p for p in pages if p.lstrip().startswith("Vessels"))
    ds = ogr.Open(detections)
    status = [f.GetField("status") for f in ds.GetLayer(0)]
    dark = [(f.GetField("det_id"), f.GetField("length_m"), f.GetFieldAsDateTime("acq_time"))
            for f in ds.GetLayer(0) if f.GetField("status") == "dark"]
    ds = None
    assert dark and status.count("matched")  # the scene has both, by its construction
    assert (f"{len(status)} ship detections, {status.count('matched')} matched to AIS, "
            f"{len(dark)} dark") in vessels
    assert f"Dark vessels: {len(dark)}" in pages[0]
    for det_id, length, when in dark:
        stamp = "{:04d}-{:02d}-{:02d} {:02d}:{:02d}".format(*when[:5])
        row = rf"\n{re.escape(str(det_id))} -?[\d.]+, -?[\d.]+ {length:,.0f} {stamp} "
        assert re.search(row, vessels), det_id
    ds = ogr.Open(missed)
    missed_mmsi = [f.GetField("mmsi") for f in ds.GetLayer(0)]
    ds = None
    assert f"AIS vessels expected but not seen: {len(missed_mmsi)}" in pages[0]
    for mmsi in missed_mmsi:
        assert f" {mmsi} " in vessels


KEEP_ERROR_SCRIPT = """
import sys
from qgis.core import QgsApplication
app = QgsApplication([], False)
app.initQgis()
sys.path.insert(0, {processing!r})
sys.path.insert(0, {root!r})
from processing.core.Processing import Processing
Processing.initialize()
from rason_plugin.rason_processing.provider import RasonProvider
provider = RasonProvider()
QgsApplication.processingRegistry().addProvider(provider)
import processing
try:
    processing.run("rason:monitoringreport", {{"PORT_CALLS": {calls!r}, "OUTPUT": {output!r}}})
except Exception:
    kept = sys.exc_info()  # as pytest keeps a failed test's error until the session ends
    print("error kept")
app.exitQgis()
"""


def test_an_error_kept_after_qgis_exits_does_not_crash_python(inputs, tmp_path, repo_root):
    # The default zones are read from a layer made in Python; an error's traceback held it, so it
    # was deleted after QGIS had exited, and the interpreter crashed on exit (signal 11).
    import sys

    from qgis.core import QgsApplication

    script = tmp_path / "keep_error.py"
    script.write_text(KEEP_ERROR_SCRIPT.format(
        processing=str(Path(QgsApplication.pkgDataPath()) / "python" / "plugins"), root=str(repo_root),
        calls=inputs["CHANGE_ZONE_STATS"], output=str(tmp_path / "r.pdf")))
    from qgis_tools import clean_qgis_env

    result = subprocess.run([sys.executable, str(script)], capture_output=True, text=True,
                            env=clean_qgis_env(tmp_path / "home"), timeout=300)
    assert "error kept" in result.stdout, result.stderr
    assert result.returncode == 0, result.stderr
