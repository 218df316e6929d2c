"""rason:shipdetection and rason:darkvessels through processing.run: the real Sentinel-1 crop off
Dunkirk, simulated scenes with AIS written as files, and bad input."""
from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr
from qgis.core import QgsProcessingException

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import ships_synthetic as ss  # noqa: E402
from processing_helpers import RecordingFeedback, run  # noqa: E402  (tests/qgis on sys.path)

S1_DIR = Path(__file__).resolve().parents[1] / "data" / "sar" / "s1_northsea_ships"
S1_VRT = S1_DIR / "s1a-iw-grd-20220612t173329-subset-1000x1000_gcps.vrt"
S1_TIFF = S1_DIR / "s1a-iw-grd-20220612t173329-subset-1000x1000.tiff"

# Ships counted by hand on a log-stretched rendering of the TIFF (every 100 px gridded, then a 2x
# zoom of columns 500-1000, rows 100-600), before the detector was run: (column, row) of each
# clear bright blob of ship shape. All lie in the anchorage in the north-east quarter.
CLEAR_SHIPS = [(508, 182), (595, 150), (740, 154), (890, 125), (994, 229), (810, 262), (537, 322),
               (707, 302), (846, 335), (981, 350), (632, 387), (742, 420), (827, 437), (772, 565),
               (909, 565), (940, 682)]
# Not clear ships, but not open water either: two faint small blobs seen on the same rendering,
# and a target cut by the right edge (DN up to 232 at column 999, rows 98-101, against a sea of
# ~45 DN; found by the detector, then checked in the pixel values).
OTHER_OBJECTS = [(692, 655), (570, 755), (999, 100)]
OPEN_WATER_M = 400.0  # a detection farther than this from all of the above is in open water

# Simulated scenes are placed on the central meridian of UTM 52N (near Rason), where grid north
# is true north, so the simulator's north-up frame and the algorithm's true headings agree.
UTM52 = 32652
X0, Y0 = 500000.0 - 7000.0, 4690000.0


def features(path, name=None):
    from qgis.core import QgsVectorLayer

    lyr = QgsVectorLayer(f"{path}|layername={name}" if name else str(path), "x", "ogr")
    assert lyr.isValid(), path
    return lyr, list(lyr.getFeatures())


pytestmark = pytest.mark.usefixtures("rason_provider")


def gcp_to_utm31(points):
    """Map raw TIFF pixel centres to UTM 31N through the VRT's GCPs (GDAL's GCP transformer)."""
    ds = gdal.Open(str(S1_VRT))
    tr = gdal.Transformer(ds, None, ["METHOD=GCP_POLYNOMIAL"])
    src = osr.SpatialReference()
    src.ImportFromEPSG(4326)
    src.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    dst = osr.SpatialReference()
    dst.ImportFromEPSG(32631)
    dst.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(src, dst)
    out = []
    for c, r in points:
        ok, (lon, lat, _) = tr.TransformPoint(0, c + 0.5, r + 0.5)
        assert ok
        x, y, _ = ct.TransformPoint(lon, lat)
        out.append((x, y))
    return out


def test_real_sentinel1_all_clear_ships_and_nothing_in_open_water(tmp_path):
    out = tmp_path / "ships.gpkg"
    result = run("shipdetection", {"INPUT": str(S1_VRT), "UNITS": 1, "OUTPUT": str(out)})
    lyr, feats = features(result["OUTPUT"])
    assert lyr.crs().authid() == "EPSG:32631"  # warped through the GCPs onto the local UTM zone
    dets = [(f.geometry().asPoint().x(), f.geometry().asPoint().y()) for f in feats]
    ships = gcp_to_utm31(CLEAR_SHIPS)
    others = gcp_to_utm31(OTHER_OBJECTS)
    for (sx, sy), px in zip(ships, CLEAR_SHIPS):
        nearest = min(math.hypot(sx - x, sy - y) for x, y in dets)
        assert nearest <= 200.0, f"hand-counted ship at pixel {px} not found"
    for x, y in dets:
        assert min(math.hypot(sx - x, sy - y) for sx, sy in ships + others) <= OPEN_WATER_M
    # One detection per clear ship: none is split in two.
    assert sum(1 for x, y in dets if min(math.hypot(sx - x, sy - y) for sx, sy in ships) <= 200) == 16
    # The image time from the Sentinel-1 file name: 2022-06-12 17:33:29 UTC.
    acq = feats[0]["acq_time"]
    assert acq.toString("yyyy-MM-ddTHH:mm:ss") == "2022-06-12T17:33:29"
    # The style travels with the GeoPackage as its default.
    ds = ogr.Open(str(out))
    styles = ds.ExecuteSQL("SELECT f_table_name, useAsDefault FROM layer_styles")
    rows = [(f.GetField(0), f.GetField(1)) for f in styles]
    ds.ReleaseResultSet(styles)  # before the dataset closes: GDAL refuses to close over a live result set
    ds = None
    assert rows == [("ships", 1)]
    assert lyr.fields().names()[1:] == ["det_id", "length_m", "width_m", "heading_deg", "peak_db", "mean_db",
                                        "n_pixels", "score", "acq_time"]


