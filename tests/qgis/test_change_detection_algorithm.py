"""rason:changedetection through processing.run: real Landsat pair, synthetic pair, zones, bad input."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "core"))
from change_synthetic import f1_score, make_pair, read, write_tif  # noqa: E402

ALG = "rason:changedetection"
OTB_RHO_LANDSAT = [0.0227083, 0.724907, 0.82571]  # see tests/core/test_change_detection.py
pytestmark = pytest.mark.usefixtures("rason_provider")


def run(params, feedback=None, context=None):
    import processing

    return processing.run(ALG, params, feedback=feedback, context=context)


def vector(path):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(str(path), "v", "ogr")
    assert lyr.isValid(), path
    return lyr


@pytest.fixture
def synthetic(tmp_path):
    """A 300 x 400 synthetic pair at 10 m in UTM 52N with two hand-placed changed squares."""
    b, a, _ = make_pair(seed=7, n_patches=0)
    truth = np.zeros(b.shape[1:], dtype=bool)
    truth[50:70, 40:60] = True      # 20 x 20 px = 40 000 m2, inside zone "west"
    truth[200:210, 300:305] = True  # 10 x 5 px = 5 000 m2, inside zone "east"
    a = a.astype(np.int32)
    a[:, truth] += np.array([600, -500, 700, -400])[:, None]
    a = np.clip(a, 0, 65535).astype(np.uint16)
    bp = write_tif(tmp_path / "synthetic_before.tif", b)
    ap = write_tif(tmp_path / "synthetic_after.tif", a)
    return bp, ap, truth


def zones_layer(tmp_path):
    """Two zone polygons in EPSG:4326 (reprojected by the algorithm onto the UTM grid)."""
    from osgeo import ogr, osr

    utm = osr.SpatialReference()
    utm.ImportFromEPSG(32652)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    utm.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(utm, wgs)
    path = str(tmp_path / "synthetic_zones.gpkg")
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(path)
    lyr = ds.CreateLayer("zones", wgs, ogr.wkbPolygon)
    lyr.CreateField(ogr.FieldDefn("name", ogr.OFTString))
    # Pixel-aligned rectangles in UTM (grid origin 500000, 4700000; 10 m pixels), densified so the
    # round trip through 4326 keeps every pixel centre on the same side.
    boxes = {"west": (500000.0, 4699000.0, 501000.0, 4700000.0),  # cols 0-99, rows 0-99
             "east": (502500.0, 4697000.0, 503500.0, 4698500.0)}   # cols 250-349, rows 150-299
    for name, (x0, y0, x1, y1) in boxes.items():
        ring = ogr.Geometry(ogr.wkbLinearRing)
        for x, y in ((x0, y0), (x1, y0), (x1, y1), (x0, y1), (x0, y0)):
            ring.AddPoint_2D(x, y)
        poly = ogr.Geometry(ogr.wkbPolygon)
        poly.AddGeometry(ring)
        poly.Segmentize(10.0)
        poly.Transform(ct)
        feat = ogr.Feature(lyr.GetLayerDefn())
        feat.SetField("name", name)
        feat.SetGeometry(poly)
        lyr.CreateFeature(feat)
    ds = None
    return path


def test_landsat_pair_mad_matches_otb(tmp_path, test_data):
    out = {k: str(tmp_path / f"{k.lower()}.tif")
           for k in ("OUTPUT_MASK", "OUTPUT_MAGNITUDE", "OUTPUT_VARIATES")}
    res = run({"BEFORE": str(test_data / "imagery" / "LS20010525.tif"),
               "AFTER": str(test_data / "imagery" / "LS20010626.tif"), "METHOD": 1,
               "SPATIAL": 0, **out})  # each pixel alone: the mask is then exactly chi2 > threshold
    assert np.all(np.abs(np.array(res["RHO"]) - OTB_RHO_LANDSAT) < 1e-4)
    assert res["METHOD_USED"] == "mad" and res["THRESHOLD_METHOD"] == "chi2"
    assert res["N_VALID"] == 1_000_000
    chi = read(res["OUTPUT_MAGNITUDE"])
    assert res["N_CHANGED"] == int(np.count_nonzero(chi > res["THRESHOLD_VALUE"]))
    assert res["CHANGED_AREA_M2"] == pytest.approx(res["N_CHANGED"] * 28.5 ** 2)
    assert read(res["OUTPUT_VARIATES"]).shape == (4, 1000, 1000)


def test_synthetic_pair_zones_polygons(tmp_path, synthetic):
    bp, ap, truth = synthetic
    params = {"BEFORE": bp, "AFTER": ap, "ZONES": zones_layer(tmp_path), "MIN_AREA": 1000.0,
              "OUTPUT_MASK": str(tmp_path / "mask.tif"), "OUTPUT_MAGNITUDE": str(tmp_path / "stat.tif"),
              "OUTPUT_POLYGONS": str(tmp_path / "regions.gpkg"),
              "OUTPUT_ZONE_STATS": str(tmp_path / "zones_stats.gpkg")}
    res = run(params)
    mask = read(res["OUTPUT_MASK"])
    assert res["METHOD_USED"] == "imad" and f1_score(mask, truth) >= 0.95
    # Polygons: the two squares (isolated false alarms are below MIN_AREA = 1000 m2).
    polys = sorted(((f["area_m2"], f["zone"]) for f in vector(res["OUTPUT_POLYGONS"]).getFeatures()),
                   reverse=True)
    assert polys == [(40000.0, "west"), (5000.0, "east")]
    stat = read(res["OUTPUT_MAGNITUDE"])
    means = {f["zone"]: f["mean_stat"] for f in vector(res["OUTPUT_POLYGONS"]).getFeatures()}
    assert means["west"] == pytest.approx(float(stat[50:70, 40:60].mean()), rel=1e-5)
    # Zone statistics by hand: west = 100 x 100 px, east = 100 x 150 px, all valid, 10 m pixels.
    rows = {f["zone"]: f for f in vector(res["OUTPUT_ZONE_STATS"]).getFeatures()}
    west_changed = float(np.count_nonzero(mask[0:100, 0:100] == 1)) * 100.0
    east_changed = float(np.count_nonzero(mask[150:300, 250:350] == 1)) * 100.0
    assert west_changed == pytest.approx(40000.0, abs=300) and east_changed == pytest.approx(5000.0, abs=300)
    assert rows["west"]["valid_area_m2"] == 1_000_000.0
    assert rows["west"]["changed_area_m2"] == west_changed
    assert rows["west"]["changed_pct"] == pytest.approx(west_changed / 1e4)
    assert rows["west"]["n_regions"] == 1
    assert rows["east"]["valid_area_m2"] == 1_500_000.0
    assert rows["east"]["changed_area_m2"] == east_changed
    assert rows["east"]["n_regions"] == 1


def test_methods_thresholds_and_repeated_batch_runs(tmp_path, synthetic):
    bp, ap, truth = synthetic
    seen = {}
    for i, (method, threshold) in enumerate([(0, 0), (1, 1), (2, 3), (3, 2), (4, 3), (0, 0)]):
        res = run({"BEFORE": bp, "AFTER": ap, "METHOD": method, "THRESHOLD": threshold,
                   "OUTPUT_MASK": str(tmp_path / f"m{i}.tif"),
                   "OUTPUT_MAGNITUDE": str(tmp_path / f"s{i}.tif")})
        f1 = f1_score(read(res["OUTPUT_MASK"]), truth)
        seen[i] = (res["METHOD_USED"], res["THRESHOLD_METHOD"], f1)
    assert [v[:2] for v in seen.values()] == [("imad", "chi2"), ("mad", "chi2"), ("cva", "em"),
                                              ("difference", "otsu"), ("logratio", "em"), ("imad", "chi2")]
    assert all(v[2] >= 0.9 for v in seen.values())
    # The repeated run (batch-style) gives the same mask as the first.
    assert np.array_equal(read(tmp_path / "m0.tif"), read(tmp_path / "m5.tif"))
    res = run({"BEFORE": bp, "AFTER": ap, "METHOD": 2, "THRESHOLD": 4, "MANUAL_THRESHOLD": 300.0,
               "OUTPUT_MASK": str(tmp_path / "man.tif"), "OUTPUT_MAGNITUDE": str(tmp_path / "mans.tif")})
    assert res["THRESHOLD_VALUE"] == 300.0
    assert np.array_equal(read(res["OUTPUT_MASK"]) == 1, read(res["OUTPUT_MAGNITUDE"]) > 300.0)


def test_outputs_are_styled_when_loaded(tmp_path, synthetic):
    import processing
    from qgis.core import QgsProject

    bp, ap, _ = synthetic
    project = QgsProject.instance()
    project.removeAllMapLayers()
    res = processing.runAndLoadResults(ALG, {
        "BEFORE": bp, "AFTER": ap, "METHOD": 2, "OUTPUT_MASK": str(tmp_path / "m.tif"),
        "OUTPUT_MAGNITUDE": str(tmp_path / "s.tif"), "OUTPUT_VARIATES": str(tmp_path / "v.tif")})
    layers = {lyr.source(): lyr for lyr in project.mapLayers().values()}
    mask_layer = layers[res["OUTPUT_MASK"]]
    assert [(c.value, c.color.alpha()) for c in mask_layer.renderer().classes()] == [(0, 0), (1, 255)]
    stat_layer = layers[res["OUTPUT_MAGNITUDE"]]
    items = stat_layer.renderer().shader().rasterShaderFunction().colorRampItemList()
    _lo, hi = stat_layer.dataProvider().cumulativeCut(1, 0.02, 0.98)
    assert items[0].value == 0.0 and items[-1].value == pytest.approx(hi)
    var_layer = layers[res["OUTPUT_VARIATES"]]
    items = var_layer.renderer().shader().rasterShaderFunction().colorRampItemList()
    assert items[0].value == pytest.approx(-items[-1].value) and items[2].value == 0.0
    # the three style post-processors were used and released: nothing piles up run after run
    from rason_plugin.rason_processing.base import KeptPostProcessor

    assert not any(type(p).__name__ == "_RasterStyle" for p in KeptPostProcessor.alive)
    project.removeAllMapLayers()


def _bad(tmp_path, **params):
    from qgis.core import QgsProcessingException

    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    base = {"OUTPUT_MASK": str(out / "m.tif"), "OUTPUT_MAGNITUDE": str(out / "s.tif")}
    base.update(params)
    with pytest.raises(QgsProcessingException) as err:
        run(base)
    assert [p.name for p in out.iterdir()] == []
    return str(err.value)


def test_bad_inputs_raise_processing_exceptions(tmp_path, synthetic):
    bp, ap, _ = synthetic
    # Missing file: Processing itself rejects the parameter value.
    assert "BEFORE" in _bad(tmp_path, BEFORE=str(tmp_path / "missing.tif"), AFTER=ap)
    text = tmp_path / "notes.txt"
    text.write_text("not a raster")
    assert "AFTER" in _bad(tmp_path, BEFORE=bp, AFTER=str(text))
    b, a, _ = make_pair(seed=7, n_patches=0)
    far = write_tif(tmp_path / "synthetic_far.tif", a, origin=(900000.0, 4700000.0))
    assert "do not overlap" in _bad(tmp_path, BEFORE=bp, AFTER=far)
    assert "BEFORE has 4 bands and AFTER 2" in _bad(tmp_path, BEFORE=bp, AFTER=ap, METHOD=2,
                                                    BANDS_AFTER=[1, 2])
    empty = write_tif(tmp_path / "synthetic_empty.tif", np.zeros((4, 300, 400), np.uint16), nodata=0)
    assert "no valid pixel" in _bad(tmp_path, BEFORE=bp, AFTER=empty)
    const = write_tif(tmp_path / "synthetic_const.tif", np.full((4, 300, 400), 7, np.uint16))
    assert "is constant" in _bad(tmp_path, BEFORE=const, AFTER=ap)
    tiny = write_tif(tmp_path / "synthetic_1x1.tif", np.ones((4, 1, 1), np.uint16))
    assert "at least 2x2" in _bad(tmp_path, BEFORE=tiny, AFTER=tiny)
    cplx = write_tif(tmp_path / "synthetic_cplx.tif", np.ones((1, 300, 400), np.complex64),
                     dtype=gdal.GDT_CFloat32)
    assert "CFloat32" in _bad(tmp_path, BEFORE=cplx, AFTER=cplx)
    assert "does not exist" in _bad(tmp_path, BEFORE=bp, AFTER=ap,
                                    OUTPUT_MASK=str(tmp_path / "nowhere" / "m.tif"))
    assert "manual threshold needs a value" in _bad(tmp_path, BEFORE=bp, AFTER=ap, THRESHOLD=4)
    assert "needs ZONES" in _bad(tmp_path, BEFORE=bp, AFTER=ap, OUTPUT_ZONE_STATS=str(tmp_path / "z.gpkg"))


def _assert_cancel_at_leaves_nothing(tmp_path, synthetic, percent, extra_output):
    """Cancel once progress passes ``percent``; the run must fail and leave ``out/`` empty."""
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    bp, ap, _ = synthetic

    class CancelAt(QgsProcessingFeedback):
        def setProgress(self, value):  # noqa: N802
            super().setProgress(value)
            if value > percent:
                self.cancel()

    out = tmp_path / "out"
    out.mkdir()
    key, name = extra_output
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"BEFORE": bp, "AFTER": ap, "OUTPUT_MASK": str(out / "m.tif"),
             "OUTPUT_MAGNITUDE": str(out / "s.tif"), key: str(out / name)},
            feedback=CancelAt())
    assert list(out.iterdir()) == []


def test_cancel_halfway_leaves_no_output(tmp_path, synthetic):
    _assert_cancel_at_leaves_nothing(tmp_path, synthetic, 20, ("OUTPUT_VARIATES", "v.tif"))


def test_cancel_while_polygonising_removes_the_finished_rasters(tmp_path, synthetic):
    # past the raster passes (80 %), inside the change-region step
    _assert_cancel_at_leaves_nothing(tmp_path, synthetic, 85, ("OUTPUT_POLYGONS", "p.gpkg"))


def test_algorithm_metadata():
    from qgis.core import QgsApplication

    alg = QgsApplication.processingRegistry().algorithmById(ALG)
    keys = [p.name() for p in alg.parameterDefinitions()]
    for key in ("BEFORE", "AFTER", "BANDS_BEFORE", "BANDS_AFTER", "METHOD", "THRESHOLD", "ALPHA",
                "MANUAL_THRESHOLD", "ZONES", "MIN_AREA", "OUTPUT_MASK", "OUTPUT_MAGNITUDE", "OUTPUT_VARIATES",
                "OUTPUT_POLYGONS", "OUTPUT_ZONE_STATS"):
        assert key in keys
    assert alg.parameterDefinition("METHOD").options() == ["iMAD", "MAD", "CVA", "Difference", "Log-ratio"]
    assert alg.parameterDefinition("METHOD").defaultValue() == 0
    assert alg.MENU_TEXT == "Change detection…"
    assert "iMAD" in alg.shortHelpString() and "ALPHA" in alg.shortHelpString()


def test_blank_optional_outputs_as_the_batch_dialog_passes_them(tmp_path, synthetic):
    from qgis.core import QgsProcessingOutputLayerDefinition

    bp, ap, truth = synthetic
    blank = QgsProcessingOutputLayerDefinition("")
    res = run({"BEFORE": bp, "AFTER": ap, "OUTPUT_MASK": str(tmp_path / "m.tif"),
               "OUTPUT_MAGNITUDE": str(tmp_path / "s.tif"), "OUTPUT_VARIATES": blank,
               "OUTPUT_POLYGONS": QgsProcessingOutputLayerDefinition(""),
               "OUTPUT_ZONE_STATS": QgsProcessingOutputLayerDefinition("")})
    assert "OUTPUT_POLYGONS" not in res and "OUTPUT_ZONE_STATS" not in res and "OUTPUT_VARIATES" not in res
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix == ".tif") == [
        "m.tif", "s.tif", "synthetic_after.tif", "synthetic_before.tif"]
    assert f1_score(read(res["OUTPUT_MASK"]), truth) >= 0.95


# --- any GDAL raster, as a layer of the project -------------------------------------------------
def test_gdal_dataset_names_through_processing(tmp_path, synthetic, monkeypatch):
    """GDAL dataset names that are not files: /vsizip/, NETCDF:"file":variable, GPKG:file:table and
    COGs over HTTP (/vsicurl/, a local server with byte ranges), given as strings (as a script or
    qgis_process would) or as layers of the project, and a VRT. Each gives the statistic of the
    GeoTIFF it was made from. (SENTINEL2_L2A:... needs a real SAFE product, which the tests do not
    ship; it takes the same path as these names.)"""
    import zipfile

    from qgis.core import QgsRasterLayer
    from range_server import serve

    bp, ap, _ = synthetic

    def stat_of(before, after, tag, **extra):
        res = run({"BEFORE": before, "AFTER": after, "METHOD": 3, "THRESHOLD": 4, "MANUAL_THRESHOLD": 300.0,
                   "BANDS_BEFORE": [1], "BANDS_AFTER": [1], "OUTPUT_MASK": str(tmp_path / f"{tag}_m.tif"),
                   "OUTPUT_MAGNITUDE": str(tmp_path / f"{tag}_s.tif"), **extra})
        return read(res["OUTPUT_MAGNITUDE"])

    def layer(source):
        lyr = QgsRasterLayer(source, "scene", "gdal")
        assert lyr.isValid(), source
        return lyr

    ref = stat_of(bp, ap, "ref")
    archive = tmp_path / "after.zip"
    with zipfile.ZipFile(archive, "w") as z:
        z.write(ap, arcname="after.tif")
    nc = str(tmp_path / "before.nc")
    gdal.Translate(nc, bp, format="netCDF", bandList=[1])
    vrt = str(tmp_path / "after.vrt")
    gdal.Translate(vrt, ap, format="VRT")
    cases = {"vsizip": (bp, f"/vsizip/{archive}/after.tif"),
             "vsizip layer": (bp, layer(f"/vsizip/{archive}/after.tif")),
             "netcdf": (f'NETCDF:"{nc}":Band1', ap),
             "vrt": (bp, layer(vrt))}
    for tag, (before, after) in cases.items():
        assert np.array_equal(stat_of(before, after, tag), ref), tag
    # GPKG raster table (8-bit PNG tiles, lossless): same statistic as the Byte GeoTIFF of the same values.
    b8 = write_tif(tmp_path / "synthetic_b8.tif", (read(bp)[:3] // 16).astype(np.uint8), dtype=gdal.GDT_Byte)
    a8 = write_tif(tmp_path / "synthetic_a8.tif", (read(ap)[:3] // 16).astype(np.uint8), dtype=gdal.GDT_Byte)
    gpkg = str(tmp_path / "scenes.gpkg")
    gdal.Translate(gpkg, b8, format="GPKG", creationOptions=["RASTER_TABLE=before8", "TILE_FORMAT=PNG"])
    ref8 = stat_of(b8, a8, "ref8")
    assert np.array_equal(stat_of(f"GPKG:{gpkg}:before8", a8, "gpkg"), ref8)
    assert np.array_equal(stat_of(layer(f"GPKG:{gpkg}:before8"), a8, "gpkg_layer"), ref8)
    # COGs over HTTP
    served = tmp_path / "served"
    served.mkdir()
    for src, name in ((bp, "b.tif"), (ap, "a.tif")):
        gdal.Translate(str(served / name), src, format="COG")
    for var in ("NO_PROXY", "no_proxy"):
        monkeypatch.setenv(var, "127.0.0.1,localhost")
    old = gdal.GetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN")
    gdal.SetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", "EMPTY_DIR")
    gdal.VSICurlClearCache()
    try:
        with serve(served) as (url, requests):
            remote = stat_of(f"/vsicurl/{url}/b.tif", layer(f"/vsicurl/{url}/a.tif"), "http")
        assert np.array_equal(remote, ref)
        assert any(rng for method, _n, rng in requests if method == "GET")
    finally:
        gdal.VSICurlClearCache()
        gdal.SetConfigOption("GDAL_DISABLE_READDIR_ON_OPEN", old)


# --- geographic CRS: CHANGED_AREA_M2 on the ellipsoid -----------------------------------------
def test_changed_area_of_a_geographic_pair(tmp_path):
    """A pair in EPSG:4326 (0.001 degree pixels at 42.3 N) with a 40 x 40 pixel change: CHANGED_AREA_M2
    equals the sum of the changed cells' areas measured by QGIS itself (QgsDistanceArea on the WGS84
    ellipsoid), and the zone statistics and change polygons agree with it."""
    from qgis.core import (
        QgsCoordinateReferenceSystem,
        QgsDistanceArea,
        QgsGeometry,
        QgsProject,
        QgsRectangle,
    )

    b, a, _ = make_pair(seed=7, n_patches=0, drift=False)
    a = a.astype(np.int32)
    a[:, 100:140, 50:90] += 900
    a = np.clip(a, 0, 65535).astype(np.uint16)
    origin, px = (130.0, 42.3), 0.001
    bp = write_tif(tmp_path / "synthetic_geo_b.tif", b, origin=origin, pixel=px, epsg=4326)
    ap = write_tif(tmp_path / "synthetic_geo_a.tif", a, origin=origin, pixel=px, epsg=4326)
    res = run({"BEFORE": bp, "AFTER": ap, "METHOD": 2, "THRESHOLD": 4, "MANUAL_THRESHOLD": 700.0,
               "OUTPUT_MASK": str(tmp_path / "m.tif"), "OUTPUT_MAGNITUDE": str(tmp_path / "s.tif"),
               "OUTPUT_POLYGONS": str(tmp_path / "p.gpkg")})
    mask = read(res["OUTPUT_MASK"])
    da = QgsDistanceArea()
    da.setSourceCrs(QgsCoordinateReferenceSystem("EPSG:4326"), QgsProject.instance().transformContext())
    da.setEllipsoid("WGS84")
    expected = 0.0
    for r, n in enumerate(np.count_nonzero(mask == 1, axis=1)):
        if n:
            top = origin[1] - r * px
            cell = QgsRectangle(origin[0], top - px, origin[0] + px, top)
            expected += n * da.measureArea(QgsGeometry.fromRect(cell))
    assert np.count_nonzero(mask == 1) == 1600
    assert res["CHANGED_AREA_M2"] == pytest.approx(expected, rel=1e-6)
    polys = [f["area_m2"] for f in vector(res["OUTPUT_POLYGONS"]).getFeatures()]
    assert polys == [pytest.approx(res["CHANGED_AREA_M2"], rel=1e-12)]


def test_cancel_while_polygonising_keeps_the_users_previous_rasters(tmp_path, synthetic):
    """The user's earlier outputs sit at the output paths; the run is cancelled after the rasters
    were written (while polygonising): the user's files must be there again, unchanged."""
    from qgis.core import QgsProcessingException, QgsProcessingFeedback

    bp, ap, _ = synthetic

    class CancelAt(QgsProcessingFeedback):
        def setProgress(self, value):  # noqa: N802
            super().setProgress(value)
            if value > 85:
                self.cancel()

    out = tmp_path / "out"
    out.mkdir()
    old = {"m.tif": b"the user's previous mask", "s.tif": b"the user's previous statistic"}
    for name, data in old.items():
        (out / name).write_bytes(data)
    with pytest.raises(QgsProcessingException, match="cancelled"):
        run({"BEFORE": bp, "AFTER": ap, "OUTPUT_MASK": str(out / "m.tif"),
             "OUTPUT_MAGNITUDE": str(out / "s.tif"), "OUTPUT_POLYGONS": str(out / "p.gpkg")},
            feedback=CancelAt())
    assert {p.name: p.read_bytes() for p in out.iterdir()} == old


