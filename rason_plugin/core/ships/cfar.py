"""Constant-false-alarm-rate (CFAR) thresholds for ships on sea clutter: pure numpy, no I/O.

Each pixel is compared with a threshold set from the clutter around it: the pixels of a square
ring (outer half-width ``background`` pixels) that excludes a square guard area (half-width
``guard`` pixels) around the pixel, so the ship's own pixels do not raise its threshold, and
excludes masked pixels (land, nodata). This is ESA SNAP's adaptive-threshold layout
(SNAP "Ocean Tools > Object Detection": target, guard and background windows). The ring's
moments come from box sums over integral images, so the cost per pixel does not depend on the
window sizes.

Clutter models (the threshold ``T`` keeps P(I > T) = pfa under the model fitted to the ring):

- ``GAUSSIAN``: SNAP's two-parameter CFAR, ``T = mean + z * std`` with ``z`` the normal quantile.
  Sea clutter is heavy-tailed, so this gives far more false alarms than ``pfa`` says.
- ``GAMMA``: multilook speckle; the intensity is Gamma with shape ``L = mean^2 / var`` (the
  equivalent number of looks of the ring) and the ring's mean.
- ``K``: textured sea clutter, Gamma texture times Gamma speckle (see kdist.py); the texture's
  shape comes from the ring's moments, the looks are the product's.
- ``LOGNORMAL``: ``log I`` normal with the ring's mean and variance of ``log I``.
The default, K, was chosen by measurement on simulated K-distributed clutter (L = 4.4 looks,
texture shape 1 to 10; 2e7 samples): at a nominal pfa of 1e-6 the Gaussian threshold let through
about 3000 times as many clutter pixels, Gamma 25 times, log-normal none at all (its tail is
heavier, so it costs sensitivity), K 0.9 to 1.25 times. tests/core/test_ships_cfar.py repeats
this measurement at pfa 1e-4.
"""
from __future__ import annotations

import math
from typing import Optional

import numpy as np

from .kdist import DEFAULT_LOOKS, k_multipliers, shape_from_moments
from .special import check_pfa, gamma_upper_regularized, normal_quantile_upper

GAUSSIAN = "gaussian"
GAMMA = "gamma"
LOGNORMAL = "lognormal"
K = "k"
CLUTTER_MODELS = (GAUSSIAN, GAMMA, K, LOGNORMAL)
DEFAULT_CLUTTER = K

# A ring with fewer valid pixels than this (e.g. in a narrow dock) gives no reliable statistics:
# its pixel is not tested rather than tested against a guess.
MIN_RING_PIXELS = 40


def box_sum(values: np.ndarray, half: int) -> np.ndarray:
    """Return, for each pixel, the sum of ``values`` over the (2*half+1)^2 square centred on it.

    Squares are clipped by the array's edges. Float64 integral image: four look-ups per pixel.
    """
    h, w = values.shape
    integral = np.zeros((h + 1, w + 1), dtype=np.float64)
    np.cumsum(values, axis=0, dtype=np.float64, out=integral[1:, 1:])
    np.cumsum(integral[1:, 1:], axis=1, out=integral[1:, 1:])
    r0 = np.clip(np.arange(h) - half, 0, h)
    r1 = np.clip(np.arange(h) + half + 1, 0, h)
    c0 = np.clip(np.arange(w) - half, 0, w)
    c1 = np.clip(np.arange(w) + half + 1, 0, w)
    return (integral[r1][:, c1] - integral[r0][:, c1] - integral[r1][:, c0] + integral[r0][:, c0])


def ring_moments(values: np.ndarray, valid: np.ndarray, guard: int, background: int):
    """Return (count, mean, variance) of the valid ``values`` in each pixel's background ring.

    The ring is the (2*background+1)^2 square minus the (2*guard+1)^2 guard square. Pixels whose
    ring holds no valid pixel get mean and variance NaN.
    """
    if not 0 <= guard < background:
        raise ValueError("the guard window must be smaller than the background window")
    v = np.where(valid, values, 0.0).astype(np.float64)
    w = valid.astype(np.float64)
    n = box_sum(w, background) - box_sum(w, guard)
    s1 = box_sum(v, background) - box_sum(v, guard)
    s2 = box_sum(v * v, background) - box_sum(v * v, guard)
    with np.errstate(invalid="ignore", divide="ignore"):
        # Integral-image differences can leave a count of 1e-9 instead of 0.
        n = np.rint(n)
        mean = np.where(n > 0, s1 / n, np.nan)
        var = np.where(n > 1, s2 / n - mean * mean, np.nan)
    return n, mean, np.maximum(var, 0.0)


def gamma_multiplier(looks: float, pfa: float) -> float:
    """Return m with P(I > m * mean) = pfa for Gamma intensity of shape ``looks``."""
    check_pfa(pfa)
    # Q(L, L m) falls with m; bracket then bisect in log space.
    lo, hi = 1e-6, 2.0
    while gamma_upper_regularized(looks, looks * hi) > pfa:
        hi *= 2.0
    for _ in range(200):
        mid = math.sqrt(lo * hi)
        if gamma_upper_regularized(looks, looks * mid) > pfa:
            lo = mid
        else:
            hi = mid
    return math.sqrt(lo * hi)