def write_scene(scene, folder: Path):
    """Write the scene as a GeoTIFF (UTM 52N) and its land mask as polygons; return both paths."""
    tif = folder / "scene.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(tif), scene.width, scene.height, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((X0, ss.PIXEL, 0, Y0, 0, -ss.PIXEL))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(UTM52)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(scene.intensity)
    mem = gdal.GetDriverByName("MEM").Create("", scene.width, scene.height, 1, gdal.GDT_Byte)
    mem.SetGeoTransform(ds.GetGeoTransform())
    mem.SetProjection(ds.GetProjection())
    mem.GetRasterBand(1).WriteArray(scene.land.astype(np.uint8))
    ds = None
    land = folder / "land.gpkg"
    vds = ogr.GetDriverByName("GPKG").CreateDataSource(str(land))
    layer = vds.CreateLayer("land", srs, ogr.wkbPolygon)
    layer.CreateField(ogr.FieldDefn("v", ogr.OFTInteger))
    gdal.Polygonize(mem.GetRasterBand(1), mem.GetRasterBand(1), layer, 0)
    vds = None
    return tif, land


def scene_xy(x, y):
    return X0 + x, Y0 + y


def test_simulated_scene_through_the_algorithm(tmp_path):
    scene = ss.make_scene(0)
    tif, land = write_scene(scene, tmp_path)
    result = run("shipdetection", {"INPUT": str(tif), "LAND": str(land),
                                   "ACQUISITION_TIME": "2023-11-14T22:13:20Z",
                                   "OUTPUT": str(tmp_path / "ships.gpkg")})
    _, feats = features(result["OUTPUT"])
    found = set()
    for f in feats:
        p = f.geometry().asPoint()
        best = min(scene.ships, key=lambda s: math.hypot(p.x() - scene_xy(s.ax, s.ay)[0],
                                                         p.y() - scene_xy(s.ax, s.ay)[1]))
        bx, by = scene_xy(best.ax, best.ay)
        if math.hypot(p.x() - bx, p.y() - by) <= best.length / 2 + 30:
            found.add(best.ident)
    big = [s for s in scene.ships if s.length >= 50]
    assert sum(s.ident in found for s in big) / len(big) >= 0.9
    assert all(s.ident in found for s in scene.ships if s.beside_pier)  # land buffer spares moored hulls


def write_ais(vessels, path: Path):
    """Write the AIS fixes as a point GeoPackage in WGS84 (mmsi, time as ISO text, vessel_name, sog)."""
    from datetime import datetime, timezone

    utm = osr.SpatialReference()
    utm.ImportFromEPSG(UTM52)
    wgs = osr.SpatialReference()
    wgs.ImportFromEPSG(4326)
    wgs.SetAxisMappingStrategy(osr.OAMS_TRADITIONAL_GIS_ORDER)
    ct = osr.CoordinateTransformation(utm, wgs)
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    layer = ds.CreateLayer("ais", wgs, ogr.wkbPoint)
    for name, kind in (("mmsi", ogr.OFTString), ("time", ogr.OFTString), ("vessel_name", ogr.OFTString),
                       ("sog", ogr.OFTReal)):
        layer.CreateField(ogr.FieldDefn(name, kind))
    for v in vessels:
        for t, x, y, sog in zip(v["times"], v["xs"], v["ys"], v["sog"]):
            lon, lat, _ = ct.TransformPoint(*scene_xy(x, y))
            f = ogr.Feature(layer.GetLayerDefn())
            f.SetField("mmsi", str(v["mmsi"]))
            f.SetField("time", datetime.fromtimestamp(t, tz=timezone.utc).isoformat())
            f.SetField("vessel_name", f"V{v['mmsi']}")
            f.SetField("sog", float(sog))
            f.SetGeometry(ogr.CreateGeometryFromWkt(f"POINT ({lon} {lat})"))
            layer.CreateFeature(f)
    ds = None


