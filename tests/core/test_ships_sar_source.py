"""Reading SAR scenes for ship detection: GCP warping, image times, land burnt into the mask."""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr, osr

from rason_plugin.core.ships.sar_source import (
    SarInputError,
    acquisition_time,
    open_sar,
    parse_iso_time,
    read_strip,
    set_land,
)

S1_VRT = (Path(__file__).resolve().parents[1] / "data" / "sar" / "s1_northsea_ships"
          / "s1a-iw-grd-20220612t173329-subset-1000x1000_gcps.vrt")


def epoch(*args):
    return datetime(*args, tzinfo=timezone.utc).timestamp()


def test_iso_and_tiff_times():
    assert parse_iso_time("2022-06-12T17:33:29Z") == epoch(2022, 6, 12, 17, 33, 29)
    assert parse_iso_time("2022-06-12T19:33:29+02:00") == epoch(2022, 6, 12, 17, 33, 29)
    assert parse_iso_time("2022:06:12 17:33:29") == epoch(2022, 6, 12, 17, 33, 29)  # TIFFTAG_DATETIME
    assert parse_iso_time("12 June") is None


def test_gcp_scene_is_warped_to_utm_with_its_time_from_the_name():
    scene = open_sar(str(S1_VRT), None, 1)
    srs = osr.SpatialReference(wkt=scene.wkt)
    assert srs.GetAuthorityCode(None) == "32631"  # 2.6 E lies in UTM zone 31 (0..6 E)
    assert scene.warped and 9.0 < scene.pixel_x_m < 11.0  # IW GRDH: 10 m pixels
    assert acquisition_time(scene) == epoch(2022, 6, 12, 17, 33, 29)
    # Outside the warped footprint (the rotated image's corners) nothing is valid.
    intensity, valid = read_strip(scene, 0, 5)
    assert not valid[:, 0].any() and (intensity[~valid] == 0).all()


def write(path, with_crs=True, metadata=None):
    ds = gdal.GetDriverByName("GTiff").Create(str(path), 40, 30, 1, gdal.GDT_Float32)
    if with_crs:
        ds.SetGeoTransform((500000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0))
        srs = osr.SpatialReference()
        srs.ImportFromEPSG(32652)
        ds.SetProjection(srs.ExportToWkt())
    if metadata:
        ds.SetMetadata(metadata)
    ds.GetRasterBand(1).Fill(2.0)
    ds = None
    return path


def test_time_from_metadata_and_none_without(tmp_path):
    tif = write(tmp_path / "a.tif", metadata={"ACQUISITION_START_TIME": "2021-01-02T03:04:05"})
    scene = open_sar(str(tif), None, 0)
    assert acquisition_time(scene) == epoch(2021, 1, 2, 3, 4, 5)
    assert acquisition_time(open_sar(str(write(tmp_path / "b.tif")), None, 0)) is None


def test_no_crs_and_no_gcps_is_refused(tmp_path):
    with pytest.raises(SarInputError, match="no coordinate reference system and no ground control points"):
        open_sar(str(write(tmp_path / "c.tif", with_crs=False)), None, 0)


def test_land_polygons_are_burnt_into_the_mask(tmp_path):
    scene = open_sar(str(write(tmp_path / "d.tif")), None, 0)
    # x 500000..500093, y 4699907..4700000: it covers columns 0..8 and rows 0..8 and touches the
    # ninth of each (column 9 spans x 500090..500100, its centre 500095 outside). Land is burnt
    # wherever a polygon touches a pixel, so columns and rows 0..9 are masked.
    ring = "POLYGON ((500000 4700000, 500093 4700000, 500093 4699907, 500000 4699907, 500000 4700000))"
    set_land(scene, [ogr.CreateGeometryFromWkt(ring).ExportToWkb()])
    _, valid = read_strip(scene, 0, 30)
    expected = np.ones((30, 40), bool)
    expected[:10, :10] = False
    np.testing.assert_array_equal(valid, expected)


def test_engine_streamed_detection_matches_the_array_driver_at_any_strip_size(tmp_path):
    """detect_scene reads through the raster engine (reader thread, halo); on the same pixels it
    must give what detect_ships gives on the whole array, whatever the strip size."""
    import sys

    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import ships_synthetic as ss

    from rason_plugin.core.ships.detect import DetectionSettings, detect_ships
    from rason_plugin.core.ships.scene_detect import detect_scene

    scene_data = ss.make_scene(9, size=600, n_open=10, n_pier=1)
    tif = tmp_path / "s.tif"
    ds = gdal.GetDriverByName("GTiff").Create(str(tif), 600, 600, 1, gdal.GDT_Float32)
    ds.SetGeoTransform((500000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    ds.SetProjection(srs.ExportToWkt())
    ds.GetRasterBand(1).WriteArray(scene_data.intensity)
    ds = None
    intensity = scene_data.intensity.astype(np.float32)
    valid = intensity > 0
    ref = detect_ships(lambda r, n: (intensity[r:r + n], valid[r:r + n]), 600, 600, 10.0, 10.0,
                       DetectionSettings(), 10_000)
    assert len(ref) >= 8
    key = lambda ts: [(round(t.row, 6), round(t.col, 6), t.n_pixels) for t in ts]  # noqa: E731
    sar = open_sar(str(tif), None, 0)
    for rows in (40, 200, 10_000):
        assert key(detect_scene(sar, DetectionSettings(), strip_rows=rows)) == key(ref)
