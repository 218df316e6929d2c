"""The raster engine (core/raster): N-input strips with a halo, N-scene alignment, outputs as a set."""
from __future__ import annotations

import os

import numpy as np
import pytest
from osgeo import gdal, osr

from rason_plugin.core.raster import (
    OutputSet,
    RasterCancelled,
    RasterError,
    align,
    open_scene,
    rows_for_budget,
    stream_strips,
)

UTM = 32652


def write(path, array, gt=(500000.0, 10.0, 0.0, 4700000.0, 0.0, -10.0), nodata=None):
    array = np.asarray(array)
    if array.ndim == 2:
        array = array[None]
    ds = gdal.GetDriverByName("GTiff").Create(str(path), array.shape[2], array.shape[1], array.shape[0],
                                               gdal.GDT_Float32)
    ds.SetGeoTransform(gt)
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(UTM)
    ds.SetProjection(srs.ExportToWkt())
    for i, band in enumerate(array):
        ds.GetRasterBand(i + 1).WriteArray(band)
        if nodata is not None:
            ds.GetRasterBand(i + 1).SetNoDataValue(nodata)
    ds = None
    return str(path)


def vertical_max(stack, halo):
    """Oracle: the max over rows r-halo..r+halo of each column, rows beyond the edges ignored."""
    h = stack.shape[0]
    return np.array([stack[max(0, r - halo):min(h, r + halo + 1)].max(axis=0) for r in range(h)])


@pytest.mark.parametrize("rows", [1, 2, 5, 7, 23])
@pytest.mark.parametrize("threaded", [True, False])
def test_halo_strips_of_n_inputs_give_the_whole_scene_result_at_any_strip_size(tmp_path, rows, threaded):
    # Three dates of a 23 x 9 scene; the "method" is a vertical max over 2 rows each side of the
    # sum of the dates. Computed per strip from the halo, it must equal the whole-array oracle.
    rng = np.random.default_rng(3)
    dates = [rng.random((23, 9)).astype(np.float32) for _ in range(3)]
    scenes = [open_scene(write(tmp_path / f"d{i}.tif", d), f"DATE{i + 1}", None) for i, d in enumerate(dates)]
    grid = align(scenes[0], scenes[1:], "nearest")
    got = np.empty((23, 9), dtype=np.float32)
    seen = []
    for strip in stream_strips(scenes, grid, rows, halo=2, threaded=threaded):
        total = sum(d[0] for d in strip.data)
        local = vertical_max(total, 2)
        got[strip.row0:strip.row0 + strip.nrows] = strip.core(local)
        seen.append((strip.row0, strip.nrows, strip.top, strip.bottom))
    expected = vertical_max(sum(dates), 2)
    np.testing.assert_array_equal(got, expected)
    # The halo is min(2, rows available): none above the first strip, none below the last.
    assert seen[0][2] == 0 and seen[-1][3] == 0
    for row0, n, top, bottom in seen:
        assert top == min(2, row0) and bottom == min(2, 23 - row0 - n)


def test_each_input_gets_its_own_validity_and_core_count(tmp_path):
    # Date 1 has nodata -9 at 3 pixels, two of them in rows 0..3 (the first strip's core);
    # date 2 has none (a float scene's mask still checks for NaN): every pixel valid.
    a = np.ones((8, 5), dtype=np.float32)
    a[1, 1] = a[3, 4] = a[6, 0] = -9
    scenes = [open_scene(write(tmp_path / "a.tif", a, nodata=-9), "A", None),
              open_scene(write(tmp_path / "b.tif", np.zeros((8, 5))), "B", None)]
    grid = align(scenes[0], scenes[1:], "nearest")
    strips = list(stream_strips(scenes, grid, 4, halo=1))
    first, second = strips
    assert first.n_valid == [4 * 5 - 2, 4 * 5] and second.n_valid == [4 * 5 - 1, 4 * 5]
    assert first.valid[1].all()
    # First strip: core rows 0..3 plus 1 halo row below -> rows 0..4; (1, 1) and (3, 4) invalid.
    assert first.valid[0].shape == (5, 5)
    assert sorted(zip(*np.nonzero(~first.valid[0]))) == [(1, 1), (3, 4)]