@pytest.fixture(scope="module")
def dark_setup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("dark")
    scene = ss.make_scene(3)
    vessels = ss.add_ais(scene, seed=4)
    tif, land = write_scene(scene, folder)
    ais = folder / "ais.gpkg"
    write_ais(vessels, ais)
    import processing

    ships = processing.run("rason:shipdetection", {
        "INPUT": str(tif), "LAND": str(land), "ACQUISITION_TIME": "2023-11-14T22:13:20Z",
        "OUTPUT": str(folder / "ships.gpkg")})["OUTPUT"]
    return scene, vessels, tif, land, ais, ships, folder


@pytest.mark.parametrize("heading", [ss.HEADING, None])
def test_dark_vessels_goals(dark_setup, heading):
    scene, vessels, tif, land, ais, ships, folder = dark_setup
    assert ss.T_IMAGE == 1_700_000_000.0  # 2023-11-14T22:13:20Z, the ACQUISITION_TIME above
    # MATCH_DISTANCE and MAX_TIME_GAP at their defaults (500 m, 30 min).
    params = {"DETECTIONS": ships, "INPUT": str(ais), "MMSI_FIELD": "mmsi", "TIME_FIELD": "time",
              "SCENE": str(tif), "LAND": str(land),
              "INCIDENCE_ANGLE": ss.INCIDENCE, "RANGE_VELOCITY_RATIO": ss.R_OVER_V,
              "OUTPUT": str(folder / f"dark{heading}.gpkg"),
              "OUTPUT_MISSED": str(folder / f"missed{heading}.gpkg")}
    if heading is not None:
        params["PLATFORM_HEADING"] = heading
    fb = RecordingFeedback.make()
    result = run("darkvessels", params, fb)
    if heading is None:
        assert any("widened" in m for m in fb.infos)
    _, feats = features(result["OUTPUT"])
    right = total = 0
    truth_mmsi = {id(v["truth"]): v["mmsi"] for v in vessels if isinstance(v["truth"], ss.Ship)}
    for f in feats:
        p = f.geometry().asPoint()
        best = min(scene.ships, key=lambda s: math.hypot(p.x() - scene_xy(s.ax, s.ay)[0],
                                                         p.y() - scene_xy(s.ax, s.ay)[1]))
        bx, by = scene_xy(best.ax, best.ay)
        if math.hypot(p.x() - bx, p.y() - by) > best.length / 2 + 30 or best.length < 50:
            continue
        total += 1
        if best.dark:
            right += f["status"] == "dark"
        else:
            right += f["status"] == "matched" and f["mmsi"] == f"{truth_mmsi[id(best)]:09d}"
    assert total >= 30 and right / total >= 0.95
    _, missed = features(result["OUTPUT_MISSED"])
    listed = {f["mmsi"] for f in missed}
    assert {f"{v['mmsi']:09d}" for v in scene.ais_only} <= listed
    assert not ({f"{v['mmsi']:09d}" for v in scene.outside} & listed)


def test_no_fix_near_the_image_time_warns_and_leaves_every_detection_dark(dark_setup):
    scene, vessels, tif, land, ais, ships, folder = dark_setup
    fb = RecordingFeedback.make()
    # Image time a day later: no fix within 30 minutes.
    result = run("darkvessels", {"DETECTIONS": ships, "INPUT": str(ais), "MMSI_FIELD": "mmsi",
                                 "TIME_FIELD": "time", "ACQUISITION_TIME": "2023-11-15T22:13:20Z",
                                 "OUTPUT": str(folder / "late.gpkg"),
                                 "OUTPUT_MISSED": str(folder / "late_m.gpkg")}, fb)
    assert any("No AIS fix" in w for w in fb.warnings)
    _, feats = features(result["OUTPUT"])
    assert feats and all(f["status"] == "dark" for f in feats)