# The Gamma multiplier depends on the ring's looks; a table over log-spaced looks, interpolated,
# keeps it vectorised (the multiplier is smooth in log L).
_LOOK_TABLE = np.geomspace(0.2, 200.0, 97)


def gamma_multipliers(looks: np.ndarray, pfa: float) -> np.ndarray:
    """Return the Gamma threshold multiplier for each pixel's looks (clipped to the table's 0.2..200)."""
    table = np.array([gamma_multiplier(float(L), pfa) for L in _LOOK_TABLE])
    lv = np.log(np.clip(looks, _LOOK_TABLE[0], _LOOK_TABLE[-1]))
    return np.interp(lv, np.log(_LOOK_TABLE), table)


def threshold_from_moments(mean, var, log_moments, pfa: float, clutter: str):
    """Return the threshold each clutter model sets for the ring moments given (NaN where undefined).

    ``log_moments`` is (mean, variance) of log intensity, needed by LOGNORMAL only.
    """
    if clutter not in CLUTTER_MODELS:
        raise ValueError(f"unknown clutter model {clutter!r}; use one of {CLUTTER_MODELS}")
    check_pfa(pfa)
    with np.errstate(invalid="ignore", divide="ignore"):
        if clutter == GAUSSIAN:
            return mean + normal_quantile_upper(pfa) * np.sqrt(var)
        if clutter == K:
            return mean * k_multipliers(shape_from_moments(mean, var, DEFAULT_LOOKS), pfa, DEFAULT_LOOKS)
        if clutter == GAMMA:
            looks = np.where(var > 0, mean * mean / var, _LOOK_TABLE[-1])
            return mean * gamma_multipliers(looks, pfa)
        lmean, lvar = log_moments
        return np.exp(lmean + normal_quantile_upper(pfa) * np.sqrt(lvar))


def thresholds(intensity: np.ndarray, valid: np.ndarray, guard: int, background: int, pfa: float,
               clutter: str = DEFAULT_CLUTTER):
    """Return (threshold, ring_mean) in intensity units for each pixel; NaN where untested.

    ``intensity`` is linear intensity (>= 0); ``valid`` marks sea pixels with data. A pixel is
    untested when it is invalid itself or its ring has fewer than MIN_RING_PIXELS valid pixels.
    """
    if clutter not in CLUTTER_MODELS:
        raise ValueError(f"unknown clutter model {clutter!r}; use one of {CLUTTER_MODELS}")
    check_pfa(pfa)
    n, mean, var = ring_moments(intensity, valid, guard, background)
    log_moments = None
    if clutter == LOGNORMAL:
        # Zero intensities have no logarithm; they are left out of the log-moments (a
        # scene-wide floor would make the result depend on which strip is read).
        positive = valid & (intensity > 0)
        logs = np.log(np.where(positive, intensity, 1.0))
        log_moments = ring_moments(logs, positive, guard, background)[1:]
    thr = threshold_from_moments(mean, var, log_moments, pfa, clutter)
    untested = ~valid | (n < MIN_RING_PIXELS) | ~np.isfinite(thr)
    thr = np.where(untested, np.nan, thr)
    return thr, np.where(untested, np.nan, mean)


def to_intensity(bands, units: int, valid: Optional[np.ndarray] = None, in_place: bool = False) -> np.ndarray:
    """Return one linear-intensity array from one or more bands in ``units`` (0 intensity, 1 amplitude, 2 dB).

    Several bands (e.g. VV and VH) are summed as linear intensities: the sum is the total power
    the radar received (the trace of the covariance matrix, "span"), so a ship bright in either
    channel stays bright, and the CFAR is fitted to the sum's own clutter, so the false-alarm
    rate still holds. Averaging dB values instead would let a dark channel hide a bright one.
    ``in_place``: float32 bands may be overwritten (the caller's fresh read buffers).
    """
    if units not in (0, 1, 2):
        raise ValueError("units must be 0 (linear intensity), 1 (amplitude) or 2 (dB)")
    total = None
    for band in bands:
        # float32 holds DN^2 up to 65535^2 and dB to 1e38; half the memory traffic of float64.
        # The arithmetic is in place: a strip is tens of megapixels, each temporary costs.
        b = band if in_place and band.dtype == np.float32 else np.array(band, dtype=np.float32, copy=True)
        if units == 1:
            np.multiply(b, b, out=b)
        elif units == 2:
            b /= np.float32(10.0)
            np.power(np.float32(10.0), b, out=b)
        if total is None:
            total = b
        else:
            total += b
    if total is None:
        raise ValueError("no band to combine")
    if valid is not None and not valid.all():
        total[~valid] = 0.0
    if units == 0:
        np.maximum(total, np.float32(0.0), out=total)  # amplitude squared and 10^x are never negative
    return total
