"""Change regions and zone statistics on a hand-made mask whose answer is known pixel by pixel."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import write_tif  # noqa: E402

from rason_plugin.core.change_regions import change_regions, row_pixel_areas, zone_statistics  # noqa: E402

ORIGIN = (500000.0, 4700000.0)  # 20 x 20 pixels of 10 m: x 500000..500200, y 4699800..4700000


@pytest.fixture
def mask_and_stat(tmp_path):
    m = np.zeros((20, 20), np.uint8)
    m[2:5, 2:5] = 1            # 3x3 block: 900 m2, in the west zone
    m[10, 3] = 1               # single pixel: 100 m2, west zone
    m[15, 15] = m[16, 16] = 1  # diagonal pair, one 8-connected region: 200 m2, east
    m[0:2, 10:20] = 255        # nodata strip: 20 pixels, all in the east zone
    stat = np.where(m == 1, 0.0, 1.0).astype(np.float32)
    stat[2:5, 2:5] = np.arange(9, dtype=np.float32).reshape(3, 3) + 10  # mean 14
    stat[10, 3] = 50.0
    stat[15, 15], stat[16, 16] = 20.0, 30.0
    stat[m == 255] = -1
    mp = write_tif(tmp_path / "synthetic_mask.tif", m, origin=ORIGIN, dtype=gdal.GDT_Byte, nodata=255)
    sp = write_tif(tmp_path / "synthetic_stat.tif", stat, origin=ORIGIN, dtype=gdal.GDT_Float32, nodata=-1)
    west = "POLYGON((500000 4699800,500100 4699800,500100 4700000,500000 4700000,500000 4699800))"
    east = "POLYGON((500100 4699800,500200 4699800,500200 4700000,500100 4700000,500100 4699800))"
    return mp, sp, [("west", west), ("east", east)]


def test_regions_area_mean_and_zone(mask_and_stat):
    mp, sp, zones = mask_and_stat
    regions = sorted(change_regions(mp, sp, zones=zones), key=lambda r: -r.area_m2)
    assert [(r.area_m2, r.n_pixels, r.mean_stat, r.zone) for r in regions] == [
        (900.0, 9, 14.0, "west"), (200.0, 2, 25.0, "east"), (100.0, 1, 50.0, "west")]
    geom = ogr.CreateGeometryFromWkb(regions[0].wkb)
    assert geom.GetArea() == 900.0
    assert geom.GetEnvelope() == (500020.0, 500050.0, 4699950.0, 4699980.0)
    big = change_regions(mp, sp, zones=zones, min_area_m2=150.0, rows=3)
    assert sorted(r.area_m2 for r in big) == [200.0, 900.0]


def test_zone_statistics_by_hand(mask_and_stat):
    mp, sp, zones = mask_and_stat
    regions = change_regions(mp, sp, zones=zones, min_area_m2=150.0)
    stats = {z.zone: z for z in zone_statistics(mp, zones, regions)}
    west, east = stats["west"], stats["east"]
    assert (west.valid_area_m2, west.changed_area_m2, west.n_regions) == (20000.0, 1000.0, 1)
    assert west.changed_pct == pytest.approx(5.0)
    # East: 200 pixels minus the 20 nodata ones, 2 changed pixels.
    assert (east.valid_area_m2, east.changed_area_m2, east.n_regions) == (18000.0, 200.0, 1)
    assert east.changed_pct == pytest.approx(200.0 / 18000.0 * 100)


def test_row_areas_on_a_geographic_grid():
    wgs84 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
             'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')
    areas = row_pixel_areas((130.0, 1.0, 0.0, 1.0, 0.0, -1.0), wgs84, 0, 1)
    # 1 x 1 degree cell at the equator on the authalic sphere: R^2 * (pi/180) * sin(1 deg).
    assert areas[0] == pytest.approx(6371007.2 ** 2 * np.pi / 180 * np.sin(np.radians(1.0)), rel=1e-12)
    assert row_pixel_areas((0, 10.0, 0, 0, 0, -10.0), "", 0, 2).tolist() == [100.0, 100.0]