def test_the_alpha_box_keeps_levels_below_its_default():
    """ALPHA's default is 1e-6 (issue #15): the dialog's number box must hold stricter levels too.

    QGIS's box shows 6 decimals unless the parameter asks for more, and 6 decimals turn 1e-7 into 0.0.
    Every level down to the parameter's minimum (1e-12) must come back from the box as it was set.
    """
    from qgis.core import QgsProcessingContext
    from qgis.gui import QgsGui, QgsProcessingGui

    from rason_plugin.rason_processing.change_detection_algorithm import ChangeDetectionAlgorithm

    alg = ChangeDetectionAlgorithm()
    alg.initAlgorithm({})
    param = alg.parameterDefinition("ALPHA")
    assert param.minimum() == 1e-12
    standard = getattr(QgsProcessingGui, "Standard", None) or QgsProcessingGui.WidgetType.Standard
    wrapper = QgsGui.processingGuiRegistry().createParameterWidgetWrapper(param, standard)
    context = QgsProcessingContext()
    widget = wrapper.createWrappedWidget(context)  # held: without a parent, Python owns it
    assert widget is not None and wrapper.parameterValue() == pytest.approx(1e-6, rel=1e-9)
    for level in (1e-4, 1e-6, 1e-7, 1e-9, 1e-12):
        wrapper.setParameterValue(level, context)
        assert wrapper.parameterValue() == pytest.approx(level, rel=1e-9)
