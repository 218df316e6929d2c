"""The synthetic Sentinel-1 series of Rajin: dates, names, coast, speckle, yard and ships."""
from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import numpy as np
import pytest
from osgeo import gdal

from sample_data import synthetic, synthetic_sar

SOURCES = Path(synthetic.__file__).resolve().parent.parent / "rason_plugin" / "data" / "sources"


@pytest.fixture(scope="module")
def series(tmp_path_factory):
    return synthetic_sar.write_series(tmp_path_factory.mktemp("s1"))


def _read(path):
    ds = gdal.Open(str(path))
    cube = ds.ReadAsArray().astype(np.float64)
    meta = ds.GetMetadata()
    names = [ds.GetRasterBand(i + 1).GetDescription() for i in range(ds.RasterCount)]
    ds = None
    return cube, meta, names


def test_twelve_dates_twelve_days_apart_named_synthetic(series):
    assert len(series.paths) == 12
    days = [d for d in series.dates]
    assert all(b - a == timedelta(days=12) for a, b in zip(days, days[1:]))
    for path, day in zip(series.paths, days):
        assert path.name == f"synthetic_s1_rajin_{day.isoformat()}.tif"
        cube, meta, names = _read(path)
        assert cube.shape == (2, synthetic.SIZE_PX, synthetic.SIZE_PX)
        assert meta["SYNTHETIC"] == "YES" and "SYNTHETIC" in meta["TIFFTAG_IMAGEDESCRIPTION"]
        assert meta["ACQUISITION_START_TIME"].startswith(day.isoformat())
        assert names == ["VV intensity (synthetic)", "VH intensity (synthetic)"]
    assert synthetic_sar.DETECTION_DATE in days


def test_land_and_sea_follow_the_natural_earth_coast(series):
    # Oracle: the Natural Earth polygon rasterised by GDAL, with the pixels within 2 of the coast
    # left out; sea (-20 dB VV) and land (>= -13 dB) differ by far more than the speckle.
    land = synthetic.land_mask(SOURCES / "ne10m_land_rason.geojson")
    vv = np.mean([_read(p)[0][0] for p in series.paths], axis=0)  # 12 looks more: the cover shows
    inner_sea = ~land & (synthetic._distance_to(land) > 2)
    inner_land = land & (synthetic._distance_to(~land) > 2)
    # 98th percentile: the ships (well under 2 % of the sea) are the bright exception at sea.
    assert np.percentile(vv[inner_sea], 98) < 0.04 < np.percentile(vv[inner_land], 1)


def test_speckle_is_gamma_with_the_stated_looks(series):
    # A Gamma variable of shape L has mean^2 / variance = L: measured on open sea, away from ships.
    cube, _, _ = _read(series.paths[0])
    sea = cube[0][200:300, 20:120].ravel()
    assert sea.mean() ** 2 / sea.var() == pytest.approx(synthetic_sar.ENL, rel=0.06)
    assert sea.mean() == pytest.approx(synthetic_sar.SEA[0], rel=0.03)


def test_yard_fills_and_ships_come_and_go(series):
    assert series.yard_stacks[0] == 10 and series.yard_stacks[-1] == 48
    assert series.yard_stacks == sorted(series.yard_stacks)
    r0, r1, c0, c1 = synthetic.box_to_pixels(synthetic.YARD_BOX)
    bright = [(_read(p)[0][0][r0:r1, c0:c1] > 0.5).sum() for p in (series.paths[0], series.paths[-1])]
    # 38 more stacks of 4 pixels each are bright (containers 2.0 against an apron of 0.05).
    assert bright[1] - bright[0] == pytest.approx(38 * 4, abs=15)
    berth_sets = {tuple(s.name for s in ships) for day, ships in series.ships.items()
                  if day != synthetic_sar.DETECTION_DATE.isoformat()}
    assert len(berth_sets) > 2  # berths taken and freed over the series


def test_detection_date_has_the_ais_ship_and_two_dark_ships_over_100_m(series):
    ships = series.ships[synthetic_sar.DETECTION_DATE.isoformat()]
    with_ais = [s for s in ships if s.mmsi]
    dark = [s for s in ships if not s.mmsi]
    assert len(dark) == 2 and all(s.length > 100 for s in dark)
    # SYNTHETIC EMERALD is moored at berth B2 from about 06:00 on 6 October to 02:00 on 7 October
    # (synthetic_ais.CALLS: arrival 125 h after 1 October 00:00, 20 h at B2).
    assert [s.name for s in with_ais] == ["SYNTHETIC EMERALD"]
    land = synthetic.land_mask(SOURCES / "ne10m_land_rason.geojson")
    for ship in ships:  # every hull lies on the water
        mask = synthetic_sar.ship_mask(ship)
        assert mask.sum() > 0 and not (mask & land).any(), ship.name
