"""BEFORE, AFTER and the mask, strip by strip on the raster engine, and per-strip array helpers."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterator, Optional, Sequence

import numpy as np
from osgeo import gdal

from ..raster import Grid, SceneInput, stream_strips

PURPOSE = "change detection"  # how the engine's messages name what the inputs are for
CANCELLED = "change detection cancelled; no output was written"


@dataclass
class Strip:
    """One strip of BEFORE and AFTER on the grid, with the pixels valid in both (and the mask)."""

    row0: int
    nrows: int
    x: np.ndarray      # BEFORE bands (p, rows, cols), native dtype
    y: np.ndarray      # AFTER bands (q, rows, cols)
    valid: np.ndarray  # (rows, cols) bool; pixels valid in both scenes and the mask
    n_valid_before: int
    n_valid_after: int
    all_valid: bool = False


def iter_strips(before: SceneInput, after: SceneInput, mask: Optional[SceneInput], grid: Grid, rows: int,
                is_cancelled: Optional[Callable[[], bool]] = None,
                progress: Optional[Callable[[float], None]] = None,
                windows: Optional[Sequence[tuple]] = None, threaded: bool = True) -> Iterator[Strip]:
    """Yield the engine's strips of BEFORE, AFTER (and the mask, 0 = exclude) as Strips, in order.

    Two reader threads (the engine's): BEFORE on one, AFTER on the other, so the two scenes are
    read side by side (bench/). ``x`` and ``y`` live in the engine's reused buffers: they hold a
    strip's values until the caller asks for the strip after next.
    """
    inputs = [before, after] + ([mask] if mask is not None else [])
    shared = {}

    def all_true(n):
        """One read-only all-valid mask per strip height, shared by the strips (saves a fill each)."""
        if n not in shared:
            shared[n] = np.ones((n, grid.width), dtype=bool)
            shared[n].flags.writeable = False
        return shared[n]

    for s in stream_strips(inputs, grid, rows, windows=windows, threaded=threaded, is_cancelled=is_cancelled,
                           progress=progress, cancel_message=CANCELLED):
        valid, vy = s.valid[0], s.valid[1]
        if mask is not None:
            mv = s.data[2][0] != 0
            if s.valid[2] is not None:
                mv &= s.valid[2]
            vy = mv if vy is None else (vy & mv)
        if vy is not None:
            valid = vy if valid is None else (valid & vy)
        all_valid = valid is None or bool(valid.all())
        if valid is None:
            valid = all_true(s.nrows)
        yield Strip(s.row0, s.nrows, s.data[0], s.data[1], valid, s.n_valid[0], s.n_valid[1], all_valid)


def compute_dtype(*scenes):
    """float32 where it is exact enough (<= 16-bit integers, float32), float64 otherwise."""
    for sc in scenes:
        for b in sc.bands:
            dt = sc.dataset.GetRasterBand(b).DataType
            if dt not in (gdal.GDT_Byte, gdal.GDT_UInt16, gdal.GDT_Int16, gdal.GDT_Float32) and \
                    gdal.GetDataTypeName(dt) != "Int8":
                return np.float64
    return np.float32


class TwoBuffers:
    """A strip's float32 outputs (statistic, and variates if asked for) from two sets of
    buffers used in turn.

    The writer thread holds the previous strip's arrays while the next strip is computed
    (OutputSet keeps at most one strip waiting), so two sets suffice; fresh arrays for every
    strip would cost a page fault per 4 KiB of output. One caller (thread) per instance.
    """

    def __init__(self):
        self._sets = ({}, {})
        self._turn = 1

    def next(self, n: int, n_variates: int = 0):
        """Return (stat (n,), variates (n_variates, n) or None), the set not returned last time."""
        self._turn = 1 - self._turn
        bufs = self._sets[self._turn]
        if bufs.get("stat") is None or bufs["stat"].size < n:
            bufs["stat"] = np.empty(n, dtype=np.float32)
        if n_variates and (bufs.get("variates") is None or bufs["variates"].shape[1] < n
                           or bufs["variates"].shape[0] != n_variates):
            bufs["variates"] = np.empty((n_variates, n), dtype=np.float32)
        return bufs["stat"][:n], (bufs["variates"][:, :n] if n_variates else None)


def sample_cols(strip, stride, offset, width):
    """Return flat indices (within the strip) of the regular sample grid's pixels in this strip."""
    r = np.arange(strip.row0, strip.row0 + strip.nrows)
    rows = r[(r - offset) % stride == 0] - strip.row0
    if rows.size == 0:
        return np.empty(0, dtype=np.int64)
    cols = np.arange(offset % stride, width, stride)
    return (rows[:, None] * width + cols[None, :]).ravel()
