"""The synthetic-scene generator leaves GDAL's error mode alone and reports its own failures."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from sample_data import synthetic

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
sys.path.insert(0, {root!r})
from osgeo import gdal, ogr, osr
before = (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions())
import sample_data.synthetic
after = (gdal.GetUseExceptions(), ogr.GetUseExceptions(), osr.GetUseExceptions())
print(before, after)
"""


def test_import_leaves_gdal_exception_mode_unchanged():
    # A fresh process: the mode is process-wide, so only one nobody else touched tells the truth.
    result = subprocess.run([sys.executable, "-c", PROBE.format(root=str(ROOT))],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    before, after = result.stdout.strip().split(") (")
    assert before + ")" == "(" + after  # (g, o, s) before == after


@pytest.fixture(params=[False, True], ids=["exceptions-off", "exceptions-on"])
def gdal_mode(request):
    """Run a test with GDAL exceptions off (QGIS's mode) and on, restoring the mode after."""
    was = gdal.GetUseExceptions()
    if request.param:
        gdal.UseExceptions()
    else:
        gdal.DontUseExceptions()
    yield request.param
    if was:
        gdal.UseExceptions()
    else:
        gdal.DontUseExceptions()


def test_missing_boundary_names_the_file_and_the_fix(tmp_path, gdal_mode):
    missing = tmp_path / "no_such_boundary.geojson"
    with pytest.raises(synthetic.SyntheticDataError) as caught:
        synthetic.land_mask(missing)
    message = str(caught.value)
    assert str(missing) in message and "SEZ boundary" in message and "GeoJSON or GeoPackage" in message


def test_unwritable_scene_names_the_file_and_leaves_nothing(tmp_path, gdal_mode):
    blocker = tmp_path / "not_a_folder"
    blocker.write_text("a file where a folder should be")
    target = blocker / "scene.tif"
    cube = np.ones((1, synthetic.SIZE_PX, synthetic.SIZE_PX), dtype=np.uint8)
    with pytest.raises(synthetic.SyntheticDataError) as caught:
        synthetic._write_tif(target, cube, {}, ["band"], gdal.GDT_Byte, None)
    assert str(target) in str(caught.value) and "writable" in str(caught.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["not_a_folder"]
