"""The inputs of a radar time series: scenes, dates, one grid, units, empty scenes, the ENL.

Opening, aligning and reading are the raster engine's (core.raster): this module only adds what
a series needs on top (a date per scene, one polarisation set, linear intensity).
"""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass
from typing import Callable, Optional, Sequence

import numpy as np

from ..raster import Grid, RasterError, SceneInput, align, open_scene, stream_strips
from . import dates as sar_dates
from .omnibus import enl_mode, estimate_enl

LINEAR, AMPLITUDE, DECIBELS = 0, 1, 2
MAX_BANDS = 2  # the diagonal dual-pol case (VV, VH); a full covariance matrix is not supported
PURPOSE = "the radar change test"
CANCELLED = "cancelled; no output was written"
_LN10_OVER_10 = np.float32(np.log(10.0) / 10.0)


@dataclass
class Scene:
    """One date of the series."""

    label: str  # "INPUT 3 ('name.tif')": how messages name it
    path: str
    date: dt.datetime
    source: SceneInput


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


def _given_dates(dates_text: str, n: int):
    if not (dates_text and dates_text.strip()):
        return None
    try:
        given = sar_dates.parse_date_list(dates_text)
    except ValueError as exc:
        raise RasterError(f"DATES: '{exc}' is not a date; give ISO dates (YYYY-MM-DD), "
                          "comma-separated, one per scene in INPUT's order") from None
    if len(given) != n:
        raise RasterError(f"DATES has {len(given)} date(s) but INPUT has {n} scenes; "
                          "give one date per scene, in INPUT's order, or leave DATES empty")
    return given


def _open_one(i: int, path, bands, given) -> Scene:
    label = scene_label(i, path)
    src = open_scene(path, label, bands or None, PURPOSE)
    if len(src.bands) > MAX_BANDS:
        raise RasterError(f"{label} has {len(src.bands)} bands; the test takes one or two "
                          "polarisations (e.g. VV,VH): choose them with BANDS, e.g. 1,2")
    when = given[i] if given else _date_of(str(path), src.dataset)
    if when is None:
        raise RasterError(f"{label} has no date in its name (Sentinel-1 product name, YYYY-MM-DD "
                          "or YYYYMMDD) nor in its metadata (TIFFTAG_DATETIME, "
                          "ACQUISITION_START_TIME); give every scene's date in DATES")
    return Scene(label, str(path), when, src)


def open_series(paths: Sequence[str], dates_text: str = "", bands: Optional[Sequence[int]] = None):
    """Return (grid of INPUT 1, scenes sorted by date, notes); raise RasterError naming a bad scene.

    Scenes on another grid are warped onto INPUT 1's whole grid with nearest neighbour: it keeps
    each pixel a single look of the speckle (an averaging kernel would raise the ENL locally and
    make the test's chi-square law wrong there); pixels a scene does not cover are nodata in it.
    """
    if len(paths) < 2:
        raise RasterError(f"INPUT has {len(paths)} scene(s); the test needs at least 2 dates "
                          "(2 dates are the classic bitemporal test): add scenes")
    given = _given_dates(dates_text, len(paths))
    scenes = [_open_one(i, path, bands, given) for i, path in enumerate(paths)]
    first = scenes[0]
    for s in scenes[1:]:
        if len(s.source.bands) != len(first.source.bands):
            raise RasterError(f"{s.label} has {len(s.source.bands)} band(s) but {first.label} has "
                              f"{len(first.source.bands)}; every date needs the same polarisations: "
                              "choose them with BANDS")
    by_date = {}
    for s in scenes:
        if s.date in by_date:
            raise RasterError(f"{s.label} and {by_date[s.date].label} have the same date "
                              f"{s.date:%Y-%m-%d %H:%M:%S}; remove one of them or correct DATES")
        by_date[s.date] = s
    grid = align(first.source, [s.source for s in scenes[1:]], "nearest", PURPOSE, crop=False)
    notes = [f"{s.label} is on another grid: warped onto INPUT 1's grid (nearest neighbour)"
             for s in scenes[1:] if s.source.validity is not None]
    ordered = sorted(scenes, key=lambda s: s.date)
    if ordered != scenes:
        notes.append("INPUT was not in date order: the scenes were sorted by date")
    return grid, ordered, notes


def to_intensity(arr: np.ndarray, valid: Optional[np.ndarray], units: int, label: str) -> np.ndarray:
    """Return ``arr`` as linear intensity (float32), converted in place when it is float32.

    Raises for negative linear input at valid pixels (``valid`` None: all valid).
    """
    if arr.dtype != np.float32:
        arr = arr.astype(np.float32)
    if units == DECIBELS:  # 10^(x/10) as exp(x ln10/10): one pass fewer than np.power
        np.multiply(arr, _LN10_OVER_10, out=arr)
        return np.exp(arr, out=arr)
    if units == AMPLITUDE:
        return np.square(arr, out=arr)
    # a min first: the masked test (a copy) only runs when some pixel, maybe nodata, is negative
    if arr.size and arr.min() < 0:
        negative = (arr < 0).any(axis=0)
        if (negative if valid is None else negative & valid).any():
            raise RasterError(f"{label} has negative values, which a linear intensity cannot have; "
                              "if the scenes are in decibels set UNITS to Decibels")
    return arr


def has_data(scene: Scene, grid: Grid, rows: int, is_cancelled: Optional[Callable[[], bool]] = None) -> bool:
    """Return True when ``scene`` has a valid pixel; reads strips only until it finds one."""
    for strip in stream_strips([scene.source], grid, rows, threaded=False, is_cancelled=is_cancelled,
                               cancel_message=CANCELLED):
        if strip.n_valid[0]:
            return True
    return False


def estimate_series_enl(scenes: Sequence[Scene], grid: Grid, units: int, rows: int,
                        n_scenes: int = 5) -> Optional[float]:
    """Return the ENL estimated on up to ``n_scenes`` dates spread over the series (mode of 7x7 blocks)."""
    pick = np.unique(np.linspace(0, len(scenes) - 1, min(n_scenes, len(scenes))).round().astype(int))
    rows = max(7, (rows // 7) * 7)  # whole 7x7 blocks in every strip: the estimate ignores strips
    values = []
    for i in pick:
        s = scenes[int(i)]
        for strip in stream_strips([s.source], grid, rows, threaded=False):
            valid = strip.valid[0]
            if valid is None:
                valid = np.ones(strip.data[0].shape[1:], dtype=bool)
            inten = to_intensity(strip.data[0], valid, units, s.label)
            for b in range(inten.shape[0]):
                v = estimate_enl(inten[b], valid)
                if v is not None:
                    values.append(v)
    return enl_mode(np.concatenate(values)) if values else None