def test_align_cuts_the_grid_to_the_overlap_of_every_scene(tmp_path):
    # Reference 20 x 10 pixels of 10 m from x=500000, y=4700000. Scene B starts 3 columns to the
    # right; scene C ends 4 rows higher (16 rows). Overlap: columns 3..19, rows 0..15 -> 17 x 16.
    ref = open_scene(write(tmp_path / "r.tif", np.zeros((20, 20))), "REF", None)
    b = open_scene(write(tmp_path / "b.tif", np.zeros((20, 20)), gt=(500030.0, 10, 0, 4700000.0, 0, -10)),
                   "B", None)
    c = open_scene(write(tmp_path / "c.tif", np.zeros((16, 20))), "C", None)
    d = open_scene(write(tmp_path / "d.tif", np.zeros((20, 20))), "D", None)
    grid = align(ref, [b, c, d], "nearest")
    assert (grid.width, grid.height) == (17, 16)
    assert grid.geotransform[0] == 500030.0 and grid.geotransform[3] == 4700000.0
    # D is on the reference grid: read through a window of itself (from column 3), not warped.
    assert (d.xoff, d.yoff) == (3, 0) and d.validity is None and b.validity is not None


def test_align_names_the_scene_that_does_not_overlap(tmp_path):
    ref = open_scene(write(tmp_path / "r.tif", np.zeros((10, 10))), "REF", None)
    far = open_scene(write(tmp_path / "f.tif", np.zeros((10, 10)), gt=(900000.0, 10, 0, 4700000.0, 0, -10)),
                     "DATE7", None)
    with pytest.raises(RasterError, match=r"REF .* and DATE7 .* do not overlap"):
        align(ref, [far], "nearest")


def test_align_without_crop_keeps_the_reference_grid_and_hides_what_a_scene_misses(tmp_path):
    # Reference 10 x 6 pixels of 10 m from x=500000. B starts 3 columns (30 m) to the right, so
    # reference columns 0..2 have no B pixel; B's column c lands on reference column c + 3.
    # FAR lies 400 km east: it misses the grid, every pixel invalid (no "do not overlap" error).
    ref = open_scene(write(tmp_path / "r.tif", np.zeros((6, 10))), "REF", None)
    b_values = np.arange(60, dtype=np.float32).reshape(6, 10) + 1.0
    b = open_scene(write(tmp_path / "b.tif", b_values, gt=(500030.0, 10, 0, 4700000.0, 0, -10)), "B", None)
    far = open_scene(write(tmp_path / "f.tif", np.ones((6, 10)), gt=(900000.0, 10, 0, 4700000.0, 0, -10)),
                     "FAR", None)
    grid = align(ref, [b, far], "nearest", crop=False)
    assert (grid.width, grid.height) == (10, 6) and grid.geotransform[0] == 500000.0
    strip = next(stream_strips([ref, b, far], grid, 6))
    assert strip.valid[0].all()  # float data: the finite test gives a mask, all True here
    np.testing.assert_array_equal(strip.valid[1][:, :3], False)
    np.testing.assert_array_equal(strip.valid[1][:, 3:], True)
    np.testing.assert_array_equal(strip.data[1][0][:, 3:], b_values[:, :7])
    assert strip.n_valid == [60, 6 * 7, 0]


