"""Sequential omnibus change detection for a time series of SAR intensities (single or dual-pol diagonal).

The facts come from Conradsen, Nielsen & Skriver, "Determining the points of change in time series
of polarimetric SAR data", IEEE TGRS 54(5), 2016, as Mort Canty implements them in
mortcanty/SARDocker src/sar_seq.py (MIT): the statistic ln R_j, rho_j, omega_2 and the chi-square
mixture for its p-value, and the sequential rule. The code here is our own: it tests only along each
pixel's own sequence (about k tests per pixel instead of the k^2 of the full matrix) and streams by
strips of rows.

Diagonal dual-pol (VV, VH without their cross term): the two intensities are independent Gamma
variables, so ln R_j is the sum of the single-pol statistics and the test has f = p degrees of
freedom. Each band's -2 rho ln R_j is approximately (1 - w) chi2(1) + w chi2(5), w = -(1/4)(1 - 1/rho)^2;
the sum of p of them is, to first order in w, (1 - p w) chi2(p) + p w chi2(p + 4), hence
omega_2 = -(p/4)(1 - 1/rho)^2 (for p = 2 this is Canty's diagonal case, chi2(2) and chi2(6)).
"""
from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Optional

import numpy as np

from ..change.thresholds import erfc

_TINY = np.finfo(np.float64).tiny  # a zero intensity would make log(det) -inf (Canty clamps the same way)


def rho_omega(j: np.ndarray, enl: float, p: int):
    """Return (rho_j, omega_2) of the diagonal p-band test on j images with ENL ``enl``."""
    j = np.asarray(j, dtype=np.float64)
    rho = 1.0 - (1.0 + 1.0 / (j * (j - 1.0))) / (6.0 * enl)
    omega2 = -(p / 4.0) * (1.0 - 1.0 / rho) ** 2
    return rho, omega2


def log_r(prev_sum: np.ndarray, new: np.ndarray, j: np.ndarray, enl: float) -> np.ndarray:
    """Return ln R_j of ``new`` (p x ...) against ``prev_sum``, the sum of the j - 1 images before it.

    ln R_j = n [p (j ln j - (j-1) ln(j-1)) + (j-1) ln|S_{j-1}| + ln|X_j| - j ln|S_j|], the
    determinants of diagonal matrices being the products over bands.
    """
    p = prev_sum.shape[0]
    j = np.asarray(j, dtype=np.float64)
    jm1 = j - 1.0
    log_prev = np.log(np.maximum(prev_sum, _TINY)).sum(axis=0)
    log_new = np.log(np.maximum(new, _TINY)).sum(axis=0)
    log_sum = np.log(np.maximum(prev_sum + new, _TINY)).sum(axis=0)
    const = p * (j * np.log(j) - jm1 * np.log(jm1))
    return enl * (const + jm1 * log_prev + log_new - j * log_sum)


def mixture_sf(z: np.ndarray, f: int, omega2) -> np.ndarray:
    """Return (1 - omega2) P(chi2_f > z) + omega2 P(chi2_{f+4} > z), sharing one exp between both laws.

    With y = z/2, Q_f = [erfc(sqrt y) for odd f] + exp(-y) sum_{i < n} t_i, where even f has
    t_i = y^i / i! and n = f/2, odd f has t_i = y^(i+1/2) / Gamma(i+3/2) and n = (f-1)/2
    (Abramowitz & Stegun 26.4.4-5, as core.change.thresholds.chi2_sf); Q_{f+4} adds t_n and t_{n+1}.
    """
    y = np.maximum(z, 0) * np.asarray(0.5, dtype=np.asarray(z).dtype)
    e = np.exp(-y)
    if f % 2 == 0:
        n, term, base = f // 2, np.ones_like(y), None
        step = [float(i) for i in range(1, n + 2)]
    else:
        n, term = (f - 1) // 2, np.sqrt(y) * (2.0 / math.sqrt(math.pi))
        base = erfc(np.sqrt(y))
        step = [i + 0.5 for i in range(1, n + 2)]
    total = np.zeros_like(y)
    for i in range(n):
        total += term
        term = term * y / step[i]
    tail = term + term * y / step[n]
    q_f = e * total if base is None else base + e * total
    return np.clip(q_f + omega2 * e * tail, 0.0, 1.0)


def p_value(prev_sum: np.ndarray, new: np.ndarray, j: np.ndarray, enl: float) -> np.ndarray:
    """Return the p-value of "no change" for ``new`` against the j - 1 images summed in ``prev_sum``."""
    p = prev_sum.shape[0]
    rho, omega2 = rho_omega(j, enl, p)
    z = -2.0 * rho * log_r(prev_sum, new, j, enl)
    return mixture_sf(z, p, omega2)


