"""Change regions and zone statistics on a hand-made mask whose answer is known pixel by pixel."""
from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal, ogr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from change_synthetic import write_tif  # noqa: E402

from rason_plugin.core.change.regions import change_regions  # noqa: E402
from rason_plugin.core.change.zones import zone_statistics  # noqa: E402
from rason_plugin.core.raster import row_pixel_areas  # noqa: E402

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


# --- one pixel-area routine, on the ellipsoid -------------------------------------------------
WGS84 = ('GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563]],'
         'PRIMEM["Greenwich",0],UNIT["degree",0.0174532925199433]]')


def _cell_area_by_quadrature(lat_top, lat_bottom, dlon_deg, a=6378137.0, inv_f=298.257223563):
    """Ellipsoidal area of a lat/lon cell: integral of M(phi) N(phi) cos(phi) dphi dlambda (the surface
    element from the radii of curvature), by scipy quadrature: independent of the code's closed form."""
    import math

    from scipy.integrate import quad

    f = 1.0 / inv_f
    e2 = f * (2 - f)

    def element(phi):
        w = 1.0 - e2 * math.sin(phi) ** 2
        return a * (1 - e2) / w ** 1.5 * a / math.sqrt(w) * math.cos(phi)

    return quad(element, math.radians(lat_bottom), math.radians(lat_top), epsabs=0, epsrel=1e-13)[0] \
        * math.radians(dlon_deg)


def test_row_areas_on_the_wgs84_ellipsoid():
    # 1 x 1 degree cells at the equator and at 60-61 N, against quadrature of the surface element.
    for top in (1.0, 61.0):
        areas = row_pixel_areas((130.0, 1.0, 0.0, top, 0.0, -1.0), WGS84, 0, 1)
        assert areas[0] == pytest.approx(_cell_area_by_quadrature(top, top - 1.0, 1.0), rel=1e-10)
    # The whole globe on a 1-degree grid adds up to the WGS84 ellipsoid's published surface area,
    # 510,065,621.724 km2 (also 2 pi a^2 + pi b^2 / e ln((1 + e) / (1 - e)) = 5.10065621724089e14 m2).
    rows = row_pixel_areas((-180.0, 1.0, 0.0, 90.0, 0.0, -1.0), WGS84, 0, 180)
    assert 360 * rows.sum() == pytest.approx(510_065_621.724e6, rel=1e-11)
    # Projected grids: the CRS's own plane, pixel width x height.
    assert row_pixel_areas((0, 10.0, 0, 0, 0, -10.0), "", 0, 2).tolist() == [100.0, 100.0]


def test_regions_and_zones_on_a_geographic_grid_use_ellipsoidal_areas(tmp_path):
    """The same mask on a 0.001-degree grid at 42.3 N: region and zone areas are sums of the
    ellipsoidal cell areas of their rows."""
    m = np.zeros((20, 20), np.uint8)
    m[2:5, 2:5] = 1
    origin, px = (130.0, 42.3), 0.001
    mp = write_tif(tmp_path / "geo_mask.tif", m, origin=origin, pixel=px, epsg=4326, dtype=gdal.GDT_Byte,
                   nodata=255)
    sp = write_tif(tmp_path / "geo_stat.tif", m.astype(np.float32), origin=origin, pixel=px, epsg=4326,
                   dtype=gdal.GDT_Float32, nodata=-1)
    cell = [_cell_area_by_quadrature(origin[1] - r * px, origin[1] - (r + 1) * px, px) for r in range(20)]
    regions = list(change_regions(mp, sp))
    assert len(regions) == 1 and regions[0].n_pixels == 9
    assert regions[0].area_m2 == pytest.approx(3 * sum(cell[2:5]), rel=1e-10)
    zone = "POLYGON((130 42.28,130.02 42.28,130.02 42.3,130 42.3,130 42.28))"  # the whole raster
    (stats,) = zone_statistics(mp, [("all", zone)], regions)
    assert stats.valid_area_m2 == pytest.approx(20 * sum(cell), rel=1e-10)
    assert stats.changed_area_m2 == pytest.approx(3 * sum(cell[2:5]), rel=1e-10)


# --- change regions are streamed ---------------------------------------------------------------
def test_regions_are_streamed_within_a_memory_bound(tmp_path):
    """62,500 one-pixel regions (every other pixel of every other row of a 500 x 500 mask; with 8-
    connectivity no two touch). Walking through them must not hold them all: the tracemalloc peak
    (Python objects and numpy arrays) stays under 6 MB, where the regions themselves would take
    over 62,500 x (93 bytes of WKB + ~300 bytes of Python objects per ChangeRegion) > 24 MB. The
    6 MB: three per-region accumulators (8 bytes each, 1.5 MB) plus 64-row strips (64 x 500
    pixels x at most ~40 bytes of arrays per pixel, 1.3 MB), with room to spare."""
    import tracemalloc

    h, w = 500, 500
    m = np.zeros((h, w), np.uint8)
    m[::2, ::2] = 1
    stat = np.where(m == 1, 5.0, 0.0).astype(np.float32)
    mp = write_tif(tmp_path / "many_mask.tif", m, origin=ORIGIN, dtype=gdal.GDT_Byte, nodata=255)
    sp = write_tif(tmp_path / "many_stat.tif", stat, origin=ORIGIN, dtype=gdal.GDT_Float32, nodata=-1)
    expected_n = (h // 2) * (w // 2)
    assert expected_n == 62_500
    tracemalloc.start()
    try:
        n = 0
        total = 0.0
        for region in change_regions(mp, sp, rows=64):
            n += 1
            total += region.area_m2
            assert region.n_pixels == 1 and region.mean_stat == 5.0
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert n == expected_n and total == expected_n * 100.0
    assert peak < 6 * 1024 * 1024, f"peak {peak / 1e6:.1f} MB"
