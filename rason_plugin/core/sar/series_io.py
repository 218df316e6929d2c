"""Opening a radar time series for the omnibus test: scenes, dates, grids, units, empty scenes, ENL.

A small N-input strip reader of its own, on ``core.raster_blocks`` (open_scene, read_strip), kept
apart so it can be folded into the plugin's raster engine later. numpy + GDAL only.
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..raster_blocks import ChangeDetectionError, Grid, SceneInput, _same_grid, open_scene, read_strip
from . import dates as sar_dates
from .omnibus import enl_mode, estimate_enl

LINEAR, AMPLITUDE, DECIBELS = 0, 1, 2
MAX_BANDS = 2  # the diagonal dual-pol case (VV, VH); a full covariance matrix is not supported


class SarSeriesError(ChangeDetectionError):
    """A bad radar series input; the message names the scene and the fix."""


class SarSeriesCancelled(SarSeriesError):  # noqa: N818 (a cancellation, not an error)
    """The caller cancelled; no output was left behind."""


@dataclass
class Scene:
    """One date of the series."""

    label: str  # "INPUT 3 ('name.tif')": how messages name it
    path: str
    date: dt.datetime
    source: SceneInput
    warped: bool = False


def scene_label(i: int, path: str) -> str:
    return f"INPUT {i + 1} ('{os.path.basename(str(path).rstrip('/')) or path}')"


def _date_of(path: str, ds) -> Optional[dt.datetime]:
    found = sar_dates.date_from_name(path)
    if found is None:
        metadata = dict(ds.GetMetadata() or {})
        if ds.RasterCount:
            metadata.update({k: v for k, v in (ds.GetRasterBand(1).GetMetadata() or {}).items()
                             if k not in metadata})
        found = sar_dates.date_from_metadata(metadata)
    return found


def _warp_onto(scene: SceneInput, grid: Grid, label: str) -> None:
    """Put ``scene`` on ``grid`` through a VRT warp with nearest neighbour and an alpha band.

    Nearest keeps each pixel a single look of the speckle (any averaging kernel would raise the
    ENL locally and make the test's chi-square law wrong there); pixels outside the scene are
    hidden by the warp's alpha band.
    """
    gt = grid.geotransform
    bounds = (gt[0], gt[3] + grid.height * gt[5], gt[0] + grid.width * gt[1], gt[3])
    opts = dict(format="VRT", outputBounds=bounds, width=grid.width, height=grid.height,
                resampleAlg="nearest", dstAlpha=True, outputType=gdal.GDT_Float32)
    if grid.wkt and scene.dataset.GetProjection():
        opts["dstSRS"] = grid.wkt
    src = gdal.Translate("", scene.dataset, format="VRT", bandList=scene.bands)
    warped = gdal.Warp("", src, **opts) if src is not None else None
    if warped is None:
        raise SarSeriesError(f"{label} is on another grid than INPUT 1 and could not be warped onto it "
                             f"({gdal.GetLastErrorMsg()}); warp it first (Raster > Projections > Warp)")
    scene.keep.extend([scene.dataset, src])
    scene.dataset = warped
    scene.bands = list(range(1, warped.RasterCount))
    scene.nodata = [None] * len(scene.bands)
    scene.mask_bands = []
    scene.alpha_band = warped.RasterCount
    scene.is_float = True


def open_series(paths: Sequence[str], dates_text: str = "", bands: Optional[Sequence[int]] = None):
    """Return (grid of INPUT 1, scenes sorted by date, notes); raise SarSeriesError naming a bad scene."""
    if len(paths) < 2:
        raise SarSeriesError(f"INPUT has {len(paths)} scene(s); the test needs at least 2 dates "
                             "(2 dates are the classic bitemporal test): add scenes")
    given = None
    if dates_text and dates_text.strip():
        try:
            given = sar_dates.parse_date_list(dates_text)
        except ValueError as exc:
            raise SarSeriesError(f"DATES: '{exc}' is not a date; give ISO dates (YYYY-MM-DD), "
                                 "comma-separated, one per scene in INPUT's order") from None
        if len(given) != len(paths):
            raise SarSeriesError(f"DATES has {len(given)} date(s) but INPUT has {len(paths)} scenes; "
                                 "give one date per scene, in INPUT's order, or leave DATES empty")
    scenes, notes = [], []
    for i, path in enumerate(paths):
        label = scene_label(i, path)
        try:
            src = open_scene(path, label, bands or None)
        except ChangeDetectionError as exc:
            raise SarSeriesError(str(exc)) from None
        if len(src.bands) > MAX_BANDS:
            raise SarSeriesError(f"{label} has {len(src.bands)} bands; the test takes one or two "
                                 "polarisations (e.g. VV,VH): choose them with BANDS, e.g. 1,2")
        when = given[i] if given else _date_of(path, src.dataset)
        if when is None:
            raise SarSeriesError(f"{label} has no date in its name (Sentinel-1 product name, YYYY-MM-DD "
                                 "or YYYYMMDD) nor in its metadata (TIFFTAG_DATETIME, "
                                 "ACQUISITION_START_TIME); give every scene's date in DATES")
        scenes.append(Scene(label, str(path), when, src))
    first = scenes[0]
    for s in scenes[1:]:
        if len(s.source.bands) != len(first.source.bands):
            raise SarSeriesError(f"{s.label} has {len(s.source.bands)} band(s) but {first.label} has "
                                 f"{len(first.source.bands)}; every date needs the same polarisations: "
                                 "choose them with BANDS")
    by_date = {}
    for s in scenes:
        if s.date in by_date:
            raise SarSeriesError(f"{s.label} and {by_date[s.date].label} have the same date "
                                 f"{s.date:%Y-%m-%d %H:%M:%S}; remove one of them or correct DATES")
        by_date[s.date] = s
    ds0 = first.source.dataset
    grid = Grid(ds0.RasterXSize, ds0.RasterYSize, ds0.GetGeoTransform(), ds0.GetProjection())
    for s in scenes[1:]:
        if not _same_grid(ds0, s.source.dataset):
            _warp_onto(s.source, grid, s.label)
            s.warped = True
            notes.append(f"{s.label} is on another grid: warped onto INPUT 1's grid (nearest neighbour)")
    ordered = sorted(scenes, key=lambda s: s.date)
    if ordered != scenes:
        notes.append("INPUT was not in date order: the scenes were sorted by date")
    return grid, ordered, notes


def to_intensity(arr: np.ndarray, valid: np.ndarray, units: int, label: str) -> np.ndarray:
    """Return ``arr`` as linear intensity (float32); raise for negative linear input at valid pixels."""
    arr = arr.astype(np.float32, copy=False)
    if units == DECIBELS:
        return np.power(np.float32(10.0), arr / np.float32(10.0), dtype=np.float32)
    if units == AMPLITUDE:
        return arr * arr
    # a min first: the masked test (a copy) only runs when some pixel, maybe nodata, is negative
    if arr.size and arr.min() < 0 and ((arr < 0).any(axis=0) & valid).any():
        raise SarSeriesError(f"{label} has negative values, which a linear intensity cannot have; "
                             "if the scenes are in decibels set UNITS to Decibels")
    return arr


def read_scene(scene: Scene, row0: int, nrows: int, width: int):
    """Return (bands x rows x width array, valid mask) of ``scene`` for rows ``row0 .. row0+nrows-1``."""
    arr, valid = read_strip(scene.source, row0, nrows, width)
    # Each strip is read once: dropping its blocks from GDAL's cache keeps memory flat in the
    # number of dates (the cache would otherwise hold up to GDAL_CACHEMAX of every scene).
    scene.source.dataset.FlushCache()
    if valid is None:
        valid = np.ones((nrows, width), dtype=bool)
    return arr, valid


def has_data(scene: Scene, grid: Grid, rows: int, is_cancelled: Optional[Callable[[], bool]] = None) -> bool:
    """Return True when ``scene`` has a valid pixel; reads strips only until it finds one."""
    for row0 in range(0, grid.height, rows):
        if is_cancelled is not None and is_cancelled():
            raise SarSeriesCancelled("cancelled")
        _arr, valid = read_scene(scene, row0, min(rows, grid.height - row0), grid.width)
        if valid.any():
            return True
    return False


def estimate_series_enl(scenes: Sequence[Scene], grid: Grid, units: int, rows: int,
                        n_scenes: int = 5) -> Optional[float]:
    """Return the ENL estimated on up to ``n_scenes`` dates spread over the series (mode of 7x7 blocks)."""
    pick = np.unique(np.linspace(0, len(scenes) - 1, min(n_scenes, len(scenes))).round().astype(int))
    rows = max(7, (rows // 7) * 7)
    values = []
    for i in pick:
        s = scenes[int(i)]
        for row0 in range(0, grid.height, rows):
            arr, valid = read_scene(s, row0, min(rows, grid.height - row0), grid.width)
            inten = to_intensity(arr, valid, units, s.label)
            for b in range(inten.shape[0]):
                v = estimate_enl(inten[b], valid)
                if v is not None:
                    values.append(v)
    return enl_mode(np.concatenate(values)) if values else None