@dataclass
class SequenceResult:
    """Per-pixel results of the sequential test over k dates (k - 1 intervals)."""

    first: np.ndarray  # uint8, interval 1..k-1 of the first change, 0 = none
    last: np.ndarray  # uint8, interval of the last change
    frequency: np.ndarray  # uint8, number of changes
    intervals: np.ndarray  # uint8 (k-1, ...): 0 none, 1 brighter, 2 darker, 3 mixed
    pvalues: np.ndarray  # float32 (k-1, ...): the p-value that decided each interval


def _median3x3(values: np.ndarray, valid: np.ndarray) -> np.ndarray:
    """Return the 3x3 median of ``values`` (9, rows, w stacked neighbours) over the valid ones."""
    masked = np.where(valid, values, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # all-NaN windows: nodata pixels, masked later
        return np.nanmedian(masked, axis=0)


_OFFSETS = [(dy, dx) for dy in (-1, 0, 1) for dx in (-1, 0, 1)]


def sequential_changes(stack: np.ndarray, valid: np.ndarray, enl: float, alpha: float,
                       median: bool = False, halo: tuple = (0, 0), is_cancelled=None) -> SequenceResult:
    """Run the sequential omnibus test on ``stack`` (k dates of p bands x rows x w) of linear intensities.

    ``stack`` is one array or a sequence of k (p, rows, w) arrays (the strips as read, uncopied).

    ``valid`` (rows, w) marks pixels valid at every date; other pixels get no decision (the caller
    writes nodata). For each interval i (images i and i + 1) a pixel whose last change made image s
    its new start is tested with j = i - s + 2 images s..i+1; a p-value <= alpha is a change and
    the next test starts from image i + 1 (Conradsen et al. 2016, sect. IV; sar_seq.change_maps).
    ``median`` takes the 3x3 median of the p-values before thresholding, each neighbour tested with
    the centre pixel's own start, so that it is the p-value image of the same test, as Canty filters
    whole p-value images. ``halo`` = (top, bottom) rows of ``stack`` that only feed the median:
    the results cover the rows between them.
    """
    k = len(stack)
    p, rows, w = stack[0].shape
    if k < 2:
        raise ValueError("at least two dates are needed")
    top, bottom = halo
    out = _Recorder(k, rows - top - bottom, w, slice(top, rows - bottom))
    run = _run_median if median else _run_plain
    if not run(stack, valid, enl, alpha, out, is_cancelled):
        return None
    return SequenceResult(out.first, out.last, out.freq, out.intervals, out.pvalues)


class _Recorder:
    """Collects the per-interval decisions of the output rows into the result arrays."""

    def __init__(self, k, n_out, w, out_rows):
        self.rows = out_rows
        self.first = np.zeros((n_out, w), dtype=np.uint8)
        self.last = np.zeros_like(self.first)
        self.freq = np.zeros_like(self.first)
        self.intervals = np.zeros((k - 1, n_out, w), dtype=np.uint8)
        self.pvalues = np.zeros((k - 1, n_out, w), dtype=np.float32)

    def record(self, i, changed, above, below, pv):
        c_out = changed[self.rows]
        # 1 brighter, 2 darker, 3 mixed (never both above and below)
        direction = 3 - 2 * above[self.rows].view(np.uint8) - below[self.rows].view(np.uint8)
        self.intervals[i] = c_out.view(np.uint8) * direction
        self.pvalues[i] = pv[self.rows]
        self.freq += c_out
        self.last[c_out] = i + 1
        self.first[c_out & (self.first == 0)] = i + 1


def _run_plain(stack, valid, enl, alpha, out, is_cancelled) -> bool:
    """The test with running sums, in float32, from the ratio of each band to the mean before it.

    With m the mean of the j - 1 images before X and r = X / m per band, ln R_j above reduces to
    n sum_b [ln r - j ln(1 + (r - 1) / j)]: the j ln j terms and the sums cancel. Every term is
    O(|ln r|), so float32 keeps z to ~1e-6 where the raw form would lose it to j ln S_j ~ 100
    (checked against the float64 reference in tests/core/test_sar_omnibus.py).
    """
    k, p = len(stack), stack[0].shape[0]
    jj = np.arange(k + 2, dtype=np.float64)
    jj[:2] = 2.0  # j >= 2 always; the first two entries are never used
    rho_t, omega_t = rho_omega(jj, enl, p)
    coef_t = (-2.0 * rho_t * enl).astype(np.float32)  # z = -2 rho ln R
    omega_t = omega_t.astype(np.float32)
    j_t, inv_j_t, jm1_t = jj.astype(np.float32), (1.0 / jj).astype(np.float32), (jj - 1).astype(np.float32)
    tiny = np.float32(np.finfo(np.float32).tiny)
    total = np.maximum(stack[0], tiny)  # sum of the images since the last change
    start = np.zeros(stack[0].shape[1:], dtype=np.int32)
    for i in range(k - 1):
        if is_cancelled is not None and is_cancelled():
            return False
        new = np.maximum(stack[i + 1], tiny)
        j_int = i + 2 - start
        r = new * jm1_t[j_int] / total
        stat = (np.log(r) - j_t[j_int] * np.log1p((r - 1.0) * inv_j_t[j_int])).sum(axis=0)
        pv = mixture_sf(coef_t[j_int] * stat, p, omega_t[j_int])
        changed = (pv <= alpha) & valid
        # brighter/darker: each band against the mean of the images since the last change
        out.record(i, changed, (r > 1.0).all(axis=0), (r < 1.0).all(axis=0), pv)
        total += new
        np.copyto(total, new, where=changed[None])
        start[changed] = i + 1
    return True


def _run_median(stack, valid, enl, alpha, out, is_cancelled) -> bool:
    """The test with a 3x3 median of p-values, each neighbour tested from the centre's own start."""
    stack = np.asarray(stack)
    k, p, rows, w = stack.shape
    # Prefix sums make the sum of images s..i of any pixel one subtraction, whatever its own s.
    cum = np.zeros((k + 1, p, rows, w), dtype=np.float64)
    np.cumsum(stack, axis=0, dtype=np.float64, out=cum[1:])
    start = np.zeros((rows, w), dtype=np.int64)
    r_idx = np.arange(rows)[:, None]
    c_idx = np.arange(w)[None, :]

    def test(i, dy=0, dx=0):
        """p-values of image i+1 against images s..i at the neighbour (dy, dx), s the centre's start."""
        rr = np.clip(r_idx + dy, 0, rows - 1)
        cc = np.clip(c_idx + dx, 0, w - 1)
        # advanced indices around a slice put the pixel axes first: (rows, w, p) -> (p, rows, w)
        before = (cum[i + 1][:, rr, cc] - cum[start, :, rr, cc].transpose(2, 0, 1))
        new = cum[i + 2][:, rr, cc] - cum[i + 1][:, rr, cc]
        j = (i - start + 2).astype(np.float64)
        inside = (r_idx + dy >= 0) & (r_idx + dy < rows) & (c_idx + dx >= 0) & (c_idx + dx < w)
        return p_value(before, new, j, enl), before / (j - 1.0), new, inside & valid[rr, cc]

    for i in range(k - 1):
        if is_cancelled is not None and is_cancelled():
            return False
        pv, mean_before, new, _ = test(i)
        stack9 = np.empty((9, rows, w))
        ok9 = np.empty((9, rows, w), dtype=bool)
        for n, (dy, dx) in enumerate(_OFFSETS):
            stack9[n], _, _, ok9[n] = (pv, None, None, valid) if (dy, dx) == (0, 0) else test(i, dy, dx)
        pv = _median3x3(stack9, ok9)
        changed = (pv <= alpha) & valid
        out.record(i, changed, (new > mean_before).all(axis=0), (new < mean_before).all(axis=0), pv)
        start = np.where(changed, i + 1, start)
    return True


def estimate_enl(image: np.ndarray, valid: np.ndarray, window: int = 7) -> Optional[np.ndarray]:
    """Return the ENL of each full ``window`` x ``window`` block of valid pixels of ``image`` (mean^2 / var).

    For fully developed speckle over a homogeneous area intensity is Gamma(ENL) and mean^2/var = ENL;
    texture and edges only lower the ratio, so the mode of the block values over a scene (see
    ``enl_mode``) picks the homogeneous areas.
    """
    rows, w = image.shape
    nr, nc = rows // window, w // window
    if nr == 0 or nc == 0:
        return None
    blocks = image[:nr * window, :nc * window].astype(np.float64).reshape(nr, window, nc, window)
    ok = valid[:nr * window, :nc * window].reshape(nr, window, nc, window).all(axis=(1, 3))
    mean = blocks.mean(axis=(1, 3))
    var = blocks.var(axis=(1, 3), ddof=1)
    good = ok & (var > 0) & (mean > 0)
    return (mean[good] ** 2 / var[good])


def enl_mode(values: np.ndarray) -> Optional[float]:
    """Return the mode of block ENL values, from a histogram of their logarithms (0.05 wide bins).

    The ratio of a 7x7 block's mean^2 to its sample variance is skewed upwards; the mode is
    near the true ENL for gamma speckle (tests/core/test_sar_omnibus.py checks it).
    """
    values = values[np.isfinite(values) & (values > 0)]
    if values.size < 10:
        return None
    logs = np.log(values)
    lo, hi = np.percentile(logs, [1, 99])
    if hi - lo < 1e-9:
        return float(np.exp(lo))
    bins = max(int((hi - lo) / 0.05), 1)
    counts, edges = np.histogram(logs, bins=bins, range=(lo, hi))
    # a 3-bin running mean steadies the peak against histogram noise
    smooth = np.convolve(counts, np.ones(3) / 3.0, mode="same")
    b = int(np.argmax(smooth))
    return float(np.exp(0.5 * (edges[b] + edges[b + 1])))