def test_output_set_writes_all_outputs_or_none_and_keeps_the_users_file(tmp_path):
    ref = open_scene(write(tmp_path / "r.tif", np.zeros((6, 4))), "REF", None)
    grid = align(ref, [], "nearest")
    old = tmp_path / "a.tif"
    old.write_bytes(b"the user's file")
    cancel = {"now": False}
    with pytest.raises(RasterCancelled):
        with OutputSet(grid, lambda: cancel["now"]) as outs:
            a = outs.add(str(old), 1, gdal.GDT_Float32, -1.0, ["first"], "A")
            outs.add(str(tmp_path / "b.tif"), 2, gdal.GDT_Byte, 255, ["x", "y"], "B")
            outs.submit(a.write, 0, np.ones((6, 4), dtype=np.float32))
            cancel["now"] = True
            outs.commit()
    assert old.read_bytes() == b"the user's file"
    assert sorted(os.listdir(tmp_path)) == ["a.tif", "r.tif"]  # no b.tif, no temporary file

    with OutputSet(grid) as outs:
        a = outs.add(str(old), 1, gdal.GDT_Float32, -1.0, ["first"], "A")
        outs.submit(a.write, 0, np.full((6, 4), 2.5, dtype=np.float32))
        outs.commit({"KEY": "value"})
    ds = gdal.Open(str(old))
    band = ds.GetRasterBand(1)
    assert band.GetNoDataValue() == -1.0 and band.GetDescription() == "first"
    assert ds.GetMetadataItem("KEY") == "value" and float(band.ReadAsArray().sum()) == 2.5 * 24


def test_output_set_jobs_run_side_by_side_and_a_failing_one_leaves_no_output(tmp_path):
    import threading

    ref = open_scene(write(tmp_path / "r.tif", np.zeros((6, 4))), "REF", None)
    grid = align(ref, [], "nearest")
    # Two jobs of one strip meet at a barrier: they can only both pass if they run at once.
    barrier = threading.Barrier(2, timeout=30)
    with OutputSet(grid) as outs:
        a = outs.add(str(tmp_path / "a.tif"), 1, gdal.GDT_Float32, -1.0, ["a"], "A")
        b = outs.add(str(tmp_path / "b.tif"), 1, gdal.GDT_Byte, 255, ["b"], "B")

        def job(out, value, dtype):
            barrier.wait()
            out.write(0, np.full((6, 4), value, dtype=dtype))
            return value

        assert outs.submit_jobs([(job, (a, 1.5, np.float32)), (job, (b, 7, np.uint8))]) is None
        assert outs.drain() == 1.5  # the first job's result
        outs.commit()
    assert gdal.Open(str(tmp_path / "a.tif")).ReadAsArray().sum() == 1.5 * 24
    assert gdal.Open(str(tmp_path / "b.tif")).ReadAsArray().sum() == 7 * 24

    def fails():
        raise OSError("disk full")

    def run_with_a_failing_job():
        with OutputSet(grid) as outs:
            c = outs.add(str(tmp_path / "c" / "c.tif"), 1, gdal.GDT_Byte, 255, ["c"], "C")
            outs.submit_jobs([(c.write, (0, np.ones((6, 4), np.uint8))), (fails, ())])
            outs.commit()

    (tmp_path / "c").mkdir()
    with pytest.raises(OSError, match="disk full"):
        run_with_a_failing_job()
    assert os.listdir(tmp_path / "c") == []  # the job that worked left no file either
    # The caught exception's traceback keeps this frame's GDAL datasets in a reference cycle:
    # free them while GDAL is up (pytest-qgis closes QGIS, and GDAL's drivers, before pytest's
    # last garbage collection, which would then crash).
    import gc
    gc.collect()
    with OutputSet(grid) as outs, pytest.raises(ValueError):
        outs.submit_jobs([(fails, ())] * (OutputSet.WRITERS + 1))


def test_rows_for_budget_bounds_the_buffers_of_many_inputs():
    # 85 dates x 1 band float32 on a 10980-pixel row: 3 buffers x 85 x 10980 x 4 B = 11,199,600 B
    # per row, so a 256 MiB budget (268,435,456 B) holds 23 rows (23.97 rounded down).
    assert rows_for_budget(10980, 85, 4, 256 * 2**20) == 23
    # Whole source blocks of 16 rows: 23 rounds down to 16; a budget below one row gives 1 row.
    assert rows_for_budget(10980, 85, 4, 256 * 2**20, source_block_height=16) == 16
    assert rows_for_budget(10980, 85, 4, 1000) == 1