def test_empty_detection_layer_lists_every_vessel_in_the_footprint_as_missed(dark_setup):
    scene, vessels, tif, land, ais, ships, folder = dark_setup
    empty = folder / "empty.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(empty))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(UTM52)
    ds.CreateLayer("ships", srs, ogr.wkbPoint)
    ds = None
    result = run("darkvessels", {"DETECTIONS": str(empty), "INPUT": str(ais), "MMSI_FIELD": "mmsi",
                                 "TIME_FIELD": "time", "SCENE": str(tif), "LAND": str(land),
                                 "ACQUISITION_TIME": "2023-11-14T22:13:20Z", "PLATFORM_HEADING": ss.HEADING,
                                 "OUTPUT": str(folder / "e.gpkg"), "OUTPUT_MISSED": str(folder / "e_m.gpkg")})
    assert result["MATCHED"] == 0 and result["DARK"] == 0
    _, missed = features(result["OUTPUT_MISSED"])
    listed = {f["mmsi"] for f in missed}
    # Every AIS-broadcasting ship drawn in the scene, and every AIS-only vessel, is now missed.
    expected = {f"{v['mmsi']:09d}" for v in vessels if v["truth"] != "outside"}
    assert expected <= listed and not ({f"{v['mmsi']:09d}" for v in scene.outside} & listed)


def test_raster_without_crs_or_gcps_is_a_clear_error(tmp_path):
    tif = tmp_path / "bare.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(tif), 50, 50, 1, gdal.GDT_UInt16)
    ds.GetRasterBand(1).Fill(40)
    ds = None
    with pytest.raises(QgsProcessingException, match="no coordinate reference system and no ground control"):
        run("shipdetection", {"INPUT": str(tif), "ACQUISITION_TIME": "2022-06-12T17:33:29Z",
                              "OUTPUT": str(tmp_path / "o.gpkg")})
    assert not (tmp_path / "o.gpkg").exists()


def test_no_acquisition_time_anywhere_is_a_clear_error(tmp_path):
    scene = ss.make_scene(5, size=300, n_open=2, n_pier=1)
    tif, _ = write_scene(scene, tmp_path)  # "scene.tif": no time in its name or metadata
    with pytest.raises(QgsProcessingException, match="ACQUISITION_TIME"):
        run("shipdetection", {"INPUT": str(tif), "OUTPUT": str(tmp_path / "o.gpkg")})
    assert not (tmp_path / "o.gpkg").exists()


def test_cancelled_run_writes_nothing(tmp_path):
    with pytest.raises(QgsProcessingException, match="Cancelled"):
        run("shipdetection", {"INPUT": str(S1_VRT), "UNITS": 1, "OUTPUT": str(tmp_path / "o.gpkg")},
            RecordingFeedback.make(cancel=True))
    assert not list(tmp_path.iterdir())


def test_the_coarse_natural_earth_land_warns_in_both_algorithms(dark_setup):
    from rason_plugin.layers.catalogue import REFERENCE_GPKG

    scene, vessels, tif, land, ais, ships, folder = dark_setup
    coarse = f"{REFERENCE_GPKG}|layername=land"  # the shipped reference land (Natural Earth 1:10m)
    warned = []
    for land_source in (str(land), coarse):
        fb = RecordingFeedback.make()
        run("shipdetection", {"INPUT": str(tif), "LAND": land_source,
                              "ACQUISITION_TIME": "2023-11-14T22:13:20Z",
                              "OUTPUT": str(folder / "ships_land.gpkg")}, fb)
        dark_fb = RecordingFeedback.make()
        run("darkvessels", {"DETECTIONS": ships, "INPUT": str(ais), "MMSI_FIELD": "mmsi",
                            "TIME_FIELD": "time", "SCENE": str(tif), "LAND": land_source,
                            "OUTPUT": str(folder / "dark_land.gpkg"),
                            "OUTPUT_MISSED": str(folder / "missed_land.gpkg")}, dark_fb)
        warned.append([any("Natural Earth" in w and "quays" in w for w in f.warnings) for f in (fb, dark_fb)])
    # The scene's own exact mask (no accuracy field) gives no warning; the reference land does, in both.
    assert warned == [[False, False], [True, True]]
