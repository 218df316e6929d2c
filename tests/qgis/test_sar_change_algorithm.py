"""rason:sarchange through processing.run: planted changes, real Sentinel-1 data, bad input, cancel."""
from __future__ import annotations

import datetime as dt
import glob
import os
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from test_batch import batch_dialog  # noqa: F401 (the fixture that drives QGIS's batch dialog)

ALG = "rason:sarchange"
BOLIVIA = Path(__file__).resolve().parents[1] / "data" / "sar" / "s1_bolivia_vv_db"
pytestmark = pytest.mark.usefixtures("rason_provider")
ORIGIN = (500000.0, 4700000.0)  # UTM 52N, 10 m pixels


def run(params, feedback=None):
    import processing

    return processing.run(ALG, params, feedback=feedback)


def write_tif(path, arr, nodata=None, origin=ORIGIN, pixel=10.0, epsg=32652, metadata=None):
    arr = np.asarray(arr, dtype=np.float32)
    if arr.ndim == 2:
        arr = arr[None]
    ds = gdal.GetDriverByName("GTiff").Create(str(path), arr.shape[2], arr.shape[1], arr.shape[0],
                                              gdal.GDT_Float32)
    ds.SetGeoTransform((origin[0], pixel, 0, origin[1], 0, -pixel))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    ds.SetProjection(srs.ExportToWkt())
    for i in range(arr.shape[0]):
        band = ds.GetRasterBand(i + 1)
        if nodata is not None:
            band.SetNoDataValue(nodata)
        band.WriteArray(arr[i])
    if metadata:
        ds.SetMetadata(metadata)
    ds = None
    return str(path)


