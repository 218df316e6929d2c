"""One strip's pixels, turned into intensity a few rows at a time: the detector's memory diet.

A whole strip converted to float intensity, with its valid mask and its detection mask, costs
several full-strip passes through main memory; on a full IW swath those passes, not the
arithmetic, took most of the time. The detector needs the full strip only twice: once for the
block sums (one row of blocks at a time, small enough to stay in the CPU cache) and once for
the few small windows around candidate blocks. Each source here hands out intensity and
validity for any window, computed element by element exactly as the whole-strip conversion
does, so the detections are the same to the last bit.
"""
from __future__ import annotations

from typing import Optional, Sequence, Tuple

import numpy as np

from .cfar import to_intensity


class ArrayPixels:
    """Intensity and valid mask already in memory (the pure-numpy path, the tests' arrays)."""

    def __init__(self, intensity: np.ndarray, valid: np.ndarray):
        self.intensity = intensity
        self.valid_mask = valid
        self.nrows, self.width = intensity.shape

    def window(self, r0: int, r1: int, c0: int, c1: int,
               out: Optional[np.ndarray] = None) -> Tuple[np.ndarray, Optional[np.ndarray], bool]:
        """Return (intensity, valid or None meaning all valid, whether the intensity may be changed).

        ``out`` is ignored: the arrays are views of the caller's.
        """
        return self.intensity[r0:r1, c0:c1], self.valid_mask[r0:r1, c0:c1], False


class RawPixels:
    """The raster engine's raw strip (bands in their own units and dtype), converted on demand.

    Valid: the engine's mask, a positive intensity (zero DN is Sentinel-1's no-return border
    padding, never sea) and not land.
    """

    def __init__(self, bands: Sequence[np.ndarray], engine_valid: Optional[np.ndarray], units: int,
                 land: Optional[np.ndarray] = None):
        self.bands = list(bands)
        self.engine_valid = engine_valid
        self.units = units
        self.land = land
        self.nrows, self.width = self.bands[0].shape

    def window(self, r0: int, r1: int, c0: int, c1: int,
               out: Optional[np.ndarray] = None) -> Tuple[np.ndarray, Optional[np.ndarray], bool]:
        """Return (intensity, valid or None meaning all valid, True: the intensity may be changed).

        ``out``: a float32 buffer of the window's shape to hold the intensity.
        """
        ev = None if self.engine_valid is None else self.engine_valid[r0:r1, c0:c1]
        if ev is not None and ev.all():
            ev = None
        bands = [b[r0:r1, c0:c1] for b in self.bands]
        if ev is not None:
            bands = [np.where(ev, b, 0) for b in bands]
        intensity = to_intensity(bands, self.units, ev, out=out)
        # min() is one vectorised pass; NaN fails the test too, so it falls to the mask.
        if ev is None and self.land is None and intensity.min() > 0:
            return intensity, None, True
        valid = intensity > 0
        if ev is not None:
            valid &= ev
        if self.land is not None:
            valid &= ~self.land[r0:r1, c0:c1]
        return intensity, valid, True


def padded_window(pixels, r0: int, r1: int, c0: int, c1: int):
    """Return (intensity, valid) of a window that may reach past the strip (padding: zero, invalid)."""
    rr1, cc1 = min(r1, pixels.nrows), min(c1, pixels.width)
    intensity, valid, _ = pixels.window(r0, rr1, c0, cc1)
    if valid is None:
        valid = np.ones(intensity.shape, dtype=bool)
    if (rr1, cc1) != (r1, c1):
        pad = ((0, r1 - rr1), (0, c1 - cc1))
        intensity, valid = np.pad(intensity, pad), np.pad(valid, pad)
    return intensity, valid


