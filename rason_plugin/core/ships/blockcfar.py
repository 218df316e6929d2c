"""CFAR thresholds set per block of k x k pixels: the whole-scene speed path.

A ring of ~80 pixels across barely changes when it moves by a few pixels, so the clutter is
measured once per block: the ring is made of whole blocks (background half-width B blocks, guard
half-width G blocks around the pixel's own block) and every pixel of a block is compared with
its block's threshold. The guard then reaches at least G*k pixels from any pixel, as the
per-pixel detector's guard does. The blocks are anchored at pixel (0, 0) of the scene, so a strip
sees the same blocks whatever its size. Cost per pixel: one pass for the block sums and maxima
(strip_pixels.py); the ring arithmetic runs on the k^2-times smaller block grid, and pixels are
compared with their threshold only in blocks whose max passes it.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .cfar import (
    CLUTTER_MODELS,
    GAUSSIAN,
    LOGNORMAL,
    MIN_RING_PIXELS,
    K,
    box_sums,
    box_sums_at,
    threshold_from_moments,
)
from .kdist import DEFAULT_LOOKS, lowest_k_multiplier


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
    log_sums = None
    if clutter == LOGNORMAL:
        positive = valid & (intensity > 0)
        logs = np.where(positive, np.log(np.where(positive, intensity, 1.0)), 0.0)
        log_sums = (block_view(positive, k).sum(axis=(1, 3), dtype=np.float64),
                    block_view(logs, k).sum(axis=(1, 3)), block_view(logs * logs, k).sum(axis=(1, 3)))
    return thresholds_from_sums(n_b, s1_b, s2_b, log_sums, guard, background, pfa, clutter)


def thresholds_from_sums(n_b, s1_b, s2_b, log_sums, guard: int, background: int, pfa: float, clutter: str,
                         max_b: Optional[np.ndarray] = None):
    """Return (threshold, ring_mean) per block from the per-block sums; NaN where untested.

    ``log_sums``: per-block (count, sum, sum of squares) of log intensity, for LOGNORMAL only.
    ``n_b`` may be a (row counts, column counts) pair when every pixel is valid: the ring counts
    are then products of 1-D box sums, exact integers like the 2-D ones, at a fraction of the cost.
    ``max_b``: each block's largest valid intensity. When given, a block whose max cannot reach
    the lowest threshold its model sets for its ring mean is left untested (it holds no
    detection): on open sea that is nearly every block, and the clutter model runs on the rest.
    """
    if clutter not in CLUTTER_MODELS:
        raise ValueError(f"unknown clutter model {clutter!r}; use one of {CLUTTER_MODELS}")
    n = np.rint(ring_sum(n_b, guard, background) if not isinstance(n_b, tuple)
                else _separable_ring(n_b, guard, background))
    lowest = _lowest_multiplier(clutter, pfa) if max_b is not None else None
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(n > 0, ring_sum(s1_b, guard, background) / n, np.nan)
        if lowest is None:
            s2 = ring_sum(s2_b, guard, background)
            var = np.maximum(np.where(n > 1, s2 / n - mean * mean, np.nan), 0.0)
            log_moments = None
            if clutter == LOGNORMAL:
                ln, l1, l2 = (ring_sum(a, guard, background) for a in log_sums)
                ln = np.rint(ln)
                lmean = np.where(ln > 0, l1 / ln, np.nan)
                log_moments = (lmean, np.maximum(np.where(ln > 1, l2 / ln - lmean * lmean, np.nan), 0.0))
            thr = threshold_from_moments(mean, var, log_moments, pfa, clutter)
        else:
            rows, cols = np.nonzero((n >= MIN_RING_PIXELS) & (max_b > mean * lowest))
            nc, mc = n[rows, cols], mean[rows, cols]
            outer, inner = box_sums_at(s2_b, (background, guard), rows, cols)
            var = np.maximum(np.where(nc > 1, (outer - inner) / nc - mc * mc, np.nan), 0.0)
            thr = np.full(n.shape, np.nan)
            thr[rows, cols] = threshold_from_moments(mc, var, None, pfa, clutter)
    untested = (n < MIN_RING_PIXELS) | ~np.isfinite(thr)
    return np.where(untested, np.nan, thr), np.where(untested, np.nan, mean)


def ring_sum(block_sums: np.ndarray, guard: int, background: int) -> np.ndarray:
    """Return each block's sum over its ring: the background square less the guard square."""
    outer, inner = box_sums(block_sums, (background, guard))
    outer -= inner
    return outer


def _lowest_multiplier(clutter: str, pfa: float) -> Optional[float]:
    """Return a factor no threshold of ``clutter`` falls below, times its ring mean; None: no bound used.

    Gaussian: mean + z * std with z > 0 (pfa < 0.5). K: the mean times a multiplier interpolated
    in its table, so never below the table's least entry. A margin of 1e-9 covers the rounding of
    exp(log(.)). Gamma and log-normal get no bound (their thresholds are computed everywhere).
    """
    if clutter == GAUSSIAN:
        return 1.0 - 1e-9
    if clutter == K:
        return lowest_k_multiplier(pfa, DEFAULT_LOOKS) * (1.0 - 1e-9)
    return None


def block_detect(intensity: np.ndarray, valid: np.ndarray, threshold_b: np.ndarray, k: int) -> np.ndarray:
    """Return the per-pixel detection mask: valid pixels above their block's threshold."""
    h, w = intensity.shape
    # Thresholds repeated along the row only: the comparison then runs over contiguous rows.
    per_column = np.repeat(threshold_b, k, axis=1)
    with np.errstate(invalid="ignore"):
        above = intensity.reshape(h // k, k, w) > per_column[:, None, :]
    above &= valid.reshape(h // k, k, w)
    return above.reshape(h, w)


def _box_1d(values: np.ndarray, half: int) -> np.ndarray:
    """Return the sums of ``values`` over each element's clipped window of half-width ``half``."""
    n = values.size
    integral = np.concatenate([[0.0], np.cumsum(values, dtype=np.float64)])
    idx = np.arange(n)
    return integral[np.clip(idx + half + 1, 0, n)] - integral[np.clip(idx - half, 0, n)]


def _separable_ring(counts, guard: int, background: int) -> np.ndarray:
    rows, cols = counts
    return (np.outer(_box_1d(rows, background), _box_1d(cols, background))
            - np.outer(_box_1d(rows, guard), _box_1d(cols, guard)))