def zones_file(tmp_path, boxes, epsg=32652, name="zones.gpkg"):
    """Rectangles (x0, y0, x1, y1) in the raster CRS, named."""
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(epsg)
    path = str(tmp_path / name)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer("zones", srs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    for zname, (x0, y0, x1, y1) in boxes.items():
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("name", zname)
        feat.SetGeometry(ogr.CreateGeometryFromWkt(
            f"POLYGON(({x0} {y0},{x1} {y0},{x1} {y1},{x0} {y1},{x0} {y0}))"))
        lyr.CreateFeature(feat)
    ds = None
    return path


@pytest.fixture
def series(tmp_path):
    """10 dates, 2 bands (VV, VH), 40 x 40, gamma speckle ENL 4.4; a 20 dB ship on dates 4-5 (rows 0-9),
    a permanent 10 dB brighter building from date 7 (rows 20-29, cols 0-19); nodata at pixel (39, 39)."""
    rng = np.random.default_rng(21)
    k = 10
    stack = rng.gamma(4.4, 1 / 4.4, (k, 2, 40, 40)).astype(np.float32)
    stack[3:5, :, 0:10, :] *= 100.0
    stack[6:, :, 20:30, 0:20] *= 10.0
    start = dt.date(2023, 1, 3)
    paths = []
    for d in range(k):
        img = stack[d].copy()
        img[:, 39, 39] = -9999.0
        when = start + dt.timedelta(days=12 * d)
        paths.append(write_tif(tmp_path / f"S1A_IW_GRDH_1SDV_{when:%Y%m%d}T093000_{when:%Y%m%d}T093025_x.tif",
                               img, nodata=-9999.0))
    return paths, stack


def outputs(tmp_path, **extra):
    out = {key: str(tmp_path / f"{key.lower()}.tif")
           for key in ("OUTPUT_FIRST", "OUTPUT_LAST", "OUTPUT_FREQUENCY", "OUTPUT_INTERVALS")}
    out.update(extra)
    return out


def read(path):
    return gdal.Open(str(path)).ReadAsArray()


def test_planted_changes_zone_series_and_chart(tmp_path, series):
    from qgis.core import QgsVectorLayer

    paths, _stack = series
    zones = zones_file(tmp_path, {"ship": (500000, 4699900, 500400, 4700000),      # rows 0-9, all cols
                                  "build": (500000, 4699700, 500200, 4699800)})   # rows 20-29, cols 0-19
    res = run(dict(INPUT=list(reversed(paths)), ALPHA=0.001, ZONES=zones,
                   OUTPUT_ZONE_SERIES=str(tmp_path / "series.gpkg"),
                   OUTPUT_CHART=str(tmp_path / "chart.html"),
                   OUTPUT_PVALUES=str(tmp_path / "pv.tif"), **outputs(tmp_path)))
    assert res["N_DATES"] == 10 and res["N_SKIPPED"] == 0
    intervals = read(res["OUTPUT_INTERVALS"])
    assert intervals.shape == (9, 40, 40)
    # the files were given newest first: sorted by the dates in their names. Ship on dates 4-5
    # (1-based): appears at interval 3 (brighter), leaves at interval 5 (darker)
    assert (intervals[2, 0:10] == 1).mean() > 0.95 and (intervals[4, 0:10] == 2).mean() > 0.95
    # the building from date 7: interval 6, brighter
    assert (intervals[5, 20:30, 0:20] == 1).mean() > 0.95
    # nodata at one date is nodata in every output
    for key in ("OUTPUT_FIRST", "OUTPUT_LAST", "OUTPUT_FREQUENCY"):
        assert read(res[key])[39, 39] == 255
    assert (intervals[:, 39, 39] == 255).all()
    assert read(res["OUTPUT_PVALUES"])[0, 39, 39] == -1
    first = read(res["OUTPUT_FIRST"])
    assert (first[0:10] == 3).mean() > 0.9
    ds = gdal.Open(res["OUTPUT_INTERVALS"])
    assert ds.GetRasterBand(3).GetDescription() == "interval 3: 2023-01-27 to 2023-02-08"
    # zone series: 2 zones x 9 intervals; the ship zone is 10 x 40 px of 100 m2 = 40 000 m2 valid
    lyr = QgsVectorLayer(res["OUTPUT_ZONE_SERIES"], "s", "ogr")
    feats = list(lyr.getFeatures())
    assert len(feats) == 18
    ship = {f["end"].toPyDateTime().date(): f for f in feats if f["zone"] == "ship"}
    row = ship[dt.date(2023, 2, 8)]
    assert row["valid_area_m2"] == pytest.approx(40000.0)
    assert row["changed_pct"] > 95 and row["brighter_area_m2"] > 0.95 * 40000
    assert row["start"].toPyDateTime().date() == dt.date(2023, 1, 27)
    html = Path(res["OUTPUT_CHART"]).read_text(encoding="utf-8")
    assert "<svg" in html and "ship" in html and "build" in html and "2023-02-08" in html


def test_png_chart_and_single_band(tmp_path, series):
    from qgis.PyQt.QtGui import QImage

    paths, _ = series
    zones = zones_file(tmp_path, {"all": (500000, 4699600, 500400, 4700000)})
    res = run(dict(INPUT=paths, BANDS="1", ZONES=zones, OUTPUT_CHART=str(tmp_path / "chart.png"),
                   **outputs(tmp_path)))
    image = QImage(res["OUTPUT_CHART"])
    assert not image.isNull() and image.width() >= 900
    # single band (VV only): the ship is still found at interval 3
    assert (read(res["OUTPUT_INTERVALS"])[2, 0:10] == 1).mean() > 0.9


@pytest.mark.parametrize("units", [1, 2])
def test_amplitude_and_decibels_give_the_linear_result(tmp_path, series, units):
    paths, stack = series
    # the same intensities written as amplitude (sqrt) or dB (10 log10): identical decisions
    conv = []
    for d, p in enumerate(paths):
        img = np.sqrt(stack[d]) if units == 1 else 10 * np.log10(stack[d])
        img[:, 39, 39] = -9999.0
        conv.append(write_tif(tmp_path / f"conv_{os.path.basename(p)}", img, nodata=-9999.0))
    (tmp_path / "lin").mkdir()
    (tmp_path / "other").mkdir()
    lin = run(dict(INPUT=paths, **outputs(tmp_path / "lin")))
    other = run(dict(INPUT=conv, UNITS=units, **outputs(tmp_path / "other")))
    a, b = read(lin["OUTPUT_INTERVALS"]), read(other["OUTPUT_INTERVALS"])
    # float32 round trips move a few p-values across ALPHA at most
    assert (a != b).mean() < 1e-3


def _err(tmp_path, match, **params):
    from qgis.core import QgsProcessingException

    with pytest.raises(QgsProcessingException, match=match):
        run(dict(**params, **outputs(tmp_path)))
    # no output file of any kind is left behind
    assert not any(Path(tmp_path).glob("output_*.tif")) and not any(Path(tmp_path).glob(".*partial*"))


def test_bad_input_errors_name_the_scene(tmp_path, series):
    paths, stack = series
    _err(tmp_path, "at least 2 dates", INPUT=paths[:1])
    _err(tmp_path, "ALPHA", INPUT=paths, ALPHA=1.5)
    _err(tmp_path, "ENL is 0.5", INPUT=paths, ENL=0.5)
    _err(tmp_path, r"INPUT 2 .* same date", INPUT=paths[:2], DATES="2023-01-01,2023-01-01")
    _err(tmp_path, "DATES has 1 date", INPUT=paths[:2], DATES="2023-01-01")
    nodate = write_tif(tmp_path / "scene_a.tif", stack[0])
    _err(tmp_path, r"INPUT 2 \('scene_a.tif'\) has no date", INPUT=[paths[0], nodate])
    one_band = write_tif(tmp_path / "b_2023-05-01.tif", stack[0, :1])
    _err(tmp_path, r"INPUT 2 \('b_2023-05-01.tif'\) has 1 band", INPUT=[paths[0], one_band])
    neg = write_tif(tmp_path / "n_2023-05-01.tif", -stack[0])
    _err(tmp_path, r"INPUT 2 \('n_2023-05-01.tif'\) has negative values.*Decibels", INPUT=[paths[0], neg])
    three = write_tif(tmp_path / "t_2023-05-01.tif", np.concatenate([stack[0], stack[0, :1]]))
    _err(tmp_path, r"INPUT 1 \('t_2023-05-01.tif'\) has 3 bands.*BANDS", INPUT=[three, paths[0]])


def test_other_grid_is_warped_and_metadata_dates(tmp_path, series):
    paths, stack = series
    # the second scene 100 m further east: warped onto INPUT 1's grid; its missing columns are nodata
    shifted = write_tif(tmp_path / "shifted.tif", stack[1], origin=(ORIGIN[0] + 100, ORIGIN[1]),
                        metadata={"TIFFTAG_DATETIME": "2023:01:15 09:30:00"})
    res = run(dict(INPUT=[paths[0], shifted, paths[2]], **outputs(tmp_path)))
    first = read(res["OUTPUT_FIRST"])
    assert (first[:, :10] == 255).all() and (first[:-1, 10:-1] != 255).all()


def test_cancel_leaves_no_output(tmp_path, series):
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    paths, _ = series
    feedback = QgsProcessingFeedback()
    feedback.progressChanged.connect(lambda p: feedback.cancel())
    feedback.cancel()
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run(dict(INPUT=paths, **outputs(tmp_path)), feedback=feedback)
    assert not list(Path(tmp_path).glob("output_*")) and not list(Path(tmp_path).glob(".*"))


def test_real_bolivia_series(tmp_path):
    from qgis.core import QgsProcessingFeedback, QgsVectorLayer

    paths = sorted(glob.glob(str(BOLIVIA / "*.tif")))
    assert len(paths) == 85
    # Zones from the data itself (a per-pixel mean difference, not this algorithm): the north-east
    # block (cols 56-99, rows 0-56) is 3-5 dB darker in Mar-May 2016 than in 2015, the cleared
    # forest; the south-west block (cols 0-51, rows 48-99) only ~1 dB (season), the standing forest.
    x0, y0 = 594555.0, 8003065.0
    zones = zones_file(tmp_path, {
        "clearing": (x0 + 56 * 30, y0 - 57 * 30, x0 + 100 * 30, y0),
        "forest": (x0, y0 - 100 * 30, x0 + 52 * 30, y0 - 48 * 30)}, epsg=32720)
    messages = []
    feedback = QgsProcessingFeedback()
    feedback.pushInfo = lambda m: messages.append(m)  # noqa: E731 (collects the run's messages)
    res = run(dict(INPUT=paths, UNITS=2, ENL=0, ZONES=zones, OUTPUT_ZONE_SERIES=str(tmp_path / "z.gpkg"),
                   **outputs(tmp_path)), feedback=feedback)
    # 12 dates are nodata everywhere (data README): skipped, each with a message naming it
    assert res["N_SKIPPED"] == 12 and res["N_DATES"] == 73
    assert sum("nodata everywhere: skipped" in m for m in messages) == 12
    assert any("2015-07-04-s1vv.tif" in m for m in messages)
    # the data are multi-looked to 30 m and smoothed: the estimated ENL is far above 4.4
    # (107.6 on this run; see the README)
    assert 40 < res["ENL"] < 300
    lyr = QgsVectorLayer(res["OUTPUT_ZONE_SERIES"], "z", "ogr")
    rows = [(f["zone"], f["end"].toPyDateTime(), f["changed_pct"], f["darker_area_m2"], f["valid_area_m2"])
            for f in lyr.getFeatures()]
    assert len(rows) == 2 * 72

    def mean_pct(zone, year, darker=False):
        vals = [(100 * d / v if darker else c) for z, e, c, d, v in rows if z == zone and e.year == year]
        return sum(vals) / len(vals)

    # the clearing in early 2016 shows: the cleared zone changes more in 2016 than in 2015 and
    # more than the standing forest in 2016, and mostly darker (VV drops where trees are cut)
    assert mean_pct("clearing", 2016) > 1.3 * mean_pct("clearing", 2015)
    assert mean_pct("clearing", 2016) > 2 * mean_pct("forest", 2016)
    assert mean_pct("clearing", 2016, darker=True) > 0.5 * mean_pct("clearing", 2016)


def test_batch_rows_equal_single_runs(tmp_path, series, batch_dialog):  # noqa: F811 (the fixture)
    paths, _ = series
    rows = [{"INPUT": paths[:6], "OUTPUT_FIRST": str(tmp_path / "b0_first.tif"),
             "OUTPUT_LAST": str(tmp_path / "b0_last.tif"), "OUTPUT_FREQUENCY": str(tmp_path / "b0_freq.tif"),
             "OUTPUT_INTERVALS": str(tmp_path / "b0_int.tif")},
            {"INPUT": paths[4:], "OUTPUT_FIRST": str(tmp_path / "b1_first.tif"),
             "OUTPUT_LAST": str(tmp_path / "b1_last.tif"), "OUTPUT_FREQUENCY": str(tmp_path / "b1_freq.tif"),
             "OUTPUT_INTERVALS": str(tmp_path / "b1_int.tif")}]
    _, parameters = batch_dialog(ALG, rows)
    assert all(ok for _, ok in parameters)
    for n, subset in enumerate((paths[:6], paths[4:])):
        (tmp_path / f"single{n}").mkdir()
        single = run(dict(INPUT=subset, **outputs(tmp_path / f"single{n}")))
        batch = read(tmp_path / f"b{n}_int.tif")
        assert batch.shape[0] == len(subset) - 1
        np.testing.assert_array_equal(batch, read(single["OUTPUT_INTERVALS"]))


def test_qgis_process_run(tmp_path, series, installed_plugin):
    import json
    import subprocess

    from qgis_tools import clean_qgis_env, qgis_process_executable

    paths, _ = series
    plugins, _names = installed_plugin
    env = clean_qgis_env(tmp_path / "home", plugin_path=plugins)
    out = outputs(tmp_path)
    cmd = [qgis_process_executable(), "--json", "run", ALG, "--"] + [f"INPUT={p}" for p in paths] + \
        ["ALPHA=0.001"] + [f"{k}={v}" for k, v in out.items()]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    reported = json.loads(result.stdout[result.stdout.index("{"):])["results"]
    assert reported["N_DATES"] == 10
    # the same run in this process gives the same intervals
    (tmp_path / "here").mkdir()
    here = run(dict(INPUT=paths, ALPHA=0.001, **outputs(tmp_path / "here")))
    np.testing.assert_array_equal(read(out["OUTPUT_INTERVALS"]), read(here["OUTPUT_INTERVALS"]))


def test_in_a_model_gives_what_it_gives_alone(tmp_path, series):
    """A Graphical Modeler model with the algorithm as its one step, INPUT and ZONES from the model."""
    import processing
    from qgis.core import (
        QgsProcessingModelAlgorithm,
        QgsProcessingModelChildAlgorithm,
        QgsProcessingModelChildParameterSource,
        QgsProcessingModelOutput,
        QgsProcessingModelParameter,
        QgsProcessingParameterFeatureSource,
        QgsProcessingParameterMultipleLayers,
        QgsVectorLayer,
    )

    from rason_plugin.compat import SourceType

    paths, _ = series
    zones = zones_file(tmp_path, {"ship": (500000, 4699900, 500400, 4700000)})
    model = QgsProcessingModelAlgorithm("radar", "tests")
    for definition in (QgsProcessingParameterMultipleLayers("SCENES", "Scenes", SourceType.Raster),
                       QgsProcessingParameterFeatureSource("AREAS", "Zones", [SourceType.VectorPolygon])):
        model.addModelParameter(definition, QgsProcessingModelParameter(definition.name()))
    child = QgsProcessingModelChildAlgorithm(ALG)
    child.setChildId("sar")
    child.addParameterSources("INPUT", [QgsProcessingModelChildParameterSource.fromModelParameter("SCENES")])
    child.addParameterSources("ZONES", [QgsProcessingModelChildParameterSource.fromModelParameter("AREAS")])
    for name, value in (("UNITS", 0), ("ENL", 4.4), ("ALPHA", 0.001), ("MEDIAN_FILTER", False)):
        child.addParameterSources(name, [QgsProcessingModelChildParameterSource.fromStaticValue(value)])
    model_outputs = {}
    for child_output, name in (("OUTPUT_INTERVALS", "INTERVALS"), ("OUTPUT_FIRST", "FIRST"),
                               ("OUTPUT_LAST", "LAST"), ("OUTPUT_FREQUENCY", "FREQ"),
                               ("OUTPUT_ZONE_SERIES", "SERIES")):
        output = QgsProcessingModelOutput(name)
        output.setChildId("sar")
        output.setChildOutputName(child_output)
        model_outputs[name] = output
    child.setModelOutputs(model_outputs)
    model.addChildAlgorithm(child)
    res = processing.run(model, {"SCENES": paths, "AREAS": zones,
                                 "sar:INTERVALS": str(tmp_path / "m_int.tif"),
                                 "sar:FIRST": str(tmp_path / "m_first.tif"),
                                 "sar:LAST": str(tmp_path / "m_last.tif"),
                                 "sar:FREQ": str(tmp_path / "m_freq.tif"),
                                 "sar:SERIES": str(tmp_path / "m_series.gpkg")})
    (tmp_path / "alone").mkdir()
    alone = run(dict(INPUT=paths, ALPHA=0.001, **outputs(tmp_path / "alone")))
    np.testing.assert_array_equal(read(res["sar:INTERVALS"]), read(alone["OUTPUT_INTERVALS"]))
    assert QgsVectorLayer(res["sar:SERIES"], "s", "ogr").featureCount() == 9


def test_outputs_are_styled_on_load(tmp_path, series):
    import processing
    from qgis.core import QgsProcessingContext, QgsProcessingFeedback, QgsProject, QgsRasterLayer

    paths, _ = series
    context = QgsProcessingContext()
    context.setProject(QgsProject.instance())
    res = processing.runAndLoadResults(ALG, dict(INPUT=paths, **outputs(tmp_path)), context=context,
                                       feedback=QgsProcessingFeedback())
    layers = {lyr.name(): lyr for lyr in QgsProject.instance().mapLayers().values()
              if isinstance(lyr, QgsRasterLayer) and lyr.source() in res.values()}
    try:
        intervals = layers["Change per interval"]
        # sar_intervals.qml: a palette of 0 none (transparent), 1 brighter, 2 darker, 3 mixed
        classes = intervals.renderer().classes()
        assert [c.value for c in classes] == [0, 1, 2, 3] and classes[0].color.alpha() == 0
        # the first-change ramp is stretched to the k - 1 = 9 intervals
        shader = layers["First change"].renderer().shader().rasterShaderFunction()
        assert shader.maximumValue() == pytest.approx(9.0)
    finally:
        QgsProject.instance().removeMapLayers(list(lyr.id() for lyr in layers.values()))