def block_stats(pixels, k: int, log_sums: bool = False):
    """Return per-block (count, sum, sum of squares, max) of the valid intensities, and log sums.

    The count is a (rows, columns) pair of 1-D counts when every pixel is valid (their outer
    product is the count; blockcfar.thresholds_from_sums takes either form).
    Blocks are k x k, anchored at the strip's first pixel; the last row and column of blocks
    are padded with invalid pixels. The sums are computed in float32 one row of blocks at a
    time, with the same operations, in the same order, as blockcfar.block_sums on the whole
    strip, so they are equal to the bit. The max (of the valid intensities, 0 when none) tells
    which blocks hold a pixel above their threshold: thresholds are never negative.
    ``log_sums``: also (count, sum, sum of squares) of the log of the positive valid intensities
    (the log-normal model), else None.
    """
    h, w = pixels.nrows, pixels.width
    hb, wb = -(-h // k), -(-w // k)
    wp = wb * k
    n_b, s1_b, s2_b, max_b = (np.empty((hb, wb)) for _ in range(4))
    logs = (np.empty((hb, wb)), np.empty((hb, wb)), np.empty((hb, wb))) if log_sums else None
    x = np.zeros((k, wp), dtype=np.float32)
    ibuf = np.empty((k, w), dtype=np.float32)
    vbuf = np.zeros((k, wp), dtype=bool)
    full_cols = np.full(wb, float(k))
    full_cols[-1] = w - (wb - 1) * k
    all_valid = True
    for i in range(hb):
        r0, r1 = i * k, min(h, (i + 1) * k)
        m = r1 - r0
        intensity, valid, fresh = pixels.window(r0, r1, 0, w, out=ibuf[:m])
        if valid is None:
            masked = intensity
        elif fresh and intensity.dtype == np.float32:
            masked = np.multiply(intensity, valid, out=intensity)
        else:
            masked = intensity * valid
        # The max in the source's own dtype: a float64 value just above a threshold must count.
        # fmax: a NaN pixel must not hide a bright one beside it.
        colmax = np.fmax.reduce(masked, axis=0)
        if wp != w:
            colmax = np.concatenate([colmax, np.zeros(wp - w, dtype=colmax.dtype)])
        _block_max(colmax.reshape(wb, k), max_b[i])
        if log_sums:
            _log_block_sums(masked, valid, k, wb, wp, [a[i] for a in logs])
        if m == k and wp == w and masked.dtype == np.float32 and (fresh or masked is not intensity):
            xs = masked  # a fresh array of block_sums' shape: summed in place, no copy
        else:
            xs = x
            xs[:m, :w] = masked
            xs[m:] = 0.0
        _block_sum(xs.sum(axis=0).reshape(wb, k), s1_b[i])
        np.multiply(xs, xs, out=xs)
        _block_sum(xs.sum(axis=0).reshape(wb, k), s2_b[i])
        if valid is None:
            n_b[i] = m * full_cols
        else:
            all_valid = False
            vbuf[:m, :w] = valid
            vbuf[m:] = False
            n_b[i] = np.count_nonzero(vbuf, axis=0).reshape(wb, k).sum(axis=1)
    if all_valid:
        # Every block's count is (its rows) x (its columns): the ring counts are separable.
        rows = np.full(hb, float(k))
        rows[-1] = h - (hb - 1) * k
        n_b = (rows, full_cols)
    return n_b, s1_b, s2_b, max_b, logs


def _log_block_sums(intensity, valid, k, wb, wp, out):
    """Fill ``out`` (count, sum, sum of squares per block) with the logs of the positive valid pixels."""
    m, w = intensity.shape
    positive = intensity > 0 if valid is None else valid & (intensity > 0)
    logs = np.where(positive, np.log(np.where(positive, intensity, 1.0)), 0.0)
    pad = ((0, k - m), (0, wp - w))
    positive, logs = np.pad(positive, pad), np.pad(logs, pad)
    out[0][:] = positive.reshape(1, k, wb, k).sum(axis=(1, 3), dtype=np.float64)[0]
    out[1][:] = logs.reshape(1, k, wb, k).sum(axis=(1, 3))[0]
    out[2][:] = (logs * logs).reshape(1, k, wb, k).sum(axis=(1, 3))[0]


def _block_max(columns: np.ndarray, out: np.ndarray) -> None:
    """Set ``out`` to the max of each row of ``columns`` (wb x k).

    Transposed to k contiguous rows first: numpy's max along a short last axis costs several
    times more than along the first.
    """
    np.max(columns.T.copy(), axis=0, out=out)


def _block_sum(columns: np.ndarray, out: np.ndarray) -> None:
    """Set ``out`` to ``columns.sum(axis=1)`` (wb x k, float32), bit for bit, in a fraction of the time.

    numpy adds a short last axis one element at a time after the first (k < 8) or, for eight,
    pairwise ((c0 + c1) + (c2 + c3)) + ((c4 + c5) + (c6 + c7)); the same additions column by
    column run vectorised across the blocks. Other k: numpy's own sum.
    """
    k = columns.shape[1]
    c = [columns[:, j] for j in range(k)]
    if k == 8:
        out[:] = ((c[0] + c[1]) + (c[2] + c[3])) + ((c[4] + c[5]) + (c[6] + c[7]))
    elif k < 8:
        acc = c[0].copy()
        for j in range(1, k):
            acc += c[j]
        out[:] = acc
    else:
        out[:] = columns.sum(axis=1)
