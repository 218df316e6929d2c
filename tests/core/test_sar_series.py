"""Radar series runner (core/sar/series.py): strips with a halo, cancel, nothing overwritten, empty scenes."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from osgeo import gdal, osr

from rason_plugin.core.raster import RasterCancelled, RasterError
from rason_plugin.core.sar.series import run_sar_change

KEYS = ("first", "last", "frequency", "intervals", "pvalues")


def write_series(folder, k=8, rows=23, cols=17, empty=()):
    rng = np.random.default_rng(8)
    stack = rng.gamma(4.4, 1 / 4.4, (k, 2, rows, cols)).astype(np.float32)
    stack[4:, :, 5:15, 3:12] *= 6.0
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(32652)
    paths = []
    for d in range(k):
        path = str(folder / f"s_{dt.date(2022, 1, 1) + dt.timedelta(days=12 * d):%Y-%m-%d}.tif")
        ds = gdal.GetDriverByName("GTiff").Create(path, cols, rows, 2, gdal.GDT_Float32)
        ds.SetGeoTransform((500000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0))
        ds.SetProjection(srs.ExportToWkt())
        for b in range(2):
            band = ds.GetRasterBand(b + 1)
            band.SetNoDataValue(-1.0)
            band.WriteArray(np.full((rows, cols), -1.0, np.float32) if d in empty else stack[d, b])
        ds = None
        paths.append(path)
    return paths


def outs(folder, tag):
    return {key: str(folder / f"{tag}_{key}.tif") for key in KEYS}


def read(path):
    return gdal.Open(path).ReadAsArray()


@pytest.mark.parametrize("median", [False, True])
def test_strips_of_any_height_equal_one_strip(tmp_path, median):
    paths = write_series(tmp_path)
    # one strip holding the whole image is the plain computation; strips of 4 rows need the
    # one-row halo for the median to see the same neighbours
    whole = run_sar_change(paths, outs(tmp_path, "whole"), median=median, rows=1000)
    strips = run_sar_change(paths, outs(tmp_path, "strips"), median=median, rows=4)
    for key in KEYS:
        np.testing.assert_array_equal(read(whole.outputs[key]), read(strips.outputs[key]))
    # the planted 7.8 dB block (rows 5-14, cols 3-11) changes at interval 4 (images 3 -> 4)
    assert (read(whole.outputs["intervals"])[3, 6:14, 4:11] == 1).mean() > 0.8


def test_cancel_mid_run_keeps_the_previous_files_and_leaves_no_partial(tmp_path):
    paths = write_series(tmp_path)
    out = outs(tmp_path, "run")
    with open(out["first"], "wb") as fh:  # a file the user had there
        fh.write(b"previous")
    calls = []

    def cancel_later():
        calls.append(1)
        return len(calls) > 40  # past the checks, in the middle of the strips

    with pytest.raises(RasterCancelled):
        run_sar_change(paths, out, rows=3, is_cancelled=cancel_later)
    assert len(calls) > 40
    assert open(out["first"], "rb").read() == b"previous"
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith("s_"))
    assert left == ["run_first.tif"]


def test_empty_scenes_are_skipped_and_named(tmp_path):
    paths = write_series(tmp_path, empty=(2, 5))
    messages = []
    res = run_sar_change(paths, outs(tmp_path, "e"), info=messages.append)
    assert res.skipped == [f"INPUT 3 ('{paths[2].split('/')[-1]}')", f"INPUT 6 ('{paths[5].split('/')[-1]}')"]
    assert len(res.dates) == 6 and read(res.outputs["intervals"]).shape[0] == 5
    assert len(messages) == 2 and "nodata everywhere" in messages[0]
    with pytest.raises(RasterError, match="only 1 scene"):
        run_sar_change(paths[1:3], outs(tmp_path, "f"))
