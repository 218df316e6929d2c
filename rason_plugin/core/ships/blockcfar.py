"""CFAR thresholds set per block of k x k pixels: the whole-scene speed path.

A ring of ~80 pixels across barely changes when it moves by a few pixels, so the clutter is
measured once per block: the ring is made of whole blocks (background half-width B blocks, guard
half-width G blocks around the pixel's own block) and every pixel of a block is compared with
its block's threshold. The guard then reaches at least G*k pixels from any pixel, as the
per-pixel detector's guard does. The blocks are anchored at pixel (0, 0) of the scene, so a strip
sees the same blocks whatever its size. Cost per pixel: one multiply-add pass for the block
sums and one comparison; the ring arithmetic runs on the k^2-times smaller block grid.
"""
from __future__ import annotations

import math

import numpy as np

from .cfar import CLUTTER_MODELS, LOGNORMAL, MIN_RING_PIXELS, box_sum, threshold_from_moments


def block_layout(guard_px: int, background_px: int, closing_px: int):
    """Return (k, G, B): block side and guard/background half-widths in blocks.

    Blocks are at most 8 pixels and at most a quarter of the background half-width, and wider
    than a closing gap (2 * closing_px), so the closing never joins pixels of blocks that are
    not neighbours.
    """
    k = max(2 * closing_px + 1, min(8, max(1, background_px // 4)))
    guard = int(math.ceil(guard_px / k))
    background = max(guard + 1, int(round(background_px / k)))
    return k, guard, background


def block_view(a: np.ndarray, k: int) -> np.ndarray:
    h, w = a.shape
    return a.reshape(h // k, k, w // k, k)


def block_sums(intensity: np.ndarray, valid: np.ndarray, k: int):
    """Return per-block (count, sum, sum of squares) of the valid pixels, as float64 arrays.

    One row of blocks at a time, in float32: the temporaries stay small (a full-strip float64
    copy costs more in memory traffic than the arithmetic), and a block's 64 values sum to
    float32's 7 digits, far inside what a threshold needs.
    """
    h, w = intensity.shape
    hb, wb = h // k, w // k
    n_b = np.empty((hb, wb))
    s1_b = np.empty((hb, wb))
    s2_b = np.empty((hb, wb))
    x = np.empty((k, w), dtype=np.float32)
    # Rows first (k contiguous rows added element-wise, which vectorises), then k-column groups.
    for i in range(hb):
        rows = slice(i * k, (i + 1) * k)
        vseg = valid[rows]
        np.multiply(intensity[rows], vseg, out=x, casting="unsafe")
        s1_b[i] = x.sum(axis=0).reshape(wb, k).sum(axis=1)
        np.multiply(x, x, out=x)
        s2_b[i] = x.sum(axis=0).reshape(wb, k).sum(axis=1)
        n_b[i] = np.count_nonzero(vseg, axis=0).reshape(wb, k).sum(axis=1)
    return n_b, s1_b, s2_b


def block_thresholds(intensity: np.ndarray, valid: np.ndarray, k: int, guard: int, background: int,
                     pfa: float, clutter: str):
    """Return (threshold, ring_mean) per block, NaN where untested. Sizes must be multiples of k."""
    if clutter not in CLUTTER_MODELS:
        raise ValueError(f"unknown clutter model {clutter!r}; use one of {CLUTTER_MODELS}")
    n_b, s1_b, s2_b = block_sums(intensity, valid, k)

    def ring(block_sums):
        return box_sum(block_sums, background) - box_sum(block_sums, guard)

    n = np.rint(ring(n_b))
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, ring(s1_b) / n, np.nan)
        var = np.maximum(np.where(n > 1, ring(s2_b) / n - mean * mean, np.nan), 0.0)
        log_moments = None
        if clutter == LOGNORMAL:
            positive = valid & (intensity > 0)
            logs = np.where(positive, np.log(np.where(positive, intensity, 1.0)), 0.0)
            ln = np.rint(ring(block_view(positive, k).sum(axis=(1, 3), dtype=np.float64)))
            l1 = ring(block_view(logs, k).sum(axis=(1, 3)))
            l2 = ring(block_view(logs * logs, k).sum(axis=(1, 3)))
            lmean = np.where(ln > 0, l1 / ln, np.nan)
            log_moments = (lmean, np.maximum(np.where(ln > 1, l2 / ln - lmean * lmean, np.nan), 0.0))
        thr = threshold_from_moments(mean, var, log_moments, pfa, clutter)
    untested = (n < MIN_RING_PIXELS) | ~np.isfinite(thr)
    return np.where(untested, np.nan, thr), np.where(untested, np.nan, mean)


def block_detect(intensity: np.ndarray, valid: np.ndarray, threshold_b: np.ndarray, k: int) -> np.ndarray:
    """Return the per-pixel detection mask: valid pixels above their block's threshold."""
    h, w = intensity.shape
    # Thresholds repeated along the row only: the comparison then runs over contiguous rows.
    per_column = np.repeat(threshold_b, k, axis=1)
    with np.errstate(invalid="ignore"):
        above = intensity.reshape(h // k, k, w) > per_column[:, None, :]
    above &= valid.reshape(h // k, k, w)
    return above.reshape(h, w)
